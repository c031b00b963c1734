/**
 * Error names shared by the workflow definition (Retry / Catch `ErrorEquals`) and the processor
 * (the `name` of the errors it throws). Through `arn:aws:states:::lambda:invoke` a function
 * error reaches Step Functions as the Lambda `errorType`, which the Node.js runtime takes from
 * `error.name` — so these strings are the whole contract between the two.
 */

/** Processor errors a later attempt can fix (throttling, downstream unavailable, lost race). */
export const PAYMENT_TRANSIENT_ERROR = "Payment.Transient";

/** Processor errors no retry can fix; the workflow records FAILED without retrying. */
export const PAYMENT_PERMANENT_ERRORS = {
  /** Base permanent error. */
  permanent: "Payment.Permanent",
  /** The event detail is malformed (missing field, unknown status, bad amount). */
  invalidEvent: "Payment.InvalidEvent",
  /** The processor answered with a decision the workflow does not know (contract drift). */
  unexpectedDecision: "Payment.UnexpectedDecision",
} as const;

/** Retried on the processor task with exponential backoff. */
export const TRANSIENT_ERRORS = [
  PAYMENT_TRANSIENT_ERROR,
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  // On AWS's list of transient Lambda service errors (Step Functions best practices).
  "Lambda.ClientExecutionTimeoutException",
  "States.Timeout",
] as const;

/** Retried on every DynamoDB integration state: throttling and server-side faults only. */
export const DYNAMODB_TRANSIENT_ERRORS = [
  "DynamoDB.ProvisionedThroughputExceededException",
  "DynamoDB.ThrottlingException",
  "DynamoDB.RequestLimitExceeded",
  "DynamoDB.InternalServerErrorException",
] as const;

/** Raised by a conditional write whose condition is false: the claim guard of the workflow. */
export const DYNAMODB_CONDITION_FAILED = "DynamoDB.ConditionalCheckFailedException";

/**
 * Errors that must never appear in a Retry: retrying cannot change their outcome. Tests check
 * every Retry of the definition against this list.
 */
export const NEVER_RETRIED_ERRORS = [
  ...Object.values(PAYMENT_PERMANENT_ERRORS),
  DYNAMODB_CONDITION_FAILED,
  "DynamoDB.ValidationException",
  "DynamoDB.ResourceNotFoundException",
  "Lambda.ResourceNotFoundException",
  "States.Runtime",
  "States.DataLimitExceeded",
  "States.Permissions",
  "States.ALL",
  "States.TaskFailed",
] as const;

/** Errors the workflow itself raises from its Fail states. */
export const WORKFLOW_ERRORS = {
  eventNotFound: "Event.NotFound",
  claimConflict: "Event.ClaimConflict",
} as const;
