/**
 * The local DynamoDB endpoint: one loopback HTTP server that speaks both APIs the pipeline uses.
 *
 * - `DynamoDB_20120810.*` is forwarded to an in-process dynalite. Item writes on a
 *   stream-enabled table go through WriteCapture (records with exact images); CreateTable,
 *   DescribeTable and DeleteTable gain the stream fields dynalite does not keep.
 * - `DynamoDBStreams_20120810.*` is answered from the captured records (streams-api.ts).
 *
 * TransactWriteItems is captured too (write-capture.ts). BatchWriteItem, which the front cannot
 * capture, is refused on stream-enabled tables with a ValidationException rather than stored
 * without a record; nothing in this repository uses it; tables without a stream take it as
 * dynalite does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { crc32 } from "node:zlib";
import { DynamoDbApiError, validation } from "./api-error";
import type { BackendResponse, DynaliteBackend } from "./dynalite-backend";
import type { StreamStore, TableStream } from "./stream-store";
import { streamsApi } from "./streams-api";
import { transactWriteItems } from "./transact-write";
import { describeStreamOf, openStream, rejectStreamUpdate, requestedStream } from "./table-streams";
import { keyOf, type WireItem } from "./wire-types";
import { WriteCapture, type CapturedWrite } from "./write-capture";

const DYNAMODB_PREFIX = "DynamoDB_20120810.";
const STREAMS_PREFIX = "DynamoDBStreams_20120810.";
const CAPTURED_WRITES: ReadonlySet<string> = new Set<CapturedWrite>(["PutItem", "UpdateItem", "DeleteItem"]);
const JSON_CONTENT_TYPE = "application/x-amz-json-1.0";

interface Reply {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function createFrontServer(backend: DynaliteBackend, store: StreamStore): Server {
  const capture = new WriteCapture(backend, store);
  const streams = streamsApi(store);

  async function dynamoDb(operation: string, request: IncomingMessage, body: Buffer): Promise<Reply> {
    const forward = () => backend.forward("POST", request.headers, body);
    const input = parseInput(body);
    // Let dynalite answer whatever we cannot read (it reports serialization errors its way).
    if (!input) return fromBackend(await forward());
    const tableName = typeof input.TableName === "string" ? input.TableName : undefined;
    const stream = tableName === undefined ? undefined : store.enabledFor(tableName);

    if (CAPTURED_WRITES.has(operation) && stream) {
      return fromBackend(await capture.write(operation as CapturedWrite, input, stream, forward));
    }
    switch (operation) {
      case "CreateTable": {
        const viewType = requestedStream(input);
        const response = await forward();
        if (response.statusCode !== 200 || !viewType) return fromBackend(response);
        const opened = openStream(store, input, viewType);
        return withDescription(response, "TableDescription", (description) => describeStreamOf(description, opened));
      }
      case "DescribeTable": {
        return withDescription(await forward(), "Table", (description) => describeStreamOf(description, stream));
      }
      case "DeleteTable": {
        const response = await forward();
        if (response.statusCode !== 200) return fromBackend(response);
        if (tableName !== undefined) store.disable(tableName);
        return withDescription(response, "TableDescription", (description) => describeStreamOf(description, stream));
      }
      case "UpdateTable":
        rejectStreamUpdate(input);
        return withDescription(await forward(), "TableDescription", (description) => describeStreamOf(description, stream));
      case "BatchWriteItem":
        refuseUncaptured(operation, Object.keys((input.RequestItems as object | undefined) ?? {}), store);
        return fromBackend(await forward());
      case "TransactWriteItems": {
        const writes = transactWrites(input, store);
        // dynalite has no transactions: the front runs them (transact-write.ts).
        const execute = () => transactWriteItems(input, { backend });
        return fromBackend(writes.length > 0 ? await capture.transact(writes, execute) : await execute());
      }
      default:
        return fromBackend(await forward());
    }
  }

  function streamsCall(operation: string, body: Buffer): Reply {
    const handler = Object.hasOwn(streams, operation) ? streams[operation] : undefined;
    if (!handler) return jsonReply(400, { __type: "com.amazon.coral.service#UnknownOperationException", message: `Unknown operation ${operation}.` });
    const input = parseInput(body);
    if (!input) return jsonReply(400, { __type: "com.amazon.coral.service#SerializationException", message: "The request body is not a JSON object." });
    return jsonReply(200, handler(input));
  }

  async function handle(request: IncomingMessage, body: Buffer): Promise<Reply> {
    const target = String(request.headers["x-amz-target"] ?? "");
    if (target.startsWith(STREAMS_PREFIX)) return streamsCall(target.slice(STREAMS_PREFIX.length), body);
    if (target.startsWith(DYNAMODB_PREFIX)) return dynamoDb(target.slice(DYNAMODB_PREFIX.length), request, body);
    // Health checks (GET /) and anything unknown: dynalite's own answer.
    return fromBackend(await backend.forward(request.method ?? "GET", request.headers, body));
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks))
        .catch((error: unknown) =>
          error instanceof DynamoDbApiError
            ? jsonReply(error.statusCode, error.toBody())
            : jsonReply(500, new DynamoDbApiError("InternalServerError", `Local DynamoDB front: ${(error as Error).message}`).toBody()),
        )
        .then((reply) => {
          response.writeHead(reply.statusCode, { ...reply.headers, "content-length": String(reply.body.length) });
          response.end(reply.body);
        });
    });
  });
  // Outlive the SDK's idle keep-alive sockets so a reused socket is never reset under it.
  server.keepAliveTimeout = 65_000;
  return server;
}

function parseInput(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function refuseUncaptured(operation: string, tableNames: string[], store: StreamStore): void {
  const streamed = tableNames.filter((name) => store.enabledFor(name));
  if (streamed.length > 0) {
    throw validation(
      `${operation} on stream-enabled table(s) ${streamed.join(", ")} is not supported by the local DynamoDB front: it captures stream records only for PutItem, UpdateItem and DeleteItem. Nothing was written.`,
    );
  }
}

/** The Put, Update and Delete actions of a transaction that touch stream-enabled tables, with their keys. */
function transactWrites(input: Record<string, unknown>, store: StreamStore): Array<{ stream: TableStream; keys: WireItem }> {
  const items = Array.isArray(input.TransactItems) ? (input.TransactItems as Array<Record<string, { TableName?: unknown; Item?: unknown; Key?: unknown } | undefined>>) : [];
  return items.flatMap((item) =>
    (["Put", "Update", "Delete"] as const).flatMap((kind) => {
      const action = item[kind];
      const stream = typeof action?.TableName === "string" ? store.enabledFor(action.TableName) : undefined;
      const source = (kind === "Put" ? action?.Item : action?.Key) as WireItem | undefined;
      const keys = stream && source && typeof source === "object" ? keyOf(source, stream.keySchema) : undefined;
      // Without a complete key DynamoDB (dynalite) rejects the transaction: nothing to record.
      return stream && keys ? [{ stream, keys }] : [];
    }),
  );
}

function fromBackend(response: BackendResponse): Reply {
  const { "content-length": _length, connection: _connection, "keep-alive": _keepAlive, "transfer-encoding": _encoding, ...headers } = response.headers;
  return { statusCode: response.statusCode, headers, body: response.body };
}

/** Rewrites one description object of a successful JSON answer (and its checksum). */
function withDescription(response: BackendResponse, field: string, edit: (description: Record<string, unknown> | undefined) => void): Reply {
  const reply = fromBackend(response);
  if (response.statusCode !== 200) return reply;
  const parsed = JSON.parse(response.body.toString("utf8")) as Record<string, Record<string, unknown> | undefined>;
  edit(parsed[field]);
  const body = Buffer.from(JSON.stringify(parsed));
  return { ...reply, headers: { ...reply.headers, "x-amz-crc32": String(crc32(body)) }, body };
}

function jsonReply(statusCode: number, payload: object): Reply {
  const body = Buffer.from(JSON.stringify(payload));
  return { statusCode, headers: { "content-type": JSON_CONTENT_TYPE, "x-amz-crc32": String(crc32(body)) }, body };
}
