/** The local Pipe against the local DynamoDB Streams API (read with the real SDK client), with the contract's filter and template. */
import { PutItemCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import {
  PIPE_FILTER_PATTERN,
  PIPE_INPUT_TEMPLATE,
  WEBHOOK_EVENT_DETAIL_TYPE,
  WEBHOOK_EVENT_SOURCE,
} from "../../contract/event-routing";
import { createEventTable, type EventTable } from "../../local/dynamodb/event-table";
import { startLocalDynamoDb, type RunningLocalDynamoDb } from "../../local/dynamodb/local-dynamodb";
import { DeadLetterQueue } from "../../local/pipe/dead-letter-queue";
import { LocalPipe, type BusEntry } from "../../local/pipe/local-pipe";
import type { PipeDynamoDbEvent } from "../../local/pipe/stream-record";
import { localDynamoDbClient, localStreamsClient } from "../../local/support/aws-clients";

let server: RunningLocalDynamoDb;
let dynamodb: DynamoDBClient;
let streams: DynamoDBStreamsClient;

beforeAll(async () => {
  server = await startLocalDynamoDb();
  dynamodb = localDynamoDbClient(server.endpoint);
  streams = localStreamsClient(server.endpoint);
});
afterAll(async () => {
  dynamodb?.destroy();
  streams?.destroy();
  await server?.stop();
});

function eventItem(paymentId: string, eventId: string, overrides: Record<string, unknown> = {}) {
  const occurredAt = "2026-03-01T10:00:00.000Z";
  return {
    paymentId: { S: paymentId },
    timestamp: { S: `${occurredAt}#${eventId}` },
    itemType: { S: "EVENT" },
    provider: { S: "stripe" },
    eventId: { S: eventId },
    eventType: { S: "payment_intent.succeeded" },
    status: { S: "SUCCEEDED" },
    amount: { N: "2500" },
    currency: { S: "EUR" },
    failureCode: { S: "" },
    declineSignals: { S: "" },
    occurredAt: { S: occurredAt },
    receivedAt: { S: occurredAt },
    payload: { S: "{}" },
    processingStatus: { S: "RECEIVED" },
    expiresAt: { N: "1900000000" },
    ...overrides,
  };
}

async function newTable(name: string): Promise<EventTable> {
  return createEventTable(dynamodb, name);
}

function pipeFor(table: EventTable, putEvent: (entry: BusEntry) => Promise<void>, dlq: DeadLetterQueue<PipeDynamoDbEvent>) {
  return new LocalPipe({
    name: "payment-events-pipe-test",
    streams,
    streamArn: table.streamArn,
    region: "us-east-1",
    filterPattern: PIPE_FILTER_PATTERN,
    inputTemplate: PIPE_INPUT_TEMPLATE,
    source: WEBHOOK_EVENT_SOURCE,
    detailType: WEBHOOK_EVENT_DETAIL_TYPE,
    putEvent,
    deadLetterQueue: dlq,
    retryBaseDelayMs: 1,
    idlePollMs: 20,
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("local Pipe over the local DynamoDB streams", () => {
  it("forwards INSERTs of EVENT items, in order, shaped by the contract's template; skips STATE items and MODIFYs", async () => {
    const table = await newTable("pipe-order");
    const delivered: BusEntry[] = [];
    const dlq = new DeadLetterQueue<PipeDynamoDbEvent>();
    const pipe = pipeFor(table, async (entry) => void delivered.push(entry), dlq);
    pipe.start();
    try {
      for (let i = 1; i <= 5; i++) {
        await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: eventItem("pi_order", `evt_${i}`) }));
      }
      await dynamodb.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { paymentId: { S: "pi_order" }, timestamp: { S: "~STATE" }, itemType: { S: "STATE" }, status: { S: "SUCCEEDED" } },
        }),
      );
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: table.tableName,
          Key: { paymentId: { S: "pi_order" }, timestamp: { S: "2026-03-01T10:00:00.000Z#evt_1" } },
          UpdateExpression: "SET processingStatus = :p",
          ExpressionAttributeValues: { ":p": { S: "PROCESSED" } },
        }),
      );
      await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: eventItem("pi_order", "evt_6") }));
      await waitFor(() => delivered.length >= 6, "six deliveries");
      await pipe.whenIdle();

      expect(delivered.map((entry) => entry.detail.eventId)).toEqual(["evt_1", "evt_2", "evt_3", "evt_4", "evt_5", "evt_6"]);
      expect(delivered[0]).toEqual({
        source: "payment-webhooks.ingest",
        detailType: "Payment Webhook Received",
        detail: {
          paymentId: "pi_order",
          timestamp: "2026-03-01T10:00:00.000Z#evt_1",
          provider: "stripe",
          eventId: "evt_1",
          eventType: "payment_intent.succeeded",
          status: "SUCCEEDED",
          amount: "2500",
          currency: "EUR",
          failureCode: "",
          declineSignals: "",
          occurredAt: "2026-03-01T10:00:00.000Z",
        },
      });
      expect(dlq.messages).toEqual([]);
    } finally {
      await pipe.stop();
    }
  });

  it("sends a record the template cannot shape to the DLQ with the reason, and keeps going", async () => {
    const table = await newTable("pipe-shape");
    const delivered: BusEntry[] = [];
    const dlq = new DeadLetterQueue<PipeDynamoDbEvent>();
    const pipe = pipeFor(table, async (entry) => void delivered.push(entry), dlq);
    pipe.start();
    try {
      const broken = eventItem("pi_shape", "evt_broken") as Record<string, unknown>;
      delete broken.currency;
      await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: broken as never }));
      await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: eventItem("pi_shape", "evt_ok") }));
      await waitFor(() => delivered.length === 1 && dlq.messages.length === 1, "one delivery and one dead letter");

      expect(delivered[0]!.detail.eventId).toBe("evt_ok");
      expect(dlq.messages[0]).toMatchObject({
        source: "pipe:payment-events-pipe-test",
        attempts: 1,
        error: expect.stringContaining("$.dynamodb.NewImage.currency.S is absent"),
      });
      expect(dlq.messages[0]!.item.dynamodb.NewImage).toMatchObject({ eventId: { S: "evt_broken" } });
    } finally {
      await pipe.stop();
    }
  });

  it("retries a failing bus, then dead-letters after the last attempt; nothing is dropped", async () => {
    const table = await newTable("pipe-retry");
    const attemptsByEvent = new Map<unknown, number>();
    const delivered: BusEntry[] = [];
    const dlq = new DeadLetterQueue<PipeDynamoDbEvent>();
    const pipe = pipeFor(
      table,
      async (entry) => {
        const attempt = (attemptsByEvent.get(entry.detail.eventId) ?? 0) + 1;
        attemptsByEvent.set(entry.detail.eventId, attempt);
        if (entry.detail.eventId === "evt_flaky" && attempt < 3) throw new Error("bus throttled");
        if (entry.detail.eventId === "evt_down") throw new Error("bus unavailable");
        delivered.push(entry);
      },
      dlq,
    );
    pipe.start();
    try {
      await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: eventItem("pi_retry", "evt_flaky") }));
      await dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: eventItem("pi_retry", "evt_down") }));
      await waitFor(() => delivered.length === 1 && dlq.messages.length === 1, "flaky delivered and down dead-lettered");

      expect(attemptsByEvent.get("evt_flaky")).toBe(3);
      expect(attemptsByEvent.get("evt_down")).toBe(3);
      expect(dlq.messages[0]).toMatchObject({ attempts: 3, error: "Error: bus unavailable" });
    } finally {
      await pipe.stop();
    }
  });
});
