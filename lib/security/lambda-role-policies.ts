/**
 * Least-privilege statements of the two Lambda execution roles, as pure functions of the ARNs
 * they touch, so tests check them without Pulumi and the stack uses exactly these.
 */
import { PROCESSOR_ACTIONS } from "../workflow/required-permissions";
import { allow, allowOnAnyResource, type PolicyStatement } from "./policy-document";

export interface LambdaBaseAccess {
  /** The function's own log group ARN (without `:*`). */
  logGroupArn: string;
  /** CMK encrypting the function's environment variables and the table. */
  kmsKeyArn: string;
}

/** What every function needs: its log streams, X-Ray, and decrypting its environment with the CMK. */
export function lambdaBaseStatements(access: LambdaBaseAccess): PolicyStatement[] {
  return [
    // No logs:CreateLogGroup: the stack creates the group (with retention and KMS) itself.
    allow(["logs:CreateLogStream", "logs:PutLogEvents"], [access.logGroupArn, `${access.logGroupArn}:log-stream:*`], "WriteOwnLogGroup"),
    // X-Ray trace upload has no resource-level permission (ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS).
    allowOnAnyResource(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "UploadTraces"),
    // Decrypt: environment variables. All four: DynamoDB reads and writes items of a CMK-encrypted
    // table with the caller's permissions on the key (as CDK's table.grantReadWriteData does).
    allow(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], [access.kmsKeyArn], "UseStackKey"),
  ];
}

/** The validator only stores events: one conditional PutItem. */
export function validatorAccessStatements(tableArn: string): PolicyStatement[] {
  return [allow(["dynamodb:PutItem"], [tableArn], "StoreWebhookEvents")];
}

export interface ProcessorAccess {
  tableArn: string;
  eventBusArn: string;
}

/**
 * The processor reads and updates payment state and publishes outcome events. The actions are
 * the processor module's own list, which a test checks against the calls it really makes.
 */
export function processorAccessStatements(access: ProcessorAccess): PolicyStatement[] {
  return [
    allow([...PROCESSOR_ACTIONS.eventsTable], [access.tableArn], "ApplyEventsToPaymentState"),
    allow([...PROCESSOR_ACTIONS.eventBus], [access.eventBusArn], "PublishOutcomeEvents"),
  ];
}
