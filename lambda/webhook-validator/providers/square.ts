/**
 * Square (developer.squareup.com/docs/webhooks/step3validate).
 *
 * Signature: `x-square-hmacsha256-signature` = base64(HMAC-SHA256(signature key,
 * notificationUrl + rawBody)). The URL is the one registered in Square's subscription, so it is
 * configuration (WEBHOOK_PROVIDER_SETTINGS.square.notificationUrl); without it the URL API
 * Gateway reports is used, with a warning. The legacy SHA-1 header `x-square-signature` is
 * refused.
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | body `event_id` | body `created_at` | every header but `x-square-hmacsha256-signature` |
 * The scheme signs no delivery time, so there is no replay window; deduplication is on
 * `event_id` alone (its IDENTITY item, contract/event-table.ts).
 *
 * Payment: `data.object` holds the changed object — a `payment` (status APPROVED / PENDING /
 * COMPLETED / CANCELED / FAILED), a `refund` (payment_id) or a `dispute`
 * (disputed_payment.payment_id).
 */
import { normaliseCardNetwork } from "../../../contract/decline-signals";
import type { PaymentStatus } from "../../../contract/event-table";
import { DEFAULT_PROVIDER_SETTINGS } from "../../../contract/provider-settings";
import { SQUARE, detectionHeadersOf } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";
import { at, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "../normalise/fields";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";

const SIGNATURE_HEADER = SQUARE.signatureHeaders[0];
const LEGACY_SIGNATURE_HEADER = SQUARE.refusedSignatureHeaders[0];

export function verifySquareSignature(params: { rawBody: Buffer; headers: Headers; secrets: readonly string[]; notificationUrl: string }): void {
  const received = params.headers.get(SIGNATURE_HEADER);
  if (received === undefined) {
    if (params.headers.has(LEGACY_SIGNATURE_HEADER)) {
      throw new AuthenticationError("unsupported_signature_scheme", "Only the HMAC-SHA256 signature (x-square-hmacsha256-signature) is accepted, not legacy x-square-signature.");
    }
    throw new AuthenticationError("missing_signature", "Missing x-square-hmacsha256-signature header.");
  }
  const expected = params.secrets.map((key) => squareSignature(key, params.notificationUrl, params.rawBody));
  if (!anySignatureMatches(expected, [received])) throw new AuthenticationError("signature_mismatch", "The Square signature does not match the payload and notification URL.");
}

function squareSignature(key: string, notificationUrl: string, rawBody: Buffer): string {
  return hmacSha256(key, notificationUrl, rawBody).toString("base64");
}

const PAYMENT_STATUS: Record<string, PaymentStatus> = {
  APPROVED: "AUTHORIZED",
  PENDING: "PENDING",
  COMPLETED: "SUCCEEDED",
  CANCELED: "CANCELED",
  FAILED: "FAILED",
};

export function normaliseSquare({ json, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  const eventType = requiredString(json, "type");
  const payment = at(json, "data.object.payment");
  const refund = at(json, "data.object.refund");
  const dispute = at(json, "data.object.dispute");
  const subject = payment ?? refund ?? dispute;
  let paymentId: string | null = null;
  let status: PaymentStatus = "UNKNOWN";
  if (payment !== undefined) {
    paymentId = optionalId(payment, "id");
    status = PAYMENT_STATUS[optionalString(payment, "status") ?? ""] ?? "UNKNOWN";
  } else if (refund !== undefined) {
    paymentId = optionalId(refund, "payment_id");
    status = optionalString(refund, "status") === "COMPLETED" ? "REFUNDED" : "UNKNOWN";
  } else if (dispute !== undefined) {
    paymentId = optionalId(dispute, "disputed_payment.payment_id");
    status = "DISPUTED";
  }
  return [
    {
      provider: "square",
      eventId: requiredId(json, "event_id"),
      eventType,
      paymentId,
      status,
      amountMinor: optionalMinorAmount(subject, "amount_money.amount"),
      currency: optionalCurrency(subject, "amount_money.currency"),
      failureCode: status === "FAILED" ? optionalString(subject, "card_details.errors.0.code") : null,
      // Square documents no network advice codes; the brand and the payment (one attempt each) are what it gives.
      declineSignals:
        status === "FAILED" && payment !== undefined
          ? { cardNetwork: normaliseCardNetwork(optionalString(payment, "card_details.card.card_brand")), attemptId: paymentId ?? "" }
          : undefined,
      occurredAt: requiredIsoInstant(json, "created_at"),
      receivedAt,
      rawPayload,
    },
  ];
}

export const square: ProviderAdapter = {
  id: SQUARE.id,
  identity: { eventId: "body `event_id`", signedTime: "body `created_at`", unsigned: "headers other than x-square-hmacsha256-signature" },
  detectionHeaders: () => detectionHeadersOf(SQUARE),
  authenticate: ({ rawBody, headers, reportedUrl }, { secrets, settings, log }) => {
    let notificationUrl = settings.square.notificationUrl;
    if (notificationUrl === undefined) {
      if (reportedUrl === undefined) {
        throw new AuthenticationError("provider_not_configured", "Square's notification URL is not configured, so its signature cannot be checked.");
      }
      log.warn("square.notificationUrl not configured; verifying against the URL API Gateway reports", { reportedUrl });
      notificationUrl = reportedUrl;
    }
    verifySquareSignature({ rawBody, headers, secrets, notificationUrl });
  },
  normalise: normaliseSquare,
  sign: ({ body, secret, notificationUrl, settings = DEFAULT_PROVIDER_SETTINGS }) => {
    const url = notificationUrl ?? settings.square.notificationUrl;
    if (url === undefined) throw new Error("Square signs its notification URL: pass notificationUrl or settings.square.notificationUrl.");
    return { body, headers: { [SIGNATURE_HEADER]: squareSignature(secret, url, Buffer.from(body)) } };
  },
};
