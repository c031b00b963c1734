/**
 * Storage against a real DynamoDB API (dynalite in-process over HTTP): item shape, idempotency
 * under redelivery and concurrency, and failure behaviour.
 */
import { DynamoDBClient, GetItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { EventItem } from "../../contract/event-table";
import { DYNAMODB_ITEM_LIMIT_BYTES, eventItemSizeBytes } from "../../lambda/webhook-validator/core/event-item";
import { StorageError } from "../../lambda/webhook-validator/errors";
import { DynamoDbEventStore } from "../../lambda/webhook-validator/storage/dynamodb-event-store";
import type { EventStore } from "../../lambda/webhook-validator/storage/event-store";
import { coreDeps, requestFor, runCore } from "./support/core-harness";
import { startDynaliteEventTable, TEST_AWS, type DynaliteEventTable } from "../support/dynalite-event-table";
import { loadHandler } from "./support/load-handler";
import { proxyEvent } from "./support/proxy-events";
import { sampleBody, signDelivery } from "./support/signed-deliveries";
import { validatorEnvironment } from "./support/test-secrets";

let table: DynaliteEventTable;
beforeEach(async () => {
  table = await startDynaliteEventTable();
});
afterEach(async () => table.stop());

const item: EventItem = {
  paymentId: "pi_shape_1",
  timestamp: "2024-11-19T07:06:40.000Z#evt_shape_1",
  itemType: "EVENT",
  provider: "stripe",
  eventId: "evt_shape_1",
  eventType: "payment_intent.succeeded",
  status: "SUCCEEDED",
  amount: 2599,
  currency: "EUR",
  failureCode: "",
  declineSignals: "",
  occurredAt: "2024-11-19T07:06:40.000Z",
  receivedAt: "2024-11-19T07:06:41.000Z",
  payload: '{"id":"evt_shape_1"}',
  processingStatus: "RECEIVED",
  expiresAt: 1_734_592_001,
};

/** EVENT items only: each stored event also has its IDENTITY item (contract/event-table.ts). */
const eventItems = async () => (await table.scanAll()).filter((stored) => stored.itemType?.S === "EVENT");

async function getItem(paymentId: string, timestamp: string) {
  const result = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: { paymentId: { S: paymentId }, timestamp: { S: timestamp } }, ConsistentRead: true }),
  );
  return result.Item;
}

async function deadEndpoint(): Promise<string> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe("DynamoDbEventStore on dynalite", () => {
  it("writes every EventItem attribute with the DynamoDB type the Pipe template reads", async () => {
    expect(await new DynamoDbEventStore(table.client, table.tableName).putIfAbsent(item)).toBe("stored");
    const expected: Record<string, AttributeValue> = {
      paymentId: { S: "pi_shape_1" },
      timestamp: { S: "2024-11-19T07:06:40.000Z#evt_shape_1" },
      itemType: { S: "EVENT" },
      provider: { S: "stripe" },
      eventId: { S: "evt_shape_1" },
      eventType: { S: "payment_intent.succeeded" },
      status: { S: "SUCCEEDED" },
      amount: { N: "2599" },
      currency: { S: "EUR" },
      failureCode: { S: "" },
      declineSignals: { S: "" },
      occurredAt: { S: "2024-11-19T07:06:40.000Z" },
      receivedAt: { S: "2024-11-19T07:06:41.000Z" },
      payload: { S: '{"id":"evt_shape_1"}' },
      processingStatus: { S: "RECEIVED" },
      expiresAt: { N: "1734592001" },
    };
    expect(await getItem(item.paymentId, item.timestamp)).toEqual(expected);
  });

  it("treats a second put of the same key as a duplicate and keeps the first item untouched", async () => {
    const store = new DynamoDbEventStore(table.client, table.tableName);
    expect(await store.putIfAbsent(item)).toBe("stored");
    expect(await store.putIfAbsent({ ...item, receivedAt: "2024-11-19T09:00:00.000Z", status: "FAILED" })).toBe("duplicate");
    expect(await eventItems()).toHaveLength(1);
    expect((await getItem(item.paymentId, item.timestamp))?.receivedAt).toEqual({ S: "2024-11-19T07:06:41.000Z" });
  });

  it("reports an unreachable endpoint as a transient StorageError (503)", async () => {
    const client = new DynamoDBClient({ ...TEST_AWS, endpoint: await deadEndpoint(), maxAttempts: 1 });
    const failure = new DynamoDbEventStore(client, table.tableName).putIfAbsent(item);
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toMatchObject({ transient: true, code: "storage_unavailable" });
    client.destroy();
  });

  it("reports a missing table as a non-transient StorageError (500)", async () => {
    await expect(new DynamoDbEventStore(table.client, "no-such-table").putIfAbsent(item)).rejects.toMatchObject({
      transient: false,
      code: "storage_failed",
    });
  });

  it("the size bound is conservative: an item at the limit is accepted by DynamoDB, one beyond its 400 KB is not", async () => {
    const store = new DynamoDbEventStore(table.client, table.tableName);
    const base = eventItemSizeBytes({ ...item, payload: "" });
    const atLimit = { ...item, payload: "x".repeat(DYNAMODB_ITEM_LIMIT_BYTES - base) };
    expect(eventItemSizeBytes(atLimit)).toBe(DYNAMODB_ITEM_LIMIT_BYTES);
    expect(await store.putIfAbsent(atLimit)).toBe("stored");
    const tooBig = { ...item, timestamp: "other", payload: "x".repeat(DYNAMODB_ITEM_LIMIT_BYTES) };
    await expect(store.putIfAbsent(tooBig)).rejects.toMatchObject({ code: "storage_failed" });
  });
});

describe("the real handler on dynalite", () => {
  const NOW = Math.floor(Date.now() / 1000);

  it("50 concurrent deliveries of one event store exactly one item; one answer says stored, 49 say duplicate", async () => {
    const handler = loadHandler(validatorEnvironment(table.endpoint, table.tableName));
    const delivery = signDelivery("checkout", sampleBody("checkout", "evt_concurrent_1"), { timestamp: NOW });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => handler(proxyEvent({ provider: "checkout", body: delivery.body, headers: delivery.headers }))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const results = responses.map((r) => JSON.parse(r.body).result as string);
    expect(results.filter((r) => r === "stored")).toHaveLength(1);
    expect(results.filter((r) => r === "duplicate")).toHaveLength(49);
    expect(await eventItems()).toHaveLength(1);
  });

  it("answers 503 storage_unavailable when DynamoDB is unreachable, and nothing is stored", async () => {
    const handler = loadHandler(validatorEnvironment(await deadEndpoint(), table.tableName));
    const delivery = signDelivery("stripe", sampleBody("stripe", "evt_unreachable_1"), { timestamp: NOW });
    const response = await handler(proxyEvent({ provider: "stripe", body: delivery.body, headers: delivery.headers }));
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ error: "storage_unavailable", message: expect.stringContaining("redeliver") });
    expect(await eventItems()).toHaveLength(0);
  });

  it("answers 500 storage_failed when the table does not exist", async () => {
    const handler = loadHandler(validatorEnvironment(table.endpoint, "missing-table"));
    const delivery = signDelivery("stripe", sampleBody("stripe", "evt_missing_table"), { timestamp: NOW });
    const response = await handler(proxyEvent({ provider: "stripe", body: delivery.body, headers: delivery.headers }));
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body).error).toBe("storage_failed");
  });
});

describe("an Adyen batch whose store fails midway", () => {
  it("answers 503, and the redelivery completes the batch without duplicating the first item", async () => {
    const NOW = 1_732_000_000;
    const real = new DynamoDbEventStore(table.client, table.tableName);
    let calls = 0;
    const failingOnSecond: EventStore = {
      putIfAbsent: async (event) => {
        calls += 1;
        if (calls === 2) throw new StorageError("simulated throttling", true);
        return real.putIfAbsent(event);
      },
    };
    const entry = (psp: string) => ({
      NotificationRequestItem: { eventCode: "CAPTURE", success: "true", pspReference: psp, originalReference: "AUTH1", eventDate: "2024-11-19T07:06:40Z" },
    });
    const delivery = signDelivery("adyen", JSON.stringify({ notificationItems: [entry("PSP-A"), entry("PSP-B")] }), { timestamp: NOW });

    expect(await runCore(requestFor("adyen", delivery), coreDeps(NOW, { store: failingOnSecond }))).toMatchObject({ ok: false, code: "storage_unavailable" });
    expect(await eventItems()).toHaveLength(1);

    const redelivery = await runCore(requestFor("adyen", delivery), coreDeps(NOW, { store: real }));
    expect(redelivery.ok && redelivery.result.events.map((e) => e.outcome)).toEqual(["duplicate", "stored"]);
    expect(await eventItems()).toHaveLength(2);
  });
});
