/**
 * One local DynamoDB endpoint per test file, SDK clients on it, and a reader that drains a
 * table's stream through the real DynamoDBStreamsClient (DescribeStream → TRIM_HORIZON →
 * GetRecords until a page comes back empty).
 */
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
  type DynamoDBStreamsClient,
  type StreamViewType,
} from "@aws-sdk/client-dynamodb-streams";
import { startLocalDynamoDb, type RunningLocalDynamoDb } from "../../../local/dynamodb/local-dynamodb";
import { localDynamoDbClient, localStreamsClient } from "../../../local/support/aws-clients";

export interface LocalDynamoDbHarness {
  server: RunningLocalDynamoDb;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<LocalDynamoDbHarness> {
  const server = await startLocalDynamoDb();
  const dynamodb = localDynamoDbClient(server.endpoint);
  const streams = localStreamsClient(server.endpoint);
  return {
    server,
    dynamodb,
    streams,
    stop: async () => {
      dynamodb.destroy();
      streams.destroy();
      await server.stop();
    },
  };
}

let tableCounter = 0;

/** A table keyed by pk (S) + sk (S), with a stream of the given view type; returns name and ARN. */
export async function createStreamTable(harness: LocalDynamoDbHarness, viewType: StreamViewType | undefined, prefix = "t"): Promise<{ tableName: string; streamArn?: string }> {
  const tableName = `${prefix}-${++tableCounter}-${Date.now()}`;
  await harness.dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
      ...(viewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } } : {}),
    }),
  );
  const { Table } = await harness.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  return { tableName, streamArn: Table?.LatestStreamArn };
}

export async function shardIdOf(streams: DynamoDBStreamsClient, streamArn: string): Promise<string> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const shardId = StreamDescription?.Shards?.[0]?.ShardId;
  if (!shardId) throw new Error(`stream ${streamArn} has no shard`);
  return shardId;
}

export async function readAllRecords(streams: DynamoDBStreamsClient, streamArn: string, pageSize = 1000): Promise<StreamsRecord[]> {
  const shardId = await shardIdOf(streams, streamArn);
  let { ShardIterator: iterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }));
  const records: StreamsRecord[] = [];
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: pageSize }));
    records.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}

export const key = (pk: string, sk = "a") => ({ pk: { S: pk }, sk: { S: sk } });
