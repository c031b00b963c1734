/**
 * How the processor orders two events of one payment, per provider. The rule: identity and order
 * come only from data the signature covers, because whoever replays a captured delivery can
 * change anything else.
 *
 * - "signed-time": the event's time (`occurredAt`) lies inside the signed data, so the newer
 *   event wins.
 * - "lifecycle": the provider signs no time (Adyen's `eventDate` is outside its HMAC), so the
 *   payment lifecycle decides: a status of higher precedence is never replaced by one of lower
 *   precedence (a refund is never undone by a late authorisation; a chargeback outranks a
 *   capture). lambda/payment-processor/core/ordering.ts holds the precedence.
 *
 * Each provider module (lambda/webhook-validator/providers/<id>.ts) states its signed time; a
 * test keeps the two in step.
 */
import type { ProviderId } from "./event-table";

export type EventOrdering = "signed-time" | "lifecycle";

export const EVENT_ORDERING: Readonly<Record<ProviderId, EventOrdering>> = {
  stripe: "signed-time",
  "standard-webhooks": "signed-time",
  adyen: "lifecycle",
  square: "signed-time",
  checkout: "signed-time",
  generic: "signed-time",
};
