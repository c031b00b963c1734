/**
 * The cost of storing an event, measured apart from verification: one conditional PutItem (the
 * old write) against the store's TransactWriteItems (EVENT + IDENTITY item), both against the
 * local DynamoDB front (dynalite) in this process, interleaved in one run so a loaded machine
 * affects both alike. Local numbers show the relative cost of the extra item and round trip
 * handling, not DynamoDB's latency (a transaction there costs two write units per item).
 *
 *   npx tsx bench/event-store-write.ts [events]
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { eventTableCreateInput } from "../contract/event-table-create-input";
import type { EventItem } from "../contract/event-table";
import { DynamoDbEventStore, marshalItem } from "../lambda/webhook-validator/storage/dynamodb-event-store";
import { startLocalDynamoDb } from "../local/dynamodb/local-dynamodb";

const EVENTS = Number(process.argv[2] ?? 400);

function item(id: string): EventItem {
  return {
    paymentId: `pi_${id}`, timestamp: `2026-03-01T10:00:00.000Z#${id}`, itemType: "EVENT", provider: "stripe", eventId: id,
    eventType: "payment_intent.succeeded", status: "SUCCEEDED", amount: 2599, currency: "EUR", failureCode: "",
    occurredAt: "2026-03-01T10:00:00.000Z", receivedAt: "2026-03-01T10:00:01.000Z", payload: "{}".padEnd(2_000, " "),
    processingStatus: "RECEIVED", expiresAt: 1_800_000_000,
  } as EventItem;
}

async function main(): Promise<void> {
  const local = await startLocalDynamoDb();
  const client = new DynamoDBClient({ region: "us-east-1", endpoint: local.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  const tableName = "payment-events-bench";
  await client.send(new CreateTableCommand(eventTableCreateInput(tableName)));
  const store = new DynamoDbEventStore(client, tableName);
  const put = (event: EventItem) =>
    client.send(new PutItemCommand({ TableName: tableName, Item: marshalItem(event), ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": "paymentId" } }));
  const samples = { put: [] as number[], transaction: [] as number[] };
  for (let index = 0; index < 20; index++) { await put(item(`warm_put_${index}`)); await store.putIfAbsent(item(`warm_tx_${index}`)); }
  for (let index = 0; index < EVENTS; index++) {
    let start = process.hrtime.bigint();
    await put(item(`put_${index}`));
    samples.put.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    await store.putIfAbsent(item(`tx_${index}`));
    samples.transaction.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
  console.log(`events: ${EVENTS} each, interleaved, local DynamoDB front (dynalite)`);
  console.log(`PutItem (conditional)          median ${median(samples.put).toFixed(2)} ms  p95 ${p95(samples.put).toFixed(2)} ms`);
  console.log(`TransactWriteItems (2 Puts)    median ${median(samples.transaction).toFixed(2)} ms  p95 ${p95(samples.transaction).toFixed(2)} ms`);
  console.log(`transaction / put (median)     ${(median(samples.transaction) / median(samples.put)).toFixed(2)}x`);
  client.destroy();
  await local.stop();
}

void main();
