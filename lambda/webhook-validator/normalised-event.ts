import type { DeclineSignals } from "../../contract/decline-signals";
import type { PaymentStatus, ProviderId } from "../../contract/event-table";

/**
 * One provider event as the validator stores it, whatever the provider's own shape. Each
 * provider module's `normalise` produces these (providers/<id>.ts).
 */
export interface NormalisedEvent {
  provider: ProviderId;
  /** Provider's own event id: the idempotency key together with occurredAt. */
  eventId: string;
  eventType: string;
  /** Provider payment reference; null when the event has none (stored under a synthetic key). */
  paymentId: string | null;
  status: PaymentStatus;
  /** Minor units (cents); null when the provider sent no amount. */
  amountMinor: number | null;
  /** ISO-4217, upper case; null when unknown. */
  currency: string | null;
  failureCode: string | null;
  /** Advice codes, card network and attempt id of a decline; absent or partial when the provider sends none. */
  declineSignals?: Partial<DeclineSignals>;
  /** Provider's event time, ISO-8601 UTC with milliseconds (deterministic per event, so redeliveries collide). */
  occurredAt: string;
  /** When this validator received it, ISO-8601 UTC. */
  receivedAt: string;
  /** The raw body exactly as received. */
  rawPayload: string;
}
