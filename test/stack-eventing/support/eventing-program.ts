/**
 * A small program that instantiates the eventing, workflow and observability components with
 * fixed, fake upstream ARNs (as the stack would pass the key, table, functions and API), runs
 * it under Pulumi mocks and gives tests typed access to what was registered.
 */
import { runProgramUnderMocks, type CapturedResource } from "../../../policy-pack/gate/mocked-program";
import { PaymentEventBus, type PaymentEventBusArgs } from "../../../lib/eventing/event-bus";
import { ProcessingWorkflow, type ProcessingWorkflowArgs } from "../../../lib/workflow/processing-workflow";
import { WorkflowTrigger, type WorkflowTriggerArgs } from "../../../lib/eventing/workflow-trigger";
import { Observability, type ObservabilityArgs } from "../../../lib/observability/monitoring";
import { DEFAULT_RETRY_TUNING } from "../../../lib/workflow/definition";

export const SUFFIX = "pr42";
export const FAKE = {
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1111-fake-key",
  tableName: "payment-events-pr42",
  tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/payment-events-pr42",
  streamArn: "arn:aws:dynamodb:us-east-1:123456789012:table/payment-events-pr42/stream/2026-01-01T00:00:00.000",
  processorArn: "arn:aws:lambda:us-east-1:123456789012:function:payment-processor-pr42",
  processorName: "payment-processor-pr42",
  validatorName: "webhook-validator-pr42",
  apiName: "payment-webhooks-api-pr42",
  stageName: "v1",
} as const;

export interface ProgramOverrides {
  bus?: Partial<PaymentEventBusArgs>;
  workflow?: Partial<ProcessingWorkflowArgs>;
  trigger?: Partial<WorkflowTriggerArgs>;
  observability?: Partial<ObservabilityArgs>;
}

export interface EventingStack {
  resources: CapturedResource[];
  outputs: Record<string, unknown>;
  /** The one resource of `type`; fails the test if there are none or several. */
  one(type: string, namePart?: string): CapturedResource;
  all(type: string): CapturedResource[];
  byLogicalName(name: string): CapturedResource;
}

/** Instantiates all four components the way index.ts composes them. */
export function composeEventing(overrides: ProgramOverrides = {}) {
  const bus = new PaymentEventBus("events", { environmentSuffix: SUFFIX, ...overrides.bus });
  const workflow = new ProcessingWorkflow("processing", {
    environmentSuffix: SUFFIX,
    kmsKeyArn: FAKE.kmsKeyArn,
    processorFunctionArn: FAKE.processorArn,
    eventsTable: { name: FAKE.tableName, arn: FAKE.tableArn },
    retry: { ...DEFAULT_RETRY_TUNING },
    logRetentionDays: 30,
    ...overrides.workflow,
  });
  const trigger = new WorkflowTrigger("trigger", {
    environmentSuffix: SUFFIX,
    kmsKeyArn: FAKE.kmsKeyArn,
    table: { streamArn: FAKE.streamArn },
    eventBusName: bus.busName,
    eventBusArn: bus.busArn,
    stateMachineArn: workflow.stateMachineArn,
    logRetentionDays: 14,
    ...overrides.trigger,
  });
  const observability = new Observability("observability", {
    environmentSuffix: SUFFIX,
    kmsKeyArn: FAKE.kmsKeyArn,
    alarmEmail: "oncall@example.com",
    api: { name: FAKE.apiName, stageName: FAKE.stageName },
    functions: [
      { label: "webhook-validator", name: FAKE.validatorName },
      { label: "payment-processor", name: FAKE.processorName },
    ],
    stateMachine: { arn: workflow.stateMachineArn },
    deadLetterQueues: [
      { label: "payment-events-pipe-dlq", name: trigger.pipeDlqName },
      { label: "payment-webhook-received-dlq", name: trigger.ruleDlqName },
    ],
    pipeName: trigger.pipeName,
    rule: { name: trigger.ruleName, eventBusName: bus.busName },
    ...overrides.observability,
  });
  return { bus, workflow, trigger, observability };
}

export async function runEventingProgram(overrides: ProgramOverrides = {}): Promise<EventingStack> {
  const { resources, outputs } = await runProgramUnderMocks({
    config: { "payment-webhooks:environmentSuffix": SUFFIX },
    program: () => {
      const { bus, workflow, trigger, observability } = composeEventing(overrides);
      return {
        busName: bus.busName,
        stateMachineArn: workflow.stateMachineArn,
        stateMachineName: workflow.stateMachineName,
        workflowLogGroupName: workflow.logGroupName,
        pipeName: trigger.pipeName,
        ruleName: trigger.ruleName,
        pipeDlqName: trigger.pipeDlqName,
        ruleDlqName: trigger.ruleDlqName,
        pipeDlqArn: trigger.pipeDlqArn,
        ruleDlqArn: trigger.ruleDlqArn,
        alarmTopicArn: observability.alarmTopicArn,
        alarmNames: observability.alarmNames,
        dashboardName: observability.dashboardName,
      };
    },
  });
  const all = (type: string) => resources.filter((r) => r.type === type);
  return {
    resources,
    outputs,
    all,
    one(type, namePart) {
      const matches = all(type).filter((r) => namePart === undefined || r.name.includes(namePart));
      if (matches.length !== 1) throw new Error(`expected one ${type}${namePart ? ` named *${namePart}*` : ""}, found ${matches.length}`);
      return matches[0];
    },
    byLogicalName(name) {
      const match = resources.find((r) => r.name === name);
      if (!match) throw new Error(`no resource named ${name}`);
      return match;
    },
  };
}

/** Parses a JSON string input (policy, pattern, definition) and fails clearly if it is not one. */
export function parseJsonInput(resource: CapturedResource, key: string): unknown {
  const value = resource.inputs[key];
  if (typeof value !== "string") throw new Error(`${resource.name}.${key} is not a JSON string: ${typeof value}`);
  return JSON.parse(value);
}
