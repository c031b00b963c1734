import { AuthenticationError } from "../errors";

/** Rejects a signed timestamp (epoch seconds) too far in the past OR the future: replays and clock games. */
export function assertWithinTolerance(timestampSeconds: number, now: Date, toleranceSeconds: number): void {
  const skew = Math.floor(now.getTime() / 1000) - timestampSeconds;
  if (Math.abs(skew) > toleranceSeconds) {
    throw new AuthenticationError(
      "timestamp_out_of_tolerance",
      `The signed timestamp is ${Math.abs(skew)} s ${skew > 0 ? "old" : "in the future"}; at most ${toleranceSeconds} s is accepted.`,
    );
  }
}

/** Epoch seconds as digits only: `parseInt` would accept "12abc" and let a mutated header through to HMAC. */
export function parseEpochSeconds(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,12}$/.test(text)) return undefined;
  return Number(text);
}
