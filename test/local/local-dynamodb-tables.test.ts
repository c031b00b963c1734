/**
 * Table-level behaviour of the local DynamoDB front: stream fields in CreateTable / DescribeTable
 * (dynalite alone drops them), the contract's event table, invalid stream specifications,
 * TransactWriteItems (which dynalite lacks) run all-or-nothing with its records, and writes it
 * cannot capture refused on stream-enabled tables instead of silently missing records.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  TransactWriteItemsCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { EVENT_TABLE_STREAM_VIEW_TYPE } from "../../contract/event-table";
import { createEventTable } from "../../local/dynamodb/event-table";
import { createStreamTable, key, readAllRecords, startHarness, type LocalDynamoDbHarness } from "./support/local-dynamodb-harness";

let harness: LocalDynamoDbHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const KEYED = {
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

it("CreateTable and DescribeTable report the stream; a table without one reports none", async () => {
  const created = await harness.dynamodb.send(
    new CreateTableCommand({ TableName: "with-stream", ...KEYED, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" } }),
  );
  expect(created.TableDescription!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_IMAGE" });
  expect(created.TableDescription!.LatestStreamArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/with-stream/stream/${created.TableDescription!.LatestStreamLabel}`);
  const { Table } = await harness.dynamodb.send(new DescribeTableCommand({ TableName: "with-stream" }));
  expect(Table).toMatchObject({
    TableName: "with-stream",
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
    LatestStreamArn: created.TableDescription!.LatestStreamArn,
    LatestStreamLabel: created.TableDescription!.LatestStreamLabel,
  });

  await harness.dynamodb.send(new CreateTableCommand({ TableName: "stream-off", ...KEYED, StreamSpecification: { StreamEnabled: false } }));
  const off = await harness.dynamodb.send(new DescribeTableCommand({ TableName: "stream-off" }));
  expect(off.Table!.LatestStreamArn).toBeUndefined();
  expect(off.Table!.StreamSpecification).toBeUndefined();
});

it("creates the contract's event table with its stream view type", async () => {
  const table = await createEventTable(harness.dynamodb, "payment-events-front-test");
  const { Table } = await harness.dynamodb.send(new DescribeTableCommand({ TableName: table.tableName }));
  expect(Table!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: EVENT_TABLE_STREAM_VIEW_TYPE });
  expect(Table!.LatestStreamArn).toBe(table.streamArn);
});

it("refuses invalid stream specifications and stream changes by UpdateTable, naming the problem", async () => {
  await expect(
    harness.dynamodb.send(new CreateTableCommand({ TableName: "bad-view", ...KEYED, StreamSpecification: { StreamEnabled: true } })),
  ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("StreamViewType") });
  await expect(
    harness.dynamodb.send(new CreateTableCommand({ TableName: "bad-view", ...KEYED, StreamSpecification: { StreamEnabled: true, StreamViewType: "EVERYTHING" as never } })),
  ).rejects.toMatchObject({ name: "ValidationException" });
  // Refused before reaching dynalite: the table does not exist.
  await expect(harness.dynamodb.send(new DescribeTableCommand({ TableName: "bad-view" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

  const { tableName } = await createStreamTable(harness, undefined, "upd");
  await expect(
    harness.dynamodb.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } })),
  ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("UpdateTable") });
});

it("refuses BatchWriteItem on stream-enabled tables and writes nothing; other tables take it", async () => {
  const streamed = await createStreamTable(harness, "NEW_IMAGE", "batch");
  const plain = await createStreamTable(harness, undefined, "plain");

  await expect(
    harness.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [plain.tableName]: [{ PutRequest: { Item: key("b1") } }],
          [streamed.tableName]: [{ PutRequest: { Item: key("b1") } }],
        },
      }),
    ),
  ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining(`BatchWriteItem on stream-enabled table(s) ${streamed.tableName}`) });
  for (const table of [plain, streamed]) {
    const { Item } = await harness.dynamodb.send(new GetItemCommand({ TableName: table.tableName, Key: key("b1"), ConsistentRead: true }));
    expect(Item).toBeUndefined();
  }
  expect(await readAllRecords(harness.streams, streamed.streamArn!)).toEqual([]);

  await harness.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [plain.tableName]: [{ PutRequest: { Item: key("b2") } }] } }));
  const { Item } = await harness.dynamodb.send(new GetItemCommand({ TableName: plain.tableName, Key: key("b2"), ConsistentRead: true }));
  expect(Item).toEqual(key("b2"));
});

it("runs TransactWriteItems all or nothing, as the DynamoDB API reference describes: one INSERT per item, or a cancellation naming the failed condition and nothing written", async () => {
  const streamed = await createStreamTable(harness, "NEW_IMAGE", "transact");
  const absent = { ConditionExpression: "attribute_not_exists(pk)" };
  const transaction = (...pks: string[]) =>
    new TransactWriteItemsCommand({ TransactItems: pks.map((pk) => ({ Put: { TableName: streamed.tableName, Item: { ...key(pk), v: { S: pk } }, ...absent } })) });

  await harness.dynamodb.send(transaction("t1", "t2"));
  const error = await harness.dynamodb.send(transaction("t3", "t1")).catch((failure: unknown) => failure);
  expect(error).toMatchObject({ name: "TransactionCanceledException", CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }] });

  // t3 was put first and then undone: the cancelled transaction left nothing behind.
  const { Item } = await harness.dynamodb.send(new GetItemCommand({ TableName: streamed.tableName, Key: key("t3"), ConsistentRead: true }));
  expect(Item).toBeUndefined();
  const records = await readAllRecords(harness.streams, streamed.streamArn!);
  expect(records.map((record) => [record.eventName, record.dynamodb?.Keys])).toEqual([
    ["INSERT", key("t1")],
    ["INSERT", key("t2")],
  ]);
});
