/**
 * The payment's decline history, kept on its STATE item: one record per authorisation attempt,
 * so the networks' reattempt caps are counted across everything the payment went through, and a
 * second notification of the same decline (Stripe sends charge.failed and
 * payment_intent.payment_failed for one) is merged into its record instead of counted again.
 */
import { NO_DECLINE_SIGNALS, type DeclineSignals } from "../../../contract/decline-signals";
import type { ProviderId } from "../../../contract/event-table";
import type { PaymentEvent } from "../core/payment-event";
import { classifyDecline } from "./classify-decline";

export interface DeclineRecord {
  attemptId: string;
  /** Provider time of the first notification of this decline. */
  atMs: number;
  failureCode: string;
  signals: DeclineSignals;
}

/** Records within the networks' 30-day window of the newest, oldest first. */
export type DeclineHistory = readonly DeclineRecord[];

export const HISTORY_WINDOW_MS = 30 * 24 * 3600 * 1000;
/** Above Mastercard's 35-in-30-days cap, so trimming never hides a cap. */
export const MAX_HISTORY_RECORDS = 40;

/** The attempt a decline belongs to; without one from the provider, each event is its own attempt. */
export function attemptIdOf(event: Pick<PaymentEvent, "eventId" | "declineSignals">): string {
  return event.declineSignals.attemptId !== "" ? event.declineSignals.attemptId : `event:${event.eventId}`;
}

export interface RecordedDecline {
  history: DeclineHistory;
  /** The record of this event's attempt after merging. */
  record: DeclineRecord;
  /** The attempt was already in the history: not a new decline. */
  repeat: boolean;
}

export function recordDecline(history: DeclineHistory, event: PaymentEvent): RecordedDecline {
  const attemptId = attemptIdOf(event);
  const existing = history.find((r) => r.attemptId === attemptId);
  const record: DeclineRecord = existing
    ? mergeRecords(event.provider, existing, event)
    : { attemptId, atMs: event.occurredAtMs, failureCode: event.failureCode, signals: { ...event.declineSignals, attemptId } };
  const others = history.filter((r) => r.attemptId !== attemptId);
  const merged = [...others, record].sort((a, b) => a.atMs - b.atMs || (a.attemptId < b.attemptId ? -1 : 1));
  const newest = merged[merged.length - 1].atMs;
  const kept = merged.filter((r) => r.atMs > newest - HISTORY_WINDOW_MS).slice(-MAX_HISTORY_RECORDS);
  return { history: kept, record, repeat: existing !== undefined };
}

/**
 * Two notifications of one decline: each advice field keeps whichever one is present, and the
 * reason code the provider's table recognises wins over a generic one (a charge's
 * `failure_code` "card_declined" must not replace the PaymentIntent's "insufficient_funds").
 */
function mergeRecords(provider: ProviderId, existing: DeclineRecord, event: PaymentEvent): DeclineRecord {
  const incoming = event.failureCode;
  const keepExisting =
    incoming === "" || (classifyDecline(provider, existing.failureCode).recognised && !classifyDecline(provider, incoming).recognised);
  const signals = { ...NO_DECLINE_SIGNALS };
  for (const key of Object.keys(signals) as Array<keyof DeclineSignals>) {
    signals[key] = event.declineSignals[key] !== "" ? event.declineSignals[key] : existing.signals[key];
  }
  return {
    attemptId: existing.attemptId,
    atMs: Math.min(existing.atMs, event.occurredAtMs),
    failureCode: keepExisting ? existing.failureCode : incoming,
    signals: { ...signals, attemptId: existing.attemptId },
  };
}

/** For the STATE item: compact JSON that round-trips through parseDeclineHistory. */
export function serialiseDeclineHistory(history: DeclineHistory): string {
  return JSON.stringify(history.map((r) => [r.attemptId, r.atMs, r.failureCode, r.signals.adviceCode, r.signals.merchantAdviceCode, r.signals.networkResponseCode, r.signals.cardNetwork]));
}

export function parseDeclineHistory(text: string): DeclineHistory {
  if (text === "") return [];
  const rows = JSON.parse(text) as Array<[string, number, string, string, string, string, string]>;
  return rows.map(([attemptId, atMs, failureCode, adviceCode, merchantAdviceCode, networkResponseCode, cardNetwork]) => ({
    attemptId,
    atMs,
    failureCode,
    signals: { adviceCode, merchantAdviceCode, networkResponseCode, cardNetwork, attemptId },
  }));
}
