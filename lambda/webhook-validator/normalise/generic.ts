/**
 * Generic-HMAC senders post our own documented shape (docs/providers.md#generic):
 * `{ "id", "type", "occurredAt", "paymentId"?, "status"?, "amount"?, "currency"?, "failureCode"? }`.
 */
import type { PaymentEvent } from "../payment-event";
import { asObject, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredId, requiredIsoInstant, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";
import { statusFromWord } from "./status-words";

export function normaliseGeneric({ json, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
  const body = asObject(json, "body");
  return [
    {
      provider: "generic",
      eventId: requiredId(body, "id"),
      eventType: requiredString(body, "type"),
      paymentId: optionalId(body, "paymentId"),
      status: statusFromWord(optionalString(body, "status")),
      amountMinor: optionalMinorAmount(body, "amount"),
      currency: optionalCurrency(body, "currency"),
      failureCode: optionalString(body, "failureCode"),
      occurredAt: requiredIsoInstant(body, "occurredAt"),
      receivedAt,
      rawPayload,
    },
  ];
}
