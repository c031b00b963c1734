/**
 * When to retry a soft-declined charge, per class of decline: what the stack accepts as
 * configuration (`chargeRetrySchedules`, checked at preview) and what the processor reads at
 * cold start (CHARGE_RETRY_SCHEDULES), parsed by the one function below.
 *
 * A schedule lists the wait, in seconds, before the 1st, 2nd, … retry, counted from the decline
 * it follows. When the list is used up, no further retry is advised. The card networks' rules
 * (charge-retry.ts) still apply on top: a "do not try again" advice stops it, a Mastercard
 * "retry after" advice moves the time later, and the networks' reattempt caps end it.
 */

export const CHARGE_RETRY_CLASSES = ["insufficient_funds", "issuer_unavailable", "limit_exceeded", "generic"] as const;
export type ChargeRetryClass = (typeof CHARGE_RETRY_CLASSES)[number];
export type ChargeRetrySchedules = Readonly<Record<ChargeRetryClass, readonly number[]>>;

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Defaults, each within the networks' 30-day window and their caps (at most 4 retries):
 * - insufficient_funds: 3, 4, 7, 7 days (retries on days 3, 7, 14, 21). Funds come back with
 *   pay days, not within hours; Mastercard's advice for MAC 02 ("cannot approve at this time")
 *   is to retry after 72 hours (https://airwallex.com/docs/payments__response-codes__merchant-advice-code).
 * - issuer_unavailable: 1 h, 6 h, 24 h, 72 h. A technical failure clears soon; 1 h is the
 *   shortest wait the networks' own retry-after advice uses (MAC 24,
 *   https://checkout.com/docs/developer-resources/codes/recommendation-codes).
 * - limit_exceeded: 1, 3, 7 days. Velocity and withdrawal limits reset daily or weekly; MAC 25
 *   advises 24 h.
 * - generic (do not honour, refer to issuer): 1, 3, 5, 7 days (days 1, 4, 9, 16): spaced like
 *   Stripe Smart Retries' default of up to 8 tries within 2 weeks
 *   (https://docs.stripe.com/billing/revenue-recovery/smart-retries), with half the tries since
 *   each retry of a generic decline also counts against the networks' caps.
 */
export const DEFAULT_CHARGE_RETRY_SCHEDULES: ChargeRetrySchedules = Object.freeze({
  insufficient_funds: Object.freeze([3 * DAY, 4 * DAY, 7 * DAY, 7 * DAY]),
  issuer_unavailable: Object.freeze([1 * HOUR, 6 * HOUR, 24 * HOUR, 72 * HOUR]),
  limit_exceeded: Object.freeze([1 * DAY, 3 * DAY, 7 * DAY]),
  generic: Object.freeze([1 * DAY, 3 * DAY, 5 * DAY, 7 * DAY]),
});

/** A schedule may not outlast the networks' 30-day counting window, nor advise more than Visa's 15 reattempts. */
export const MAX_SCHEDULE_TOTAL_SECONDS = 30 * DAY;
export const MAX_SCHEDULE_RETRIES = 15;
/** Below a minute a "retry" is a duplicate submission, not a retry. */
export const MIN_RETRY_DELAY_SECONDS = 60;

export class ChargeRetrySchedulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChargeRetrySchedulesError";
  }
}

/**
 * `{"insufficient_funds": [259200, …], …}`: classes left out keep their default; an empty list
 * turns retries of that class off. Throws naming the class and the rule broken.
 */
export function parseChargeRetrySchedules(json: string | undefined): ChargeRetrySchedules {
  if (json === undefined || json.trim() === "") return DEFAULT_CHARGE_RETRY_SCHEDULES;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ChargeRetrySchedulesError("chargeRetrySchedules must be a JSON object of class -> array of delays in seconds.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ChargeRetrySchedulesError("chargeRetrySchedules must be a JSON object of class -> array of delays in seconds.");
  }
  const result: Record<ChargeRetryClass, readonly number[]> = { ...DEFAULT_CHARGE_RETRY_SCHEDULES };
  for (const [key, delays] of Object.entries(value)) {
    if (!(CHARGE_RETRY_CLASSES as readonly string[]).includes(key)) {
      throw new ChargeRetrySchedulesError(`chargeRetrySchedules: unknown class ${JSON.stringify(key)}; expected one of ${CHARGE_RETRY_CLASSES.join(", ")}.`);
    }
    result[key as ChargeRetryClass] = validSchedule(key, delays);
  }
  return Object.freeze(result);
}

function validSchedule(key: string, delays: unknown): readonly number[] {
  if (!Array.isArray(delays) || delays.some((d) => typeof d !== "number" || !Number.isSafeInteger(d) || d < MIN_RETRY_DELAY_SECONDS)) {
    throw new ChargeRetrySchedulesError(`chargeRetrySchedules.${key} must be an array of whole seconds, each at least ${MIN_RETRY_DELAY_SECONDS}.`);
  }
  if (delays.length > MAX_SCHEDULE_RETRIES) {
    throw new ChargeRetrySchedulesError(`chargeRetrySchedules.${key} has ${delays.length} retries; at most ${MAX_SCHEDULE_RETRIES} (Visa's reattempt limit).`);
  }
  const total = (delays as number[]).reduce((sum, d) => sum + d, 0);
  if (total > MAX_SCHEDULE_TOTAL_SECONDS) {
    throw new ChargeRetrySchedulesError(`chargeRetrySchedules.${key} spans ${total} s; at most ${MAX_SCHEDULE_TOTAL_SECONDS} s (the networks' 30-day window).`);
  }
  return Object.freeze([...(delays as number[])]);
}
