import type { ProviderId } from "../../../contract/event-table";
import { adviseChargeRetry, DEFAULT_CHARGE_RETRY_POLICY } from "../../../lambda/payment-processor/decline/charge-retry";
import { classifyDecline } from "../../../lambda/payment-processor/decline/classify-decline";

const CASES: Array<[ProviderId, string, "SOFT" | "HARD"]> = [
  // Stripe decline codes
  ["stripe", "insufficient_funds", "SOFT"],
  ["stripe", "generic_decline", "SOFT"],
  ["stripe", "do_not_honor", "SOFT"],
  ["stripe", "try_again_later", "SOFT"],
  ["stripe", "issuer_not_available", "SOFT"],
  ["stripe", "card_velocity_exceeded", "SOFT"],
  ["stripe", "stolen_card", "HARD"],
  ["stripe", "lost_card", "HARD"],
  ["stripe", "fraudulent", "HARD"],
  ["stripe", "expired_card", "HARD"],
  ["stripe", "incorrect_cvc", "HARD"],
  ["stripe", "authentication_required", "HARD"],
  ["stripe", "do_not_try_again", "HARD"],
  ["stripe", "INSUFFICIENT_FUNDS", "SOFT"],
  // Adyen refusal reasons: text as notified, and numeric refusalReasonCode
  ["adyen", "Not enough balance", "SOFT"],
  ["adyen", "Refused", "SOFT"],
  ["adyen", "Issuer Unavailable", "SOFT"],
  ["adyen", "Withdrawal count exceeded", "SOFT"],
  ["adyen", "Blocked Card", "HARD"],
  ["adyen", "Expired  Card", "HARD"],
  ["adyen", "FRAUD", "HARD"],
  ["adyen", "CVC Declined", "HARD"],
  ["adyen", "12", "SOFT"],
  ["adyen", "5", "HARD"],
  ["adyen", "20", "HARD"],
  // Square card errors
  ["square", "INSUFFICIENT_FUNDS", "SOFT"],
  ["square", "GENERIC_DECLINE", "SOFT"],
  ["square", "CARD_DECLINED_CALL_ISSUER", "SOFT"],
  ["square", "CVV_FAILURE", "HARD"],
  ["square", "CARD_EXPIRED", "HARD"],
  ["square", "INVALID_ACCOUNT", "HARD"],
  ["square", "card_not_supported", "HARD"],
  // Checkout.com response codes: table, then the 20xxx / 30xxx / 4xxxx families
  ["checkout", "20051", "SOFT"],
  ["checkout", "20005", "SOFT"],
  ["checkout", "20091", "SOFT"],
  ["checkout", "20054", "HARD"],
  ["checkout", "20014", "HARD"],
  ["checkout", "20059", "HARD"],
  ["checkout", "20099", "SOFT"],
  ["checkout", "30004", "HARD"],
  ["checkout", "30043", "HARD"],
  ["checkout", "41101", "HARD"],
  // Generic senders: neutral vocabulary, then Stripe's
  ["generic", "insufficient_funds", "SOFT"],
  ["generic", "issuer-unavailable", "SOFT"],
  ["generic", "card_expired", "HARD"],
  ["generic", "stolen_card", "HARD"],
  ["standard-webhooks", "temporary_failure", "SOFT"],
  ["standard-webhooks", "fraud", "HARD"],
  // Unrecognised or missing: HARD, never retried automatically
  ["stripe", "made_up_code", "HARD"],
  ["adyen", "99", "HARD"],
  ["square", "", "HARD"],
  ["checkout", "10000", "HARD"],
  ["generic", "   ", "HARD"],
];

describe("decline classification per provider", () => {
  it.each(CASES)("%s %j is %s", (provider, code, category) => {
    expect(classifyDecline(provider, code).category).toBe(category);
  });

  it("says why an unreadable decline is not retried", () => {
    expect(classifyDecline("stripe", "made_up_code").description).toMatch(/Unrecognised/);
    expect(classifyDecline("stripe", "").description).toMatch(/No decline reason/);
  });
});

describe("charge-retry advice", () => {
  const now = new Date("2026-03-01T12:00:00.000Z");

  it("soft declines: 1 h, 4 h, 16 h, 64 h after the 1st..4th consecutive decline, then the budget is spent", () => {
    const advice = [1, 2, 3, 4, 5].map((declines) => adviseChargeRetry("SOFT", declines, now));
    expect(advice.map((a) => a.delaySeconds)).toEqual([3600, 14400, 57600, 230400, undefined]);
    expect(advice.map((a) => a.advisable)).toEqual([true, true, true, true, false]);
    expect(advice[0]).toEqual({ advisable: true, reason: "Soft decline: retry 1 of 4.", attempt: 1, delaySeconds: 3600, notBefore: "2026-03-01T13:00:00.000Z" });
    expect(advice[4].reason).toBe("Retry budget spent: 5 consecutive declines (at most 4 retries).");
  });

  it("the delay is capped by maxDelaySeconds", () => {
    const policy = { ...DEFAULT_CHARGE_RETRY_POLICY, maxRetries: 10 };
    expect(adviseChargeRetry("SOFT", 5, now, policy).delaySeconds).toBe(259200);
    expect(adviseChargeRetry("SOFT", 9, now, policy).delaySeconds).toBe(259200);
  });

  it("hard declines are never advised for retry", () => {
    expect(adviseChargeRetry("HARD", 1, now)).toEqual({
      advisable: false,
      reason: "Hard decline: retrying the same charge will not succeed; ask the customer for another payment method.",
    });
  });
});
