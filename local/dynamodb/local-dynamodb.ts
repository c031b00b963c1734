/**
 * Starts the local DynamoDB (+ Streams) endpoint: dynalite for the tables, the front for streams,
 * on the calling thread (tests) — the runtime runs it on a worker thread via
 * local-dynamodb-thread.ts. Either way it lives inside this Node process, so stopping it (or the
 * process dying) leaves nothing behind.
 *
 * Why not AWS's DynamoDB Local: it is distributed under AWS's own licence terms, not an
 * open-source licence, so it is not used.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { DynaliteBackend } from "./dynalite-backend";
import { createFrontServer } from "./front-server";
import { StreamStore } from "./stream-store";

export interface LocalDynamoDbOptions {
  /** Fixed port; default: any free loopback port. */
  port?: number;
  /** Region and account in stream ARNs and records. @default us-east-1 / 000000000000 */
  region?: string;
  accountId?: string;
  /**
   * A directory that keeps tables (dynalite's LevelDB store) and stream records (a journal) across
   * restarts; absent: everything in memory, gone with the process.
   */
  dataDir?: string;
}

export interface RunningLocalDynamoDb {
  /** One endpoint for both DynamoDBClient and DynamoDBStreamsClient. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<RunningLocalDynamoDb> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const backend = await DynaliteBackend.start(options.dataDir === undefined ? undefined : join(options.dataDir, "dynamodb"));
  const streams = new StreamStore(options.region ?? "us-east-1", options.accountId ?? "000000000000", {
    journalFile: options.dataDir === undefined ? undefined : join(options.dataDir, "streams.jsonl"),
  });
  const server = createFrontServer(backend, streams);
  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await backend.stop();
      })()),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
}
