/**
 * What the operator tools need to know about a stack, derived from the same functions the
 * Pulumi program uses: the parsed stack config, the ASL definition it deploys and the alarm
 * set it creates. Names of resources are placeholders here; only shapes and counts matter.
 */
import { CONFIG_DEFAULTS, CONFIG_NAMESPACE, configSourceOf, parseStackConfig, type ConfigSource, type StackConfig } from "../../lib/config";
import { buildPaymentWorkflowDefinition, type AslDefinition } from "../../lib/workflow/definition";
import { checkMonitoringArgs } from "../../lib/observability/monitoring";
import type { AlarmSpec } from "../../lib/observability/alarms";
import { readStackConfig } from "../../policy-pack/gate/stack-config";

/** The Pulumi project, whose name is also the namespace of its config keys. */
export const PROJECT = CONFIG_NAMESPACE;

export interface StackModel {
  config: StackConfig;
  /** The processor duration the stack sizes its throttling retry with (`processorExpectedDurationMs`). */
  processorExpectedDurationMs: number;
  definition: AslDefinition;
  alarmSpecs: AlarmSpec<string>[];
}


export function buildStackModel(source: ConfigSource): StackModel {
  const config = parseStackConfig(source);
  const rawDuration = source.get("processorExpectedDurationMs");
  const processorExpectedDurationMs = rawDuration === undefined ? CONFIG_DEFAULTS.processorExpectedDurationMs : Number(rawDuration);
  const definition = buildPaymentWorkflowDefinition({
    processorFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:payment-processor",
    eventsTableName: "payment-events",
    retry: config.retry,
    throttleRetry: config.throttleRetry,
    processorTaskTimeoutSeconds: config.processorTaskTimeoutSeconds,
  });
  // The same wiring as index.ts: two functions, two DLQs, the pipe and the workflow rule.
  const { alarmSpecs } = checkMonitoringArgs({
    environmentSuffix: config.environmentSuffix,
    kmsKeyArn: "key",
    api: { name: "webhook-api", stageName: "v1" },
    functions: [
      { label: "webhook-validator", name: "webhook-validator" },
      { label: "payment-processor", name: "payment-processor" },
    ],
    stateMachine: { arn: "state-machine" },
    deadLetterQueues: [
      { label: "payment-events-pipe-dlq", name: "pipe-dlq" },
      { label: "payment-webhook-received-dlq", name: "rule-dlq" },
    ],
    pipeName: "pipe",
    rule: { name: "rule", eventBusName: "bus" },
  });
  return { config, processorExpectedDurationMs, definition, alarmSpecs: alarmSpecs as AlarmSpec<string>[] };
}

/** Reads Pulumi.<stack>.yaml (secrets stay unread placeholders) into a StackModel. */
export function loadStackModel(stackFile: string): StackModel {
  const { config, secretKeys } = readStackConfig(stackFile, PROJECT);
  return buildStackModel(configSourceOf(config, secretKeys));
}
