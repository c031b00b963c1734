/**
 * Checkout.com (checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver).
 *
 * Signature: `Cko-Signature` = hex(HMAC-SHA256(webhook signature key, rawBody)).
 *
 * Identity and order (signed data only):
 * | identity | signed time | unsigned (a replay may change it) |
 * | body `id` | body `created_on` (disputes: `timestamp`) | every header but `Cko-Signature` |
 * The scheme signs no delivery time, so there is no replay window; deduplication is on `id`
 * alone (its IDENTITY item, contract/event-table.ts), whenever the replay comes.
 *
 * Payment: payment events carry it in `data.id` (`pay_…`), dispute events in
 * `data.payment_id`. Declines carry `data.response_code`.
 */
import { normaliseCardNetwork, type DeclineSignals } from "../../../contract/decline-signals";
import type { PaymentStatus } from "../../../contract/event-table";
import { CHECKOUT, detectionHeadersOf } from "../../../contract/providers";
import { anySignatureMatches, hmacSha256 } from "../crypto";
import { AuthenticationError } from "../errors";
import type { Headers } from "../core/webhook-request";
import type { NormalisedEvent } from "../normalised-event";
import { optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "../normalise/fields";
import type { NormalisationInput, ProviderAdapter } from "./provider-adapter";

const SIGNATURE_HEADER = CHECKOUT.signatureHeaders[0];

export function verifyCheckoutSignature(params: { rawBody: Buffer; headers: Headers; secrets: readonly string[] }): void {
  const received = params.headers.get(SIGNATURE_HEADER);
  if (received === undefined) throw new AuthenticationError("missing_signature", "Missing Cko-Signature header.");
  const expected = params.secrets.map((key) => checkoutSignature(key, params.rawBody));
  if (!anySignatureMatches(expected, [received])) throw new AuthenticationError("signature_mismatch", "The Cko-Signature does not match the payload.");
}

function checkoutSignature(key: string, rawBody: Buffer): string {
  return hmacSha256(key, rawBody).toString("hex");
}

const STATUS_BY_TYPE: Record<string, PaymentStatus> = {
  payment_pending: "PENDING",
  payment_approved: "AUTHORIZED",
  payment_captured: "SUCCEEDED",
  payment_paid: "SUCCEEDED",
  payment_declined: "FAILED",
  payment_capture_declined: "FAILED",
  payment_expired: "FAILED",
  payment_canceled: "CANCELED",
  payment_voided: "CANCELED",
  payment_refunded: "REFUNDED",
};

export function normaliseCheckout({ json, receivedAt, rawPayload }: NormalisationInput): NormalisedEvent[] {
  const eventType = requiredString(json, "type");
  const isDispute = eventType.startsWith("dispute_");
  const status = STATUS_BY_TYPE[eventType] ?? (isDispute ? "DISPUTED" : "UNKNOWN");
  return [
    {
      provider: "checkout",
      eventId: requiredId(json, "id"),
      eventType,
      paymentId: isDispute ? optionalId(json, "data.payment_id") : (optionalId(json, "data.payment_id") ?? optionalId(json, "data.id")),
      status,
      amountMinor: optionalMinorAmount(json, "data.amount"),
      currency: optionalCurrency(json, "data.currency"),
      failureCode: status === "FAILED" ? optionalString(json, "data.response_code") : null,
      declineSignals: status === "FAILED" ? checkoutDeclineSignals(json) : undefined,
      occurredAt: checkoutEventTime(json),
      receivedAt,
      rawPayload,
    },
  ];
}

/**
 * Payment events carry `created_on`; dispute events (`dispute_evidence_required`, …) and some
 * refund events carry `timestamp` instead (Checkout.com "Webhook events" examples). Both sit in
 * the signed body, so either may order events.
 */
function checkoutEventTime(json: unknown): string {
  return optionalString(json, "created_on") === null && optionalString(json, "timestamp") !== null
    ? requiredIsoInstant(json, "timestamp")
    : requiredIsoInstant(json, "created_on");
}

/**
 * `data.processing` carries `recommendation_code` and, when enabled, Mastercard's
 * `partner_merchant_advice_code` and the scheme's raw `partner_response_code`
 * (checkout.com/docs/developer-resources/codes/recommendation-codes); the card network is
 * `data.source.scheme`; each authorisation or capture is its own action (`data.action_id`).
 */
function checkoutDeclineSignals(json: unknown): Partial<DeclineSignals> {
  return {
    adviceCode: optionalString(json, "data.processing.recommendation_code") ?? "",
    merchantAdviceCode: optionalString(json, "data.processing.partner_merchant_advice_code") ?? "",
    networkResponseCode: optionalString(json, "data.processing.partner_response_code") ?? "",
    cardNetwork: normaliseCardNetwork(optionalString(json, "data.source.scheme")),
    attemptId: optionalString(json, "data.action_id") ?? "",
  };
}

export const checkout: ProviderAdapter = {
  id: CHECKOUT.id,
  identity: { eventId: "body `id`", signedTime: "body `created_on` (or `timestamp` on dispute events)", unsigned: "headers other than Cko-Signature" },
  detectionHeaders: () => detectionHeadersOf(CHECKOUT),
  authenticate: ({ rawBody, headers }, { secrets }) => verifyCheckoutSignature({ rawBody, headers, secrets }),
  normalise: normaliseCheckout,
  sign: ({ body, secret }) => ({ body, headers: { [SIGNATURE_HEADER]: checkoutSignature(secret, Buffer.from(body)) } }),
};
