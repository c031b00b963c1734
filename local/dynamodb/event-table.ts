/**
 * Creates the local event table from the same schema constants the stack gives the real table
 * (contract/event-table.ts), so a schema change reaches both at once.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { eventTableCreateInput } from "../../contract/event-table-create-input";

export interface EventTable {
  tableName: string;
  streamArn: string;
}

/** Creates the table, or adopts it when a durable local store already has it (after a restart). */
export async function createEventTable(client: DynamoDBClient, tableName: string): Promise<EventTable> {
  try {
    await client.send(new CreateTableCommand(eventTableCreateInput(tableName)));
  } catch (error) {
    if ((error as Error).name !== "ResourceInUseException") throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} was created without a stream; the local DynamoDB front should have opened one.`);
  return { tableName, streamArn };
}
