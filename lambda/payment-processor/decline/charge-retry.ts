/**
 * Whether and when retrying a declined charge is advisable. Network advice takes precedence over
 * the provider's reason code, in this order:
 *   1. "Never retry" from any decline of the payment: Mastercard MAC 03/21, Stripe
 *      `do_not_try_again`, Checkout.com recommendation 03, Visa category 1 and pick-up / lost /
 *      stolen response codes, or a reason the tables mark NEVER (fraud, revocations…).
 *   2. "The customer must act first" on this decline: MAC 01/04, Stripe `confirm_card_data`,
 *      Checkout.com recommendation 01, or a HARD / unrecognised reason code.
 *   3. The class schedule (contract/charge-retry-schedules.ts) for a SOFT reason; a Mastercard
 *      "retry after" MAC (02, 24–30) moves the earliest time later, never earlier.
 *   4. The networks' reattempt caps, counted over the payment's decline history.
 * Every rule below names the public page it comes from; the outcome carries the deciding one.
 */
import type { ChargeRetryClass, ChargeRetrySchedules } from "../../../contract/charge-retry-schedules";
import type { ProviderId } from "../../../contract/event-table";
import type { ChargeRetryAdvice, DeclineAssessment } from "../../../contract/processor-decision";
import { classifyDecline, isCaptureDecline } from "./classify-decline";
import { PICK_UP_LOST_STOLEN_CODES, VISA_CATEGORY_1_CODES } from "./decline-codes";
import { HISTORY_WINDOW_MS, type DeclineHistory, type DeclineRecord } from "./decline-history";

const HOUR = 3600;
const DAY = 24 * HOUR;

type AdviceEffect = { effect: "never" } | { effect: "customer_action" } | { effect: "retry_after"; delaySeconds: number } | { effect: "none" };
export interface AdviceRule {
  description: string;
  source: string;
  advice: AdviceEffect;
}

const MAC_SOURCE = "https://www.checkout.com/docs/developer-resources/codes/recommendation-codes";
const MAC_LIST_SOURCE = "https://developer.paypal.com/braintree/docs/reference/general/merchant-responses/merchant-advice-codes";
/** Mastercard Merchant Advice Codes (two digits), as Stripe, Adyen and Checkout.com pass them on. */
export const MERCHANT_ADVICE_CODES: Readonly<Record<string, AdviceRule>> = {
  "01": { description: "New account information available", source: MAC_SOURCE, advice: { effect: "customer_action" } },
  "02": {
    description: "Cannot approve at this time, try again after 72 hours",
    source: "https://airwallex.com/docs/payments__response-codes__merchant-advice-code",
    advice: { effect: "retry_after", delaySeconds: 72 * HOUR },
  },
  "03": { description: "Do not try again", source: MAC_SOURCE, advice: { effect: "never" } },
  "04": { description: "Token requirements not fulfilled for this token type", source: MAC_SOURCE, advice: { effect: "customer_action" } },
  "21": { description: "Payment cancellation: stop recurring payment", source: MAC_SOURCE, advice: { effect: "never" } },
  "24": { description: "Retry after 1 hour", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 1 * HOUR } },
  "25": { description: "Retry after 24 hours", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 24 * HOUR } },
  "26": { description: "Retry after 2 days", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 2 * DAY } },
  "27": { description: "Retry after 4 days", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 4 * DAY } },
  "28": { description: "Retry after 6 days", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 6 * DAY } },
  "29": { description: "Retry after 8 days", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 8 * DAY } },
  "30": { description: "Retry after 10 days", source: MAC_LIST_SOURCE, advice: { effect: "retry_after", delaySeconds: 10 * DAY } },
  "40": { description: "Consumer non-reloadable prepaid card", source: MAC_LIST_SOURCE, advice: { effect: "none" } },
  "41": { description: "Consumer single-use virtual card number", source: MAC_LIST_SOURCE, advice: { effect: "none" } },
  "43": { description: "Consumer multi-use virtual card number", source: MAC_LIST_SOURCE, advice: { effect: "none" } },
};

const STRIPE_ADVICE_SOURCE = "https://docs.stripe.com/declines/card#retrying-issuer-declines";
/** Stripe `advice_code` (docs.stripe.com/declines/codes: "Stripe provides the guidance … in advice codes"). */
export const STRIPE_ADVICE_CODES: Readonly<Record<string, AdviceRule>> = {
  do_not_try_again: { description: "Stripe advice: do not try again", source: STRIPE_ADVICE_SOURCE, advice: { effect: "never" } },
  confirm_card_data: { description: "Stripe advice: the customer must confirm the card data", source: STRIPE_ADVICE_SOURCE, advice: { effect: "customer_action" } },
  try_again_later: { description: "Stripe advice: try again later", source: STRIPE_ADVICE_SOURCE, advice: { effect: "none" } },
};

/** Checkout.com `processing.recommendation_code` (applies to Visa and Mastercard). */
export const CHECKOUT_RECOMMENDATION_CODES: Readonly<Record<string, AdviceRule>> = {
  "01": { description: "Checkout.com recommendation: updated or additional information required", source: MAC_SOURCE, advice: { effect: "customer_action" } },
  "02": { description: "Checkout.com recommendation: try again later", source: MAC_SOURCE, advice: { effect: "none" } },
  "03": { description: "Checkout.com recommendation: do not try again", source: MAC_SOURCE, advice: { effect: "never" } },
};

/**
 * The networks' reattempt caps per card and merchant. Visa: at most 15 reattempts within 30 days
 * after a category 2–4 decline. Visa raised this to 20 from 25 May 2025
 * (https://docs.cielo.com.br/ecommerce-cielo-en/changelog/new-limit-for-visa-retries-starting-may-25-2025);
 * 15 stays compliant under both editions. Mastercard: excessive-attempts fees from the 11th
 * decline of a card within a day, or the 36th within 30 days. An unknown network gets both.
 */
export const NETWORK_REATTEMPT_CAPS = {
  visa: { maxReattemptsIn30Days: 15, source: "https://developer.worldpay.com/products/access/reference/response-codes/scheme-codes/" },
  mastercard: { maxDeclinesPerDay: 10, maxDeclinesIn30Days: 35, source: "https://developers.tabapay.com/docs/excessive-retry-rules" },
} as const;

const CAPTURE_SOURCE = "https://www.checkout.com/docs/workflows/webhook-event-types/payment_capture_declined";

export interface DeclineContext {
  provider: ProviderId;
  eventType: string;
  /** This decline's record after merging (decline-history.ts). */
  record: DeclineRecord;
  /** The payment's history, this record included. */
  history: DeclineHistory;
  /** True when the record was already counted by an earlier notification. */
  repeat: boolean;
  /** Declines since the last success, this one counted once: the schedule's position. */
  consecutiveDeclines: number;
  schedules: ChargeRetrySchedules;
}

export function assessDecline(context: DeclineContext): DeclineAssessment {
  const { provider, record } = context;
  const classification = classifyDecline(provider, record.failureCode);
  const kind = isCaptureDecline(provider, context.eventType) ? "capture" : "charge";
  return {
    kind,
    provider,
    category: kind === "capture" ? "HARD" : classification.category,
    failureCode: record.failureCode,
    description: classification.description,
    recognised: classification.recognised,
    ...(classification.retryClass && kind === "charge" ? { retryClass: classification.retryClass } : {}),
    source: classification.source,
    adviceCode: record.signals.adviceCode,
    merchantAdviceCode: record.signals.merchantAdviceCode,
    networkResponseCode: record.signals.networkResponseCode,
    cardNetwork: record.signals.cardNetwork,
    attemptId: record.attemptId,
    repeatOfCountedDecline: context.repeat,
    declinesInLast30Days: context.history.filter((r) => r.atMs > record.atMs - HISTORY_WINDOW_MS && r.atMs <= record.atMs).length,
    retry: kind === "capture" ? captureAdvice() : adviseChargeRetry(context),
  };
}

function captureAdvice(): ChargeRetryAdvice {
  return {
    advisable: false,
    rule: "capture-decline",
    reason: "A capture was declined, not the charge: the authorisation stands, so charging again would charge the customer twice. Retry or void the capture instead.",
    source: CAPTURE_SOURCE,
  };
}

export function adviseChargeRetry(context: DeclineContext): ChargeRetryAdvice {
  const { provider, record, history } = context;
  const no = (rule: string, reason: string, source: string): ChargeRetryAdvice => ({ advisable: false, rule, reason, source });

  // 1. Never: this decline first, then any earlier one of the payment.
  const ordered = [record, ...history.filter((r) => r.attemptId !== record.attemptId).reverse()];
  for (const candidate of ordered) {
    const forbidden = neverRetrySignal(provider, candidate);
    if (forbidden) {
      const earlier = candidate === record ? "" : ` (earlier decline ${candidate.attemptId} of this payment; it applies to every later attempt)`;
      return no(forbidden.rule, `Never retry: ${forbidden.description}${earlier}.`, forbidden.source);
    }
  }

  // 2. The customer must act first.
  const action = customerActionSignal(provider, record);
  if (action) return no(action.rule, `No automatic retry: ${action.description}; ask the customer to update the payment method.`, action.source);
  const classification = classifyDecline(provider, record.failureCode);
  if (classification.category === "HARD" || classification.retryClass === undefined) {
    return classification.recognised
      ? no("hard-decline", `Hard decline (${classification.description}): retrying the same charge will not succeed; ask the customer for another payment method.`, classification.source)
      : no("unrecognised-code", `${classification.description}.`, classification.source);
  }

  // 3. Schedule for the class, moved later by a "retry after" MAC.
  const retryClass: ChargeRetryClass = classification.retryClass;
  const schedule = context.schedules[retryClass];
  const attempt = Math.max(1, context.consecutiveDeclines);
  if (attempt > schedule.length) {
    return no(`schedule-exhausted:${retryClass}`, `Retry schedule for ${retryClass} used up: ${attempt} consecutive declines, ${schedule.length} retries configured.`, classification.source);
  }
  let delaySeconds = schedule[attempt - 1];
  let rule = `schedule:${retryClass}`;
  let reason = `Soft decline (${classification.description}): retry ${attempt} of ${schedule.length} on the ${retryClass} schedule.`;
  let source = classification.source;
  const mac = MERCHANT_ADVICE_CODES[record.signals.merchantAdviceCode];
  if (mac?.advice.effect === "retry_after" && mac.advice.delaySeconds > delaySeconds) {
    delaySeconds = mac.advice.delaySeconds;
    rule = `mastercard-mac-${record.signals.merchantAdviceCode}`;
    reason = `Soft decline (${classification.description}): Mastercard advises "${mac.description}", later than the ${retryClass} schedule; retry ${attempt} of ${schedule.length}.`;
    source = mac.source;
  }
  let notBeforeMs = record.atMs + delaySeconds * 1000;

  // 4. The networks' caps over the payment's history.
  const network = record.signals.cardNetwork;
  const declinesBefore = (windowMs: number, at: number) => history.filter((r) => r.atMs > at - windowMs && r.atMs <= at);
  if (network === "visa" || network === "") {
    const cap = NETWORK_REATTEMPT_CAPS.visa;
    const declines = declinesBefore(HISTORY_WINDOW_MS, notBeforeMs).length;
    // The first decline is the original attempt; every later one was a reattempt.
    if (declines > cap.maxReattemptsIn30Days) {
      return no("visa-30-day-cap", `Visa allows at most ${cap.maxReattemptsIn30Days} reattempts within 30 days; this payment has ${declines - 1}.`, cap.source);
    }
  }
  if (network === "mastercard" || network === "") {
    const cap = NETWORK_REATTEMPT_CAPS.mastercard;
    const declines = declinesBefore(HISTORY_WINDOW_MS, notBeforeMs).length;
    if (declines >= cap.maxDeclinesIn30Days) {
      return no("mastercard-30-day-cap", `Mastercard charges for more than ${cap.maxDeclinesIn30Days} declines of a card within 30 days; this payment has ${declines}.`, cap.source);
    }
    const lastDay = declinesBefore(DAY * 1000, notBeforeMs)
      .map((r) => r.atMs)
      .sort((a, b) => b - a);
    if (lastDay.length >= cap.maxDeclinesPerDay) {
      notBeforeMs = lastDay[cap.maxDeclinesPerDay - 1] + DAY * 1000;
      delaySeconds = Math.ceil((notBeforeMs - record.atMs) / 1000);
      rule = "mastercard-daily-cap";
      reason = `Mastercard charges for more than ${cap.maxDeclinesPerDay} declines of a card within a day: retry ${attempt} waits until the oldest of the last ${cap.maxDeclinesPerDay} is a day old.`;
      source = cap.source;
    }
  }
  return { advisable: true, rule, reason, source, attempt, delaySeconds, notBefore: new Date(notBeforeMs).toISOString() };
}

interface Signal {
  rule: string;
  description: string;
  source: string;
}

function neverRetrySignal(provider: ProviderId, record: DeclineRecord): Signal | undefined {
  const { signals } = record;
  const mac = MERCHANT_ADVICE_CODES[signals.merchantAdviceCode];
  if (mac?.advice.effect === "never") return { rule: `mastercard-mac-${signals.merchantAdviceCode}`, description: `Mastercard MAC ${signals.merchantAdviceCode} "${mac.description}"`, source: mac.source };
  const advice = adviceRule(provider, signals.adviceCode);
  if (advice?.advice.effect === "never") return { rule: `${provider}-advice-${signals.adviceCode}`, description: advice.description, source: advice.source };
  const raw = signals.networkResponseCode.toUpperCase();
  const networkCode = PICK_UP_LOST_STOLEN_CODES[raw] ?? (signals.cardNetwork === "visa" || signals.cardNetwork === "" ? VISA_CATEGORY_1_CODES[raw] : undefined);
  if (networkCode) return { rule: `network-response-${raw}`, description: networkCode.description, source: networkCode.source };
  const classification = classifyDecline(provider, record.failureCode);
  if (classification.neverRetry) return { rule: `never:${record.failureCode}`, description: classification.description, source: classification.source };
  return undefined;
}

function customerActionSignal(provider: ProviderId, record: DeclineRecord): Signal | undefined {
  const { signals } = record;
  const mac = MERCHANT_ADVICE_CODES[signals.merchantAdviceCode];
  if (mac?.advice.effect === "customer_action") return { rule: `mastercard-mac-${signals.merchantAdviceCode}`, description: `Mastercard MAC ${signals.merchantAdviceCode} "${mac.description}"`, source: mac.source };
  const advice = adviceRule(provider, signals.adviceCode);
  if (advice?.advice.effect === "customer_action") return { rule: `${provider}-advice-${signals.adviceCode}`, description: advice.description, source: advice.source };
  return undefined;
}

function adviceRule(provider: ProviderId, code: string): AdviceRule | undefined {
  if (code === "") return undefined;
  if (provider === "checkout") return CHECKOUT_RECOMMENDATION_CODES[code];
  return STRIPE_ADVICE_CODES[code.toLowerCase()];
}

/** Advice codes present but in no table: reported by the handler so operators can add them. */
export function unrecognisedAdviceCodes(decline: Pick<DeclineAssessment, "provider" | "merchantAdviceCode" | "adviceCode">): string[] {
  const unknown: string[] = [];
  if (decline.merchantAdviceCode !== "" && !MERCHANT_ADVICE_CODES[decline.merchantAdviceCode]) unknown.push(`mac:${decline.merchantAdviceCode}`);
  if (decline.adviceCode !== "" && !adviceRule(decline.provider, decline.adviceCode)) unknown.push(`advice:${decline.adviceCode}`);
  return unknown;
}
