/**
 * The limits the deployed stack configures, read from the stack's own configuration: the
 * defaults declared in Pulumi.yaml, overridden by the stack file (Pulumi.<stack>.yaml) as
 * `pulumi up` would, and validated by the rules `pulumi up` applies (lib/config-rules.ts, which
 * does not load the Pulumi SDK). The local runtime applies the same numbers, so a burst meets the
 * same throttling locally as in AWS, and a value `pulumi up` refuses is refused here too.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { load } from "js-yaml";
import { CONFIG_NAMESPACE, configSourceOf, fullKey, parseRuntimeLimits } from "../../lib/config-rules";
import type { RetryTuning } from "../../lib/workflow/definition";
import { readStackConfig } from "../../policy-pack/gate/stack-config";

const REPOSITORY_ROOT = resolve(__dirname, "..", "..");

export interface StackLimits {
  /** Where the values came from, for the start-up banner. */
  source: string;
  api: { rateLimit: number; burstLimit: number };
  validatorReservedConcurrency: number;
  processorReservedConcurrency: number;
  retry: RetryTuning;
  throttleRetry: RetryTuning;
}

/** Reads the limits of `stack` (file Pulumi.<stack>.yaml, if present) over Pulumi.yaml's defaults. */
export function readStackLimits(stack = "dev", root = REPOSITORY_ROOT): StackLimits {
  const project = load(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { config?: Record<string, { default?: unknown }> };
  const stackFile = join(root, `Pulumi.${stack}.yaml`);
  const hasStackFile = existsSync(stackFile);
  // The stack file as the gate and the operator tools read it: keys given without a namespace are
  // the project's, every value is text (as Pulumi hands it to a program), secrets stay unread.
  const stackValues = hasStackFile ? readStackConfig(stackFile, CONFIG_NAMESPACE).config : {};
  // Pulumi.yaml's defaults under the stack's values, as text (how Pulumi hands config to a program).
  const projectDefaults = Object.entries(project.config ?? {}).flatMap(([key, declared]) =>
    declared?.default === undefined || declared.default === null ? [] : [[fullKey(key), String(declared.default)] as const],
  );
  const limits = parseRuntimeLimits(configSourceOf({ ...Object.fromEntries(projectDefaults), ...stackValues }));
  return {
    source: hasStackFile ? `Pulumi.yaml + Pulumi.${stack}.yaml` : "Pulumi.yaml",
    api: limits.apiThrottling,
    validatorReservedConcurrency: limits.validator.reservedConcurrency,
    processorReservedConcurrency: limits.processor.reservedConcurrency,
    retry: limits.retry,
    throttleRetry: limits.throttleRetry,
  };
}
