/**
 * The eventing, workflow and monitoring components instantiated directly, with fixed fake
 * upstream ARNs in place of the key, table, functions and API. Only for tests whose args
 * index.ts cannot produce: invalid arguments, component-level tuning the stack config does not
 * expose (e.g. the bus archive's retention), and values the test must know in advance.
 * Everything index.ts can express is tested through `runStack` (test/support/stack-harness.ts).
 */
import { runComponents, type Stack } from "../../support/stack-harness";
import { PaymentEventBus, type PaymentEventBusArgs } from "../../../lib/eventing/event-bus";
import { ProcessingWorkflow, type ProcessingWorkflowArgs } from "../../../lib/workflow/processing-workflow";
import { WorkflowTrigger, type WorkflowTriggerArgs } from "../../../lib/eventing/workflow-trigger";
import { Monitoring, type MonitoringArgs } from "../../../lib/observability/monitoring";
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
  observability?: Partial<MonitoringArgs>;
}

export type EventingStack = Stack;
export { parseJsonInput } from "../../support/stack-harness";

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
  const observability = new Monitoring("observability", {
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

export function runEventingProgram(overrides: ProgramOverrides = {}): Promise<EventingStack> {
  return runComponents(() => {
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
  });
}
