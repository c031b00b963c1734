/**
 * Turns an AWS SDK failure into the processor's taxonomy. The SDK has already retried
 * (standard mode, 3 attempts) by the time we see it; what is still transient goes back to the
 * workflow's longer, jittered backoff. The SDK's own classifier (@smithy/service-error-classification)
 * is not a declared dependency here, so the few names that matter are listed explicitly.
 */
import { PaymentPermanentError, PaymentProcessingError, PaymentTransientError } from "../errors";

const TRANSIENT_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "TransactionConflictException",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND"]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $fault?: "client" | "server";
  $retryable?: unknown;
}

export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const shape = error as SdkErrorShape;
  return (
    TRANSIENT_NAMES.has(shape.name ?? "") ||
    NETWORK_CODES.has(shape.code ?? "") ||
    shape.$fault === "server" ||
    Boolean(shape.$retryable)
  );
}

/** Wraps `error` from `operation` (e.g. "Loading payment state") in the right typed error. */
export function toProcessingError(error: unknown, operation: string): PaymentProcessingError {
  if (error instanceof PaymentProcessingError) return error;
  const name = error instanceof Error ? error.name : "UnknownError";
  if (isTransientAwsError(error)) {
    return new PaymentTransientError(`${operation} failed transiently (${name}).`, { cause: error });
  }
  return new PaymentPermanentError(`${operation} failed (${name}); a retry will not help.`, { cause: error });
}
