/**
 * A local Lambda function behind its reserved concurrency, invoked the way Step Functions'
 * `lambda:invoke` integration sees it: a throttled invocation fails with the service error
 * `Lambda.TooManyRequestsException` (Step Functions Developer Guide, "Handling errors in Step
 * Functions workflows": Lambda service exceptions are prefixed `Lambda.`), which the workflow's
 * Retry handles as it would on AWS.
 */
import { LocalTaskError, type LocalLambdaFunction } from "../workflow/task-bindings";
import { LambdaThrottledError, type ReservedConcurrency } from "./reserved-concurrency";

export function withReservedConcurrency(fn: LocalLambdaFunction, concurrency: ReservedConcurrency): LocalLambdaFunction {
  return async (payload) => {
    try {
      return await concurrency.invoke(() => fn(payload));
    } catch (error) {
      if (error instanceof LambdaThrottledError) throw new LocalTaskError(`Lambda.${error.name}`, error.message);
      throw error;
    }
  };
}
