/**
 * The pure heart of the processor: what one event does to a payment's state.
 *
 * Rules, in order:
 * 1. No state yet: the event creates it (APPLIED, kind "first").
 * 2. The event is the one the state already reflects: DUPLICATE (no-op).
 * 3. The event's status is UNKNOWN (a provider event we cannot map): it never overwrites a known
 *    status (IGNORED); between UNKNOWNs the newer one wins.
 * 4. The state's status is UNKNOWN: any known-status event replaces it, whatever its time.
 * 5. Otherwise the newer event (ordering.ts: signed time, or lifecycle precedence where the
 *    provider signs no time) wins; an older one is STALE (no-op).
 * Together these make the final state the newest known-status event of the payment, whatever the
 * delivery order (property-tested). With a signed time a newer event may move "backwards" (e.g.
 * SUCCEEDED -> PENDING): the provider's signed clock is the authority, so it is applied and
 * flagged as a regression. Without one (Adyen) nothing moves backwards.
 */
import type { PaymentStatus } from "../../../contract/event-table";
import { DISPOSITIONS, type Disposition } from "../../../contract/processor-decision";
import { compareEvents } from "./ordering";
import type { PaymentEvent } from "./payment-event";
import type { PaymentState } from "./payment-state";

export type TransitionKind = "first" | "advance" | "same-status" | "lateral" | "regression";

/** UNREFERENCED never comes from here: process-payment-event.ts decides it before any state is read. */
export type TransitionDisposition = Exclude<Disposition, typeof DISPOSITIONS.unreferenced>;

export interface Transition {
  disposition: TransitionDisposition;
  previousStatus: PaymentStatus | "NONE";
  /** The state to write (APPLIED only). */
  next: PaymentState | null;
  /** How the status moved (APPLIED only). */
  kind: TransitionKind | null;
}

/** Lifecycle depth: a move to a lower rank is a regression, to the same rank but another status is lateral. */
export const STATUS_RANK: Readonly<Record<PaymentStatus, number>> = {
  UNKNOWN: 0,
  PENDING: 1,
  AUTHORIZED: 2,
  SUCCEEDED: 3,
  FAILED: 3,
  CANCELED: 3,
  REFUNDED: 4,
  DISPUTED: 4,
};

export function decideTransition(state: PaymentState | null, event: PaymentEvent, now: Date): Transition {
  if (state === null) {
    return { disposition: DISPOSITIONS.applied, previousStatus: "NONE", next: nextState(null, event, now), kind: "first" };
  }
  const unchanged = (disposition: TransitionDisposition): Transition => ({ disposition, previousStatus: state.status, next: null, kind: null });
  if (state.lastEventId === event.eventId) return unchanged(DISPOSITIONS.duplicate);
  if (event.status === "UNKNOWN" && state.status !== "UNKNOWN") return unchanged(DISPOSITIONS.ignored);
  const newer = state.status === "UNKNOWN" && event.status !== "UNKNOWN"
    ? true
    : compareEvents(event, { provider: state.provider, status: state.status, occurredAtMs: state.lastOccurredAtMs, eventId: state.lastEventId }) > 0;
  if (!newer) return unchanged(DISPOSITIONS.stale);
  return { disposition: DISPOSITIONS.applied, previousStatus: state.status, next: nextState(state, event, now), kind: kindOf(state.status, event.status) };
}

function kindOf(from: PaymentStatus, to: PaymentStatus): TransitionKind {
  if (from === to) return "same-status";
  if (STATUS_RANK[to] > STATUS_RANK[from]) return "advance";
  if (STATUS_RANK[to] < STATUS_RANK[from]) return "regression";
  return "lateral";
}

function nextState(state: PaymentState | null, event: PaymentEvent, now: Date): PaymentState {
  const declines = state?.consecutiveDeclines ?? 0;
  return {
    paymentId: event.paymentId,
    provider: event.provider,
    status: event.status,
    previousStatus: state?.status ?? "NONE",
    lastEventId: event.eventId,
    lastEventKey: event.eventKey,
    lastEventType: event.eventType,
    lastOccurredAt: event.occurredAt,
    lastOccurredAtMs: event.occurredAtMs,
    // An event without an amount (e.g. some dispute notifications) keeps the known one.
    amountMinor: event.amountMinor ?? state?.amountMinor ?? null,
    currency: event.currency !== "" ? event.currency : (state?.currency ?? ""),
    failureCode: event.status === "FAILED" ? event.failureCode : "",
    consecutiveDeclines: event.status === "FAILED" ? declines + 1 : event.status === "SUCCEEDED" ? 0 : declines,
    outcomePublishedForEventId: null,
    version: (state?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
  };
}
