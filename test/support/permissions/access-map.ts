/**
 * Every AWS call the running system makes, per principal, with the request context AWS sends
 * and the public AWS document that says so. This is the oracle the deployed policies are
 * evaluated against (test/permissions/): each call must be Allowed, and each grant must be used
 * by a call here or carry a reason in UNUSED_GRANT_REASONS. The handlers' own SDK calls are
 * recorded in tests and must all appear here (HANDLER_SDK_CALLS), and so must every service
 * integration of the state machine definition.
 */
import type { DeployedStack } from "./deployed-stack";

export type CallPrincipal = { role: string } | { service: string };

export interface AwsCall {
  /** Who calls, as a reader would say it. */
  caller: string;
  principal: CallPrincipal;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  /** Why the call happens. */
  why: string;
  /** The public AWS document the call, its principal and its context come from. */
  source: string;
}

export const DOCS = {
  dynamodbKms: "https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html",
  lambdaEnvKms: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
  lambdaLogs: "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html",
  lambdaXray: "https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
  lambdaExecutionRole: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  lambdaResourcePolicy: "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
  apiGatewayLambda: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html",
  apiGatewayLogging: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
  dynamodbApi: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html",
  eventBridgePutEvents: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html",
  stepFunctionsKms: "https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html",
  stepFunctionsDynamoDb: "https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html",
  stepFunctionsLambda: "https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html",
  stepFunctionsXray: "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html",
  stepFunctionsLogging: "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html",
  stepFunctionsTrust: "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html",
  pipesPermissions: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-permissions.html",
  pipesDynamoDb: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-dynamodb.html",
  pipesLogs: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-logs.html",
  eventBridgeTargetRole: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html",
  eventBridgeDlq: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
  sqsKms: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html",
  snsKms: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
  cloudWatchAlarmSns: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html",
  logsKms: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  vendedLogsKms: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
  confusedDeputy: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
} as const;

/**
 * The AWS SDK commands each handler sends, by client: recorded in the handler tests and
 * compared with this list both ways, and turned into calls below.
 */
export const HANDLER_SDK_CALLS = {
  "webhook-validator": { dynamodb: ["PutItem"] },
  "payment-processor": { dynamodb: ["GetItem", "PutItem", "UpdateItem"], events: ["PutEvents"] },
} as const satisfies Record<string, Record<string, readonly string[]>>;

/** Step Functions service integrations of the definition, as `service:Action` (recorded from the ASL in tests). */
export const WORKFLOW_INTEGRATION_CALLS = ["dynamodb:UpdateItem", "dynamodb:GetItem", "lambda:InvokeFunction"] as const;

const DYNAMODB_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"];

export function accessMap(stack: DeployedStack): AwsCall[] {
  const { accountId, region, arns } = stack;
  const roleArn = (name: string) => {
    const role = stack.roles.get(name);
    if (!role) throw new Error(`the stack declares no role ${name}`);
    return role.arn;
  };
  const role = (name: string): CallPrincipal => ({ role: roleArn(name) });
  const calls: AwsCall[] = [];
  const add = (call: AwsCall) => calls.push(call);
  const viaDynamoDb = (caller: string, principal: CallPrincipal, tableName: string, actions = DYNAMODB_KEY_ACTIONS) => {
    for (const action of actions) {
      add({
        caller,
        principal,
        action,
        resource: arns.key,
        context: {
          "kms:ViaService": `dynamodb.${region}.amazonaws.com`,
          "kms:CallerAccount": accountId,
          "kms:EncryptionContext:aws:dynamodb:tableName": tableName,
          "kms:EncryptionContext:aws:dynamodb:subscriberId": accountId,
        },
        why: "DynamoDB uses the table's CMK with the identity of the principal calling DynamoDB",
        source: DOCS.dynamodbKms,
      });
    }
  };
  const viaSqs = (caller: string, principal: CallPrincipal, queueArn: string, viaService: boolean) => {
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      add({
        caller,
        principal,
        action,
        resource: arns.key,
        context: {
          ...(viaService ? { "kms:ViaService": `sqs.${region}.amazonaws.com`, "kms:CallerAccount": accountId } : {}),
          "kms:EncryptionContext:aws:sqs:arn": queueArn,
        },
        why: "a producer to a CMK-encrypted queue needs a data key, which SQS asks KMS for in the queue's context",
        source: DOCS.sqsKms,
      });
    }
  };
  const assumeRole = (service: string, roleName: string, context: Record<string, string>, source: string) =>
    add({ caller: service, principal: { service }, action: "sts:AssumeRole", resource: roleArn(roleName), context, why: `${service} assumes ${roleName} to act for the stack`, source });

  // ---- Lambda functions ----
  const lambdaRoles = { validator: `webhook-validator-role-${suffixOf(stack)}`, processor: `payment-processor-role-${suffixOf(stack)}` } as const;
  for (const key of ["validator", "processor"] as const) {
    const fn = arns.functions[key];
    const roleName = lambdaRoles[key];
    const caller = `${fn.name} (execution role)`;
    assumeRole("lambda.amazonaws.com", roleName, {}, DOCS.lambdaExecutionRole);
    add({ caller, principal: role(roleName), action: "kms:Decrypt", resource: arns.key, context: { "kms:EncryptionContext:LambdaFunctionName": fn.name }, why: "Lambda decrypts the CMK-encrypted environment variables with the execution role", source: DOCS.lambdaEnvKms });
    add({ caller, principal: role(roleName), action: "logs:CreateLogStream", resource: `${fn.logGroup}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`, context: {}, why: "the runtime creates a log stream per execution environment", source: DOCS.lambdaLogs });
    add({ caller, principal: role(roleName), action: "logs:PutLogEvents", resource: `${fn.logGroup}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`, context: {}, why: "the runtime writes the function's JSON logs", source: DOCS.lambdaLogs });
    for (const action of ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]) {
      add({ caller, principal: role(roleName), action, resource: "*", context: {}, why: "Active tracing uploads segments with the execution role", source: DOCS.lambdaXray });
    }
    const sdkCalls = HANDLER_SDK_CALLS[key === "validator" ? "webhook-validator" : "payment-processor"] as Record<string, readonly string[]>;
    for (const operation of sdkCalls.dynamodb ?? []) {
      add({ caller: `${fn.name} (handler)`, principal: role(roleName), action: `dynamodb:${operation}`, resource: arns.table, context: {}, why: `the handler's requests to the events table need dynamodb:${operation} (a Put inside TransactWriteItems is authorised as PutItem)`, source: DOCS.dynamodbApi });
    }
    for (const operation of sdkCalls.events ?? []) {
      add({ caller: `${fn.name} (handler)`, principal: role(roleName), action: `events:${operation}`, resource: arns.bus, context: {}, why: "the handler publishes the payment outcome on the bus", source: DOCS.eventBridgePutEvents });
    }
    viaDynamoDb(`${fn.name} (through DynamoDB)`, role(roleName), arns.tableName);
  }
  add({
    caller: "apigateway.amazonaws.com",
    principal: { service: "apigateway.amazonaws.com" },
    action: "lambda:InvokeFunction",
    resource: arns.functions.validator.arn,
    context: { "aws:SourceArn": `${arns.executionApi}/${suffixOf(stack)}/POST/webhooks/stripe`, "aws:SourceAccount": accountId },
    why: "the AWS_PROXY integration invokes the validator for POST /webhooks/{provider}",
    source: DOCS.apiGatewayLambda,
  });
  add({
    caller: "apigateway.amazonaws.com",
    principal: { service: "apigateway.amazonaws.com" },
    action: "lambda:InvokeFunction",
    resource: arns.functions.validator.arn,
    context: { "aws:SourceArn": `${arns.executionApi}/${suffixOf(stack)}/POST/webhooks`, "aws:SourceAccount": accountId },
    why: "the AWS_PROXY integration invokes the validator for POST /webhooks",
    source: DOCS.apiGatewayLambda,
  });

  // ---- Workflow (state machine role) ----
  const workflowRole = `payment-processing-workflow-role-${suffixOf(stack)}`;
  const workflow = role(workflowRole);
  assumeRole("states.amazonaws.com", workflowRole, { "aws:SourceAccount": accountId, "aws:SourceArn": arns.stateMachine }, DOCS.stepFunctionsTrust);
  for (const action of WORKFLOW_INTEGRATION_CALLS) {
    if (action.startsWith("dynamodb:")) {
      add({ caller: "payment-processing (DynamoDB Task)", principal: workflow, action, resource: arns.table, context: {}, why: `a Task state of the definition calls ${action}`, source: DOCS.stepFunctionsDynamoDb });
    } else {
      add({ caller: "payment-processing (Lambda Task)", principal: workflow, action, resource: arns.functions.processor.arn, context: {}, why: "the apply-event state invokes the processor by its unqualified ARN", source: DOCS.stepFunctionsLambda });
    }
  }
  viaDynamoDb("payment-processing (through DynamoDB)", workflow, arns.tableName);
  for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
    add({ caller: "payment-processing (execution data)", principal: workflow, action, resource: arns.key, context: { "kms:EncryptionContext:aws:states:stateMachineArn": arns.stateMachine }, why: "Step Functions encrypts and decrypts execution data with the execution role", source: DOCS.stepFunctionsKms });
  }
  add({ caller: "payment-processing (execution logs)", principal: workflow, action: "kms:GenerateDataKey", resource: arns.key, context: { "kms:EncryptionContext:SourceArn": `arn:aws:logs:${region}:${accountId}:*` }, why: "logging a CMK-encrypted state machine encrypts the log payload with the execution role", source: DOCS.stepFunctionsKms });
  for (const action of ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]) {
    add({ caller: "payment-processing (X-Ray)", principal: workflow, action, resource: "*", context: {}, why: "X-Ray tracing of the state machine", source: DOCS.stepFunctionsXray });
  }
  for (const action of ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"]) {
    add({ caller: "payment-processing (log delivery)", principal: workflow, action, resource: "*", context: {}, why: "Step Functions sets up vended log delivery to the log group", source: DOCS.stepFunctionsLogging });
  }
  add({ caller: "delivery.logs.amazonaws.com", principal: { service: "delivery.logs.amazonaws.com" }, action: "kms:Decrypt", resource: arns.key, context: { "aws:SourceAccount": accountId, "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:delivery-source:payment-processing` }, why: "vended log delivery reads the encrypted execution data it forwards", source: DOCS.vendedLogsKms });

  // ---- Pipe ----
  const pipeRole = `payment-events-pipe-role-${suffixOf(stack)}`;
  const pipe = role(pipeRole);
  assumeRole("pipes.amazonaws.com", pipeRole, { "aws:SourceAccount": accountId, "aws:SourceArn": arns.pipeArn }, DOCS.pipesPermissions);
  for (const action of ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]) {
    add({ caller: "payment-events-pipe (source)", principal: pipe, action, resource: arns.stream, context: {}, why: "the Pipe polls the table's stream", source: DOCS.pipesDynamoDb });
  }
  add({ caller: "payment-events-pipe (source)", principal: pipe, action: "dynamodb:ListStreams", resource: "*", context: {}, why: "the Pipe lists the table's streams", source: DOCS.pipesDynamoDb });
  viaDynamoDb("payment-events-pipe (through DynamoDB Streams)", pipe, arns.tableName, ["kms:Decrypt"]);
  add({ caller: "payment-events-pipe (source)", principal: pipe, action: "sqs:SendMessage", resource: arns.queues.pipeDlq, context: {}, why: "failed batches go to the Pipe's DLQ", source: DOCS.pipesDynamoDb });
  viaSqs("payment-events-pipe (through SQS)", pipe, arns.queues.pipeDlq, true);
  add({ caller: "payment-events-pipe (target)", principal: pipe, action: "events:PutEvents", resource: arns.bus, context: {}, why: "the Pipe puts stored events on the bus", source: DOCS.pipesPermissions });
  add({ caller: "payment-events-pipe (logs)", principal: pipe, action: "logs:CreateLogStream", resource: `${arns.logGroups.pipe}:log-stream:pipe`, context: {}, why: "the Pipe writes its execution log", source: DOCS.pipesLogs });
  add({ caller: "payment-events-pipe (logs)", principal: pipe, action: "logs:PutLogEvents", resource: `${arns.logGroups.pipe}:log-stream:pipe`, context: {}, why: "the Pipe writes its execution log", source: DOCS.pipesLogs });

  // ---- Rule ----
  const targetRole = `payment-webhook-received-target-role-${suffixOf(stack)}`;
  assumeRole("events.amazonaws.com", targetRole, { "aws:SourceAccount": accountId, "aws:SourceArn": arns.ruleArn }, DOCS.eventBridgeTargetRole);
  add({ caller: "payment-webhook-received (target)", principal: role(targetRole), action: "states:StartExecution", resource: arns.stateMachine, context: {}, why: "the rule starts one execution per stored event; StartExecution needs no KMS permission", source: DOCS.eventBridgeTargetRole });
  add({ caller: "events.amazonaws.com", principal: { service: "events.amazonaws.com" }, action: "sqs:SendMessage", resource: arns.queues.ruleDlq, context: { "aws:SourceArn": arns.ruleArn, "aws:SourceAccount": accountId }, why: "EventBridge dead-letters events the target could not take", source: DOCS.eventBridgeDlq });
  viaSqs("events.amazonaws.com (through SQS)", { service: "events.amazonaws.com" }, arns.queues.ruleDlq, false);

  // ---- Alarms ----
  for (const alarm of arns.alarms.slice(0, 1)) {
    add({ caller: "cloudwatch.amazonaws.com", principal: { service: "cloudwatch.amazonaws.com" }, action: "sns:Publish", resource: arns.topic, context: { "aws:SourceAccount": accountId, "aws:SourceArn": alarm }, why: "an alarm notifies the alarm topic", source: DOCS.cloudWatchAlarmSns });
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      add({ caller: "cloudwatch.amazonaws.com (through SNS)", principal: { service: "cloudwatch.amazonaws.com" }, action, resource: arns.key, context: { "aws:SourceAccount": accountId, "aws:SourceArn": alarm }, why: "SNS asks KMS for a data key on the publisher's behalf", source: DOCS.snsKms });
    }
  }

  // ---- CloudWatch Logs encrypting every log group ----
  const logGroups = [arns.functions.validator.logGroup, arns.functions.processor.logGroup, ...Object.values(arns.logGroups)];
  const logsService = `logs.${region}.amazonaws.com`;
  for (const logGroup of logGroups) {
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      add({ caller: logsService, principal: { service: logsService }, action, resource: arns.key, context: { "kms:EncryptionContext:aws:logs:arn": logGroup }, why: `CloudWatch Logs encrypts and reads ${logGroup.split(":log-group:")[1]}`, source: DOCS.logsKms });
    }
  }
  add({ caller: logsService, principal: { service: logsService }, action: "kms:DescribeKey", resource: arns.key, context: { "kms:EncryptionContext:aws:logs:arn": logGroups[0] }, why: "CloudWatch Logs checks the key when it is associated with a log group", source: DOCS.logsKms });

  // ---- API Gateway account CloudWatch role (only when the stack manages it) ----
  const apiRole = `apigateway-cloudwatch-role-${suffixOf(stack)}`;
  if (stack.roles.has(apiRole)) {
    assumeRole("apigateway.amazonaws.com", apiRole, { "aws:SourceAccount": accountId }, DOCS.apiGatewayLogging);
    for (const logGroup of [arns.logGroups.apiExecution, arns.logGroups.apiAccess]) {
      for (const action of ["logs:CreateLogGroup", "logs:DescribeLogStreams"]) {
        add({ caller: "apigateway.amazonaws.com (CloudWatch role)", principal: role(apiRole), action, resource: logGroup, context: {}, why: "API Gateway creates (if missing) and inspects the stage's log groups", source: DOCS.apiGatewayLogging });
      }
      for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
        add({ caller: "apigateway.amazonaws.com (CloudWatch role)", principal: role(apiRole), action, resource: `${logGroup}:log-stream:stage`, context: {}, why: "API Gateway writes execution and access logs", source: DOCS.apiGatewayLogging });
      }
    }
    add({ caller: "apigateway.amazonaws.com (CloudWatch role)", principal: role(apiRole), action: "logs:DescribeLogGroups", resource: "*", context: {}, why: "API Gateway looks the log groups up", source: DOCS.apiGatewayLogging });
  }
  return calls;
}

function suffixOf(stack: DeployedStack): string {
  return stack.arns.tableName.split("-").pop() ?? "";
}

/**
 * Grants no runtime call uses, each with the reason it stays. Keyed by
 * `<policy label>#<Sid>`, optionally narrowed to actions.
 */
export const UNUSED_GRANT_REASONS: Array<{ policy: string; sid: string; actions?: string[]; reason: string; source: string }> = [
  {
    policy: "key policy",
    sid: "AccountAdministersKey",
    reason: "Key administration by the deploying account (rotation, aliases, deletion); no runtime component administers the key.",
    source: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
  },
  {
    policy: "key policy",
    sid: "AccountUsesKeyThroughIamPolicies",
    reason: "Lets IAM policies of the account grant use of the key; the deployer also encrypts Lambda environments and creates encrypted resources with it. Runtime roles are scoped by their own policies.",
    source: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam",
  },
  {
    policy: "key policy",
    sid: "CloudWatchLogsEncryptsLogGroups",
    actions: ["kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext"],
    reason: "The key policy CloudWatch Logs documents for encrypted log groups lists these; Logs does not say which operation uses which, so they stay, limited to this account's log groups by the encryption context.",
    source: DOCS.logsKms,
  },
];
