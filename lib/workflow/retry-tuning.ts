/**
 * Retry tuning of the workflow's Retry blocks, plus the arithmetic of the schedule it yields
 * (used by docs/workflow.md's table and by the stack's config validation).
 */

export interface RetryTuning {
  /** Seconds before the first retry. */
  intervalSeconds: number;
  /** Multiplier per attempt; >= 2 (exponential). */
  backoffRate: number;
  /** Retries after the first attempt. */
  maxAttempts: number;
  /** Cap on any single wait. */
  maxDelaySeconds: number;
}

/** Defaults: waits of up to 2, 4, 8, 16, 32, 64 s (full jitter draws each in [0, cap]). */
export const DEFAULT_RETRY_TUNING: Readonly<RetryTuning> = Object.freeze({
  intervalSeconds: 2,
  backoffRate: 2,
  maxAttempts: 6,
  maxDelaySeconds: 300,
});

/**
 * Throws naming the offending key. Limits are the Step Functions ones (MaxAttempts <= 99999999,
 * MaxDelaySeconds < 31622400) plus ours: exponential (BackoffRate >= 2) and a cap no smaller
 * than the first interval.
 */
export function assertValidRetryTuning(tuning: RetryTuning): void {
  const { intervalSeconds, backoffRate, maxAttempts, maxDelaySeconds } = tuning;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) {
    throw new Error(`retry.intervalSeconds must be an integer >= 1; got ${intervalSeconds}.`);
  }
  if (!Number.isFinite(backoffRate) || backoffRate < 2) {
    throw new Error(`retry.backoffRate must be >= 2 (exponential backoff); got ${backoffRate}.`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 99999999) {
    throw new Error(`retry.maxAttempts must be an integer between 1 and 99999999; got ${maxAttempts}.`);
  }
  if (!Number.isInteger(maxDelaySeconds) || maxDelaySeconds < intervalSeconds || maxDelaySeconds >= 31622400) {
    throw new Error(
      `retry.maxDelaySeconds must be an integer >= retry.intervalSeconds (${intervalSeconds}) and < 31622400; got ${maxDelaySeconds}.`,
    );
  }
}

/**
 * Upper bound of the wait before each retry (seconds): IntervalSeconds × BackoffRate^(n-1),
 * capped at MaxDelaySeconds. JitterStrategy FULL draws the real wait uniformly in [0, bound].
 */
export function retryWaitCeilings(tuning: RetryTuning): number[] {
  return Array.from({ length: tuning.maxAttempts }, (_, retryIndex) =>
    Math.min(tuning.intervalSeconds * Math.pow(tuning.backoffRate, retryIndex), tuning.maxDelaySeconds),
  );
}
