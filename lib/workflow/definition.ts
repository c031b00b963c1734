/**
 * The payment-processing workflow's Amazon States Language definition, built by one pure
 * function used by the stack (lib/), the tests and the local runtime (local/).
 *
 * Shape (docs/workflow.md has the diagram):
 *   claim the EVENT item (RECEIVED|FAILED -> PROCESSING, conditional) -> invoke the processor
 *   (transient errors retried with capped exponential backoff and full jitter) -> route on its
 *   decision -> mark PROCESSED -> Succeed; any permanent or exhausted error -> record FAILED with
 *   the error on the item -> Fail (the execution fails visibly and carries the original error).
 *   A claim that fails its condition means another execution has the event: look it up and
 *   end in a "Skip" Succeed state, so a duplicate execution has no side effect.
 */
import { EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY, type ProcessingStatus } from "../../contract/event-table";
import {
  DYNAMODB_CONDITION_FAILED,
  DYNAMODB_TRANSIENT_ERRORS,
  PAYMENT_PERMANENT_ERRORS,
  TRANSIENT_ERRORS,
  WORKFLOW_ERRORS,
} from "../../contract/error-names";
import { DISPOSITIONS } from "../../contract/processor-decision";
import { assertValidRetryTuning, type RetryTuning } from "./retry-tuning";

export { TRANSIENT_ERRORS } from "../../contract/error-names";
export { DEFAULT_RETRY_TUNING, type RetryTuning } from "./retry-tuning";

/**
 * Errors that mean "not now" rather than "something is wrong": Lambda refusing an invocation
 * beyond the function's reserved concurrency (Invoke answers 429 TooManyRequestsException,
 * which Step Functions reports as `Lambda.TooManyRequestsException`; AWS Lambda Developer Guide,
 * "Lambda function scaling" and the Invoke API reference) and DynamoDB throttling (DynamoDB
 * Developer Guide, "Error handling with DynamoDB"). With `throttleRetry` they get their own,
 * longer Retry; every one of them is also on the contract's transient lists.
 */
export const THROTTLING_ERRORS = [
  "Lambda.TooManyRequestsException",
  "DynamoDB.ProvisionedThroughputExceededException",
  "DynamoDB.ThrottlingException",
  "DynamoDB.RequestLimitExceeded",
] as const;

export interface WorkflowDefinitionParams {
  processorFunctionArn: string;
  eventsTableName: string;
  retry: RetryTuning;
  /**
   * Seconds before the processor task times out with `States.Timeout` (retried as transient).
   * Keep it above the processor Lambda's own timeout.
   * @default 60
   */
  processorTaskTimeoutSeconds?: number;
  /**
   * Back-off for THROTTLING_ERRORS (see `throttleRetryTuning`), placed before the transient
   * Retry so a burst waits for capacity instead of using up the transient-error attempts.
   * @default none: throttling shares the transient Retry
   */
  throttleRetry?: RetryTuning;
}

// Deliberately loose: asl-validator ships no types and ASL is validated by tests.
export type AslDefinition = {
  Comment?: string;
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/** State names, for humans reading the console and for tests addressing a state. */
export const WORKFLOW_STATES = {
  claimEvent: "Mark event as processing",
  lookUpEvent: "Look up event status",
  routeClaimConflict: "Is the event already handled?",
  skipProcessed: "Skip: event already processed",
  skipInFlight: "Skip: event being processed by another execution",
  eventNotFound: "Event item not found",
  claimConflict: "Event changed during claim",
  applyEvent: "Apply event to payment",
  routeDecision: "Route on processor decision",
  describeUnexpectedDecision: "Describe unexpected decision",
  markProcessed: "Mark event as processed",
  summarise: "Summarise outcome",
  doneUpdated: "Done: payment updated",
  doneDeclined: "Done: payment declined, outcome published",
  doneStale: "Done: older event ignored",
  doneDuplicate: "Done: event was already applied",
  doneIgnored: "Done: event carried no status",
  doneUnreferenced: "Done: event names no payment",
  recordFailure: "Record processing failure",
  processingFailed: "Processing failed",
} as const;

/** Attributes the workflow writes on the EVENT item besides `processingStatus`. */
export const EVENT_PROCESSING_ATTRIBUTES = {
  processingStatus: "processingStatus",
  startedAt: "processingStartedAt",
  executionId: "processingExecutionId",
  attempts: "processingAttempts",
  processedAt: "processedAt",
  disposition: "processingDisposition",
  paymentStatus: "resultingPaymentStatus",
  failedAt: "processingFailedAt",
  error: "processingError",
  errorCause: "processingErrorCause",
} as const;

const A = EVENT_PROCESSING_ATTRIBUTES;
const STATUS: { [K in ProcessingStatus]: { S: K } } = {
  RECEIVED: { S: "RECEIVED" },
  PROCESSING: { S: "PROCESSING" },
  PROCESSED: { S: "PROCESSED" },
  FAILED: { S: "FAILED" },
};

export function buildPaymentWorkflowDefinition(params: WorkflowDefinitionParams): AslDefinition {
  assertValidRetryTuning(params.retry);
  if (params.throttleRetry !== undefined) assertValidRetryTuning(params.throttleRetry);
  const timeoutSeconds = params.processorTaskTimeoutSeconds ?? 60;
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
    throw new Error(`processorTaskTimeoutSeconds must be a positive integer; got ${timeoutSeconds}.`);
  }
  const S = WORKFLOW_STATES;
  const retrier = (errors: readonly string[], tuning: RetryTuning) => ({
    ErrorEquals: [...errors],
    IntervalSeconds: tuning.intervalSeconds,
    BackoffRate: tuning.backoffRate,
    MaxAttempts: tuning.maxAttempts,
    MaxDelaySeconds: tuning.maxDelaySeconds,
    JitterStrategy: "FULL",
  });
  const { throttleRetry } = params;
  const retryWith = (errors: readonly string[]) => {
    if (throttleRetry === undefined) return [retrier(errors, params.retry)];
    const isThrottling = (error: string) => (THROTTLING_ERRORS as readonly string[]).includes(error);
    const throttling = errors.filter(isThrottling);
    const others = errors.filter((error) => !isThrottling(error));
    return [...(throttling.length > 0 ? [retrier(throttling, throttleRetry)] : []), ...(others.length > 0 ? [retrier(others, params.retry)] : [])];
  };
  const dynamoRetry = retryWith(DYNAMODB_TRANSIENT_ERRORS);
  const eventKey = {
    [EVENT_TABLE_PARTITION_KEY]: { "S.$": "$.detail.paymentId" },
    [EVENT_TABLE_SORT_KEY]: { "S.$": "$.detail.timestamp" },
  };
  const toRecordFailure = { ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: S.recordFailure };

  return {
    Comment: "Processes one stored payment webhook event exactly once in effect (docs/workflow.md).",
    StartAt: S.claimEvent,
    States: {
      [S.claimEvent]: {
        Type: "Task",
        Comment: "Claim the event: RECEIVED (or FAILED, on an operator's re-run) -> PROCESSING. Any other status means another execution owns it.",
        Resource: "arn:aws:states:::dynamodb:updateItem",
        Parameters: {
          TableName: params.eventsTableName,
          Key: eventKey,
          UpdateExpression: `SET #status = :processing, #startedAt = :now, #execution = :execution ADD #attempts :one`,
          ConditionExpression: "#status IN (:received, :failed)",
          ExpressionAttributeNames: {
            "#status": A.processingStatus,
            "#startedAt": A.startedAt,
            "#execution": A.executionId,
            "#attempts": A.attempts,
          },
          ExpressionAttributeValues: {
            ":processing": STATUS.PROCESSING,
            ":received": STATUS.RECEIVED,
            ":failed": STATUS.FAILED,
            ":now": { "S.$": "$$.State.EnteredTime" },
            ":execution": { "S.$": "$$.Execution.Id" },
            ":one": { N: "1" },
          },
        },
        ResultPath: null,
        Retry: dynamoRetry,
        Catch: [
          { ErrorEquals: [DYNAMODB_CONDITION_FAILED], ResultPath: "$.claimConflict", Next: S.lookUpEvent },
          toRecordFailure,
        ],
        Next: S.applyEvent,
      },
      [S.lookUpEvent]: {
        Type: "Task",
        Comment: "The claim was refused: find out why before deciding between skip and fail.",
        Resource: "arn:aws:states:::dynamodb:getItem",
        Parameters: {
          TableName: params.eventsTableName,
          Key: eventKey,
          ProjectionExpression: "#status",
          ExpressionAttributeNames: { "#status": A.processingStatus },
          ConsistentRead: true,
        },
        ResultPath: "$.existing",
        Retry: dynamoRetry,
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: S.processingFailed }],
        Next: S.routeClaimConflict,
      },
      [S.routeClaimConflict]: {
        Type: "Choice",
        Choices: [
          { Not: { Variable: "$.existing.Item", IsPresent: true }, Next: S.eventNotFound },
          { Variable: "$.existing.Item.processingStatus.S", StringEquals: "PROCESSED", Next: S.skipProcessed },
          { Variable: "$.existing.Item.processingStatus.S", StringEquals: "PROCESSING", Next: S.skipInFlight },
        ],
        Default: S.claimConflict,
      },
      [S.skipProcessed]: { Type: "Succeed", Comment: "Duplicate execution: the event was processed before; nothing to do." },
      [S.skipInFlight]: { Type: "Succeed", Comment: "Duplicate execution: another execution is processing this event." },
      [S.eventNotFound]: {
        Type: "Fail",
        Error: WORKFLOW_ERRORS.eventNotFound,
        Cause: "The EVENT item named by the event's paymentId/timestamp does not exist (expired by TTL, or the input did not come from the table).",
      },
      [S.claimConflict]: {
        Type: "Fail",
        Error: WORKFLOW_ERRORS.claimConflict,
        Cause: "The EVENT item changed between the claim and the lookup; start a new execution to retry.",
      },
      [S.applyEvent]: {
        Type: "Task",
        Comment: "Apply the event to the payment's state and publish the outcome (lambda/payment-processor).",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: params.processorFunctionArn, "Payload.$": "$.detail" },
        TimeoutSeconds: timeoutSeconds,
        ResultSelector: { "decision.$": "$.Payload" },
        ResultPath: "$.processing",
        Retry: retryWith(TRANSIENT_ERRORS),
        Catch: [toRecordFailure],
        Next: S.routeDecision,
      },
      [S.routeDecision]: {
        Type: "Choice",
        Choices: Object.values(DISPOSITIONS).map((disposition) => ({
          Variable: "$.processing.decision.disposition",
          StringEquals: disposition,
          Next: S.markProcessed,
        })),
        Default: S.describeUnexpectedDecision,
      },
      [S.describeUnexpectedDecision]: {
        Type: "Pass",
        Result: {
          Error: PAYMENT_PERMANENT_ERRORS.unexpectedDecision,
          Cause: "The processor returned a disposition the workflow does not know; see the execution history.",
        },
        ResultPath: "$.failure",
        Next: S.recordFailure,
      },
      [S.markProcessed]: {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:updateItem",
        Parameters: {
          TableName: params.eventsTableName,
          Key: eventKey,
          UpdateExpression: "SET #status = :processed, #processedAt = :now, #disposition = :disposition, #paymentStatus = :paymentStatus REMOVE #error, #errorCause",
          ConditionExpression: "#status = :processing",
          ExpressionAttributeNames: {
            "#status": A.processingStatus,
            "#processedAt": A.processedAt,
            "#disposition": A.disposition,
            "#paymentStatus": A.paymentStatus,
            "#error": A.error,
            "#errorCause": A.errorCause,
          },
          ExpressionAttributeValues: {
            ":processed": STATUS.PROCESSED,
            ":processing": STATUS.PROCESSING,
            ":now": { "S.$": "$$.State.EnteredTime" },
            ":disposition": { "S.$": "$.processing.decision.disposition" },
            ":paymentStatus": { "S.$": "$.processing.decision.paymentStatus" },
          },
        },
        ResultPath: null,
        Retry: dynamoRetry,
        Catch: [toRecordFailure],
        Next: S.summarise,
      },
      [S.summarise]: {
        Type: "Choice",
        Comment: "Only names the end state; every branch is a success.",
        Choices: [
          { Variable: "$.processing.decision.disposition", StringEquals: DISPOSITIONS.stale, Next: S.doneStale },
          { Variable: "$.processing.decision.disposition", StringEquals: DISPOSITIONS.duplicate, Next: S.doneDuplicate },
          { Variable: "$.processing.decision.disposition", StringEquals: DISPOSITIONS.ignored, Next: S.doneIgnored },
          { Variable: "$.processing.decision.disposition", StringEquals: DISPOSITIONS.unreferenced, Next: S.doneUnreferenced },
          { Variable: "$.processing.decision.paymentStatus", StringEquals: "FAILED", Next: S.doneDeclined },
        ],
        Default: S.doneUpdated,
      },
      [S.doneUpdated]: { Type: "Succeed" },
      [S.doneDeclined]: {
        Type: "Succeed",
        Comment: "A declined payment is a business outcome, not a processing failure: the processor counted it (PaymentDeclined metric) and published Payment Failed with retry advice.",
      },
      [S.doneStale]: { Type: "Succeed" },
      [S.doneDuplicate]: { Type: "Succeed" },
      [S.doneIgnored]: { Type: "Succeed" },
      [S.doneUnreferenced]: {
        Type: "Succeed",
        Comment: "An account, payout or test event with no payment reference: no payment state written, no outcome published.",
      },
      [S.recordFailure]: {
        Type: "Task",
        Comment: "Write the error on the EVENT item so operators find it in the table as well as in the execution history.",
        Resource: "arn:aws:states:::dynamodb:updateItem",
        Parameters: {
          TableName: params.eventsTableName,
          Key: eventKey,
          UpdateExpression: "SET #status = :failed, #failedAt = :now, #error = :error, #errorCause = :errorCause",
          // Never create an item: updateItem would upsert a ghost EVENT item otherwise.
          ConditionExpression: "attribute_exists(#pk)",
          ExpressionAttributeNames: {
            "#pk": EVENT_TABLE_PARTITION_KEY,
            "#status": A.processingStatus,
            "#failedAt": A.failedAt,
            "#error": A.error,
            "#errorCause": A.errorCause,
          },
          ExpressionAttributeValues: {
            ":failed": STATUS.FAILED,
            ":now": { "S.$": "$$.State.EnteredTime" },
            ":error": { "S.$": "$.failure.Error" },
            ":errorCause": { "S.$": "$.failure.Cause" },
          },
        },
        ResultPath: null,
        Retry: dynamoRetry,
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.recordFailureError", Next: S.processingFailed }],
        Next: S.processingFailed,
      },
      [S.processingFailed]: {
        Type: "Fail",
        Comment: "Fails the execution with the original error so ExecutionsFailed alarms and the console show it.",
        ErrorPath: "$.failure.Error",
        CausePath: "$.failure.Cause",
      },
    },
  };
}
