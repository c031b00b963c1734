/**
 * Which of two events of a payment is newer. Order comes only from signed data
 * (contract/event-ordering.ts):
 * - providers that sign the event's time: that time first (parsed, so "…00Z" and "…00.000Z"
 *   compare equal), then the event id as a deterministic tie-break;
 * - providers that sign no time (Adyen, whose `eventDate` a replay can change): the lifecycle
 *   precedence of the statuses, then the event id. The unsigned time is never looked at.
 * Either way the order is total, which is what makes the final state independent of delivery order.
 */
import { EVENT_ORDERING } from "../../../contract/event-ordering";
import type { PaymentStatus, ProviderId } from "../../../contract/event-table";

export interface OrderedEvent {
  provider: ProviderId;
  status: PaymentStatus;
  occurredAtMs: number;
  eventId: string;
}

/**
 * Lifecycle precedence for providers without a signed time: an event never replaces a state of
 * higher precedence. Each step is one the real lifecycle can only take forwards:
 * - PENDING < AUTHORIZED: an authorisation follows a pending payment, never the reverse;
 * - AUTHORIZED < FAILED: a failed capture or authorisation ends an authorised payment's hopes,
 *   while a late authorisation must not resurrect a failed one;
 * - FAILED < CANCELED: a cancellation is final for a payment that failed to capture;
 * - CANCELED < SUCCEEDED: a successful capture means the money moved, so a cancellation that
 *   raced it (Adyen then answers the cancel as failed, or turns CANCEL_OR_REFUND into a refund)
 *   does not undo it;
 * - SUCCEEDED < REFUNDED: a refund is never undone by a late capture or authorisation;
 * - REFUNDED < DISPUTED: a chargeback outranks a capture and a refund — the scheme pulled the
 *   money back, whatever the merchant did before.
 * UNKNOWN is below everything (transition.ts never lets it replace a known status).
 */
export const LIFECYCLE_PRECEDENCE: Readonly<Record<PaymentStatus, number>> = {
  UNKNOWN: 0,
  PENDING: 1,
  AUTHORIZED: 2,
  FAILED: 3,
  CANCELED: 4,
  SUCCEEDED: 5,
  REFUNDED: 6,
  DISPUTED: 7,
};

/** < 0 when `a` is older (applies before `b`), > 0 when newer, 0 for the same event. */
export function compareEvents(a: OrderedEvent, b: OrderedEvent): number {
  if (EVENT_ORDERING[a.provider] === "lifecycle" || EVENT_ORDERING[b.provider] === "lifecycle") {
    const rank = LIFECYCLE_PRECEDENCE[a.status] - LIFECYCLE_PRECEDENCE[b.status];
    if (rank !== 0) return rank;
  } else if (a.occurredAtMs !== b.occurredAtMs) {
    return a.occurredAtMs < b.occurredAtMs ? -1 : 1;
  }
  if (a.eventId === b.eventId) return 0;
  return a.eventId < b.eventId ? -1 : 1;
}
