/**
 * Standard Webhooks envelope → PaymentEvent. The spec fixes the envelope
 * (`{ "type", "timestamp", "data" }`) but not `data`; we read the documented payment fields
 * (docs/providers.md): data.paymentId | data.payment_id, data.status, data.amount (minor units),
 * data.currency, data.failureCode | data.failure_code. The event id is the `webhook-id` header
 * (the spec's idempotency key); occurredAt is `timestamp`, else the signed webhook-timestamp.
 */
import type { PaymentEvent } from "../payment-event";
import { standardWebhooksHeader } from "../providers/standard-webhooks";
import { asObject, identifier, isoInstant, optionalCurrency, optionalId, optionalMinorAmount, optionalString, requiredString } from "./fields";
import type { NormalisationInput } from "./normalisation-input";
import { statusFromWord } from "./status-words";

export function normaliseStandardWebhooks({ json, headers, receivedAt, rawPayload }: NormalisationInput): PaymentEvent[] {
  const envelope = asObject(json, "body");
  const data = envelope.data;
  const timestamp = optionalString(envelope, "timestamp");
  // Verification guaranteed both headers exist and the timestamp is epoch seconds.
  const signedSeconds = Number(standardWebhooksHeader(headers, "timestamp"));
  return [
    {
      provider: "standard-webhooks",
      eventId: identifier(standardWebhooksHeader(headers, "id") ?? "", "webhook-id"),
      eventType: requiredString(envelope, "type"),
      paymentId: optionalId(data, "paymentId") ?? optionalId(data, "payment_id"),
      status: statusFromWord(optionalString(data, "status")),
      amountMinor: optionalMinorAmount(data, "amount"),
      currency: optionalCurrency(data, "currency"),
      failureCode: optionalString(data, "failureCode") ?? optionalString(data, "failure_code"),
      occurredAt: timestamp !== null ? isoInstant(timestamp, "timestamp") : new Date(signedSeconds * 1000).toISOString(),
      receivedAt,
      rawPayload,
    },
  ];
}
