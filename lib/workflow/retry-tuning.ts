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

/**
 * What the throttling Retry is sized from: a burst of webhooks the stack is meant to absorb,
 * and how fast the processor clears a backlog (its reserved concurrency ÷ a typical duration).
 */
export interface ThrottleAbsorption {
  /** Events arriving together that must all end processed, not failed. */
  absorbableBurst: number;
  /** The processor's reserved concurrent executions. */
  processorConcurrency: number;
  /** A typical processor invocation, in milliseconds. */
  processorDurationMs: number;
}

/** Shape of the throttling Retry; only its MaxAttempts depends on the configuration. */
export const THROTTLE_RETRY_SHAPE = Object.freeze({ intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 16 });

/**
 * How long the processor needs to clear the burst when every invocation beyond its reserved
 * concurrency is throttled: burst × duration ÷ concurrency, in whole seconds.
 */
export function throttleBacklogSeconds(absorption: ThrottleAbsorption): number {
  const { absorbableBurst, processorConcurrency, processorDurationMs } = absorption;
  for (const [name, value] of Object.entries(absorption)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`throttle absorption: ${name} must be a positive integer; got ${value}.`);
  }
  return Math.ceil((absorbableBurst * processorDurationMs) / 1000 / processorConcurrency);
}

/**
 * The throttling Retry: waits capped at THROTTLE_RETRY_SHAPE.maxDelaySeconds, and enough of
 * them that their mean total covers twice the backlog. FULL jitter draws each wait uniformly in
 * [0, ceiling] (mean ceiling ÷ 2); a sum of n such draws has a standard deviation of only
 * ceiling × √(n ÷ 12), so with a 2× margin even the unluckiest execution keeps retrying until
 * the backlog has drained. Throttled attempts cost no processor work, only state transitions.
 */
export function throttleRetryTuning(absorption: ThrottleAbsorption): RetryTuning {
  const backlogSeconds = throttleBacklogSeconds(absorption);
  const shape = THROTTLE_RETRY_SHAPE;
  let maxAttempts = 0;
  let meanTotalWait = 0;
  while (meanTotalWait < 2 * backlogSeconds || maxAttempts === 0) {
    meanTotalWait += Math.min(shape.intervalSeconds * shape.backoffRate ** maxAttempts, shape.maxDelaySeconds) / 2;
    maxAttempts += 1;
  }
  return { ...shape, maxAttempts };
}
