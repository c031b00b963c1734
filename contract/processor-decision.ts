/**
 * What the payment processor returns to the workflow (the `Payload` of `lambda:invoke`). The
 * workflow's Choice states route on these exact strings, so both sides import them from here.
 */
import type { PaymentStatus, ProviderId } from "./event-table";
import type { OutcomeDetailType } from "./event-routing";

export const DISPOSITIONS = {
  /** The event is the newest known for the payment: state updated, outcome published. */
  applied: "APPLIED",
  /** An older event than the one the state already reflects: state untouched. */
  stale: "STALE",
  /** This very event was applied before (a retry or a redelivery): state untouched. */
  duplicate: "DUPLICATE",
  /** The event carries no status (UNKNOWN) and the payment's status is known: state untouched. */
  ignored: "IGNORED",
  /**
   * The event names no payment (its key is `unreferenced#<provider>#<eventId>`, see
   * isUnreferencedPaymentKey): nothing to apply, no outcome published; the EVENT item is still
   * marked PROCESSED. `paymentStatus` is UNKNOWN and `previousStatus` NONE: there is no payment.
   */
  unreferenced: "UNREFERENCED",
} as const;
export type Disposition = (typeof DISPOSITIONS)[keyof typeof DISPOSITIONS];

export type DeclineCategory = "SOFT" | "HARD";

/** Advice on retrying the charge of a failed payment (a charge retry, not a workflow retry). */
export interface ChargeRetryAdvice {
  advisable: boolean;
  /** Machine-readable id of the rule that decided, e.g. "mastercard-mac-03", "schedule:insufficient_funds", "visa-30-day-cap". */
  rule: string;
  /** Why (or why not), for humans and dashboards. */
  reason: string;
  /** Public page stating the rule that decided. */
  source: string;
  /** 1-based number of the retry being advised; absent when not advisable. */
  attempt?: number;
  /** Seconds from the decline to the earliest retry; absent when not advisable. */
  delaySeconds?: number;
  /** ISO-8601 instant before which the retry must not happen (decline time + delaySeconds, or later). */
  notBefore?: string;
}

/** A charge decline (authorisation refused) or a capture decline (the authorisation stands; re-charging would charge twice). */
export type DeclineKind = "charge" | "capture";

export interface DeclineAssessment {
  kind: DeclineKind;
  provider: ProviderId;
  category: DeclineCategory;
  /** Provider reason code exactly as received ("" when the provider sent none). */
  failureCode: string;
  /** Short human description of the reason. */
  description: string;
  /** False when the code is in none of the provider's tables (then HARD, and counted in a metric). */
  recognised: boolean;
  /** SOFT charge declines: the schedule that applies. */
  retryClass?: string;
  /** Public page documenting the code. */
  source: string;
  /** Advice codes as the provider sent them ("" for none). */
  adviceCode: string;
  merchantAdviceCode: string;
  networkResponseCode: string;
  cardNetwork: string;
  /** The authorisation attempt; several notifications of one decline share it and the same advice. */
  attemptId: string;
  /** True when this notification reports a decline already counted (e.g. Stripe's charge.failed after payment_intent.payment_failed). */
  repeatOfCountedDecline: boolean;
  /** Declines of this payment within the networks' 30-day window, this one included. */
  declinesInLast30Days: number;
  retry: ChargeRetryAdvice;
}

export interface ProcessorDecision {
  disposition: Disposition;
  paymentId: string;
  eventId: string;
  /** Status of the payment after this event (unchanged unless APPLIED). */
  paymentStatus: PaymentStatus;
  /** Status before this event; "NONE" when it was the first event of the payment. */
  previousStatus: PaymentStatus | "NONE";
  /** Detail type of the outcome published for this event, or null when none was published. */
  outcomePublished: OutcomeDetailType | null;
  /** Present when the event declined the payment (status FAILED and applied). */
  decline?: DeclineAssessment;
}
