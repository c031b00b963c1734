/** The local bus: envelope, archive, rule matching, async delivery, retries, rule DLQ; and its PutEvents endpoint. */
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { LocalEventBus, type BusEvent } from "../../local/eventbridge/local-event-bus";
import { startPutEventsEndpoint } from "../../local/eventbridge/put-events-endpoint";
import { DeadLetterQueue } from "../../local/pipe/dead-letter-queue";

function newBus() {
  const dlq = new DeadLetterQueue<BusEvent>();
  const bus = new LocalEventBus({ name: "payment-events-test", region: "us-east-1", account: "000000000000", deadLetterQueue: dlq, retryBaseDelayMs: 1 });
  return { bus, dlq };
}

describe("local event bus", () => {
  it("wraps entries in the EventBridge envelope, archives them, and delivers only matching events, after PutEvents returns", async () => {
    const { bus } = newBus();
    const delivered: BusEvent[] = [];
    bus.addRule({ name: "r", eventPattern: { source: ["a"], detail: { n: [{ numeric: [">", 1] }] } }, target: async (event) => void delivered.push(event) });

    const [id] = bus.putEvents([{ source: "a", detailType: "T", detail: { n: 2 } }]);
    bus.putEvents([{ source: "a", detailType: "T", detail: { n: 1 } }, { source: "b", detailType: "T", detail: { n: 5 } }]);
    expect(delivered).toEqual([]); // asynchronous, like the service
    await bus.drain();

    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ version: "0", id, source: "a", "detail-type": "T", account: "000000000000", region: "us-east-1", resources: [], detail: { n: 2 } });
    expect(delivered[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(bus.archive).toHaveLength(3);
  });

  it("retries a failing target and then dead-letters the event with the reason", async () => {
    const { bus, dlq } = newBus();
    let calls = 0;
    bus.addRule({ name: "start-workflow", eventPattern: { source: ["a"] }, maximumAttempts: 3, target: async () => {
      calls++;
      throw new Error("state machine unavailable");
    } });
    bus.putEvents([{ source: "a", detailType: "T", detail: {} }]);
    await bus.drain();
    expect(calls).toBe(3);
    expect(dlq.messages).toHaveLength(1);
    expect(dlq.messages[0]).toMatchObject({ source: "rule:start-workflow", attempts: 3, error: "Error: state machine unavailable", item: { source: "a" } });
  });

  it("rejects invalid entries as a whole, naming the field", () => {
    const { bus } = newBus();
    expect(() => bus.putEvents([{ source: "a", detailType: "T", detail: {} }, { source: "", detailType: "T", detail: {} }])).toThrow("Entries[1].Source is required.");
    expect(bus.archive).toEqual([]);
  });

  it("serves PutEvents to the AWS SDK's EventBridgeClient, with per-entry errors", async () => {
    const { bus } = newBus();
    const endpoint = await startPutEventsEndpoint(bus);
    const client = new EventBridgeClient({ endpoint: endpoint.endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    try {
      const response = await client.send(
        new PutEventsCommand({
          Entries: [
            { EventBusName: "payment-events-test", Source: "payment-webhooks.processor", DetailType: "Payment Succeeded", Detail: '{"eventId":"e1"}' },
            { EventBusName: "some-other-bus", Source: "s", DetailType: "T", Detail: "{}" },
            { EventBusName: "payment-events-test", Source: "s", DetailType: "T", Detail: "not json" },
          ],
        }),
      );
      expect(response.FailedEntryCount).toBe(2);
      expect(response.Entries?.[0]?.EventId).toBe(bus.archive[0]!.id);
      expect(response.Entries?.[1]?.ErrorCode).toBe("ResourceNotFoundException");
      expect(response.Entries?.[2]?.ErrorCode).toBe("MalformedDetail");
      expect(bus.archive.map((event) => event.detail)).toEqual([{ eventId: "e1" }]);
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });
});
