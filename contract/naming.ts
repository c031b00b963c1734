/**
 * Physical names are `<resource-type>-<environmentSuffix>`, so several stacks share one account
 * without clashes (README, "Configuration reference"). The suffix is validated
 * once, early, so a bad value fails at preview with the config key named instead of as an AWS
 * API error halfway through `pulumi up`.
 */

/** Config key the suffix comes from; named in every validation error. */
export const ENVIRONMENT_SUFFIX_KEY = "payment-webhooks:environmentSuffix";

/**
 * Lower-case letters, digits and single hyphens, starting with a letter, at most 20 characters.
 * 20 keeps the longest derived name (`payment-processing-failures-<suffix>`-style names and
 * Lambda/IAM role names, limit 64) well inside every service's limit, and lower case is
 * what S3-like and API Gateway names tolerate everywhere.
 */
export const ENVIRONMENT_SUFFIX_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,19}$/;
export const ENVIRONMENT_SUFFIX_MAX_LENGTH = 20;

export function validateEnvironmentSuffix(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new Error(`${ENVIRONMENT_SUFFIX_KEY} is required: set it with \`pulumi config set environmentSuffix <suffix>\` (e.g. dev, pr42).`);
  }
  if (!ENVIRONMENT_SUFFIX_PATTERN.test(value)) {
    throw new Error(
      `${ENVIRONMENT_SUFFIX_KEY} must be 1-${ENVIRONMENT_SUFFIX_MAX_LENGTH} characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** `<resource-type>-<environmentSuffix>`, e.g. `webhook-validator-pr42`. */
export function physicalName(resourceType: string, environmentSuffix: string): string {
  return `${resourceType}-${environmentSuffix}`;
}
