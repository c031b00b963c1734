/**
 * Whether and when retrying a declined charge is advisable: soft declines only, on a capped
 * exponential schedule, with a retry budget (card networks penalise excessive retries).
 */
import type { ChargeRetryAdvice, DeclineCategory } from "../../../contract/processor-decision";

export interface ChargeRetryPolicy {
  firstDelaySeconds: number;
  multiplier: number;
  maxDelaySeconds: number;
  /** Retries advised after consecutive soft declines, at most. */
  maxRetries: number;
}

/** 1 h, 4 h, 16 h, 64 h: then stop. Capped at 72 h so a larger budget never waits longer than three days. */
export const DEFAULT_CHARGE_RETRY_POLICY: Readonly<ChargeRetryPolicy> = Object.freeze({
  firstDelaySeconds: 3600,
  multiplier: 4,
  maxDelaySeconds: 72 * 3600,
  maxRetries: 4,
});

/** `consecutiveDeclines` counts this decline too (1 on the first decline). */
export function adviseChargeRetry(
  category: DeclineCategory,
  consecutiveDeclines: number,
  now: Date,
  policy: ChargeRetryPolicy = DEFAULT_CHARGE_RETRY_POLICY,
): ChargeRetryAdvice {
  if (category === "HARD") {
    return { advisable: false, reason: "Hard decline: retrying the same charge will not succeed; ask the customer for another payment method." };
  }
  if (consecutiveDeclines > policy.maxRetries) {
    return { advisable: false, reason: `Retry budget spent: ${consecutiveDeclines} consecutive declines (at most ${policy.maxRetries} retries).` };
  }
  const attempt = Math.max(1, consecutiveDeclines);
  const delaySeconds = Math.min(policy.firstDelaySeconds * Math.pow(policy.multiplier, attempt - 1), policy.maxDelaySeconds);
  return {
    advisable: true,
    reason: `Soft decline: retry ${attempt} of ${policy.maxRetries}.`,
    attempt,
    delaySeconds,
    notBefore: new Date(now.getTime() + delaySeconds * 1000).toISOString(),
  };
}
