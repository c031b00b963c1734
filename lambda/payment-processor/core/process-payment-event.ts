/**
 * Applies one webhook event to its payment: load state -> decide (transition.ts) -> conditional
 * save -> publish the outcome -> record that it was published. Every step is safe to repeat, so a
 * retried invocation converges: a crash after `save` leaves a DUPLICATE whose outcome is still
 * unpublished, and the retry publishes it.
 * An event that names no payment (the validator's `unreferenced#…` key) stops after parsing: it has
 * no state to read or write and no outcome to publish (UNREFERENCED).
 */
import { isUnreferencedPaymentKey } from "../../../contract/event-table";
import { DISPOSITIONS, type DeclineAssessment, type ProcessorDecision } from "../../../contract/processor-decision";
import { adviseChargeRetry, DEFAULT_CHARGE_RETRY_POLICY, type ChargeRetryPolicy } from "../decline/charge-retry";
import { classifyDecline } from "../decline/classify-decline";
import { buildOutcomeEvent, OUTCOME_DETAIL_TYPE_BY_STATUS } from "./outcome";
import { parsePaymentEvent, type PaymentEvent } from "./payment-event";
import type { PaymentState } from "./payment-state";
import type { Clock, OutcomePublisher, PaymentStateStore } from "./ports";
import { decideTransition, type TransitionKind } from "./transition";

export interface ProcessorDependencies {
  store: PaymentStateStore;
  publisher: OutcomePublisher;
  clock: Clock;
  chargeRetryPolicy?: ChargeRetryPolicy;
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

  if (transition.next) await deps.store.save(transition.next, current?.version ?? null);
  const state = transition.next ?? current;
  if (state === null) throw new Error("Invariant: a payment with no state always gets one from its first event.");

  // Only the event the state reflects gets an outcome; a stale or ignored one tells downstream nothing new.
  const reflectsThisEvent = state.lastEventId === event.eventId;
  const decline = reflectsThisEvent && state.status === "FAILED" ? assessDecline(state, now, deps.chargeRetryPolicy) : undefined;

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

function assessDecline(state: PaymentState, now: Date, policy: ChargeRetryPolicy = DEFAULT_CHARGE_RETRY_POLICY): DeclineAssessment {
  const reason = classifyDecline(state.provider, state.failureCode);
  return {
    category: reason.category,
    failureCode: state.failureCode,
    description: reason.description,
    retry: adviseChargeRetry(reason.category, state.consecutiveDeclines, now, policy),
  };
}
