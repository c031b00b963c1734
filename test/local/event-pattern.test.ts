/**
 * Cases transcribed from the EventBridge user guide ("Content filtering in Amazon EventBridge
 * event patterns", "Creating event patterns", "Comparison operators"): the pattern and the
 * verdict the documentation states for each sample event.
 */
import { PIPE_FILTER_PATTERN, WORKFLOW_RULE_EVENT_PATTERN } from "../../contract/event-routing";
import {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
  type EventPattern,
} from "../../local/eventbridge/event-pattern";

/** The EC2 state-change event the user guide uses throughout. */
const EC2_EVENT = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "111122223333",
  time: "2017-12-22T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated" },
};

type Case = [description: string, pattern: EventPattern, event: unknown, expected: boolean];

const withDetail = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...EC2_EVENT, ...extra, detail });

const documentedCases: Case[] = [
  ["exact source and detail-type", { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] }, EC2_EVENT, true],
  ["exact match is case-sensitive", { source: ["AWS.EC2"] }, EC2_EVENT, false],
  ["values in a list are alternatives (OR)", { detail: { state: ["running", "terminated"] } }, EC2_EVENT, true],
  ["every field must match (AND)", { source: ["aws.ec2"], detail: { state: ["running"] } }, EC2_EVENT, false],
  ["fields absent from the event do not match", { detail: { "not-there": ["x"] } }, EC2_EVENT, false],
  [
    "array in the event matches when it intersects the pattern's list",
    {
      resources: [
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        "arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0",
      ],
    },
    EC2_EVENT,
    true,
  ],
  ["array in the event with no common element does not match", { resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"] }, EC2_EVENT, false],
  ["prefix", { time: [{ prefix: "2017-12-22" }] }, EC2_EVENT, true],
  ["prefix that does not match", { time: [{ prefix: "2017-10-02" }] }, EC2_EVENT, false],
  ["prefix ignoring case", { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } }, withDetail({ service: "eventbridge" }), true],
  ["prefix ignoring case, other letters", { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } }, withDetail({ service: "Bridge" }), false],
  ["suffix", { detail: { FileName: [{ suffix: ".png" }] } }, withDetail({ FileName: "image.png" }), true],
  ["suffix is case-sensitive", { detail: { FileName: [{ suffix: ".png" }] } }, withDetail({ FileName: "image.PNG" }), false],
  ["suffix ignoring case", { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } }, withDetail({ FileName: "image.PNG" }), true],
  ["equals-ignore-case", { detail: { name: [{ "equals-ignore-case": "alice" }] } }, withDetail({ name: "ALICE" }), true],
  ["anything-but a string", { detail: { state: [{ "anything-but": "initializing" }] } }, EC2_EVENT, true],
  ["anything-but excludes the named string", { detail: { state: [{ "anything-but": "initializing" }] } }, withDetail({ state: "initializing" }), false],
  ["anything-but does not match an absent field", { detail: { state: [{ "anything-but": "initializing" }] } }, withDetail({}), false],
  ["anything-but a number", { detail: { "x-limit": [{ "anything-but": 123 }] } }, withDetail({ "x-limit": 456 }), true],
  ["anything-but excludes the number", { detail: { "x-limit": [{ "anything-but": 123 }] } }, withDetail({ "x-limit": 123 }), false],
  ["anything-but a list of strings", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, withDetail({ state: "overloaded" }), false],
  ["anything-but a list of strings, other value", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, EC2_EVENT, true],
  ["anything-but a list of numbers", { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } }, withDetail({ "x-limit": 200 }), false],
  ["anything-but prefix", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }, withDetail({ state: "initializing" }), false],
  ["anything-but prefix, other value", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }, EC2_EVENT, true],
  ["anything-but suffix", { detail: { FileName: [{ "anything-but": { suffix: ".txt" } }] } }, withDetail({ FileName: "notes.txt" }), false],
  [
    "anything-but ignoring case",
    { detail: { state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } },
    withDetail({ state: "STOPPED" }),
    false,
  ],
  ["anything-but wildcard", { detail: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] } }, withDetail({ FilePath: "/usr/lib/x" }), false],
  ["anything-but wildcard, other path", { detail: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] } }, withDetail({ FilePath: "/usr/bin/x" }), true],
  ["numeric range, upper bound inclusive", { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } }, withDetail({ "c-count": 5 }), true],
  ["numeric range, lower bound exclusive", { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } }, withDetail({ "c-count": 0 }), false],
  ["numeric range, above", { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } }, withDetail({ "c-count": 6 }), false],
  ["numeric less than", { detail: { "d-count": [{ numeric: ["<", 10] }] } }, withDetail({ "d-count": 9.5 }), true],
  ["numeric equals in exponent notation", { detail: { "x-limit": [{ numeric: ["=", 3.018e2] }] } }, withDetail({ "x-limit": 301.8 }), true],
  ["numeric matches JSON numbers only, not numeric strings", { detail: { "c-count": [{ numeric: [">", 0] }] } }, withDetail({ "c-count": "5" }), false],
  ["exact number matches numerically", { detail: { count: [300] } }, withDetail({ count: 3.0e2 }), true],
  ["cidr", { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } }, withDetail({ "source-ip": "10.0.0.255" }), true],
  ["cidr, outside the block", { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } }, withDetail({ "source-ip": "10.0.1.0" }), false],
  ["exists true", { detail: { state: [{ exists: true }] } }, EC2_EVENT, true],
  ["exists true, field absent", { detail: { "c-count": [{ exists: true }] } }, EC2_EVENT, false],
  ["exists false, field absent", { detail: { "c-count": [{ exists: false }] } }, EC2_EVENT, true],
  ["exists false, field present", { detail: { state: [{ exists: false }] } }, EC2_EVENT, false],
  ["exists works on leaf nodes only", { detail: [{ exists: true }] }, EC2_EVENT, false],
  ["empty string value", { detail: { eventVersion: [""] } }, withDetail({ eventVersion: "" }), true],
  ["null value", { detail: { responseElements: [null] } }, withDetail({ responseElements: null }), true],
  ["null does not match an absent field", { detail: { responseElements: [null] } }, withDetail({}), false],
  ["wildcard", { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] }, { EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" }, true],
  ["wildcard, other region", { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] }, { EventBusArn: "arn:aws:events:eu-west-1:123456789012:event-bus/default" }, false],
  ["escaped star is a literal star", { name: [{ wildcard: "a\\*b" }] }, { name: "aXb" }, false],
  [
    "$or: any alternative",
    { detail: { $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }] } },
    withDetail({ "c-count": 50, "d-count": 3 }),
    true,
  ],
  [
    "$or: no alternative",
    { detail: { $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }] } },
    withDetail({ "c-count": 50, "d-count": 30 }),
    false,
  ],
  [
    "complex example with several operators",
    {
      time: [{ prefix: "2017-12-22" }],
      detail: {
        state: [{ "anything-but": "initializing" }],
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ "anything-but": [100, 200, 300] }],
      },
    },
    withDetail({ state: "running", "c-count": 3, "d-count": 1, "x-limit": 301.8 }),
    true,
  ],
  ["nested objects inside arrays match any element", { detail: { items: { sku: ["B"] } } }, withDetail({ items: [{ sku: "A" }, { sku: "B" }] }), true],
];

describe("EventBridge event pattern matching (documented examples)", () => {
  it.each(documentedCases)("%s", (_description, pattern, event, expected) => {
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });
});

describe("invalid patterns are rejected with the offending field named", () => {
  it.each<[string, unknown, string]>([
    ["a bare value instead of a list", { source: "aws.ec2" }, "pattern.source must be an array"],
    ["an empty list", { source: [] }, "pattern.source must not be an empty array"],
    ["an unknown operator", { detail: { state: [{ "starts-with": "x" }] } }, 'pattern.detail.state: unsupported operator "starts-with"'],
    ["a numeric operator that does not exist", { n: [{ numeric: ["!=", 1] }] }, "pattern.n: numeric operator must be one of"],
    ["a non-boolean exists", { n: [{ exists: "yes" }] }, "exists takes true or false"],
    ["an empty pattern", {}, "pattern must be a non-empty JSON object"],
    ["a single-alternative $or", { $or: [{ a: ["b"] }] }, "pattern.$or must be an array of at least two patterns"],
    ["a malformed cidr", { ip: [{ cidr: "10.0.0.0/33" }] }, "pattern.ip: cidr takes an IPv4 block"],
  ])("%s", (_description, pattern, message) => {
    expect(() => compileEventPattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => compileEventPattern(pattern)).toThrow(message);
  });
});

describe("the contract's patterns", () => {
  const streamRecord = (eventName: string, itemType: string) => ({
    eventID: "1",
    eventName,
    eventSource: "aws:dynamodb",
    dynamodb: { Keys: {}, NewImage: { paymentId: { S: "pi_1" }, itemType: { S: itemType } } },
  });

  it("the Pipe filter passes INSERTs of EVENT items only", () => {
    const filter = compileEventPattern(PIPE_FILTER_PATTERN);
    expect(filter(streamRecord("INSERT", "EVENT"))).toBe(true);
    expect(filter(streamRecord("MODIFY", "EVENT"))).toBe(false);
    expect(filter(streamRecord("INSERT", "STATE"))).toBe(false);
    expect(filter(streamRecord("REMOVE", "EVENT"))).toBe(false);
  });

  it("the rule matches the Pipe's webhook events and not the processor's outcome events", () => {
    const rule = compileEventPattern(WORKFLOW_RULE_EVENT_PATTERN);
    expect(rule({ source: "payment-webhooks.ingest", "detail-type": "Payment Webhook Received", detail: {} })).toBe(true);
    expect(rule({ source: "payment-webhooks.processor", "detail-type": "Payment Succeeded", detail: {} })).toBe(false);
  });
});
