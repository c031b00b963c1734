/**
 * Square: `x-square-hmacsha256-signature` = base64(HMAC-SHA256(signature key, notificationUrl +
 * rawBody)). The URL is the one registered in Square's subscription, so it is configuration
 * (WEBHOOK_PROVIDER_SETTINGS.square.notificationUrl). The legacy SHA-1 header
 * `x-square-signature` is not accepted. No signed timestamp: no replay window.
 */
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";

export const SQUARE_SIGNATURE_HEADER = "x-square-hmacsha256-signature";
export const SQUARE_LEGACY_SIGNATURE_HEADER = "x-square-signature";

export function verifySquareSignature(params: { rawBody: Buffer; headers: Headers; secrets: readonly string[]; notificationUrl: string }): void {
  const received = params.headers.get(SQUARE_SIGNATURE_HEADER);
  if (received === undefined) {
    if (params.headers.has(SQUARE_LEGACY_SIGNATURE_HEADER)) {
      throw new AuthenticationError("unsupported_signature_scheme", "Only the HMAC-SHA256 signature (x-square-hmacsha256-signature) is accepted, not legacy x-square-signature.");
    }
    throw new AuthenticationError("missing_signature", "Missing x-square-hmacsha256-signature header.");
  }
  const matched = params.secrets.some((key) => anyMatches(squareSignature(key, params.notificationUrl, params.rawBody), [received]));
  if (!matched) throw new AuthenticationError("signature_mismatch", "The Square signature does not match the payload and notification URL.");
}

function squareSignature(key: string, notificationUrl: string, rawBody: Buffer): string {
  return hmacSha256(key, notificationUrl, rawBody).toString("base64");
}

/** Test/demo helper: the value of a valid x-square-hmacsha256-signature header. */
export function signSquare(params: { payload: string | Buffer; secret: string; notificationUrl: string }): string {
  return squareSignature(params.secret, params.notificationUrl, Buffer.from(params.payload));
}
