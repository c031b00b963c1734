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

/** True when any of the candidate signatures matches the expected one (rotation, batches of v1 entries). */
export function anyMatches(expected: string, candidates: readonly string[]): boolean {
  let matched = false;
  // No early exit: every candidate is compared so timing does not reveal which one matched.
  for (const candidate of candidates) matched = constantTimeEqual(expected, candidate) || matched;
  return matched;
}
