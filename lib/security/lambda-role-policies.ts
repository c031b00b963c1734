/**
 * Least-privilege statements of the two Lambda execution roles, as pure functions of the ARNs
 * they touch, so tests check them without Pulumi and the stack uses exactly these. Which calls
 * each handler makes is proven by test/permissions (recorded SDK commands, IAM evaluator).
 */
import { DYNAMODB_CALLER_KEY_ACTIONS, tableKeyThroughDynamoDb } from "./key-use-grants";
import { allow, allowOnAnyResource, type PolicyStatement } from "./policy-document";

export interface LambdaBaseAccess {
  /** The function's own log group ARN (without `:*`). */
  logGroupArn: string;
  /** CMK encrypting the function's environment variables. */
  kmsKeyArn: string;
  /** Physical function name: Lambda decrypts the environment in the context `LambdaFunctionName`. */
  functionName: string;
}

/** What every function needs: its log streams, X-Ray, and decrypting its own environment with the CMK. */
export function lambdaBaseStatements(access: LambdaBaseAccess): PolicyStatement[] {
  return [
    // No logs:CreateLogGroup: the stack creates the group (with retention and KMS) itself. Both
    // actions act on the log-stream resource type (Service Authorization Reference, CloudWatch Logs:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
    allow(["logs:CreateLogStream", "logs:PutLogEvents"], [`${access.logGroupArn}:log-stream:*`], "WriteOwnLogGroup"),
    // X-Ray trace upload has no resource-level permission (ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS).
    allowOnAnyResource(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "UploadTraces"),
    {
      // Lambda decrypts the environment with the execution role, in the function's context
      // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html).
      ...allow(["kms:Decrypt"], [access.kmsKeyArn], "DecryptOwnEnvironment"),
      Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": access.functionName } },
    },
  ];
}

export interface ValidatorAccess {
  tableArn: string;
  /** CMK of the table: DynamoDB uses it as the caller. */
  kmsKeyArn: string;
}

/** The validator only stores events: one TransactWriteItems of two conditional Puts (EVENT + IDENTITY item), each authorised as dynamodb:PutItem (DynamoDB Developer Guide, "Using IAM with DynamoDB transactions"). */
export function validatorAccessStatements(access: ValidatorAccess): PolicyStatement[] {
  return [
    allow(["dynamodb:PutItem"], [access.tableArn], "StoreWebhookEvents"),
    tableKeyThroughDynamoDb(access.tableArn, access.kmsKeyArn, DYNAMODB_CALLER_KEY_ACTIONS, "UseTableKeyThroughDynamoDb"),
  ];
}

export interface ProcessorAccess {
  tableArn: string;
  eventBusArn: string;
  /** CMK of the table: DynamoDB uses it as the caller. */
  kmsKeyArn: string;
}

/** The processor reads and updates payment state (GetItem, PutItem, UpdateItem) and publishes outcome events. */
export function processorAccessStatements(access: ProcessorAccess): PolicyStatement[] {
  return [
    allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], [access.tableArn], "ApplyEventsToPaymentState"),
    tableKeyThroughDynamoDb(access.tableArn, access.kmsKeyArn, DYNAMODB_CALLER_KEY_ACTIONS, "UseTableKeyThroughDynamoDb"),
    allow(["events:PutEvents"], [access.eventBusArn], "PublishOutcomeEvents"),
  ];
}
