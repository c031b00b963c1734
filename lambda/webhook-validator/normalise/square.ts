/**
 * Square event → PaymentEvent. `data.object` holds the changed object: a `payment`
 * (status APPROVED / PENDING / COMPLETED / CANCELED / FAILED), a `refund` (payment_id) or a
 * `dispute` (disputed_payment.payment_id).
 */
import type { PaymentStatus } from "../../../contract/event-table";
import type { PaymentEvent } from "../payment-event";
import { at, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";

const PAYMENT_STATUS: Record<string, PaymentStatus> = {
  APPROVED: "AUTHORIZED",
  PENDING: "PENDING",
  COMPLETED: "SUCCEEDED",
  CANCELED: "CANCELED",
  FAILED: "FAILED",
};

export function normaliseSquare({ json, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
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
      occurredAt: requiredIsoInstant(json, "created_at"),
      receivedAt,
      rawPayload,
    },
  ];
}
