/**
 * Typed failures of webhook handling. Each carries a stable machine-readable `code` that the
 * sender sees in the JSON body; the HTTP status is chosen only at the edge
 * (http/responses.ts), so the core never thinks in HTTP.
 */

export abstract class WebhookError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request itself cannot be understood: bad base64, bad encoding, bad JSON, missing fields. */
export type MalformedRequestCode =
  | "invalid_base64"
  | "invalid_encoding"
  | "invalid_json"
  | "missing_field"
  | "invalid_field"
  | "provider_not_detected"
  | "ambiguous_provider";

export class MalformedRequestError extends WebhookError {
  constructor(
    readonly code: MalformedRequestCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request could not be authenticated. Messages never contain expected signatures. */
export type AuthenticationCode =
  | "missing_signature"
  | "malformed_signature"
  | "unsupported_signature_scheme"
  | "signature_mismatch"
  | "timestamp_out_of_tolerance"
  | "provider_not_configured";

export class AuthenticationError extends WebhookError {
  constructor(
    readonly code: AuthenticationCode,
    message: string,
  ) {
    super(message);
  }
}

export class UnknownProviderError extends WebhookError {
  readonly code = "unknown_provider";
}

export class MethodNotAllowedError extends WebhookError {
  readonly code = "method_not_allowed";
}

export class PayloadTooLargeError extends WebhookError {
  readonly code = "payload_too_large";
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}

/**
 * Storing the event failed; the sender must redeliver. `transient` distinguishes throttling /
 * unavailability (503) from everything else (500) — both make providers retry.
 */
export class StorageError extends WebhookError {
  readonly code: "storage_unavailable" | "storage_failed";
  constructor(
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = transient ? "storage_unavailable" : "storage_failed";
  }
}
