/**
 * The limits the deployed stack configures, read from the stack's own configuration: the
 * defaults declared in Pulumi.yaml, overridden by the stack file (Pulumi.<stack>.yaml) as
 * `pulumi up` would. The local runtime applies the same numbers, so a burst meets the same
 * throttling locally as in AWS. (lib/config.ts validates these keys for the stack; it loads the
 * Pulumi SDK, ~3 s, so the local runtime reads the few keys it needs itself.)
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { load } from "js-yaml";
import { DEFAULT_RETRY_TUNING, type RetryTuning } from "../../lib/workflow/definition";
import { throttleRetryTuning } from "../../lib/workflow/retry-tuning";

const REPOSITORY_ROOT = resolve(__dirname, "..", "..");
const NAMESPACE = "payment-webhooks";

export interface StackLimits {
  /** Where the values came from, for the start-up banner. */
  source: string;
  api: { rateLimit: number; burstLimit: number };
  validatorReservedConcurrency: number;
  processorReservedConcurrency: number;
  retry: RetryTuning;
  throttleRetry: RetryTuning;
}

type ConfigReader = (key: string) => unknown;

/** Reads the limits of `stack` (file Pulumi.<stack>.yaml, if present) over Pulumi.yaml's defaults. */
export function readStackLimits(stack = "dev", root = REPOSITORY_ROOT): StackLimits {
  const project = load(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { config?: Record<string, { default?: unknown }> };
  const stackFile = join(root, `Pulumi.${stack}.yaml`);
  const stackValues = existsSync(stackFile) ? ((load(readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {}) : {};
  const read: ConfigReader = (key) => stackValues[`${NAMESPACE}:${key}`] ?? project.config?.[key]?.default;
  const processorReservedConcurrency = integer(read, "processorReservedConcurrency");
  return {
    source: existsSync(stackFile) ? `Pulumi.yaml + Pulumi.${stack}.yaml` : "Pulumi.yaml",
    api: { rateLimit: integer(read, "apiThrottlingRateLimit"), burstLimit: integer(read, "apiThrottlingBurstLimit") },
    validatorReservedConcurrency: integer(read, "validatorReservedConcurrency"),
    processorReservedConcurrency,
    retry: {
      intervalSeconds: integer(read, "retryIntervalSeconds", DEFAULT_RETRY_TUNING.intervalSeconds),
      backoffRate: Number(read("retryBackoffRate") ?? DEFAULT_RETRY_TUNING.backoffRate),
      maxAttempts: integer(read, "retryMaxAttempts", DEFAULT_RETRY_TUNING.maxAttempts),
      maxDelaySeconds: integer(read, "retryMaxDelaySeconds", DEFAULT_RETRY_TUNING.maxDelaySeconds),
    },
    throttleRetry: throttleRetryTuning({
      absorbableBurst: integer(read, "absorbableBurst"),
      processorConcurrency: processorReservedConcurrency,
      processorDurationMs: integer(read, "processorExpectedDurationMs"),
    }),
  };
}

function integer(read: ConfigReader, key: string, fallback?: number): number {
  const raw = read(key) ?? fallback;
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${NAMESPACE}:${key} must be a positive integer for the local runtime's limits; got ${JSON.stringify(raw)}.`);
  }
  return value;
}
