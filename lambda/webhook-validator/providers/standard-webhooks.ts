/**
 * Standard Webhooks (standardwebhooks.com, "Signature scheme"; Svix and others).
 *
 * Signature: headers `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64>…]`,
 * where v1 = base64(HMAC-SHA256(base64-decoded secret without `whsec_`, `${id}.${timestamp}.${body}`)).
 * Asymmetric `v1a` signatures are not supported. Svix, the scheme's origin, names the same
 * headers `svix-id` / `svix-timestamp` / `svix-signature`; those are accepted when the
 * `webhook-*` ones are absent.
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | `webhook-id` header | body `timestamp` (ISO-8601, or epoch seconds / milliseconds as a number), else the `webhook-timestamp` header | every other header; `webhook-signature` entries other than `v1` |
 * `webhook-id` is the spec's idempotency key and part of the signing string. The signed
 * `webhook-timestamp` is checked both ways against the clock (`toleranceSeconds`, default 300 s);
 * a sender's resend signs a new one, so deduplication is on `webhook-id` alone (its IDENTITY
 * item, contract/event-table.ts), never on the time.
 *
 * Payment: the spec fixes the envelope (`{ "type", "timestamp", "data" }`) but not `data`; the
 * documented payment fields are read (docs/providers.md): data.paymentId | data.payment_id,
 * data.status, data.amount (minor units), data.currency, data.failureCode | data.failure_code.
 */
import { STANDARD_WEBHOOKS, detectionHeadersOf, standardWebhooksSecretKey } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError, MalformedRequestError } from "../errors";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";
import { asObject, identifier, isoInstant, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredString } from "../normalise/fields";
import { statusFromWord } from "../normalise/status-words";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";
import { assertWithinTolerance, epochSeconds, parseEpochSeconds } from "./timestamp-window";

const HEADERS = { id: "webhook-id", timestamp: "webhook-timestamp", signature: STANDARD_WEBHOOKS.signatureHeaders[0] } as const;
const SVIX_HEADERS = { id: "svix-id", timestamp: "svix-timestamp", signature: STANDARD_WEBHOOKS.signatureHeaders[1] } as const;
const EXPECTED_VERSION = "v1";

/** A Standard Webhooks header, falling back to its Svix name. */
function standardWebhooksHeader(headers: Headers, name: keyof typeof HEADERS): string | undefined {
  return headers.get(HEADERS[name]) ?? headers.get(SVIX_HEADERS[name]);
}

export interface StandardWebhooksVerification {
  rawBody: Buffer;
  headers: Headers;
  secrets: readonly string[];
  now: Date;
  toleranceSeconds: number;
}

export function verifyStandardWebhooksSignature({ rawBody, headers, secrets, now, toleranceSeconds }: StandardWebhooksVerification): void {
  const id = standardWebhooksHeader(headers, "id");
  const timestampText = standardWebhooksHeader(headers, "timestamp");
  const header = standardWebhooksHeader(headers, "signature");
  if (header === undefined) throw new AuthenticationError("missing_signature", "Missing webhook-signature header.");
  if (id === undefined || id === "" || timestampText === undefined) {
    throw new AuthenticationError("malformed_signature", "Standard Webhooks requests need webhook-id and webhook-timestamp headers.");
  }
  const timestamp = parseEpochSeconds(timestampText);
  if (timestamp === undefined) throw new AuthenticationError("malformed_signature", "webhook-timestamp must be epoch seconds.");

  const candidates: string[] = [];
  for (const entry of header.split(" ")) {
    const separator = entry.indexOf(",");
    if (separator > 0 && entry.slice(0, separator) === EXPECTED_VERSION) candidates.push(entry.slice(separator + 1));
  }
  if (candidates.length === 0) {
    throw new AuthenticationError("unsupported_signature_scheme", `No ${EXPECTED_VERSION} signature in the webhook-signature header.`);
  }
  const expected = secrets.map((secret) => standardWebhooksSignature(secret, id, timestamp, rawBody));
  if (!anySignatureMatches(expected, candidates)) throw new AuthenticationError("signature_mismatch", "No webhook-signature entry matches the payload.");
  assertWithinTolerance(timestamp, now, toleranceSeconds);
}

function standardWebhooksSignature(secret: string, id: string, timestamp: number, rawBody: Buffer): string {
  return hmacSha256(Buffer.from(standardWebhooksSecretKey(secret), "base64"), `${id}.${timestamp}.`, rawBody).toString("base64");
}

export function normaliseStandardWebhooks({ json, headers, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  const envelope = asObject(json, "body");
  const data = envelope.data;
  const timestamp = envelopeTime(envelope.timestamp);
  // Verification guaranteed both headers exist and the timestamp is epoch seconds.
  const signedSeconds = Number(standardWebhooksHeader(headers, "timestamp"));
  return [
    {
      provider: "standard-webhooks",
      eventId: identifier(standardWebhooksHeader(headers, "id") ?? "", "webhook-id"),
      eventType: requiredString(envelope, "type"),
      paymentId: optionalId(data, "paymentId") ?? optionalId(data, "payment_id"),
      status: statusFromWord(optionalString(data, "status")),
      amountMinor: optionalMinorAmount(data, "amount"),
      currency: optionalCurrency(data, "currency"),
      failureCode: optionalString(data, "failureCode") ?? optionalString(data, "failure_code"),
      occurredAt: timestamp ?? new Date(signedSeconds * 1000).toISOString(),
      receivedAt,
      rawPayload,
    },
  ];
}

/**
 * The envelope's `timestamp`: the spec writes it as an ISO-8601 string, and some senders document
 * epoch seconds or milliseconds as a number. Numbers below 10^11 are seconds (10^11 s is the year
 * 5138), larger ones milliseconds. Null when absent.
 */
export function envelopeTime(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") return isoInstant(value, "timestamp");
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    const millis = value < 1e11 ? value * 1000 : value;
    if (millis <= MAX_INSTANT_MS) return new Date(millis).toISOString();
  }
  throw new MalformedRequestError("invalid_field", "timestamp must be an ISO-8601 date-time, or epoch seconds or milliseconds as a whole number.");
}

/** 9999-12-31T23:59:59.999Z: later instants have no four-digit-year ISO form. */
const MAX_INSTANT_MS = 253402300799999;

export const standardWebhooks: ProviderAdapter = {
  id: STANDARD_WEBHOOKS.id,
  identity: {
    eventId: "`webhook-id` header (or `svix-id`)",
    signedTime: "body `timestamp`, else the `webhook-timestamp` header",
    unsigned: "headers other than webhook-id, webhook-timestamp and webhook-signature (or their svix- names); signature entries other than v1",
  },
  detectionHeaders: () => detectionHeadersOf(STANDARD_WEBHOOKS),
  authenticate: ({ rawBody, headers }, { secrets, settings, now }) =>
    verifyStandardWebhooksSignature({ rawBody, headers, secrets, now, toleranceSeconds: settings["standard-webhooks"].toleranceSeconds }),
  normalise: normaliseStandardWebhooks,
  /** `messageId` defaults to `msg_<epoch seconds>`: deliveries signed in the same second share an event id. */
  sign: ({ body, secret, now, messageId }) => {
    const timestamp = epochSeconds(now);
    const id = messageId ?? `msg_${timestamp}`;
    const signature = standardWebhooksSignature(secret, id, timestamp, Buffer.from(body));
    return { body, headers: { [HEADERS.id]: id, [HEADERS.timestamp]: String(timestamp), [HEADERS.signature]: `${EXPECTED_VERSION},${signature}` } };
  },
};
