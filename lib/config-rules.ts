/**
 * Stack configuration rules: every `payment-webhooks:*` key read, defaulted and validated in one
 * place, before any resource exists. A bad value throws naming the full key, so it fails at
 * `pulumi preview` instead of as an AWS API error halfway through `pulumi up`.
 *
 * Pure and free of the Pulumi SDK (it takes a key reader): the rules are tested without the
 * Pulumi runtime, and the local runtime applies the stack's limits with these very parsers
 * without loading the SDK. lib/config.ts adapts them to the Pulumi runtime (config, secrets).
 * Defaults here must match Pulumi.yaml's `config:` section (a test compares the two).
 */
import { parseChargeRetrySchedules } from "../contract/charge-retry-schedules";
import { validateEnvironmentSuffix } from "../contract/naming";
import { assertIntegerInRange, CLOUDWATCH_LOG_RETENTION_DAYS } from "./support/component-args";
import { DEFAULT_RETRY_TUNING, type RetryTuning } from "./workflow/definition";
import { throttleRetryTuning } from "./workflow/retry-tuning";
import { parseProviderSettings } from "../contract/provider-settings";
import { parseSigningSecrets } from "../contract/signing-secrets";

export const CONFIG_NAMESPACE = "payment-webhooks";

/** `payment-webhooks:<key>`: the form every error message uses. */
export function fullKey(key: string): string {
  return `${CONFIG_NAMESPACE}:${key}`;
}

/** Runtimes AWS still lets us create (AWS Lambda Developer Guide, "Lambda runtimes": deprecation and block-create dates). */
export const SUPPORTED_LAMBDA_RUNTIMES = ["nodejs22.x", "nodejs24.x"] as const;
export type LambdaRuntime = (typeof SUPPORTED_LAMBDA_RUNTIMES)[number];

/** Older Node.js runtimes a user might still ask for, with the reason we refuse each. */
const BLOCKED_LAMBDA_RUNTIMES: Record<string, string> = {
  "nodejs16.x": "AWS blocks creating nodejs16.x functions (deprecated June 2024)",
  "nodejs18.x": "AWS blocks creating nodejs18.x functions since October 2025 (deprecated 1 September 2025)",
  "nodejs20.x": "AWS blocks creating nodejs20.x functions since 31 August 2026",
};

export const WORKFLOW_TYPES = ["STANDARD", "EXPRESS"] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Reserved concurrency is carved out of the account's pool (1,000 by default) and AWS insists
 * that 100 stay unreserved, so 900 is the most one function can ever get on a default account.
 */
export const MAX_RESERVED_CONCURRENCY = 900;
/** API Gateway's default account-level throttling quotas per region (steady requests per second, burst). */
export const MAX_API_RATE_LIMIT = 10000;
export const MAX_API_BURST_LIMIT = 5000;
/** API Gateway REST integrations time out at 29 s; a validator running longer is never waited for. */
export const MAX_VALIDATOR_TIMEOUT_SECONDS = 29;
/** The processor applies one event; five minutes is already far beyond what that should take. */
export const MAX_PROCESSOR_TIMEOUT_SECONDS = 300;
/**
 * The workflow's processor Task times out this long after the Lambda's own timeout, so a slow
 * invocation is reported by Lambda (with its logs) before Step Functions gives up on it.
 */
export const PROCESSOR_TASK_TIMEOUT_MARGIN_SECONDS = 10;

export interface FunctionSettings {
  reservedConcurrency: number;
  memorySize: number;
  timeoutSeconds: number;
}

export interface ApiThrottling {
  /** Steady-state requests per second across the stage. */
  rateLimit: number;
  burstLimit: number;
}

/** Defaults, mirrored in Pulumi.yaml. */
export const CONFIG_DEFAULTS = {
  lambdaRuntime: "nodejs22.x",
  validatorReservedConcurrency: 10,
  validatorMemorySize: 256,
  validatorTimeoutSeconds: 10,
  processorReservedConcurrency: 5,
  processorMemorySize: 256,
  processorTimeoutSeconds: 30,
  logLevel: "INFO",
  logRetentionDays: 30,
  eventRetentionDays: 90,
  workflowType: "STANDARD",
  retryIntervalSeconds: DEFAULT_RETRY_TUNING.intervalSeconds,
  retryBackoffRate: DEFAULT_RETRY_TUNING.backoffRate,
  retryMaxAttempts: DEFAULT_RETRY_TUNING.maxAttempts,
  retryMaxDelaySeconds: DEFAULT_RETRY_TUNING.maxDelaySeconds,
  apiThrottlingRateLimit: 100,
  apiThrottlingBurstLimit: 200,
  // API Gateway's default account-level burst quota per region: the most that can arrive at once.
  absorbableBurst: 5000,
  processorExpectedDurationMs: 200,
  manageApiGatewayAccount: false,
} as const;

/** The stack's settings, all but the signing secrets (which lib/config.ts keeps a Pulumi secret). */
export interface StackSettings {
  environmentSuffix: string;
  lambdaRuntime: LambdaRuntime;
  validator: FunctionSettings;
  processor: FunctionSettings;
  logLevel: LogLevel;
  logRetentionDays: number;
  /** Days EVENT items live before DynamoDB TTL removes them. */
  eventRetentionDays: number;
  workflowType: WorkflowType;
  retry: RetryTuning;
  /** Retry of throttling errors, sized so `absorbableBurst` events wait instead of failing. */
  throttleRetry: RetryTuning;
  /** Step Functions Task timeout of the processor invocation: processor timeout + margin. */
  processorTaskTimeoutSeconds: number;
  apiThrottling: ApiThrottling;
  manageApiGatewayAccount: boolean;
  alarmEmail: string | undefined;
  /** WEBHOOK_PROVIDER_SETTINGS as JSON (not secret). */
  providerSettingsJson: string;
  /** CHARGE_RETRY_SCHEDULES as JSON: per-class charge-retry delays (contract/charge-retry-schedules.ts); "{}" = defaults. */
  chargeRetrySchedulesJson: string;
}

export interface ConfigSource {
  /** Raw value of `payment-webhooks:<key>`, or undefined when unset. */
  get(key: string): string | undefined;
  /** Whether the key was set with `pulumi config set --secret`. */
  isSecret(key: string): boolean;
}

/** A ConfigSource over a flat `namespace:key → value` map, as a stack file holds it. */
export function configSourceOf(values: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): ConfigSource {
  return {
    get: (key) => values[fullKey(key)],
    isSecret: (key) => secretKeys.includes(fullKey(key)),
  };
}

function integer(source: ConfigSource, key: string, fallback: number, min: number, max: number, reason = ""): number {
  const raw = source.get(key);
  if (raw === undefined) return fallback;
  // Only plain decimal digits: Number() would also accept "1e3", "0x10" or "".
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  return assertIntegerInRange(fullKey(key), value, min, max, { reason, shownAs: JSON.stringify(raw) });
}

function oneOf<T extends string>(source: ConfigSource, key: string, allowed: readonly T[], fallback: T): T {
  const raw = source.get(key);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${fullKey(key)} must be one of ${allowed.join(", ")}; got ${JSON.stringify(raw)}.`);
  }
  return raw as T;
}

function boolean(source: ConfigSource, key: string, fallback: boolean): boolean {
  const raw = source.get(key);
  if (raw === undefined) return fallback;
  if (raw !== "true" && raw !== "false") throw new Error(`${fullKey(key)} must be true or false; got ${JSON.stringify(raw)}.`);
  return raw === "true";
}

function lambdaRuntime(source: ConfigSource): LambdaRuntime {
  const key = "lambdaRuntime";
  const raw = source.get(key) ?? CONFIG_DEFAULTS.lambdaRuntime;
  const blocked = BLOCKED_LAMBDA_RUNTIMES[raw];
  if (blocked) {
    throw new Error(`${fullKey(key)} ${raw} cannot be used: ${blocked}. Use ${SUPPORTED_LAMBDA_RUNTIMES.join(" or ")}; the handlers are bundled for a Node 18 target, so they run on either.`);
  }
  if (!(SUPPORTED_LAMBDA_RUNTIMES as readonly string[]).includes(raw)) {
    throw new Error(`${fullKey(key)} must be one of ${SUPPORTED_LAMBDA_RUNTIMES.join(", ")}; got ${JSON.stringify(raw)}.`);
  }
  return raw as LambdaRuntime;
}

function functionSettings(source: ConfigSource, prefix: "validator" | "processor", maxTimeout: number, timeoutWhy: string): FunctionSettings {
  const defaults = CONFIG_DEFAULTS;
  return {
    reservedConcurrency: integer(
      source,
      `${prefix}ReservedConcurrency`,
      defaults[`${prefix}ReservedConcurrency`],
      1,
      MAX_RESERVED_CONCURRENCY,
      " (AWS keeps 100 of the default 1,000 account concurrency unreserved; 0 would stop the function)",
    ),
    memorySize: integer(source, `${prefix}MemorySize`, defaults[`${prefix}MemorySize`], 128, 10240, " (Lambda's memory range in MB)"),
    timeoutSeconds: integer(source, `${prefix}TimeoutSeconds`, defaults[`${prefix}TimeoutSeconds`], 1, maxTimeout, timeoutWhy),
  };
}

function logRetentionDays(source: ConfigSource): number {
  const key = "logRetentionDays";
  const raw = source.get(key);
  if (raw === undefined) return CONFIG_DEFAULTS.logRetentionDays;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !CLOUDWATCH_LOG_RETENTION_DAYS.includes(value)) {
    throw new Error(`${fullKey(key)} must be a retention CloudWatch Logs accepts (${CLOUDWATCH_LOG_RETENTION_DAYS.join(", ")}); got ${JSON.stringify(raw)}.`);
  }
  return value;
}

function retryTuning(source: ConfigSource): RetryTuning {
  const intervalSeconds = integer(source, "retryIntervalSeconds", CONFIG_DEFAULTS.retryIntervalSeconds, 1, 3600);
  const backoffKey = "retryBackoffRate";
  const rawBackoff = source.get(backoffKey);
  const backoffRate = rawBackoff === undefined ? CONFIG_DEFAULTS.retryBackoffRate : Number(rawBackoff);
  // Step Functions caps BackoffRate at 100 (documented); below 2 is not exponential enough for us.
  if (rawBackoff !== undefined && (!/^\d+(\.\d+)?$/.test(rawBackoff.trim()) || !(backoffRate >= 2 && backoffRate <= 100))) {
    throw new Error(`${fullKey(backoffKey)} must be a number from 2 to 100 (exponential backoff); got ${JSON.stringify(rawBackoff)}.`);
  }
  const maxAttempts = integer(source, "retryMaxAttempts", CONFIG_DEFAULTS.retryMaxAttempts, 1, 20, " (each retry is a billed state transition)");
  const maxDelaySeconds = integer(source, "retryMaxDelaySeconds", CONFIG_DEFAULTS.retryMaxDelaySeconds, 1, 86400);
  if (maxDelaySeconds < intervalSeconds) {
    throw new Error(
      `${fullKey("retryMaxDelaySeconds")} (${maxDelaySeconds}) must be at least ${fullKey("retryIntervalSeconds")} (${intervalSeconds}); a cap below the first wait would flatten the backoff.`,
    );
  }
  return { intervalSeconds, backoffRate, maxAttempts, maxDelaySeconds };
}

function apiThrottling(source: ConfigSource): ApiThrottling {
  const rateLimit = integer(source, "apiThrottlingRateLimit", CONFIG_DEFAULTS.apiThrottlingRateLimit, 1, MAX_API_RATE_LIMIT, " (requests per second)");
  const burstLimit = integer(source, "apiThrottlingBurstLimit", CONFIG_DEFAULTS.apiThrottlingBurstLimit, 1, MAX_API_BURST_LIMIT);
  return { rateLimit, burstLimit };
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function alarmEmail(source: ConfigSource): string | undefined {
  const raw = source.get("alarmEmail");
  if (raw === undefined || raw === "") return undefined;
  if (!EMAIL_PATTERN.test(raw)) throw new Error(`${fullKey("alarmEmail")} must be an email address; got ${JSON.stringify(raw)}.`);
  return raw;
}

function jsonObject(source: ConfigSource, key: string, secret: boolean): unknown {
  const raw = source.get(key);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // Never echo a secret's text, even a malformed one.
    throw new Error(`${fullKey(key)} must be an object${secret ? "" : `; got ${JSON.stringify(raw)}`}.`);
  }
}

/**
 * WEBHOOK_SIGNING_SECRETS as JSON text ("{}" when unset). Signing secrets must be Pulumi secrets:
 * a plain value would sit unencrypted in the stack file and in the state. Validated with the
 * validator's own parser, so what passes here also passes its cold-start check; messages name
 * the provider and index, never the value. The caller keeps the text a secret.
 */
export function signingSecretsText(source: ConfigSource): string {
  const key = "signingSecrets";
  const parsed = jsonObject(source, key, true);
  if (parsed === undefined) return "{}";
  if (!source.isSecret(key)) {
    throw new Error(
      `${fullKey(key)} must be set as a secret: \`pulumi config set --secret --path '${key}.stripe[0]' <secret>\` (plain values would be stored unencrypted).`,
    );
  }
  const secrets = parseSigningSecrets(parsed, fullKey(key));
  return JSON.stringify(Object.fromEntries(secrets));
}

function providerSettingsJson(source: ConfigSource): string {
  const key = "providerSettings";
  const parsed = jsonObject(source, key, false);
  if (parsed === undefined) return "{}";
  parseProviderSettings(parsed, fullKey(key));
  // Pass through what the user wrote (validated): the validator applies the same defaults.
  return JSON.stringify(parsed);
}

/** The stack's limits: what API Gateway and Lambda throttle at and how the workflow retries. */
export interface RuntimeLimits {
  apiThrottling: ApiThrottling;
  validator: FunctionSettings;
  processor: FunctionSettings;
  retry: RetryTuning;
  /** Retry of throttling errors, sized so `absorbableBurst` events wait instead of failing. */
  throttleRetry: RetryTuning;
}

/** The keys that set the stack's limits, validated exactly as for `pulumi up`. */
export function parseRuntimeLimits(source: ConfigSource): RuntimeLimits {
  const processor = functionSettings(source, "processor", MAX_PROCESSOR_TIMEOUT_SECONDS, "");
  return {
    apiThrottling: apiThrottling(source),
    validator: functionSettings(source, "validator", MAX_VALIDATOR_TIMEOUT_SECONDS, " (API Gateway stops waiting after 29 s)"),
    processor,
    retry: retryTuning(source),
    throttleRetry: throttleRetryTuning({
      absorbableBurst: integer(source, "absorbableBurst", CONFIG_DEFAULTS.absorbableBurst, 1, 1_000_000, " (events)"),
      processorConcurrency: processor.reservedConcurrency,
      processorDurationMs: integer(source, "processorExpectedDurationMs", CONFIG_DEFAULTS.processorExpectedDurationMs, 1, 300_000, " (milliseconds)"),
    }),
  };
}

export function parseStackSettings(source: ConfigSource): StackSettings {
  const environmentSuffix = validateEnvironmentSuffix(source.get("environmentSuffix"));
  const lambdaRuntimeSetting = lambdaRuntime(source);
  const limits = parseRuntimeLimits(source);
  return {
    environmentSuffix,
    lambdaRuntime: lambdaRuntimeSetting,
    validator: limits.validator,
    processor: limits.processor,
    processorTaskTimeoutSeconds: limits.processor.timeoutSeconds + PROCESSOR_TASK_TIMEOUT_MARGIN_SECONDS,
    logLevel: oneOf(source, "logLevel", LOG_LEVELS, CONFIG_DEFAULTS.logLevel),
    logRetentionDays: logRetentionDays(source),
    eventRetentionDays: integer(source, "eventRetentionDays", CONFIG_DEFAULTS.eventRetentionDays, 1, 3650),
    workflowType: oneOf(source, "workflowType", WORKFLOW_TYPES, CONFIG_DEFAULTS.workflowType),
    retry: limits.retry,
    throttleRetry: limits.throttleRetry,
    apiThrottling: limits.apiThrottling,
    manageApiGatewayAccount: boolean(source, "manageApiGatewayAccount", CONFIG_DEFAULTS.manageApiGatewayAccount),
    alarmEmail: alarmEmail(source),
    providerSettingsJson: providerSettingsJson(source),
    chargeRetrySchedulesJson: chargeRetrySchedulesJson(source),
  };
}

/** Validated with the processor's own parser, so what passes preview also passes its cold start. */
function chargeRetrySchedulesJson(source: ConfigSource): string {
  const raw = source.get("chargeRetrySchedules");
  if (raw === undefined) return "{}";
  try {
    parseChargeRetrySchedules(raw);
  } catch (error) {
    throw new Error(`${fullKey("chargeRetrySchedules")}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return raw;
}
