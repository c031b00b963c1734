import fc from "fast-check";
import { assertIntegerInRange, assertLogRetentionDays, assertOneOf, assertResourceType, CLOUDWATCH_LOG_RETENTION_DAYS } from "../../lib/support/component-args";
import { PaymentEventBus } from "../../lib/eventing/event-bus";
import { WorkflowTrigger } from "../../lib/eventing/workflow-trigger";
import { Monitoring } from "../../lib/observability/monitoring";
import { runProgramUnderMocks } from "../support/stack-harness";
import { FAKE } from "./support/eventing-program";

describe("assertIntegerInRange", () => {
  it("accepts exactly the integers in [min, max] and returns them unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ noNaN: false })), (a, b, value) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const valid = Number.isInteger(value) && value >= min && value <= max;
        if (valid) expect(assertIntegerInRange("X.y", value, min, max)).toBe(value);
        else expect(() => assertIntegerInRange("X.y", value, min, max)).toThrow(`X.y must be an integer from ${min} to ${max}; got ${String(value)}.`);
      }),
    );
  });
});

describe("assertIntegerInRange options", () => {
  it("adds the reason after the bounds and shows the value as the caller read it", () => {
    expect(() => assertIntegerInRange("payment-webhooks:x", Number.NaN, 1, 5, { reason: " (requests per second)", shownAs: '"1e3"' })).toThrow(
      'payment-webhooks:x must be an integer from 1 to 5 (requests per second); got "1e3".',
    );
  });
});

describe("assertOneOf", () => {
  it("returns an allowed value and names the choices otherwise (\"or\" for two, a list for more)", () => {
    expect(assertOneOf("X.type", "EXPRESS", ["STANDARD", "EXPRESS"])).toBe("EXPRESS");
    expect(() => assertOneOf("X.type", "standard", ["STANDARD", "EXPRESS"])).toThrow('X.type must be "STANDARD" or "EXPRESS"; got "standard".');
    expect(() => assertOneOf("X.level", undefined, ["A", "B", "C"])).toThrow('X.level must be one of "A", "B", "C"; got undefined.');
  });
});

describe("assertResourceType", () => {
  it.each(["webhook-validator", "payment-processor", "a1"])("accepts %p", (value) => {
    expect(assertResourceType("X.functionType", value)).toBe(value);
  });

  it.each(["", "Webhook", "webhook_validator", "-webhook", "webhook-", "webhook--validator", "1st"])("rejects %p", (value) => {
    expect(() => assertResourceType("X.functionType", value)).toThrow(`X.functionType must be a kebab-case resource type such as "webhook-validator"; got ${JSON.stringify(value)}.`);
  });
});

describe("assertLogRetentionDays", () => {
  it.each([1, 7, 14, 30, 365, 3653])("accepts %p", (days) => {
    expect(assertLogRetentionDays("X.logRetentionDays", days)).toBe(days);
  });

  it("rejects every other whole number up to 4000", () => {
    const accepted = new Set(CLOUDWATCH_LOG_RETENTION_DAYS);
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }).filter((n) => !accepted.has(n)), (days) => {
        expect(() => assertLogRetentionDays("X.logRetentionDays", days)).toThrow(/^X\.logRetentionDays must be one of/);
      }),
    );
  });
});

describe("two instances in one stack", () => {
  it("register without URN clashes when given different names and suffixes", async () => {
    const { resources } = await runProgramUnderMocks({
      config: {},
      program: () => {
        for (const suffix of ["blue", "green"]) {
          const bus = new PaymentEventBus(`events-${suffix}`, { environmentSuffix: suffix });
          new WorkflowTrigger(`trigger-${suffix}`, {
            environmentSuffix: suffix,
            kmsKeyArn: FAKE.kmsKeyArn,
            table: { streamArn: FAKE.streamArn },
            eventBusName: bus.busName,
            eventBusArn: bus.busArn,
            stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-${suffix}`,
          });
        }
        return {};
      },
    });
    const pipes = resources.filter((r) => r.type === "aws:pipes/pipe:Pipe").map((r) => r.inputs.name).sort();
    expect(pipes).toEqual(["payment-events-pipe-blue", "payment-events-pipe-green"]);
    const urns = resources.map((r) => r.urn);
    expect(new Set(urns).size).toBe(urns.length);
  });
});

describe("the Monitoring component (once named Observability)", () => {
  it("keeps the URNs stacks already have, so `pulumi up` replaces no alarm, topic or dashboard", async () => {
    const { resources } = await runProgramUnderMocks({
      project: "payment-webhooks",
      stack: "prod",
      config: {},
      program: () => {
        new Monitoring("payment-webhooks", {
          environmentSuffix: "prod",
          kmsKeyArn: FAKE.kmsKeyArn,
          alarmEmail: "oncall@example.com",
          api: { name: FAKE.apiName, stageName: FAKE.stageName },
          functions: [{ label: "webhook-validator", name: FAKE.validatorName }],
          stateMachine: { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-prod" },
          deadLetterQueues: [{ label: "payment-events-pipe-dlq", name: "payment-events-pipe-dlq-prod" }],
        });
        return {};
      },
    });
    // A child's URN carries its parent's type token (Pulumi docs, "Resource URNs":
    // urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>), so a new token would
    // give every child a new URN. These are the URNs the deployed stacks hold.
    const deployedType = "payments:observability:Observability";
    const component = resources.find((r) => r.name === "payment-webhooks");
    expect(component?.type).toBe(deployedType);
    const urns = new Set(resources.map((r) => r.urn));
    for (const child of [
      "aws:sns/topic:Topic::payment-webhooks-alarm-topic",
      "aws:sns/topicPolicy:TopicPolicy::payment-webhooks-alarm-topic-policy",
      "aws:sns/topicSubscription:TopicSubscription::payment-webhooks-alarm-email",
      "aws:cloudwatch/dashboard:Dashboard::payment-webhooks-dashboard",
    ]) {
      expect(urns).toContain(`urn:pulumi:prod::payment-webhooks::${deployedType}$${child}`);
    }
    const children = resources.filter((r) => r.custom);
    expect(children.length).toBeGreaterThan(4);
    for (const child of children) {
      expect({ name: child.name, parent: child.parent }).toEqual({ name: child.name, parent: component?.urn });
      expect(child.urn.startsWith(`urn:pulumi:prod::payment-webhooks::${deployedType}$`)).toBe(true);
    }
  });
});
