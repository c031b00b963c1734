/**
 * An in-process dynalite server (the real DynamoDB HTTP API in pure JS) behind the local runtime's
 * DynamoDB front (which adds the TransactWriteItems dynalite lacks, and the stream), with the
 * event table created from the shared schema constants, so storage tests hit real
 * conditional-write semantics.
 */
import { CreateTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { eventTableCreateInput } from "../../contract/event-table-create-input";
import { startLocalDynamoDb } from "../../local/dynamodb/local-dynamodb";

export interface DynaliteEventTable {
  endpoint: string;
  tableName: string;
  client: DynamoDBClient;
  scanAll(): Promise<Array<Record<string, AttributeValue>>>;
  stop(): Promise<void>;
}

export const TEST_AWS = { region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };

export async function startDynaliteEventTable(tableName = "payment-events-test"): Promise<DynaliteEventTable> {
  const local = await startLocalDynamoDb();
  const endpoint = local.endpoint;
  const client = new DynamoDBClient({ ...TEST_AWS, endpoint, maxAttempts: 1 });
  await client.send(
    new CreateTableCommand(eventTableCreateInput(tableName)),
  );
  return {
    endpoint,
    tableName,
    client,
    scanAll: async () => (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [],
    stop: async () => {
      client.destroy();
      await local.stop();
    },
  };
}
