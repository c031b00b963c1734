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

/**
 * A throttle without a stack trace. Under a burst the workflow retries thousands of throttled
 * invocations; on AWS a throttle costs the caller nothing but the round trip, while capturing a
 * stack locally costs tens of microseconds each on the thread that also runs the processor. The
 * error's name, message and fields are the same.
 */
function throttledError(functionName: string): LambdaThrottledError {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new LambdaThrottledError(functionName);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export class ReservedConcurrency {
  private inFlight = 0;
  private throttledCount = 0;
  private peak = 0;
  private invocationCount = 0;
  private busyMs = 0;

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
      throw throttledError(this.functionName);
    }
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    const startedAt = performance.now();
    try {
      return await invocation();
    } finally {
      this.inFlight--;
      this.invocationCount++;
      this.busyMs += performance.now() - startedAt;
    }
  }

  /** Throttles, the highest concurrency reached, and the invocations that ran with their mean duration (ms). */
  get stats(): { throttled: number; peakConcurrency: number; invocations: number; meanDurationMs: number } {
    return {
      throttled: this.throttledCount,
      peakConcurrency: this.peak,
      invocations: this.invocationCount,
      meanDurationMs: this.invocationCount === 0 ? 0 : this.busyMs / this.invocationCount,
    };
  }
}
