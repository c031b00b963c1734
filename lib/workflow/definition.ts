/**
 * The payment-processing workflow's Amazon States Language definition, built by one pure
 * function used by the stack (lib/), the tests and the local runtime (local/).
 *
 * SEED VERSION: the workflow issue (#4) replaces the body with the full business states; the
 * exported names and parameter types below are the contract the stack relies on.
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

export interface WorkflowDefinitionParams {
  processorFunctionArn: string;
  eventsTableName: string;
  retry: RetryTuning;
}

// Deliberately loose: asl-validator ships no types and ASL is validated by tests.
export type AslDefinition = {
  Comment?: string;
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export const TRANSIENT_ERRORS = [
  "Payment.Transient",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "States.Timeout",
] as const;

export function buildPaymentWorkflowDefinition(params: WorkflowDefinitionParams): AslDefinition {
  return {
    Comment: "Processes one stored payment webhook event.",
    StartAt: "Process payment event",
    States: {
      "Process payment event": {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: params.processorFunctionArn, "Payload.$": "$.detail" },
        ResultSelector: { "decision.$": "$.Payload" },
        ResultPath: "$.processing",
        Retry: [
          {
            ErrorEquals: [...TRANSIENT_ERRORS],
            IntervalSeconds: params.retry.intervalSeconds,
            BackoffRate: params.retry.backoffRate,
            MaxAttempts: params.retry.maxAttempts,
            MaxDelaySeconds: params.retry.maxDelaySeconds,
            JitterStrategy: "FULL",
          },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Processing failed" }],
        Next: "Processed",
      },
      Processed: { Type: "Succeed" },
      "Processing failed": { Type: "Fail", Error: "Payment.ProcessingFailed", Cause: "See the execution history." },
    },
  };
}
