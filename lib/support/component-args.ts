/**
 * Construction-time checks shared by the eventing and observability components. Each error
 * names the component argument, so a bad value fails at `pulumi preview` with a message that
 * says what to change instead of as an AWS API error halfway through `pulumi up`.
 */

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy); anything else is rejected by AWS. */
export const CLOUDWATCH_LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Throws unless `value` is an integer in [min, max]; `argument` is e.g. `WorkflowTrigger.batchSize`. */
export function assertIntegerInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${argument} must be an integer from ${min} to ${max}; got ${String(value)}.`);
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
