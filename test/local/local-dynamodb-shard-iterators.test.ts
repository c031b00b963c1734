/**
 * The Streams API's reading side, through the real DynamoDBStreamsClient: ListStreams,
 * DescribeStream, the four shard iterator types, GetRecords paging, a shard closed by deleting its
 * table, and the errors a reader can meet.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import { createStreamTable, key, shardIdOf, startHarness, type LocalDynamoDbHarness } from "./support/local-dynamodb-harness";

let harness: LocalDynamoDbHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** A KEYS_ONLY table holding items k0..k(n-1), written in that order. */
async function tableWithItems(count: number) {
  const table = await createStreamTable(harness, "KEYS_ONLY", "it");
  for (let index = 0; index < count; index++) {
    await harness.dynamodb.send(new PutItemCommand({ TableName: table.tableName, Item: key(`k${index}`) }));
  }
  return { ...table, shardId: await shardIdOf(harness.streams, table.streamArn!) };
}

async function iterator(streamArn: string, shardId: string, type: ShardIteratorType, sequenceNumber?: string) {
  const { ShardIterator } = await harness.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }));
  return ShardIterator!;
}

async function pkOfPage(shardIterator: string, limit?: number) {
  const page = await harness.streams.send(new GetRecordsCommand({ ShardIterator: shardIterator, Limit: limit }));
  return { pks: (page.Records ?? []).map((record) => record.dynamodb?.Keys?.pk?.S), next: page.NextShardIterator, records: page.Records ?? [] };
}

it("lists and describes one stream per table with a single open shard", async () => {
  const { tableName, streamArn, shardId } = await tableWithItems(1);
  const { Streams } = await harness.streams.send(new ListStreamsCommand({ TableName: tableName }));
  expect(Streams).toEqual([{ StreamArn: streamArn, TableName: tableName, StreamLabel: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/) }]);
  expect(streamArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}/stream/${Streams![0]!.StreamLabel}`);

  const { StreamDescription } = await harness.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  expect(StreamDescription).toMatchObject({
    StreamArn: streamArn,
    StreamStatus: "ENABLED",
    StreamViewType: "KEYS_ONLY",
    TableName: tableName,
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
  });
  expect(StreamDescription!.Shards).toHaveLength(1);
  expect(shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
  expect(StreamDescription!.Shards![0]!.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();

  // Paging through ListStreams with Limit.
  const second = await createStreamTable(harness, "KEYS_ONLY", "it");
  const firstPage = await harness.streams.send(new ListStreamsCommand({ Limit: 1 }));
  expect(firstPage.Streams).toHaveLength(1);
  expect(firstPage.LastEvaluatedStreamArn).toBe(firstPage.Streams![0]!.StreamArn);
  const all = await harness.streams.send(new ListStreamsCommand({}));
  expect(all.Streams!.map((stream) => stream.StreamArn)).toEqual(expect.arrayContaining([streamArn, second.streamArn]));
});

it("TRIM_HORIZON reads from the first record and GetRecords pages with Limit and NextShardIterator", async () => {
  const { streamArn, shardId } = await tableWithItems(5);
  const page1 = await pkOfPage(await iterator(streamArn!, shardId, "TRIM_HORIZON"), 2);
  const page2 = await pkOfPage(page1.next!, 2);
  const page3 = await pkOfPage(page2.next!, 2);
  const page4 = await pkOfPage(page3.next!, 2);
  expect([page1.pks, page2.pks, page3.pks, page4.pks]).toEqual([["k0", "k1"], ["k2", "k3"], ["k4"], []]);
  // An open shard always hands out a next iterator, which sees later writes.
  expect(page4.next).toBeDefined();
});

it("LATEST sees only records written after the iterator was taken", async () => {
  const { tableName, streamArn, shardId } = await tableWithItems(3);
  const latest = await iterator(streamArn!, shardId, "LATEST");
  expect((await pkOfPage(latest)).pks).toEqual([]);
  await harness.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: key("after-latest") }));
  expect((await pkOfPage(latest)).pks).toEqual(["after-latest"]);
});

it("AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start at / just after a record", async () => {
  const { streamArn, shardId } = await tableWithItems(4);
  const { records } = await pkOfPage(await iterator(streamArn!, shardId, "TRIM_HORIZON"));
  const third = records[2]!.dynamodb!.SequenceNumber!;
  expect((await pkOfPage(await iterator(streamArn!, shardId, "AT_SEQUENCE_NUMBER", third))).pks).toEqual(["k2", "k3"]);
  expect((await pkOfPage(await iterator(streamArn!, shardId, "AFTER_SEQUENCE_NUMBER", third))).pks).toEqual(["k3"]);
  const last = records[3]!.dynamodb!.SequenceNumber!;
  expect((await pkOfPage(await iterator(streamArn!, shardId, "AFTER_SEQUENCE_NUMBER", last))).pks).toEqual([]);
});

it("rejects bad requests with the exceptions DynamoDB Streams uses", async () => {
  const { streamArn, shardId } = await tableWithItems(1);
  const missingArn = streamArn!.replace(/stream\/.*$/, "stream/2000-01-01T00:00:00.000");
  await expect(harness.streams.send(new DescribeStreamCommand({ StreamArn: missingArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  await expect(iterator(streamArn!, "shardId-00000000000000000000-00000000", "TRIM_HORIZON")).rejects.toBeInstanceOf(ResourceNotFoundException);
  await expect(iterator(streamArn!, shardId, "AT_SEQUENCE_NUMBER")).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("SequenceNumber") });
  await expect(iterator(streamArn!, shardId, "AFTER_SEQUENCE_NUMBER", "999999999999999999999999")).rejects.toMatchObject({ name: "ValidationException" });
  await expect(iterator(streamArn!, shardId, "SIDEWAYS" as ShardIteratorType)).rejects.toMatchObject({ name: "ValidationException" });
  await expect(harness.streams.send(new GetRecordsCommand({ ShardIterator: "not-an-iterator" }))).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("Invalid ShardIterator") });
  await expect(harness.streams.send(new GetRecordsCommand({ ShardIterator: await iterator(streamArn!, shardId, "TRIM_HORIZON"), Limit: 1001 }))).rejects.toMatchObject({ name: "ValidationException" });
});

it("deleting the table disables the stream and closes its shard: readers reach its end", async () => {
  const { tableName, streamArn, shardId } = await tableWithItems(2);
  const open = await iterator(streamArn!, shardId, "TRIM_HORIZON");
  await harness.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));

  const { StreamDescription } = await harness.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  expect(StreamDescription!.StreamStatus).toBe("DISABLED");
  const range = StreamDescription!.Shards![0]!.SequenceNumberRange!;
  const page = await pkOfPage(open);
  expect(page.pks).toEqual(["k0", "k1"]);
  expect(range.EndingSequenceNumber).toBe(page.records[1]!.dynamodb!.SequenceNumber);
  // Read to the end of a closed shard: no next iterator.
  expect(page.next).toBeUndefined();

  // The same name created again gets a new stream; the old one stays listed and readable.
  await harness.dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
    }),
  );
  const { Table } = await harness.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  expect(Table!.LatestStreamArn).toMatch(new RegExp(`^arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}/stream/`));
  expect(Table!.LatestStreamArn).not.toBe(streamArn);
  const { Streams } = await harness.streams.send(new ListStreamsCommand({ TableName: tableName }));
  expect(Streams!.map((stream) => stream.StreamArn)).toEqual([streamArn, Table!.LatestStreamArn]);
});
