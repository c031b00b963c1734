/**
 * Argument checks shared by the components' `check<Component>Args` functions and by the stack
 * config parser. Each error names the argument (or config key), so a bad value fails at
 * `pulumi preview` with a message that says what to change instead of as an AWS API error
 * halfway through `pulumi up`.
 */

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy); anything else is rejected by AWS. */
export const CLOUDWATCH_LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export interface IntegerCheckOptions {
  /** Why the bounds are what they are, shown right after them, e.g. ` (requests per second)`. */
  reason?: string;
  /** How the rejected value is shown; the stack config shows the raw text it read (`"10x"`). */
  shownAs?: string;
}

/**
 * Throws unless `value` is an integer in [min, max]; `argument` is what the message names, e.g.
 * `PaymentEventBus.archiveRetentionDays` or `payment-webhooks:validatorMemorySize`.
 */
export function assertIntegerInRange(argument: string, value: number, min: number, max: number, options: IntegerCheckOptions = {}): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${argument} must be an integer from ${min} to ${max}${options.reason ?? ""}; got ${options.shownAs ?? String(value)}.`);
  }
  return value;
}

/** Throws unless `days` is one of CLOUDWATCH_LOG_RETENTION_DAYS. */
export function assertLogRetentionDays(argument: string, days: number): number {
  if (!CLOUDWATCH_LOG_RETENTION_DAYS.includes(days)) {
    throw new Error(`${argument} must be one of the retention periods CloudWatch Logs accepts (${CLOUDWATCH_LOG_RETENTION_DAYS.join(", ")}); got ${String(days)}.`);
  }
  return days;
}

/** Throws unless `value` is one of `allowed`; the message lists them quoted, e.g. `"STANDARD" or "EXPRESS"`. */
export function assertOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    const quoted = allowed.map((option) => JSON.stringify(option));
    const list = quoted.length <= 2 ? quoted.join(" or ") : `one of ${quoted.join(", ")}`;
    throw new Error(`${argument} must be ${list}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

/** Kebab-case resource type as it appears in a physical name, e.g. `webhook-validator`. */
const RESOURCE_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Throws unless `value` is a kebab-case resource type (it becomes `<value>-<suffix>`). */
export function assertResourceType(argument: string, value: string): string {
  if (typeof value !== "string" || !RESOURCE_TYPE_PATTERN.test(value)) {
    throw new Error(`${argument} must be a kebab-case resource type such as "webhook-validator"; got ${JSON.stringify(value)}.`);
  }
  return value;
}
