/**
 * Decline classification and charge-retry advice. Every expectation comes from a public page
 * (cited per block): the providers' code lists, Mastercard's Merchant Advice Codes, Visa's
 * categories and the networks' reattempt caps.
 */
import {
  ChargeRetrySchedulesError,
  DEFAULT_CHARGE_RETRY_SCHEDULES,
  parseChargeRetrySchedules,
  type ChargeRetrySchedules,
} from "../../../contract/charge-retry-schedules";
import { decodeDeclineSignals, encodeDeclineSignals, NO_DECLINE_SIGNALS, type DeclineSignals } from "../../../contract/decline-signals";
import type { ProviderId } from "../../../contract/event-table";
import { assessDecline, type DeclineContext } from "../../../lambda/payment-processor/decline/charge-retry";
import { classifyDecline } from "../../../lambda/payment-processor/decline/classify-decline";
import type { DeclineRecord } from "../../../lambda/payment-processor/decline/decline-history";

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const HOUR = 3600;
const DAY = 24 * HOUR;

function record(failureCode: string, signals: Partial<DeclineSignals> = {}, atMs = T0, attemptId = "att_1"): DeclineRecord {
  return { attemptId, atMs, failureCode, signals: { ...NO_DECLINE_SIGNALS, ...signals, attemptId } };
}

function assess(provider: ProviderId, current: DeclineRecord, overrides: Partial<DeclineContext> = {}) {
  return assessDecline({
    provider,
    eventType: "payment_intent.payment_failed",
    record: current,
    history: [current],
    repeat: false,
    consecutiveDeclines: 1,
    schedules: DEFAULT_CHARGE_RETRY_SCHEDULES,
    ...overrides,
  });
}

describe("classification per provider", () => {
  it.each<[ProviderId, string, "SOFT" | "HARD", string | undefined]>([
    // https://docs.stripe.com/declines/codes
    ["stripe", "insufficient_funds", "SOFT", "insufficient_funds"],
    ["stripe", "issuer_not_available", "SOFT", "issuer_unavailable"],
    ["stripe", "card_velocity_exceeded", "SOFT", "limit_exceeded"],
    ["stripe", "do_not_honor", "SOFT", "generic"],
    ["stripe", "incorrect_zip", "HARD", undefined],
    ["stripe", "incorrect_pin", "HARD", undefined],
    ["stripe", "pin_try_exceeded", "HARD", undefined],
    ["stripe", "offline_pin_required", "HARD", undefined],
    ["stripe", "service_not_allowed", "HARD", undefined],
    ["stripe", "INSUFFICIENT_FUNDS", "SOFT", "insufficient_funds"],
    // https://docs.adyen.com/development-resources/refusal-reasons (text as notified in `reason`, and the numeric code)
    ["adyen", "Not enough balance", "SOFT", "insufficient_funds"],
    ["adyen", "Issuer Unavailable", "SOFT", "issuer_unavailable"],
    ["adyen", "Card requires online pin", "HARD", undefined],
    ["adyen", "No checking account available on Card", "HARD", undefined],
    ["adyen", "Mobile PIN required", "HARD", undefined],
    ["adyen", "Authentication required", "HARD", undefined],
    ["adyen", "Online PIN required", "HARD", undefined],
    ["adyen", "Chip downgrade mode", "HARD", undefined],
    ["adyen", "Transaction blocked by Adyen to prevent excessive retry fees", "HARD", undefined],
    ["adyen", "46", "HARD", undefined],
    ["adyen", "12", "SOFT", "insufficient_funds"],
    // https://developer.squareup.com/reference/square/enums/ErrorCode
    ["square", "INSUFFICIENT_FUNDS", "SOFT", "insufficient_funds"],
    ["square", "TEMPORARY_ERROR", "SOFT", "issuer_unavailable"],
    ["square", "CVV_FAILURE", "HARD", undefined],
    // https://www.checkout.com/docs/developer-resources/codes/api-response-codes and .../visa-response-codes
    ["checkout", "20051", "SOFT", "insufficient_funds"],
    ["checkout", "20091", "SOFT", "issuer_unavailable"],
    ["checkout", "20046", "SOFT", "generic"],
    ["checkout", "20067", "HARD", undefined],
    ["checkout", "20179", "HARD", undefined],
    ["checkout", "20182", "HARD", undefined],
    ["checkout", "20183", "HARD", undefined],
    ["checkout", "20150", "HARD", undefined],
    ["checkout", "200r1", "HARD", undefined],
  ])("%s %j is %s (%s)", (provider, code, category, retryClass) => {
    const result = classifyDecline(provider, code);
    expect({ category: result.category, retryClass: result.retryClass, recognised: result.recognised }).toEqual({ category, retryClass, recognised: true });
    expect(result.source).toMatch(/^https:\/\//);
  });

  it("Checkout.com labels follow its API response-code page: 20046 is a bank decline, 20150 a card without 3-D Secure", () => {
    expect(classifyDecline("checkout", "20046").description).toMatch(/bank decline/i);
    expect(classifyDecline("checkout", "20150").description).toMatch(/not 3-D Secure enabled/i);
  });

  it.each([
    ["checkout", "20099"],
    ["checkout", "20999"],
    ["checkout", "30999"],
    ["checkout", "41101"],
    ["stripe", "made_up_code"],
    ["adyen", "99"],
    ["square", ""],
  ] as Array<[ProviderId, string]>)("no family fallback: %s %j is unrecognised or HARD", (provider, code) => {
    const result = classifyDecline(provider, code);
    expect(result.category).toBe("HARD");
    expect(result.retryClass).toBeUndefined();
  });

  it("an unknown code says so (for the metric and the log)", () => {
    expect(classifyDecline("stripe", "made_up_code")).toMatchObject({ recognised: false, description: expect.stringMatching(/Unrecognised/) });
    expect(classifyDecline("stripe", "")).toMatchObject({ recognised: false, description: expect.stringMatching(/No decline reason/) });
  });
});

describe("network advice takes precedence", () => {
  // Mastercard MACs: https://www.checkout.com/docs/developer-resources/codes/recommendation-codes,
  // https://developer.paypal.com/braintree/docs/reference/general/merchant-responses/merchant-advice-codes
  it.each(["03", "21"])("MAC %s (do not try again / stop recurring) on a soft decline: never retried", (mac) => {
    const result = assess("stripe", record("insufficient_funds", { merchantAdviceCode: mac, cardNetwork: "mastercard" }));
    expect(result.retry).toMatchObject({ advisable: false, rule: `mastercard-mac-${mac}` });
    expect(result.retry.notBefore).toBeUndefined();
  });

  it.each(["01", "04"])("MAC %s (update the credentials / token): no automatic retry", (mac) => {
    expect(assess("stripe", record("do_not_honor", { merchantAdviceCode: mac })).retry).toMatchObject({ advisable: false, rule: `mastercard-mac-${mac}` });
  });

  // Retry-after MACs, as published: 24 = 1 hour, 25 = 24 hours, 26 = 2 days, 27 = 4, 28 = 6, 29 = 8, 30 = 10 days.
  const shortSchedule: ChargeRetrySchedules = { ...DEFAULT_CHARGE_RETRY_SCHEDULES, issuer_unavailable: [60] };
  it.each([
    ["24", 1 * HOUR],
    ["25", 24 * HOUR],
    ["26", 2 * DAY],
    ["27", 4 * DAY],
    ["28", 6 * DAY],
    ["29", 8 * DAY],
    ["30", 10 * DAY],
  ])("MAC %s sets the earliest retry %i s after the decline", (mac, seconds) => {
    const result = assess("stripe", record("issuer_not_available", { merchantAdviceCode: mac, cardNetwork: "mastercard" }), { schedules: shortSchedule });
    expect(result.retry).toMatchObject({ advisable: true, rule: `mastercard-mac-${mac}`, delaySeconds: seconds, notBefore: new Date(T0 + seconds * 1000).toISOString() });
  });

  it("a retry-after MAC never brings a retry earlier than the class schedule", () => {
    const result = assess("stripe", record("insufficient_funds", { merchantAdviceCode: "24" }));
    expect(result.retry).toMatchObject({ rule: "schedule:insufficient_funds", delaySeconds: DEFAULT_CHARGE_RETRY_SCHEDULES.insufficient_funds[0] });
  });

  it("a retry-after MAC does not make a hard decline retryable", () => {
    expect(assess("stripe", record("expired_card", { merchantAdviceCode: "25" })).retry).toMatchObject({ advisable: false, rule: "hard-decline" });
  });

  // https://docs.stripe.com/declines/card#retrying-issuer-declines
  it("Stripe advice_code do_not_try_again: never; confirm_card_data: the customer must act", () => {
    expect(assess("stripe", record("generic_decline", { adviceCode: "do_not_try_again" })).retry).toMatchObject({ advisable: false, rule: "stripe-advice-do_not_try_again" });
    expect(assess("stripe", record("generic_decline", { adviceCode: "confirm_card_data" })).retry).toMatchObject({ advisable: false, rule: "stripe-advice-confirm_card_data" });
    expect(assess("stripe", record("generic_decline", { adviceCode: "try_again_later" })).retry).toMatchObject({ advisable: true });
  });

  // https://www.checkout.com/docs/developer-resources/codes/recommendation-codes
  it("Checkout.com recommendation_code 03: never; 01: the customer must act", () => {
    expect(assess("checkout", record("20051", { adviceCode: "03" })).retry).toMatchObject({ advisable: false, rule: "checkout-advice-03" });
    expect(assess("checkout", record("20051", { adviceCode: "01" })).retry).toMatchObject({ advisable: false, rule: "checkout-advice-01" });
  });

  // Visa category 1, https://www.checkout.com/docs/developer-resources/codes/visa-response-codes
  it.each(["04", "07", "12", "14", "15", "41", "43", "46", "57", "R0", "R1", "R3"])("Visa response %s (category 1 / pick-up, lost, stolen) on a soft code: never", (raw) => {
    expect(assess("stripe", record("do_not_honor", { networkResponseCode: raw, cardNetwork: "visa" })).retry).toMatchObject({ advisable: false, rule: `network-response-${raw}` });
  });

  it("Visa-only category 1 codes do not apply to a Mastercard decline; pick-up / lost / stolen do", () => {
    expect(assess("stripe", record("do_not_honor", { networkResponseCode: "57", cardNetwork: "mastercard" })).retry.advisable).toBe(true);
    expect(assess("stripe", record("do_not_honor", { networkResponseCode: "43", cardNetwork: "mastercard" })).retry.advisable).toBe(false);
  });

  it.each(["pickup_card", "lost_card", "stolen_card", "fraudulent", "revocation_of_all_authorizations"])("Stripe %s: never", (code) => {
    expect(assess("stripe", record(code)).retry).toMatchObject({ advisable: false, rule: `never:${code}` });
  });

  it("a never-retry decline blocks the payment's later soft declines too", () => {
    const earlier = record("lost_card", {}, T0, "ch_lost");
    const later = record("insufficient_funds", {}, T0 + DAY, "ch_funds");
    const result = assess("stripe", later, { history: [earlier, later], consecutiveDeclines: 2 });
    expect(result.retry).toMatchObject({ advisable: false, rule: "never:lost_card", reason: expect.stringMatching(/earlier decline ch_lost/) });
  });
});

describe("per-class schedules", () => {
  it("insufficient funds waits days; issuer unavailable retries within hours", () => {
    expect(assess("stripe", record("insufficient_funds")).retry.delaySeconds).toBeGreaterThanOrEqual(72 * HOUR);
    expect(assess("stripe", record("issuer_not_available")).retry.delaySeconds).toBeLessThanOrEqual(1 * HOUR);
  });

  it("the n-th consecutive decline takes the n-th delay, counted from the decline; after the last one, no retry", () => {
    const schedules = { ...DEFAULT_CHARGE_RETRY_SCHEDULES, generic: [600, 7200] };
    const advice = [1, 2, 3].map((n) => assess("stripe", record("do_not_honor"), { consecutiveDeclines: n, schedules }).retry);
    expect(advice.map((a) => a.delaySeconds)).toEqual([600, 7200, undefined]);
    expect(advice[1]).toMatchObject({ attempt: 2, notBefore: new Date(T0 + 7200 * 1000).toISOString() });
    expect(advice[2]).toMatchObject({ advisable: false, rule: "schedule-exhausted:generic" });
  });

  it("the defaults stay within the networks' 30-day window and caps", () => {
    for (const delays of Object.values(DEFAULT_CHARGE_RETRY_SCHEDULES)) {
      expect(delays.reduce((sum, d) => sum + d, 0)).toBeLessThanOrEqual(30 * DAY);
      expect(delays.length).toBeLessThanOrEqual(10);
    }
  });

  it("configuration: classes left out keep their default, bad values are refused naming the class", () => {
    expect(parseChargeRetrySchedules(undefined)).toBe(DEFAULT_CHARGE_RETRY_SCHEDULES);
    const parsed = parseChargeRetrySchedules('{"generic":[3600,7200]}');
    expect(parsed.generic).toEqual([3600, 7200]);
    expect(parsed.insufficient_funds).toEqual(DEFAULT_CHARGE_RETRY_SCHEDULES.insufficient_funds);
    expect(() => parseChargeRetrySchedules('{"funds":[3600]}')).toThrow(/unknown class "funds"/);
    expect(() => parseChargeRetrySchedules('{"generic":[30]}')).toThrow(ChargeRetrySchedulesError);
    expect(() => parseChargeRetrySchedules(`{"generic":[${Array(16).fill(3600).join(",")}]}`)).toThrow(/at most 15/);
    expect(() => parseChargeRetrySchedules(`{"generic":[${31 * DAY}]}`)).toThrow(/30-day/);
  });
});

describe("the networks' reattempt caps, over the payment's history", () => {
  const everyMinute: ChargeRetrySchedules = { insufficient_funds: Array(15).fill(60), issuer_unavailable: Array(15).fill(60), limit_exceeded: [60], generic: Array(15).fill(60) };
  const declines = (count: number, network: string, spacingMs: number) =>
    Array.from({ length: count }, (_, i) => record("do_not_honor", { cardNetwork: network }, T0 + i * spacingMs, `att_${i}`));

  // Visa: at most 15 reattempts in 30 days (https://developer.worldpay.com/products/access/reference/response-codes/scheme-codes/)
  it("Visa: after the original attempt and 15 reattempts within 30 days, no further retry", () => {
    const sixteen = declines(16, "visa", HOUR * 1000);
    expect(assess("stripe", sixteen[15], { history: sixteen, consecutiveDeclines: 1, schedules: everyMinute }).retry).toMatchObject({ advisable: false, rule: "visa-30-day-cap" });
    const fifteen = sixteen.slice(0, 15);
    expect(assess("stripe", fifteen[14], { history: fifteen, consecutiveDeclines: 1, schedules: everyMinute }).retry.advisable).toBe(true);
  });

  it("Visa: declines older than 30 days no longer count", () => {
    const old = declines(15, "visa", HOUR * 1000);
    const recent = record("do_not_honor", { cardNetwork: "visa" }, T0 + 31 * DAY * 1000, "att_new");
    expect(assess("stripe", recent, { history: [...old, recent], consecutiveDeclines: 1, schedules: everyMinute }).retry.advisable).toBe(true);
  });

  // Mastercard: more than 10 declines a day, or 35 in 30 days (https://developers.tabapay.com/docs/excessive-retry-rules)
  it("Mastercard: with 10 declines in the last day the retry waits until the oldest of them is a day old", () => {
    const ten = declines(10, "mastercard", 10 * 60 * 1000);
    const result = assess("stripe", ten[9], { history: ten, consecutiveDeclines: 1, schedules: everyMinute });
    expect(result.retry).toMatchObject({ advisable: true, rule: "mastercard-daily-cap", notBefore: new Date(T0 + DAY * 1000).toISOString() });
  });

  it("Mastercard: 35 declines within 30 days end the retries", () => {
    const many = declines(35, "mastercard", 20 * HOUR * 1000);
    expect(assess("stripe", many[34], { history: many, consecutiveDeclines: 1, schedules: everyMinute }).retry).toMatchObject({ advisable: false, rule: "mastercard-30-day-cap" });
  });

  it("an unknown network gets both networks' caps", () => {
    const sixteen = declines(16, "", 3 * HOUR * 1000);
    expect(assess("stripe", sixteen[15], { history: sixteen, consecutiveDeclines: 1, schedules: everyMinute }).retry).toMatchObject({ advisable: false, rule: "visa-30-day-cap" });
  });
});

describe("decline signals encoding (EVENT item attribute)", () => {
  it("round-trips, leaves out empty and unsafe values", () => {
    const signals = { adviceCode: "try_again_later", merchantAdviceCode: "24", networkResponseCode: "51", cardNetwork: "mastercard", attemptId: "ch_3Mtw" };
    expect(decodeDeclineSignals(encodeDeclineSignals(signals))).toEqual(signals);
    expect(encodeDeclineSignals({ adviceCode: 'x";evil=1', merchantAdviceCode: "03" })).toBe("mac=03");
    expect(encodeDeclineSignals({})).toBe("");
    expect(() => decodeDeclineSignals("mac=03;bogus")).toThrow(/Malformed decline signal/);
  });
});
