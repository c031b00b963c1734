/**
 * A pass-through HTTP proxy in front of the local DynamoDB endpoint, given to the validator only, that
 * reports each PutItem of an EVENT item as it goes out. The validator writes only after the
 * signature checked out, so that moment is "verified" on the console — measured, not guessed,
 * without adding any hook to the validator. Every byte is forwarded unchanged.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface ObservedPut {
  eventId: string;
  provider: string;
  /** The validator's own receipt time (the item's receivedAt), ms since epoch. */
  receivedAt: number;
}

export interface RunningWriteObserver {
  endpoint: string;
  stop(): Promise<void>;
}

const PUT_ITEM_TARGET = "DynamoDB_20120810.PutItem";
/** The validator may store the EVENT item inside a transaction (with its identity item). */
const TRANSACT_WRITE_TARGET = "DynamoDB_20120810.TransactWriteItems";

export interface WriteObserverHooks {
  /** A PutItem of an EVENT item is on its way to DynamoDB. */
  onPut: (put: ObservedPut) => void;
  /** DynamoDB answered it: 200 = stored; 400 = refused (a duplicate's failed condition). */
  onPutAnswered: (put: ObservedPut, statusCode: number) => void;
}

export async function startWriteObserver(target: string, hooks: WriteObserverHooks): Promise<RunningWriteObserver> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const target = incoming.headers["x-amz-target"];
      const put = target === PUT_ITEM_TARGET || target === TRANSACT_WRITE_TARGET ? observedPut(body) : undefined;
      if (put) hooks.onPut(put);
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (response) => {
          if (put) hooks.onPutAnswered(put, response.statusCode ?? 502);
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on("error", (error) => {
        // The SDK sees a 5xx and retries/fails exactly as it would against an unreachable DynamoDB.
        if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
        outgoing.end(`Local DynamoDB unreachable: ${error.message}`);
      });
      forward.end(body);
    });
  });
  // Outlive the SDK's idle keep-alive sockets so a reused socket is never reset under it
  // (Node's 5 s default makes the SDK retry calls that never arrived).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function observedPut(body: Buffer): ObservedPut | undefined {
  try {
    const request = JSON.parse(body.toString("utf8")) as { Item?: Record<string, { S?: string }>; TransactItems?: Array<{ Put?: { Item?: Record<string, { S?: string }> } }> };
    const item = request.Item ?? request.TransactItems?.map((action) => action.Put?.Item).find((candidate) => candidate?.itemType?.S === "EVENT") ?? {};
    if (item.itemType?.S !== "EVENT" || !item.eventId?.S) return undefined;
    const receivedAt = Date.parse(item.receivedAt?.S ?? "");
    return { eventId: item.eventId.S, provider: item.provider?.S ?? "?", receivedAt: Number.isNaN(receivedAt) ? Date.now() : receivedAt };
  } catch {
    // Not JSON we understand: forward it untouched, report nothing.
    return undefined;
  }
}
