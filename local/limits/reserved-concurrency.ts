/**
 * A Lambda function's reserved concurrency: at most `limit` invocations run at once; one more is
 * refused at once (never queued) with the error Lambda's Invoke API returns, HTTP 429
 * `TooManyRequestsException` with reason `ReservedFunctionConcurrentInvocationLimitExceeded`
 * (AWS Lambda Developer Guide, "Lambda function scaling"; Lambda API Reference, Invoke errors).
 * The caller decides what a throttle becomes, as each AWS service does.
 */
export class LambdaThrottledError extends Error {
  override name = "TooManyRequestsException";
  readonly statusCode = 429;
  readonly reason = "ReservedFunctionConcurrentInvocationLimitExceeded";

  constructor(readonly functionName: string) {
    super(`Rate Exceeded. (${functionName} is at its reserved concurrency)`);
  }
}

export class ReservedConcurrency {
  private inFlight = 0;
  private throttledCount = 0;
  private peak = 0;

  constructor(
    readonly functionName: string,
    /** Undefined: unlimited (the local runtime's demo mode). */
    readonly limit: number | undefined,
  ) {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error(`ReservedConcurrency(${functionName}): the limit must be a positive integer; got ${limit}.`);
    }
  }

  /** Runs one invocation, or throws LambdaThrottledError when `limit` are already running. */
  async invoke<T>(invocation: () => Promise<T> | T): Promise<T> {
    if (this.limit !== undefined && this.inFlight >= this.limit) {
      this.throttledCount++;
      throw new LambdaThrottledError(this.functionName);
    }
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      return await invocation();
    } finally {
      this.inFlight--;
    }
  }

  get stats(): { throttled: number; peakConcurrency: number } {
    return { throttled: this.throttledCount, peakConcurrency: this.peak };
  }
}
