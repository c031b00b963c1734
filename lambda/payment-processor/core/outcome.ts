/**
 * The outcome event downstream systems subscribe to (bus rule on source + detail-type). One per
 * applied event; `outcomeId` is the source event's id, so consumers can de-duplicate the rare
 * re-publication after a crash between publishing and recording it.
 */
import { OUTCOME_EVENT_SOURCE, type OutcomeDetailType } from "../../../contract/event-routing";
import type { PaymentStatus, ProviderId } from "../../../contract/event-table";
import type { DeclineAssessment } from "../../../contract/processor-decision";
import type { PaymentState } from "./payment-state";

export const OUTCOME_DETAIL_TYPE_BY_STATUS: Readonly<Record<PaymentStatus, OutcomeDetailType>> = {
  SUCCEEDED: "Payment Succeeded",
  FAILED: "Payment Failed",
  REFUNDED: "Payment Refunded",
  DISPUTED: "Payment Disputed",
  CANCELED: "Payment Canceled",
  PENDING: "Payment Pending",
  AUTHORIZED: "Payment Authorized",
  UNKNOWN: "Payment Status Unknown",
};

export interface OutcomeDetail {
  outcomeId: string;
  paymentId: string;
  provider: ProviderId;
  status: PaymentStatus;
  previousStatus: PaymentStatus | "NONE";
  eventId: string;
  eventType: string;
  occurredAt: string;
  /** Minor units, or null when never known. */
  amount: number | null;
  currency: string;
  /** Present for "Payment Failed". */
  decline?: DeclineAssessment;
}

export interface OutcomeEvent {
  source: typeof OUTCOME_EVENT_SOURCE;
  detailType: OutcomeDetailType;
  /** Provider time of the event the outcome reflects. */
  time: Date;
  detail: OutcomeDetail;
}

export function buildOutcomeEvent(state: PaymentState, decline: DeclineAssessment | undefined): OutcomeEvent {
  return {
    source: OUTCOME_EVENT_SOURCE,
    detailType: OUTCOME_DETAIL_TYPE_BY_STATUS[state.status],
    time: new Date(state.lastOccurredAtMs),
    detail: {
      outcomeId: state.lastEventId,
      paymentId: state.paymentId,
      provider: state.provider,
      status: state.status,
      previousStatus: state.previousStatus,
      eventId: state.lastEventId,
      eventType: state.lastEventType,
      occurredAt: state.lastOccurredAt,
      amount: state.amountMinor,
      currency: state.currency,
      ...(decline ? { decline } : {}),
    },
  };
}
