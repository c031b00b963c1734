/**
 * The error contract, in one place: typed error → HTTP status + JSON body
 * `{ "error": "<machine_code>", "message": "<human text>" }`. Only this edge knows HTTP.
 */
import type { APIGatewayProxyResult } from "aws-lambda";
import {
  AuthenticationError,
  MalformedRequestError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  StorageError,
  UnknownProviderError,
  type WebhookError,
} from "../errors";
import type { WebhookAccepted } from "../core/process-webhook";

const JSON_HEADERS = { "Content-Type": "application/json" };

export function statusFor(error: WebhookError): number {
  if (error instanceof MalformedRequestError) return 400;
  if (error instanceof AuthenticationError) return 401;
  if (error instanceof UnknownProviderError) return 404;
  if (error instanceof MethodNotAllowedError) return 405;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof StorageError) return error.transient ? 503 : 500;
  return 500;
}

export function errorResponse(error: WebhookError): APIGatewayProxyResult {
  const status = statusFor(error);
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (status === 405) headers.Allow = "POST";
  // Storage messages name the table; the sender only needs to know to retry.
  const message = error instanceof StorageError ? "The event could not be stored; please redeliver." : error.message;
  return { statusCode: status, headers, body: JSON.stringify({ error: error.code, message }) };
}

/** A bug, not a sender error. Never expected; the property tests look for it. */
export function internalErrorResponse(): APIGatewayProxyResult {
  return {
    statusCode: 500,
    headers: JSON_HEADERS,
    body: JSON.stringify({ error: "internal_error", message: "Unexpected error; please redeliver." }),
  };
}

export function acceptedResponse(result: WebhookAccepted): APIGatewayProxyResult {
  const message = result.outcome === "duplicate" ? "Duplicate delivery: the event was already stored." : "Event stored.";
  return {
    statusCode: 200,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      result: result.outcome,
      message,
      provider: result.provider,
      events: result.events.map(({ eventId, outcome }) => ({ eventId, result: outcome })),
      // Adyen's NotificationResponse: older Adyen setups and its test webhooks look for "[accepted]".
      ...(result.provider === "adyen" ? { notificationResponse: "[accepted]" } : {}),
    }),
  };
}
