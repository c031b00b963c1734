/**
 * A minimal EventBridge API endpoint (AWS JSON 1.1, `AWSEvents.PutEvents` only) in front of
 * the local bus, so the real processor — which publishes outcomes with the SDK's
 * EventBridgeClient — runs unchanged: the runtime points AWS_ENDPOINT_URL_EVENTBRIDGE here.
 * Entry errors are reported per entry, like the service (FailedEntryCount + ErrorCode).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalEventBus } from "./local-event-bus";

interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
}

export interface RunningPutEventsEndpoint {
  endpoint: string;
  /** PutEvents calls received, and how many were SDK retries (`amz-sdk-request: attempt=N>1`). */
  stats: { requests: number; sdkRetries: number };
  stop(): Promise<void>;
}

export async function startPutEventsEndpoint(bus: LocalEventBus): Promise<RunningPutEventsEndpoint> {
  const stats = { requests: 0, sdkRetries: 0 };
  const server = createServer((request, response) => {
    stats.requests++;
    // A retried call may repeat entries the first attempt already put: count them to tell
    // transport-level duplicates from application-level ones.
    if (/attempt=([2-9]|\d{2,})/.test(String(request.headers["amz-sdk-request"] ?? ""))) stats.sdkRetries++;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(body));
      };
      if (request.headers["x-amz-target"] !== "AWSEvents.PutEvents") {
        reply(400, { __type: "UnknownOperationException", message: `Only PutEvents is emulated locally, got ${request.headers["x-amz-target"]}.` });
        return;
      }
      let entries: PutEventsRequestEntry[];
      try {
        entries = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Entries?: PutEventsRequestEntry[] }).Entries ?? [];
      } catch {
        reply(400, { __type: "SerializationException", message: "Body is not JSON." });
        return;
      }
      const results = entries.map((entry) => putOne(bus, entry));
      reply(200, { FailedEntryCount: results.filter((result) => "ErrorCode" in result).length, Entries: results });
    });
  });
  // Outlive the SDK's idle keep-alive sockets so a reused socket is never reset under it
  // (Node's 5 s default makes the SDK retry calls that never arrived).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function putOne(bus: LocalEventBus, entry: PutEventsRequestEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
  if (entry.EventBusName !== undefined && entry.EventBusName !== bus.name && !entry.EventBusName.endsWith(`:event-bus/${bus.name}`)) {
    return { ErrorCode: "ResourceNotFoundException", ErrorMessage: `Event bus ${entry.EventBusName} does not exist locally (the local bus is ${bus.name}).` };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail ?? "");
  } catch {
    return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  }
  try {
    const [eventId] = bus.putEvents([
      { source: entry.Source ?? "", detailType: entry.DetailType ?? "", detail: detail as Record<string, unknown>, resources: entry.Resources },
    ]);
    return { EventId: eventId! };
  } catch (error) {
    return { ErrorCode: "InvalidArgument", ErrorMessage: (error as Error).message };
  }
}
