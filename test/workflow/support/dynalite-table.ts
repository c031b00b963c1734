/**
 * An in-process dynalite (pure-JS DynamoDB API) with the event table created from the shared
 * schema constants. Starts in milliseconds; no Streams API, which the workflow does not need.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { eventTableCreateInput } from "../../../lib/contract/event-table-create-input";

// dynalite ships no types; this is the one call we make.
type DynaliteFactory = (options: { createTableMs?: number; updateTableMs?: number; deleteTableMs?: number }) => Server;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as DynaliteFactory;

export interface DynaliteTable {
  client: DynamoDBClient;
  /** http://127.0.0.1:<port>, e.g. for AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

export async function startDynaliteWithEventTable(tableName = "payment-events-test"): Promise<DynaliteTable> {
  const server = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  await client.send(
    new CreateTableCommand(eventTableCreateInput(tableName)),
  );
  return {
    client,
    endpoint,
    tableName,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
