/**
 * Applies one webhook event to its payment: load state -> decide (transition.ts) -> conditional
 * save -> publish the outcome -> record that it was published. Every step is safe to repeat, so a
 * retried invocation converges: a crash after `save` leaves a DUPLICATE whose outcome is still
 * unpublished, and the retry publishes it.
 * An event that names no payment (the validator's `unreferenced#…` key) stops after parsing: it has
 * no state to read or write and no outcome to publish (UNREFERENCED).
 */
import { isUnreferencedPaymentKey } from "../../../contract/event-table";
import { DEFAULT_CHARGE_RETRY_SCHEDULES, type ChargeRetrySchedules } from "../../../contract/charge-retry-schedules";
import { DISPOSITIONS, type ProcessorDecision } from "../../../contract/processor-decision";
import { assessDecline } from "../decline/charge-retry";
import { recordDecline, type RecordedDecline } from "../decline/decline-history";
import { buildOutcomeEvent, OUTCOME_DETAIL_TYPE_BY_STATUS } from "./outcome";
import { parsePaymentEvent, type PaymentEvent } from "./payment-event";
import type { PaymentState } from "./payment-state";
import type { Clock, OutcomePublisher, PaymentStateStore } from "./ports";
import { decideTransition, type TransitionKind } from "./transition";

export interface ProcessorDependencies {
  store: PaymentStateStore;
  publisher: OutcomePublisher;
  clock: Clock;
  /** Per-class charge-retry schedules; DEFAULT_CHARGE_RETRY_SCHEDULES when absent. */
  chargeRetrySchedules?: ChargeRetrySchedules;
}

export interface ProcessingResult {
  decision: ProcessorDecision;
  /** How the status moved, when applied; for logs and the regression metric. */
  transitionKind: TransitionKind | null;
}

export async function processPaymentEvent(detail: unknown, deps: ProcessorDependencies): Promise<ProcessingResult> {
  const event = parsePaymentEvent(detail);
  if (isUnreferencedPaymentKey(event.paymentId)) return unreferenced(event);
  const now = deps.clock.now();
  const current = await deps.store.load(event.paymentId);
  const transition = decideTransition(current, event, now);
  const declined = event.status === "FAILED" ? recordDecline(current?.declineHistory ?? [], event) : null;
  const next = withDeclineHistory(current, transition.next, transition.disposition, declined, now);

  if (next) await deps.store.save(next, current?.version ?? null);
  const state = next ?? current;
  if (state === null) throw new Error("Invariant: a payment with no state always gets one from its first event.");

  // Only the event the state reflects gets an outcome; a stale or ignored one tells downstream nothing new.
  const reflectsThisEvent = state.lastEventId === event.eventId;
  const decline =
    reflectsThisEvent && state.status === "FAILED" && declined
      ? assessDecline({
          provider: state.provider,
          eventType: event.eventType,
          record: declined.record,
          history: declined.history,
          repeat: declined.repeat,
          consecutiveDeclines: state.consecutiveDeclines,
          schedules: deps.chargeRetrySchedules ?? DEFAULT_CHARGE_RETRY_SCHEDULES,
        })
      : undefined;

  let outcomePublished: ProcessorDecision["outcomePublished"] = null;
  if (reflectsThisEvent && state.outcomePublishedForEventId !== event.eventId) {
    await deps.publisher.publish(buildOutcomeEvent(state, decline));
    await deps.store.markOutcomePublished(event.paymentId, event.eventId);
    outcomePublished = OUTCOME_DETAIL_TYPE_BY_STATUS[state.status];
  }

  return {
    decision: {
      disposition: transition.disposition,
      paymentId: event.paymentId,
      eventId: event.eventId,
      paymentStatus: state.status,
      previousStatus: transition.previousStatus,
      outcomePublished,
      ...(decline ? { decline } : {}),
    },
    transitionKind: transition.kind,
  };
}

/** Not a payment: a STATE item or a "Payment …" outcome for it would mislead every consumer. */
function unreferenced(event: PaymentEvent): ProcessingResult {
  return {
    decision: {
      disposition: DISPOSITIONS.unreferenced,
      paymentId: event.paymentId,
      eventId: event.eventId,
      paymentStatus: "UNKNOWN",
      previousStatus: "NONE",
      outcomePublished: null,
    },
    transitionKind: null,
  };
}

/**
 * The decline-related part of the next state. A decline is recorded in the payment's history
 * even when its event is older than the state (STALE): the attempt happened, and the networks
 * count it. A second notification of an attempt already recorded (Stripe's charge.failed and
 * payment_intent.payment_failed) keeps `consecutiveDeclines` and takes the merged reason code.
 */
function withDeclineHistory(
  current: PaymentState | null,
  next: PaymentState | null,
  disposition: ProcessorDecision["disposition"],
  declined: RecordedDecline | null,
  now: Date,
): PaymentState | null {
  if (declined === null) return next && current?.declineHistory ? { ...next, declineHistory: current.declineHistory } : next;
  if (next) {
    return {
      ...next,
      declineHistory: declined.history,
      failureCode: declined.record.failureCode,
      consecutiveDeclines: declined.repeat && current ? current.consecutiveDeclines : next.consecutiveDeclines,
    };
  }
  if (current && disposition === DISPOSITIONS.stale && !declined.repeat) {
    return { ...current, declineHistory: declined.history, version: current.version + 1, updatedAt: now.toISOString() };
  }
  return null;
}
