/**
 * Stripe: `Stripe-Signature: t=<epoch s>,v1=<hex>[,v1=<hex>…][,v0=…]`, where
 * v1 = hex(HMAC-SHA256(endpoint secret, `${t}.${rawBody}`)). Only v1 is accepted (v0 is the
 * test-mode legacy scheme). Timestamp tolerance both ways, default 300 s.
 */
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import { assertWithinTolerance, parseEpochSeconds } from "./timestamp-window";

export const STRIPE_SIGNATURE_HEADER = "stripe-signature";
const EXPECTED_SCHEME = "v1";

export interface StripeVerification {
  rawBody: Buffer;
  headers: Headers;
  secrets: readonly string[];
  now: Date;
  toleranceSeconds: number;
}

export function verifyStripeSignature({ rawBody, headers, secrets, now, toleranceSeconds }: StripeVerification): void {
  const header = headers.get(STRIPE_SIGNATURE_HEADER);
  if (header === undefined) throw new AuthenticationError("missing_signature", "Missing Stripe-Signature header.");

  let timestampText: string | undefined;
  const signaturesByScheme = new Map<string, string[]>();
  for (const element of header.split(",")) {
    const separator = element.indexOf("=");
    if (separator <= 0) continue;
    const key = element.slice(0, separator);
    const value = element.slice(separator + 1);
    if (key === "t") timestampText = value;
    else signaturesByScheme.set(key, [...(signaturesByScheme.get(key) ?? []), value]);
  }
  const timestamp = parseEpochSeconds(timestampText);
  if (timestamp === undefined) {
    throw new AuthenticationError("malformed_signature", "Unable to extract a timestamp (t=) from the Stripe-Signature header.");
  }
  const candidates = signaturesByScheme.get(EXPECTED_SCHEME) ?? [];
  if (candidates.length === 0) {
    throw new AuthenticationError("unsupported_signature_scheme", `No ${EXPECTED_SCHEME} signature in the Stripe-Signature header.`);
  }

  const matched = secrets.some((secret) => anyMatches(stripeSignature(secret, timestamp, rawBody), candidates));
  if (!matched) throw new AuthenticationError("signature_mismatch", "No Stripe signature matches the payload.");
  assertWithinTolerance(timestamp, now, toleranceSeconds);
}

function stripeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return hmacSha256(secret, `${timestamp}.`, rawBody).toString("hex");
}

/**
 * Test/demo helper, like stripe-node's `generateTestHeaderString`: a valid Stripe-Signature
 * header for the payload. `scheme` lets tests produce a v0-only header.
 */
export function signStripe(params: { payload: string | Buffer; secret: string; timestamp: number; scheme?: string }): string {
  const signature = stripeSignature(params.secret, params.timestamp, Buffer.from(params.payload));
  return `t=${params.timestamp},${params.scheme ?? EXPECTED_SCHEME}=${signature}`;
}
