/**
 * The routing values the stack deploys (Pipe filter and input template, bus source and
 * detail-type, rule pattern), read back from the mocked resources and applied by the local
 * runtime's engines (local/eventbridge, local/pipe) to a stream record: an EVENT INSERT reaches
 * the workflow with a clean detail; a STATE item or a MODIFY never leaves the stream.
 */
import { OUTCOME_DETAIL_TYPES, OUTCOME_EVENT_SOURCE } from "../../contract/event-routing";
import { compileEventPattern } from "../../local/eventbridge/event-pattern";
import { renderJsonInputTemplate } from "../../local/pipe/input-template";
import { parseJsonInput, runStack, type Stack } from "../support/stack-harness";

type Dict = Record<string, unknown>;

const STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/payment-events-pr42/stream/2026-01-01T00:00:00.000";

/** A stream record as the Pipe sees it for an EVENT item the validator stored. */
function streamRecord(eventName: string, itemType: string): Dict {
  return {
    eventID: "1",
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-1",
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: 1767225600,
      Keys: { paymentId: { S: "pi_3Mtw" }, timestamp: { S: "2026-01-01T00:00:00.000Z#evt_1" } },
      NewImage: {
        paymentId: { S: "pi_3Mtw" },
        timestamp: { S: "2026-01-01T00:00:00.000Z#evt_1" },
        itemType: { S: itemType },
        provider: { S: "stripe" },
        eventId: { S: "evt_1" },
        eventType: { S: "payment_intent.payment_failed" },
        status: { S: "FAILED" },
        amount: { N: "2000" },
        currency: { S: "USD" },
        failureCode: { S: "card_declined" },
        declineSignals: { S: "" },
        occurredAt: { S: "2026-01-01T00:00:00.000Z" },
        receivedAt: { S: "2026-01-01T00:00:01.000Z" },
        payload: { S: '{"id":"evt_1","note":"raw body, never forwarded"}' },
        processingStatus: { S: "RECEIVED" },
        expiresAt: { N: "1769817600" },
      },
      SequenceNumber: "100",
      SizeBytes: 512,
      StreamViewType: "NEW_IMAGE",
    },
  };
}

let stack: Stack;
let pipeFilter: (event: unknown) => boolean;
let ruleMatches: (event: unknown) => boolean;
let template: string;
let busParameters: { source: string; detailType: string };

beforeAll(async () => {
  stack = await runStack();
  const pipe = stack.one("aws:pipes/pipe:Pipe");
  const source = pipe.inputs.sourceParameters as Dict;
  const [filter] = (source.filterCriteria as Dict).filters as Array<{ pattern: string }>;
  pipeFilter = compileEventPattern(JSON.parse(filter.pattern));
  const target = pipe.inputs.targetParameters as Dict;
  template = target.inputTemplate as string;
  busParameters = target.eventbridgeEventBusParameters as { source: string; detailType: string };
  ruleMatches = compileEventPattern(parseJsonInput(stack.one("aws:cloudwatch/eventRule:EventRule"), "eventPattern"));
});

describe("deployed routing, applied by the local engines", () => {
  it("passes an INSERT of an EVENT item through the pipe filter", () => {
    expect(pipeFilter(streamRecord("INSERT", "EVENT"))).toBe(true);
  });

  it.each([
    ["an INSERT of the STATE item", streamRecord("INSERT", "STATE")],
    ["a MODIFY of an EVENT item (the workflow's own status updates)", streamRecord("MODIFY", "EVENT")],
    ["a REMOVE (TTL expiry)", streamRecord("REMOVE", "EVENT")],
  ])("drops %s", (_case, record) => {
    expect(pipeFilter(record)).toBe(false);
  });

  it("renders a clean, all-string detail without the raw payload or type descriptors", () => {
    expect(renderJsonInputTemplate(template, streamRecord("INSERT", "EVENT"))).toEqual({
      paymentId: "pi_3Mtw",
      timestamp: "2026-01-01T00:00:00.000Z#evt_1",
      provider: "stripe",
      eventId: "evt_1",
      eventType: "payment_intent.payment_failed",
      status: "FAILED",
      amount: "2000",
      currency: "USD",
      failureCode: "card_declined",
      declineSignals: "",
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("puts an event on the bus that the workflow rule matches", () => {
    const detail = renderJsonInputTemplate(template, streamRecord("INSERT", "EVENT"));
    const busEvent = { version: "0", id: "e1", account: "123456789012", region: "us-east-1", time: "2026-01-01T00:00:02Z", resources: [], source: busParameters.source, "detail-type": busParameters.detailType, detail };
    expect(ruleMatches(busEvent)).toBe(true);
  });

  it.each([...OUTCOME_DETAIL_TYPES])("does not start the workflow for the processor's %s outcome on the same bus", (detailType) => {
    expect(ruleMatches({ source: OUTCOME_EVENT_SOURCE, "detail-type": detailType, detail: { paymentId: "pi_3Mtw" } })).toBe(false);
  });
});
