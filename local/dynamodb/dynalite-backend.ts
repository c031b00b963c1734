/**
 * dynalite (Apache-2.0, pure JavaScript, in memory) as the storage engine behind the local
 * DynamoDB front. It implements the DynamoDB JSON API with real conditional-write and
 * expression semantics, but not DynamoDB Streams: the front adds those (see front-server.ts).
 * It listens on a loopback port that only the front talks to.
 */
import { Agent, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";

/**
 * LevelDB's memory per open store (classic-level's defaults are an 8 MiB block cache and 4 MiB
 * write buffers, of which LevelDB holds two while one is flushed). Once a load has filled them
 * they stay allocated for the life of the process; the local table is small and the OS caches
 * its files anyway, so smaller ones cost little and keep RSS nearer its baseline after a load.
 */
export const LEVELDB_MEMORY = { cacheSize: 1 << 20, writeBufferSize: 1 << 20 } as const;

// dynalite opens its LevelDB store with `new Level(path, { valueEncoding })` and takes no LevelDB
// options, so the Level class it picks up (when it loads, below) is given ours as defaults.
type LevelClass = new (location: string, options?: Record<string, unknown>) => object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const levelModule = require(require.resolve("level", { paths: [dirname(require.resolve("dynalite"))] })) as { Level: LevelClass };
const DefaultLevel = levelModule.Level;
levelModule.Level = class BoundedMemoryLevel extends DefaultLevel {
  constructor(location: string, options: Record<string, unknown> = {}) {
    super(location, { ...LEVELDB_MEMORY, ...options });
  }
};

// dynalite ships no types; this is the one call we make.
type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }) => Server;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as DynaliteFactory;

export interface BackendResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * dynalite checks that a request is signed (AWS4 header shape, a date) but not the signature,
 * so the front's own reads carry a well-formed dummy one.
 */
const INTERNAL_HEADERS = {
  "content-type": "application/x-amz-json-1.0",
  authorization: "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
  "x-amz-date": "20260101T000000Z",
};

export class DynaliteBackend {
  private constructor(
    private readonly server: Server,
    private readonly port: number,
    private readonly agent: Agent,
  ) {}

  /** @param path a directory for a LevelDB store that outlives the process; absent: in memory. */
  static async start(path?: string): Promise<DynaliteBackend> {
    // Tables are ACTIVE at once: nobody waits for a simulated provisioning delay locally.
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path === undefined ? {} : { path }) });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    return new DynaliteBackend(server, (server.address() as AddressInfo).port, agent);
  }

  /** Sends a request as the client sent it (headers included) and returns dynalite's answer. */
  forward(method: string, headers: IncomingHttpHeaders, body: Buffer): Promise<BackendResponse> {
    const { host: _host, connection: _connection, ...rest } = headers;
    return this.send(method, { ...rest, "content-length": String(body.length) }, body);
  }

  /** The front's own call, answered as dynalite answers it (errors included). */
  async request(operation: string, input: object): Promise<{ statusCode: number; body: Record<string, unknown> & { __type?: string; message?: string } }> {
    const body = Buffer.from(JSON.stringify(input));
    const response = await this.send("POST", { ...INTERNAL_HEADERS, "x-amz-target": `DynamoDB_20120810.${operation}`, "content-length": String(body.length) }, body);
    return { statusCode: response.statusCode, body: JSON.parse(response.body.toString("utf8") || "{}") };
  }

  /** The front's own call, e.g. the consistent reads around a captured write. Throws on errors. */
  async call<T>(operation: string, input: object): Promise<T> {
    const body = Buffer.from(JSON.stringify(input));
    const response = await this.send("POST", { ...INTERNAL_HEADERS, "x-amz-target": `DynamoDB_20120810.${operation}`, "content-length": String(body.length) }, body);
    const parsed = JSON.parse(response.body.toString("utf8") || "{}") as T & { __type?: string; message?: string };
    if (response.statusCode !== 200) {
      throw new Error(`dynalite ${operation} failed (${response.statusCode}): ${parsed.__type ?? ""} ${parsed.message ?? ""}`.trim());
    }
    return parsed;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private send(method: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<BackendResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: "127.0.0.1", port: this.port, method, path: "/", headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ statusCode: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }
}
