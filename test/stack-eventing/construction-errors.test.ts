/**
 * Invalid arguments are rejected at construction, before anything is registered, with a
 * message naming the argument. Each case mutates one field of a valid argument set.
 */
import { PaymentEventBus } from "../../lib/eventing/event-bus";
import { Observability, type ObservabilityArgs } from "../../lib/observability/monitoring";
import { ProcessingWorkflow, type ProcessingWorkflowArgs } from "../../lib/workflow/processing-workflow";
import { WorkflowTrigger, type WorkflowTriggerArgs } from "../../lib/eventing/workflow-trigger";
import { DEFAULT_RETRY_TUNING } from "../../lib/workflow/definition";
import { FAKE, SUFFIX } from "./support/eventing-program";

const workflowArgs = (): ProcessingWorkflowArgs => ({
  environmentSuffix: SUFFIX,
  kmsKeyArn: FAKE.kmsKeyArn,
  processorFunctionArn: FAKE.processorArn,
  eventsTable: { name: FAKE.tableName, arn: FAKE.tableArn },
  retry: { ...DEFAULT_RETRY_TUNING },
});
const triggerArgs = (): WorkflowTriggerArgs => ({
  environmentSuffix: SUFFIX,
  kmsKeyArn: FAKE.kmsKeyArn,
  table: { streamArn: FAKE.streamArn },
  eventBusName: "payment-events-pr42",
  eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/payment-events-pr42",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-pr42",
});
const observabilityArgs = (): ObservabilityArgs => ({
  environmentSuffix: SUFFIX,
  kmsKeyArn: FAKE.kmsKeyArn,
  api: { name: FAKE.apiName, stageName: FAKE.stageName },
  functions: [{ label: "webhook-validator", name: FAKE.validatorName }],
  stateMachine: { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-pr42" },
  deadLetterQueues: [{ label: "payment-events-pipe-dlq", name: "payment-events-pipe-dlq-pr42" }],
});

describe("PaymentEventBus rejects", () => {
  it.each([
    [0, "PaymentEventBus.archiveRetentionDays must be an integer from 1 to 3650; got 0."],
    [1.5, "PaymentEventBus.archiveRetentionDays must be an integer from 1 to 3650; got 1.5."],
    [3651, "PaymentEventBus.archiveRetentionDays must be an integer from 1 to 3650; got 3651."],
  ])("archiveRetentionDays %p", (days, message) => {
    expect(() => new PaymentEventBus("bus", { environmentSuffix: SUFFIX, archiveRetentionDays: days })).toThrow(message);
  });

  it("an invalid environment suffix, naming the config key", () => {
    expect(() => new PaymentEventBus("bus", { environmentSuffix: "PR_42" })).toThrow(/^payment-webhooks:environmentSuffix must be/);
  });
});

describe("ProcessingWorkflow rejects", () => {
  it("EXPRESS when its retries alone can outlast the five-minute Express limit", () => {
    // Default tuning: 2+4+8+16+32+64 = 126 s per Retrier, and the worst path
    // (claim -> apply -> mark processed -> record failure) has four of them.
    expect(() => new ProcessingWorkflow("wf", { ...workflowArgs(), workflowType: "EXPRESS" })).toThrow(
      "ProcessingWorkflow: an EXPRESS workflow is stopped after 300 seconds, but on one path its retries alone can wait 504 seconds; use STANDARD or shorten the retry tuning (intervalSeconds, backoffRate, maxAttempts, maxDelaySeconds).",
    );
  });

  it("an unknown workflow type", () => {
    const args = { ...workflowArgs(), workflowType: "STANDRAD" } as unknown as ProcessingWorkflowArgs;
    expect(() => new ProcessingWorkflow("wf", args)).toThrow('ProcessingWorkflow.workflowType must be "STANDARD" or "EXPRESS"; got "STANDRAD".');
  });

  it.each([0, 10, 2000])("logRetentionDays %p (not a CloudWatch Logs retention)", (days) => {
    expect(() => new ProcessingWorkflow("wf", { ...workflowArgs(), logRetentionDays: days })).toThrow(
      new RegExp(`^ProcessingWorkflow\\.logRetentionDays must be one of the retention periods CloudWatch Logs accepts \\(1, 3, 5, .*3653\\); got ${days}\\.$`),
    );
  });

  it("a retry tuning the workflow builder refuses (its message names the key)", () => {
    expect(() => new ProcessingWorkflow("wf", { ...workflowArgs(), retry: { ...DEFAULT_RETRY_TUNING, backoffRate: 1.5 } })).toThrow(
      "retry.backoffRate must be >= 2 (exponential backoff); got 1.5.",
    );
  });
});

describe("WorkflowTrigger rejects", () => {
  it.each<[string, Partial<WorkflowTriggerArgs>, string]>([
    ["batchSize 0", { pipe: { batchSize: 0 } }, "WorkflowTrigger.pipe.batchSize must be an integer from 1 to 10000; got 0."],
    ["batchSize 10001", { pipe: { batchSize: 10001 } }, "WorkflowTrigger.pipe.batchSize must be an integer from 1 to 10000; got 10001."],
    ["batching window 301", { pipe: { maximumBatchingWindowInSeconds: 301 } }, "WorkflowTrigger.pipe.maximumBatchingWindowInSeconds must be an integer from 0 to 300; got 301."],
    ["retries -1 (infinite)", { pipe: { maximumRetryAttempts: -1 } }, "WorkflowTrigger.pipe.maximumRetryAttempts must be an integer from 0 to 10000; got -1."],
    ["record age 59", { pipe: { maximumRecordAgeInSeconds: 59 } }, "WorkflowTrigger.pipe.maximumRecordAgeInSeconds must be an integer from 60 to 604800; got 59."],
    ["event age 86401", { ruleTarget: { maximumEventAgeInSeconds: 86401 } }, "WorkflowTrigger.ruleTarget.maximumEventAgeInSeconds must be an integer from 60 to 86400; got 86401."],
    ["target retries 186", { ruleTarget: { maximumRetryAttempts: 186 } }, "WorkflowTrigger.ruleTarget.maximumRetryAttempts must be an integer from 0 to 185; got 186."],
    ["log level TRACE", { pipe: { logLevel: "TRACE" as "INFO" } }, 'WorkflowTrigger.pipe.logLevel must be "ERROR" or "INFO"; got "TRACE".'],
    ["log retention 8", { logRetentionDays: 8 }, "WorkflowTrigger.logRetentionDays must be one of the retention periods CloudWatch Logs accepts"],
  ])("%s", (_case, override, message) => {
    expect(() => new WorkflowTrigger("trigger", { ...triggerArgs(), ...override })).toThrow(message);
  });
});

describe("Observability rejects", () => {
  it("an alarm e-mail that is not an address", () => {
    expect(() => new Observability("obs", { ...observabilityArgs(), alarmEmail: "oncall" })).toThrow('Observability.alarmEmail must be an e-mail address; got "oncall".');
  });

  it("two functions with the same label (alarm names would clash)", () => {
    const functions = [
      { label: "webhook-validator", name: "a" },
      { label: "webhook-validator", name: "b" },
    ];
    expect(() => new Observability("obs", { ...observabilityArgs(), functions })).toThrow('alarm label "webhook-validator" is used twice; alarm names would clash.');
  });

  it("an alarm period that is not whole minutes", () => {
    expect(() => new Observability("obs", { ...observabilityArgs(), alarmPeriodSeconds: 90 })).toThrow(
      "alarm periodSeconds must be a whole number of minutes (a multiple of 60); got 90.",
    );
  });
});
