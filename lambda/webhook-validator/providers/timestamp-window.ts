import { AuthenticationError } from "../errors";

/** Rejects a signed timestamp (epoch seconds) too far in the past OR the future: replays and clock games. */
export function assertWithinTolerance(timestampSeconds: number, now: Date, toleranceSeconds: number): void {
  const skew = epochSeconds(now) - timestampSeconds;
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

/** Whole epoch seconds of an instant, as schemes that sign a time write it. */
export function epochSeconds(instant: Date): number {
  return Math.floor(instant.getTime() / 1000);
}
