/**
 * The validator's pure core: resolve provider → authenticate the raw bytes → parse and
 * normalise → one conditional put per event. Every dependency is injected (clock, store,
 * secrets, settings, log), so tests drive it without AWS and without waiting for real time.
 */
import type { ProviderId } from "../../../contract/event-table";
import type { ProviderSettings } from "../../../contract/provider-settings";
import type { SigningSecrets } from "../../../contract/signing-secrets";
import { AuthenticationError, MethodNotAllowedError, PayloadTooLargeError } from "../errors";
import type { NormalisedEvent } from "../normalised-event";
import type { Delivery, WarningLog } from "../providers/provider-adapter";
import type { EventStore, PutOutcome } from "../storage/event-store";
import { assertFitsInDynamoDb, DYNAMODB_ITEM_LIMIT_BYTES, toEventItem } from "./event-item";
import { resolveProvider } from "./provider-resolution";
import { bodyText, parseJsonBody, rawBodyBytes } from "./raw-body";
import type { WebhookRequest } from "./webhook-request";

export interface ValidatorDependencies {
  now: () => Date;
  store: EventStore;
  secrets: SigningSecrets;
  settings: ProviderSettings;
  retentionDays: number;
  log: WarningLog;
}

export interface StoredEvent {
  eventId: string;
  paymentId: string;
  outcome: PutOutcome;
}

export interface WebhookAccepted {
  provider: ProviderId;
  /** "duplicate" only when every event of the delivery was already stored. */
  outcome: PutOutcome;
  events: StoredEvent[];
}

/**
 * Notes the provider as soon as it is known, so the edge can log and count a rejection per
 * provider even when the core throws.
 */
export interface ProcessingTrace {
  provider?: ProviderId;
}

export async function processWebhook(request: WebhookRequest, deps: ValidatorDependencies, trace: ProcessingTrace = {}): Promise<WebhookAccepted> {
  if (request.method.toUpperCase() !== "POST") {
    throw new MethodNotAllowedError(`Method ${request.method} is not allowed; webhooks must be POSTed.`);
  }
  const receivedAt = deps.now();
  const adapter = resolveProvider(request.providerSegment, request.headers, deps.settings);
  trace.provider = adapter.id;

  const rawBody = rawBodyBytes(request.body, request.isBase64Encoded);
  // Cheap guard before any parsing: a body over the item limit can never be stored.
  if (rawBody.length > DYNAMODB_ITEM_LIMIT_BYTES) {
    throw new PayloadTooLargeError(
      `The body is ${rawBody.length} bytes; stored events are limited to ${DYNAMODB_ITEM_LIMIT_BYTES} bytes (DynamoDB's 400 KB item limit).`,
      DYNAMODB_ITEM_LIMIT_BYTES,
    );
  }

  const secrets = deps.secrets.get(adapter.id) ?? [];
  if (secrets.length === 0) {
    // Fail closed: without a secret nothing can be authentic. The edge logs this one as an ERROR.
    throw new AuthenticationError("provider_not_configured", `Webhooks from ${adapter.id} are not accepted: no signing secret is configured.`);
  }

  const body = lazilyParsed(rawBody);
  const delivery: Delivery = { rawBody, headers: request.headers, reportedUrl: request.reportedUrl, json: body.json };
  adapter.authenticate(delivery, { secrets, settings: deps.settings, now: receivedAt, log: deps.log });

  const events: NormalisedEvent[] = adapter.normalise({
    json: body.json(),
    headers: request.headers,
    receivedAt: receivedAt.toISOString(),
    rawPayload: body.text(),
  });
  const items = events.map((event) => toEventItem(event, deps.retentionDays));
  items.forEach(assertFitsInDynamoDb);

  // Sequential on purpose: if one put fails the sender redelivers, earlier items become duplicates.
  const stored: StoredEvent[] = [];
  for (const item of items) {
    stored.push({ eventId: item.eventId, paymentId: item.paymentId, outcome: await deps.store.putIfAbsent(item) });
  }
  return {
    provider: adapter.id,
    outcome: stored.every((event) => event.outcome === "duplicate") ? "duplicate" : "stored",
    events: stored,
  };
}

/**
 * Decodes and parses the body at most once, and only when asked: header schemes verify the raw
 * bytes first, so unauthenticated junk is never parsed; Adyen needs the JSON to verify.
 */
function lazilyParsed(rawBody: Buffer): { text(): string; json(): unknown } {
  let text: string | undefined;
  let json: { value: unknown } | undefined;
  const readText = () => (text ??= bodyText(rawBody));
  return {
    text: readText,
    json: () => (json ??= { value: parseJsonBody(readText()) }).value,
  };
}
