/**
 * payment-webhooks: reads the stack config, composes the components, exports the outputs.
 * Everything else lives in lib/ (one component or pure builder per concern); README.md has
 * the architecture. Order follows the dependencies: Lambda roles -> key (its policy names the
 * roles) -> table, bus -> functions (role policies) -> workflow -> trigger (pipe, rule) -> API
 * -> monitoring.
 */
import { ApiGatewayAccount } from "./lib/api/api-gateway-account";
import { loadStackConfig } from "./lib/config";
import { ENV, LAMBDA_ENTRY_POINTS } from "./contract/lambda-environment";
import { EncryptionKey } from "./lib/security/encryption-key";
import { PaymentEventBus } from "./lib/eventing/event-bus";
import { EventTable } from "./lib/storage/event-table";
import { eventingKeyPolicyStatements } from "./lib/security/service-key-grants";
import { processorAccessStatements, validatorAccessStatements } from "./lib/security/lambda-role-policies";
import { LambdaExecutionRole } from "./lib/functions/lambda-execution-role";
import { Monitoring } from "./lib/observability/monitoring";
import { PaymentFunction } from "./lib/functions/payment-function";
import { ProcessingWorkflow } from "./lib/workflow/processing-workflow";
import { WebhookApi } from "./lib/api/webhook-api";
import { WorkflowTrigger } from "./lib/eventing/workflow-trigger";
import * as pulumi from "@pulumi/pulumi";

const config = loadStackConfig();
const suffix = config.environmentSuffix;

const validatorRole = new LambdaExecutionRole("webhook-validator", { environmentSuffix: suffix, functionType: "webhook-validator" });
const processorRole = new LambdaExecutionRole("payment-processor", { environmentSuffix: suffix, functionType: "payment-processor" });

const key = new EncryptionKey("payment-webhooks", {
  environmentSuffix: suffix,
  lambdaRoleArns: [validatorRole.roleArn, processorRole.roleArn],
  extraStatements: eventingKeyPolicyStatements,
});

const table = new EventTable("payment-events", { environmentSuffix: suffix, kmsKeyArn: key.keyArn });
const bus = new PaymentEventBus("payment-events", { environmentSuffix: suffix });

const validator = new PaymentFunction("webhook-validator", {
  environmentSuffix: suffix,
  functionType: "webhook-validator",
  description: "Verifies provider signatures, normalises and stores webhook events.",
  entryPoint: LAMBDA_ENTRY_POINTS.webhookValidator,
  role: validatorRole,
  kmsKeyArn: key.keyArn,
  runtime: config.lambdaRuntime,
  settings: config.validator,
  logRetentionDays: config.logRetentionDays,
  logLevel: config.logLevel,
  environment: {
    [ENV.eventsTableName]: table.tableName,
    [ENV.signingSecrets]: config.signingSecretsJson,
    [ENV.providerSettings]: config.providerSettingsJson,
    [ENV.eventRetentionDays]: String(config.eventRetentionDays),
  },
  accessStatements: pulumi.all([table.tableArn, key.keyArn]).apply(([tableArn, kmsKeyArn]) => validatorAccessStatements({ tableArn, kmsKeyArn })),
});

const processor = new PaymentFunction("payment-processor", {
  environmentSuffix: suffix,
  functionType: "payment-processor",
  description: "Applies a payment event to the payment's state and publishes the outcome.",
  entryPoint: LAMBDA_ENTRY_POINTS.paymentProcessor,
  role: processorRole,
  kmsKeyArn: key.keyArn,
  runtime: config.lambdaRuntime,
  settings: config.processor,
  logRetentionDays: config.logRetentionDays,
  logLevel: config.logLevel,
  environment: {
    [ENV.eventsTableName]: table.tableName,
    [ENV.eventBusName]: bus.busName,
    [ENV.chargeRetrySchedules]: config.chargeRetrySchedulesJson,
  },
  accessStatements: pulumi
    .all([table.tableArn, bus.busArn, key.keyArn])
    .apply(([tableArn, eventBusArn, kmsKeyArn]) => processorAccessStatements({ tableArn, eventBusArn, kmsKeyArn })),
});

const workflow = new ProcessingWorkflow("payment-processing", {
  environmentSuffix: suffix,
  kmsKeyArn: key.keyArn,
  workflowType: config.workflowType,
  processorFunctionArn: processor.functionArn,
  eventsTable: { name: table.tableName, arn: table.tableArn },
  retry: config.retry,
  throttleRetry: config.throttleRetry,
  processorTaskTimeoutSeconds: config.processorTaskTimeoutSeconds,
  logRetentionDays: config.logRetentionDays,
});

const trigger = new WorkflowTrigger("payment-events-trigger", {
  environmentSuffix: suffix,
  kmsKeyArn: key.keyArn,
  table: { streamArn: table.streamArn },
  eventBusName: bus.busName,
  eventBusArn: bus.busArn,
  stateMachineArn: workflow.stateMachineArn,
  logRetentionDays: config.logRetentionDays,
});

const apiGatewayAccount = config.manageApiGatewayAccount
  ? new ApiGatewayAccount("apigateway-account", { environmentSuffix: suffix })
  : undefined;

const api = new WebhookApi("webhook-api", {
  environmentSuffix: suffix,
  validatorFunctionName: validator.functionName,
  validatorInvokeArn: validator.invokeArn,
  kmsKeyArn: key.keyArn,
  logRetentionDays: config.logRetentionDays,
  throttling: config.apiThrottling,
  accountSettings: apiGatewayAccount,
});

const monitoring = new Monitoring("payment-webhooks", {
  environmentSuffix: suffix,
  kmsKeyArn: key.keyArn,
  alarmEmail: config.alarmEmail,
  api: { name: api.restApiName, stageName: api.stageName },
  functions: [
    { label: "webhook-validator", name: validator.functionName },
    { label: "payment-processor", name: processor.functionName },
  ],
  stateMachine: { arn: workflow.stateMachineArn },
  deadLetterQueues: [
    { label: "payment-events-pipe-dlq", name: trigger.pipeDlqName },
    { label: "payment-webhook-received-dlq", name: trigger.ruleDlqName },
  ],
  pipeName: trigger.pipeName,
  rule: { name: trigger.ruleName, eventBusName: bus.busName },
});

export const apiUrl = api.webhooksUrl;
export const stateMachineArn = workflow.stateMachineArn;
export const eventsTableName = table.tableName;
export const eventBusName = bus.busName;
export const pipeDeadLetterQueueName = trigger.pipeDlqName;
export const ruleDeadLetterQueueName = trigger.ruleDlqName;
export const kmsKeyAlias = key.aliasName;
export const alarmTopicArn = monitoring.alarmTopicArn;
export const dashboardName = monitoring.dashboardName;
