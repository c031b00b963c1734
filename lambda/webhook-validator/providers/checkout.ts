/**
 * Checkout.com: `Cko-Signature` = hex(HMAC-SHA256(webhook signature key, rawBody)). No signed
 * timestamp: no replay window (the conditional put deduplicates).
 */
import { anyMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";

export const CHECKOUT_SIGNATURE_HEADER = "cko-signature";

export function verifyCheckoutSignature(params: { rawBody: Buffer; headers: Headers; secrets: readonly string[] }): void {
  const received = params.headers.get(CHECKOUT_SIGNATURE_HEADER);
  if (received === undefined) throw new AuthenticationError("missing_signature", "Missing Cko-Signature header.");
  const matched = params.secrets.some((key) => anyMatches(checkoutSignature(key, params.rawBody), [received]));
  if (!matched) throw new AuthenticationError("signature_mismatch", "The Cko-Signature does not match the payload.");
}

function checkoutSignature(key: string, rawBody: Buffer): string {
  return hmacSha256(key, rawBody).toString("hex");
}

/** Test/demo helper: the value of a valid Cko-Signature header. */
export function signCheckout(params: { payload: string | Buffer; secret: string }): string {
  return checkoutSignature(params.secret, Buffer.from(params.payload));
}
