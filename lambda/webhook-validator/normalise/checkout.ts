/**
 * Checkout.com event → PaymentEvent. Payment events carry the payment in `data.id` (`pay_…`);
 * dispute events in `data.payment_id`. Declines carry `data.response_code`.
 */
import type { PaymentStatus } from "../../../contract/event-table";
import type { PaymentEvent } from "../payment-event";
import { optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";

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

export function normaliseCheckout({ json, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
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
      occurredAt: requiredIsoInstant(json, "created_on"),
      receivedAt,
      rawPayload,
    },
  ];
}
