/**
 * An in-process dynalite server (the real DynamoDB HTTP API in pure JS) with the event table
 * created from the shared schema constants, so storage tests hit real conditional-put semantics.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { eventTableCreateInput } from "../../contract/event-table-create-input";

// dynalite ships no types; this is the one call we make.
type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as DynaliteFactory;

export interface DynaliteEventTable {
  endpoint: string;
  tableName: string;
  client: DynamoDBClient;
  scanAll(): Promise<Array<Record<string, AttributeValue>>>;
  stop(): Promise<void>;
}

export const TEST_AWS = { region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };

export async function startDynaliteEventTable(tableName = "payment-events-test"): Promise<DynaliteEventTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
