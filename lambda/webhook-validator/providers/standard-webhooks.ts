/**
 * Standard Webhooks (standardwebhooks.com; Svix and others): headers `webhook-id`,
 * `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64>…]`, where
 * v1 = base64(HMAC-SHA256(base64-decoded secret without `whsec_`, `${id}.${timestamp}.${body}`)).
 * Tolerance both ways, default 300 s. Asymmetric `v1a` signatures are not supported.
 * Svix, the scheme's origin, names the same headers `svix-id` / `svix-timestamp` /
 * `svix-signature`; those are accepted when the `webhook-*` ones are absent.
 */
import { standardWebhooksSecretKey } from "../../../contract/providers";
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import { assertWithinTolerance, parseEpochSeconds } from "./timestamp-window";

export const STANDARD_WEBHOOKS_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;
const SVIX_HEADERS = { id: "svix-id", timestamp: "svix-timestamp", signature: "svix-signature" } as const;

/** A Standard Webhooks header, falling back to its Svix name. */
export function standardWebhooksHeader(headers: Headers, name: keyof typeof STANDARD_WEBHOOKS_HEADERS): string | undefined {
  return headers.get(STANDARD_WEBHOOKS_HEADERS[name]) ?? headers.get(SVIX_HEADERS[name]);
}

/** Headers that identify a Standard Webhooks delivery on `POST /webhooks`. */
export const STANDARD_WEBHOOKS_DETECTION_HEADERS = [STANDARD_WEBHOOKS_HEADERS.signature, SVIX_HEADERS.signature];
const EXPECTED_VERSION = "v1";

function secretKey(secret: string): Buffer {
  return Buffer.from(standardWebhooksSecretKey(secret), "base64");
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
  const matched = secrets.some((secret) => anyMatches(standardWebhooksSignature(secret, id, timestamp, rawBody), candidates));
  if (!matched) throw new AuthenticationError("signature_mismatch", "No webhook-signature entry matches the payload.");
  assertWithinTolerance(timestamp, now, toleranceSeconds);
}

function standardWebhooksSignature(secret: string, id: string, timestamp: number, rawBody: Buffer): string {
  return hmacSha256(secretKey(secret), `${id}.${timestamp}.`, rawBody).toString("base64");
}

/** Test/demo helper: the three headers of a valid delivery. */
export function signStandardWebhooks(params: {
  payload: string | Buffer;
  secret: string;
  id: string;
  timestamp: number;
  version?: string;
}): Record<string, string> {
  const signature = standardWebhooksSignature(params.secret, params.id, params.timestamp, Buffer.from(params.payload));
  return {
    [STANDARD_WEBHOOKS_HEADERS.id]: params.id,
    [STANDARD_WEBHOOKS_HEADERS.timestamp]: String(params.timestamp),
    [STANDARD_WEBHOOKS_HEADERS.signature]: `${params.version ?? EXPECTED_VERSION},${signature}`,
  };
}
