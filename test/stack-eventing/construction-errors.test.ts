/**
 * Invalid arguments are rejected at construction, before anything is registered, with a
 * message naming the argument. Each case mutates one field of a valid argument set. Every
 * component checks its arguments in an exported `check<Component>Args`, called first in its
 * constructor: the constructor cases prove that wiring, the check cases cover the rest.
 */
import { checkApiGatewayAccountArgs } from "../../lib/api/api-gateway-account";
import { checkWebhookApiArgs, type WebhookApiArgs } from "../../lib/api/webhook-api";
import { checkPaymentEventBusArgs, PaymentEventBus } from "../../lib/eventing/event-bus";
import { checkLambdaExecutionRoleArgs, LambdaExecutionRole } from "../../lib/functions/lambda-execution-role";
import { checkPaymentFunctionArgs, type PaymentFunctionArgs } from "../../lib/functions/payment-function";
import { checkMonitoringArgs, Monitoring, type MonitoringArgs } from "../../lib/observability/monitoring";
import { checkEncryptionKeyArgs } from "../../lib/security/encryption-key";
import { checkEventTableArgs } from "../../lib/storage/event-table";
import { checkProcessingWorkflowArgs, ProcessingWorkflow, type ProcessingWorkflowArgs } from "../../lib/workflow/processing-workflow";
import { checkWorkflowTriggerArgs, WorkflowTrigger, type WorkflowTriggerArgs } from "../../lib/eventing/workflow-trigger";
import { LAMBDA_ENTRY_POINTS } from "../../contract/lambda-environment";
import { ApiGatewayAccount } from "../../lib/api/api-gateway-account";
import { WebhookApi } from "../../lib/api/webhook-api";
import { PaymentFunction } from "../../lib/functions/payment-function";
import { EncryptionKey } from "../../lib/security/encryption-key";
import { EventTable } from "../../lib/storage/event-table";
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
const monitoringArgs = (): MonitoringArgs => ({
  environmentSuffix: SUFFIX,
  kmsKeyArn: FAKE.kmsKeyArn,
  api: { name: FAKE.apiName, stageName: FAKE.stageName },
  functions: [{ label: "webhook-validator", name: FAKE.validatorName }],
  stateMachine: { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-pr42" },
  deadLetterQueues: [{ label: "payment-events-pipe-dlq", name: "payment-events-pipe-dlq-pr42" }],
});

// Nothing reads the role before the checks; they run before any resource exists.
const unusedRole = {} as LambdaExecutionRole;
const functionArgs = (): PaymentFunctionArgs => ({
  environmentSuffix: SUFFIX,
  functionType: "webhook-validator",
  description: "test",
  entryPoint: LAMBDA_ENTRY_POINTS.webhookValidator,
  role: unusedRole,
  kmsKeyArn: FAKE.kmsKeyArn,
  runtime: "nodejs22.x",
  settings: { reservedConcurrency: 10, memorySize: 256, timeoutSeconds: 10 },
  logRetentionDays: 30,
  logLevel: "INFO",
  environment: {},
  accessStatements: [],
});
const apiArgs = (): WebhookApiArgs => ({
  environmentSuffix: SUFFIX,
  validatorFunctionName: FAKE.validatorName,
  validatorInvokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/x/invocations",
  kmsKeyArn: FAKE.kmsKeyArn,
  logRetentionDays: 30,
  throttling: { rateLimit: 100, burstLimit: 200 },
});

describe("every component checks its arguments first", () => {
  const badSuffix = "PR_42";
  it.each<[string, () => unknown]>([
    ["ApiGatewayAccount", () => new ApiGatewayAccount("x", { environmentSuffix: badSuffix })],
    ["WebhookApi", () => new WebhookApi("x", { ...apiArgs(), environmentSuffix: badSuffix })],
    ["EventTable", () => new EventTable("x", { environmentSuffix: badSuffix, kmsKeyArn: FAKE.kmsKeyArn })],
    ["PaymentEventBus", () => new PaymentEventBus("x", { environmentSuffix: badSuffix })],
    ["WorkflowTrigger", () => new WorkflowTrigger("x", { ...triggerArgs(), environmentSuffix: badSuffix })],
    ["LambdaExecutionRole", () => new LambdaExecutionRole("x", { environmentSuffix: badSuffix, functionType: "webhook-validator" })],
    ["PaymentFunction", () => new PaymentFunction("x", { ...functionArgs(), environmentSuffix: badSuffix })],
    ["EncryptionKey", () => new EncryptionKey("x", { environmentSuffix: badSuffix, lambdaRoleArns: ["arn:aws:iam::123456789012:role/r"] })],
    ["ProcessingWorkflow", () => new ProcessingWorkflow("x", { ...workflowArgs(), environmentSuffix: badSuffix })],
    ["Monitoring", () => new Monitoring("x", { ...monitoringArgs(), environmentSuffix: badSuffix })],
  ])("%s rejects an invalid environment suffix in its constructor, naming the config key", (_component, construct) => {
    expect(construct).toThrow(/^payment-webhooks:environmentSuffix must be/);
  });

  it.each<[string, () => unknown]>([
    ["checkApiGatewayAccountArgs", () => checkApiGatewayAccountArgs({ environmentSuffix: SUFFIX })],
    ["checkWebhookApiArgs", () => checkWebhookApiArgs(apiArgs())],
    ["checkEventTableArgs", () => checkEventTableArgs({ environmentSuffix: SUFFIX, kmsKeyArn: FAKE.kmsKeyArn })],
    ["checkPaymentEventBusArgs", () => checkPaymentEventBusArgs({ environmentSuffix: SUFFIX })],
    ["checkWorkflowTriggerArgs", () => checkWorkflowTriggerArgs(triggerArgs())],
    ["checkLambdaExecutionRoleArgs", () => checkLambdaExecutionRoleArgs({ environmentSuffix: SUFFIX, functionType: "payment-processor" })],
    ["checkPaymentFunctionArgs", () => checkPaymentFunctionArgs(functionArgs())],
    ["checkEncryptionKeyArgs", () => checkEncryptionKeyArgs({ environmentSuffix: SUFFIX, lambdaRoleArns: ["arn:aws:iam::123456789012:role/r"] })],
    ["checkProcessingWorkflowArgs", () => checkProcessingWorkflowArgs(workflowArgs())],
    ["checkMonitoringArgs", () => checkMonitoringArgs(monitoringArgs())],
  ])("%s accepts the valid argument set", (_check, check) => {
    expect(check).not.toThrow();
  });
});

describe("PaymentFunction rejects", () => {
  it.each<[string, Partial<PaymentFunctionArgs>, string]>([
    ["a function type that is not kebab-case", { functionType: "Webhook_Validator" }, 'PaymentFunction.functionType must be a kebab-case resource type such as "webhook-validator"; got "Webhook_Validator".'],
    ["an entry point that does not exist", { entryPoint: "lambda/missing/index.ts" }, "Lambda entry point lambda/missing/index.ts does not exist"],
    ["a runtime AWS no longer lets us create", { runtime: "nodejs18.x" as "nodejs22.x" }, 'PaymentFunction.runtime must be "nodejs22.x" or "nodejs24.x"; got "nodejs18.x".'],
    ["reserved concurrency 0 (the function would never run)", { settings: { reservedConcurrency: 0, memorySize: 256, timeoutSeconds: 10 } }, "PaymentFunction.settings.reservedConcurrency must be an integer from 1 to 900; got 0."],
    ["memory below Lambda's 128 MB", { settings: { reservedConcurrency: 10, memorySize: 64, timeoutSeconds: 10 } }, "PaymentFunction.settings.memorySize must be an integer from 128 to 10240; got 64."],
    ["a timeout above Lambda's 900 s", { settings: { reservedConcurrency: 10, memorySize: 256, timeoutSeconds: 901 } }, "PaymentFunction.settings.timeoutSeconds must be an integer from 1 to 900; got 901."],
    ["a log retention CloudWatch Logs does not accept", { logRetentionDays: 2 }, "PaymentFunction.logRetentionDays must be one of the retention periods CloudWatch Logs accepts"],
    ["an unknown log level", { logLevel: "TRACE" as "INFO" }, 'PaymentFunction.logLevel must be one of "DEBUG", "INFO", "WARN", "ERROR"; got "TRACE".'],
  ])("%s", (_case, override, message) => {
    expect(() => checkPaymentFunctionArgs({ ...functionArgs(), ...override })).toThrow(message);
  });
});

describe("WebhookApi rejects", () => {
  it.each<[string, Partial<WebhookApiArgs>, string]>([
    ["a rate limit of 0", { throttling: { rateLimit: 0, burstLimit: 200 } }, "WebhookApi.throttling.rateLimit must be an integer from 1 to 10000; got 0."],
    ["a burst above API Gateway's account quota", { throttling: { rateLimit: 100, burstLimit: 5001 } }, "WebhookApi.throttling.burstLimit must be an integer from 1 to 5000; got 5001."],
    ["a log retention CloudWatch Logs does not accept", { logRetentionDays: 0 }, "WebhookApi.logRetentionDays must be one of the retention periods CloudWatch Logs accepts"],
  ])("%s", (_case, override, message) => {
    expect(() => checkWebhookApiArgs({ ...apiArgs(), ...override })).toThrow(message);
  });
});

describe("LambdaExecutionRole and EncryptionKey reject", () => {
  it("a function type that is not kebab-case", () => {
    expect(() => checkLambdaExecutionRoleArgs({ environmentSuffix: SUFFIX, functionType: "payment processor" })).toThrow(
      'LambdaExecutionRole.functionType must be a kebab-case resource type such as "webhook-validator"; got "payment processor".',
    );
  });

  it("a key no Lambda role may decrypt with", () => {
    expect(() => checkEncryptionKeyArgs({ environmentSuffix: SUFFIX, lambdaRoleArns: [] })).toThrow(
      "EncryptionKey.lambdaRoleArns must name at least one Lambda execution role; got none.",
    );
  });
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
  it("a log retention CloudWatch Logs does not accept", () => {
    expect(() => new WorkflowTrigger("trigger", { ...triggerArgs(), logRetentionDays: 8 })).toThrow(
      /^WorkflowTrigger\.logRetentionDays must be one of the retention periods CloudWatch Logs accepts \(1, 3, 5, .*3653\); got 8\.$/,
    );
  });

  it("an invalid environment suffix, naming the config key", () => {
    expect(() => checkWorkflowTriggerArgs({ ...triggerArgs(), environmentSuffix: "PR_42" })).toThrow(/^payment-webhooks:environmentSuffix must be/);
  });

  it("applies the 30-day log retention default", () => {
    expect(checkWorkflowTriggerArgs(triggerArgs()).logRetentionDays).toBe(30);
  });
});

describe("Monitoring rejects", () => {
  it("an alarm e-mail that is not an address", () => {
    expect(() => new Monitoring("obs", { ...monitoringArgs(), alarmEmail: "oncall" })).toThrow('Monitoring.alarmEmail must be an e-mail address; got "oncall".');
  });

  it("two functions with the same label (alarm names would clash)", () => {
    const functions = [
      { label: "webhook-validator", name: "a" },
      { label: "webhook-validator", name: "b" },
    ];
    expect(() => new Monitoring("obs", { ...monitoringArgs(), functions })).toThrow('alarm label "webhook-validator" is used twice; alarm names would clash.');
  });

  it("an alarm period that is not whole minutes", () => {
    expect(() => new Monitoring("obs", { ...monitoringArgs(), alarmPeriodSeconds: 90 })).toThrow(
      "alarm periodSeconds must be a whole number of minutes (a multiple of 60); got 90.",
    );
  });
});
