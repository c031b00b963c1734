/**
 * Typed failures of payment processing. The split is the workflow's retry policy: the `name`
 * of a thrown error becomes the Lambda `errorType`, which Step Functions matches against the
 * Retry (transient) and Catch (everything else) of the processor task — see
 * contract/error-names.ts for the exact strings.
 */
import { PAYMENT_PERMANENT_ERRORS, PAYMENT_TRANSIENT_ERROR } from "../../contract/error-names";

export abstract class PaymentProcessingError extends Error {
  /** Whether the workflow retries the processor after this error. */
  abstract readonly retryable: boolean;
}

/** Throttling, timeouts, a downstream that is briefly unavailable, a lost optimistic-lock race. */
export class PaymentTransientError extends PaymentProcessingError {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = PAYMENT_TRANSIENT_ERROR;
  }
}

/** Anything a retry cannot fix. Subclasses give finer names; all are caught, none retried. */
export class PaymentPermanentError extends PaymentProcessingError {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown; name?: string }) {
    super(message, options);
    this.name = options?.name ?? PAYMENT_PERMANENT_ERRORS.permanent;
  }
}

/** The event detail cannot be processed as given (missing field, unknown status, bad amount). */
export class InvalidPaymentEventError extends PaymentPermanentError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { name: PAYMENT_PERMANENT_ERRORS.invalidEvent });
  }
}
