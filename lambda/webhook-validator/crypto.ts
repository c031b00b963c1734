import { createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256(key: string | Buffer, ...parts: Array<string | Buffer>): Buffer {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Constant-time equality of two signature strings. Lengths are compared first: the expected
 * length is public (it is fixed by the algorithm and encoding), so only the content must not
 * leak through timing.
 */
export function constantTimeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when any received signature equals any expected one: one expected signature per active
 * secret (rotation), several received ones where the scheme sends a list (Stripe's and Standard
 * Webhooks' repeated `v1` entries). No early exit: the caller computes every expected signature
 * up front, and here every expected × received pair is compared and the results combined with a
 * non-short-circuiting OR, so timing does not reveal which secret or which entry matched.
 */
export function anySignatureMatches(expected: readonly string[], received: readonly string[]): boolean {
  let matched = false;
  for (const signature of expected) {
    for (const candidate of received) matched = constantTimeEqual(signature, candidate) || matched;
  }
  return matched;
}
