/**
 * Stripe event → PaymentEvent. The payment is the PaymentIntent: `data.object.id` for
 * payment_intent.* events, `data.object.payment_intent` for charges, refunds and disputes
 * (falling back to the charge id for charges without an intent).
 */
import type { PaymentStatus } from "../../../contract/event-table";
import type { PaymentEvent } from "../payment-event";
import { at, identifier, optionalCurrency, optionalMinorAmount, optionalString, requiredEpochSecondsInstant, requiredId, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";

const STATUS_BY_TYPE: Record<string, PaymentStatus> = {
  "payment_intent.created": "PENDING",
  "payment_intent.processing": "PENDING",
  "payment_intent.requires_action": "PENDING",
  "payment_intent.amount_capturable_updated": "AUTHORIZED",
  "payment_intent.succeeded": "SUCCEEDED",
  "payment_intent.payment_failed": "FAILED",
  "payment_intent.canceled": "CANCELED",
  "charge.pending": "PENDING",
  "charge.succeeded": "SUCCEEDED",
  "charge.captured": "SUCCEEDED",
  "charge.failed": "FAILED",
  "charge.expired": "CANCELED",
  "charge.refunded": "REFUNDED",
  "charge.refund.updated": "REFUNDED",
  "refund.created": "REFUNDED",
  "charge.dispute.created": "DISPUTED",
  "charge.dispute.updated": "DISPUTED",
};

export function normaliseStripe({ json, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
  const eventType = requiredString(json, "type");
  const object = at(json, "data.object");
  const objectKind = optionalString(object, "object");
  return [
    {
      provider: "stripe",
      eventId: requiredId(json, "id"),
      eventType,
      paymentId: stripePaymentId(object, objectKind),
      status: STATUS_BY_TYPE[eventType] ?? "UNKNOWN",
      amountMinor: optionalMinorAmount(object, "amount"),
      currency: optionalCurrency(object, "currency"),
      failureCode:
        optionalString(object, "last_payment_error.decline_code") ??
        optionalString(object, "last_payment_error.code") ??
        optionalString(object, "failure_code") ??
        (objectKind === "dispute" ? optionalString(object, "reason") : null),
      occurredAt: requiredEpochSecondsInstant(json, "created"),
      receivedAt,
      rawPayload,
    },
  ];
}

function stripePaymentId(object: unknown, objectKind: string | null): string | null {
  const reference =
    objectKind === "payment_intent"
      ? optionalString(object, "id")
      : (optionalString(object, "payment_intent") ?? (objectKind === "charge" ? optionalString(object, "id") : optionalString(object, "charge")));
  return reference === null ? null : identifier(reference, "data.object payment reference");
}
