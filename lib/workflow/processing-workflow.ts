/**
 * The payment-processing state machine: the ASL comes from the workflow builder
 * (buildPaymentWorkflowDefinition), never written here; this component adds what AWS needs
 * around it — a least-privilege role derived from the definition, X-Ray tracing, logging of
 * every execution to a CMK-encrypted log group, and CMK encryption of execution data.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { DYNAMODB_CALLER_KEY_ACTIONS, tableKeyThroughDynamoDb } from "../security/key-use-grants";
import { allow, allowOnAnyResource, assumeRolePolicy, LOG_DELIVERY_ACTIONS, policyJson, XRAY_TRACING_ACTIONS, type PolicyStatement } from "../security/policy-document";
import { WORKFLOW_TYPES, type WorkflowType } from "../config";
import { assertLogRetentionDays, assertOneOf } from "../support/component-args";
import { deriveWorkflowPermissions, maxRetryWaitOnAnyPathSeconds, type WorkflowPermission } from "./workflow-analysis";
import { buildPaymentWorkflowDefinition, type RetryTuning } from "./definition";

/** An Express execution is stopped after five minutes (Step Functions quotas). */
export const EXPRESS_MAX_DURATION_SECONDS = 300;

export interface ProcessingWorkflowArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** Customer-managed key for execution data and the log group. */
  kmsKeyArn: pulumi.Input<string>;
  /**
   * STANDARD: exactly-once, up to a year, every state transition billed. EXPRESS: at-least-once,
   * at most five minutes — rejected when the retry tuning could outlast that.
   * @default "STANDARD"
   */
  workflowType?: WorkflowType;
  processorFunctionArn: pulumi.Input<string>;
  eventsTable: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  /** Back-off of every transient-error Retry in the workflow. */
  retry: RetryTuning;
  /**
   * Back-off for throttling errors (Lambda reserved concurrency, DynamoDB throttling), sized to
   * outlast the burst the stack is meant to absorb. Absent: throttling shares `retry`.
   */
  throttleRetry?: RetryTuning;
  /** Seconds before the processor Task times out (retried as transient); keep it above the processor Lambda's timeout. @default 60 */
  processorTaskTimeoutSeconds?: number;
  /** Days CloudWatch keeps execution logs; one of CLOUDWATCH_LOG_RETENTION_DAYS. @default 30 */
  logRetentionDays?: number;
}

// Stand-in values used to build the definition once at construction, before the real ARNs are
// known, so a definition the role cannot be derived for fails at `pulumi preview`.
const PROBE_NAMES = {
  processorFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:probe-processor",
  eventsTableName: "probe-events-table",
};

/** ProcessingWorkflowArgs after checkProcessingWorkflowArgs: defaults applied, role derived. */
export interface CheckedProcessingWorkflowArgs extends ProcessingWorkflowArgs {
  workflowType: WorkflowType;
  logRetentionDays: number;
  /** The role's permissions as derived from a definition built with stand-in ARNs. */
  derivedPermissions: WorkflowPermission[];
}

/**
 * Checks every argument (throwing a message that names it) and applies the defaults. Builds
 * the definition once with stand-in ARNs, so a retry tuning the builder refuses, an EXPRESS
 * workflow its retries could outlast, or a Task no role can be derived for all fail here.
 */
export function checkProcessingWorkflowArgs(args: ProcessingWorkflowArgs): CheckedProcessingWorkflowArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  const workflowType = assertOneOf("ProcessingWorkflow.workflowType", args.workflowType ?? "STANDARD", WORKFLOW_TYPES);
  const logRetentionDays = assertLogRetentionDays("ProcessingWorkflow.logRetentionDays", args.logRetentionDays ?? 30);
  const probe = buildPaymentWorkflowDefinition({
    processorFunctionArn: PROBE_NAMES.processorFunctionArn,
    eventsTableName: PROBE_NAMES.eventsTableName,
    retry: args.retry,
    throttleRetry: args.throttleRetry,
    processorTaskTimeoutSeconds: args.processorTaskTimeoutSeconds,
  });
  const retryWait = maxRetryWaitOnAnyPathSeconds(probe);
  if (workflowType === "EXPRESS" && retryWait >= EXPRESS_MAX_DURATION_SECONDS) {
    throw new Error(
      `ProcessingWorkflow: an EXPRESS workflow is stopped after ${EXPRESS_MAX_DURATION_SECONDS} seconds, but on one path its retries alone can wait ${retryWait} seconds; use STANDARD or shorten the retry tuning (intervalSeconds, backoffRate, maxAttempts, maxDelaySeconds${args.throttleRetry === undefined ? "" : "; the throttling retry shrinks with a smaller absorbableBurst or a larger processorReservedConcurrency"}).`,
    );
  }
  const derivedPermissions = deriveWorkflowPermissions(probe, PROBE_NAMES);
  return { ...args, workflowType, logRetentionDays, derivedPermissions };
}

export class ProcessingWorkflow extends pulumi.ComponentResource {
  public readonly stateMachineArn: pulumi.Output<string>;
  /** `payment-processing-<suffix>`. */
  public readonly stateMachineName: pulumi.Output<string>;
  /** `/aws/vendedlogs/states/payment-processing-<suffix>`. */
  public readonly logGroupName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  /** The role's permissions as derived from the definition (for reviewers and tests). */
  public readonly derivedPermissions: WorkflowPermission[];

  constructor(name: string, rawArgs: ProcessingWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkProcessingWorkflowArgs(rawArgs);
    super("payments:workflow:ProcessingWorkflow", name, {}, opts);
    this.derivedPermissions = args.derivedPermissions;

    const stateMachineName = physicalName("payment-processing", args.environmentSuffix);
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const stateMachineArnPattern = pulumi.interpolate`arn:${partition}:states:${region}:${account}:stateMachine:${stateMachineName}`;

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-log-group`,
      { name: `/aws/vendedlogs/states/${stateMachineName}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.kmsKeyArn },
      { parent: this },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: physicalName("payment-processing-workflow-role", args.environmentSuffix),
        description: "Runs the payment-processing state machine.",
        // Confused-deputy guard: only this account's state machine of this name may assume it.
        assumeRolePolicy: pulumi
          .all([account, stateMachineArnPattern])
          .apply(([accountId, arn]) =>
            assumeRolePolicy("states.amazonaws.com", { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": arn } }),
          ),
      },
      { parent: this },
    );

    const targetArns = pulumi
      .all([args.processorFunctionArn, args.eventsTable.arn])
      .apply(([processorFunction, eventsTable]) => ({ processorFunction, eventsTable }));
    const derived = this.derivedPermissions;
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-role-policy`,
      {
        name: physicalName("payment-processing-workflow-access", args.environmentSuffix),
        role: role.id,
        policy: policyJson(
          pulumi.all([targetArns, args.kmsKeyArn, stateMachineArnPattern]).apply(([arns, keyArn, smArn]) =>
            workflowRoleStatements(derived, arns, keyArn, smArn),
          ),
        ),
      },
      { parent: this },
    );

    const stateMachine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: stateMachineName,
        type: args.workflowType,
        roleArn: role.arn,
        definition: pulumi
          .all([args.processorFunctionArn, args.eventsTable.name])
          .apply(([processorFunctionArn, eventsTableName]) =>
            JSON.stringify(
              buildPaymentWorkflowDefinition({
                processorFunctionArn,
                eventsTableName,
                retry: args.retry,
                throttleRetry: args.throttleRetry,
                processorTaskTimeoutSeconds: args.processorTaskTimeoutSeconds,
              }),
            ),
          ),
        tracingConfiguration: { enabled: true },
        loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: pulumi.interpolate`${logGroup.arn}:*` },
        encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: args.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 },
      },
      // The role policy must exist before Step Functions validates logging and KMS access.
      { parent: this, dependsOn: [rolePolicy] },
    );

    this.stateMachineArn = stateMachine.arn;
    this.stateMachineName = stateMachine.name;
    this.logGroupName = logGroup.name;
    this.roleArn = role.arn;
    this.registerOutputs({
      stateMachineArn: this.stateMachineArn,
      stateMachineName: this.stateMachineName,
      logGroupName: this.logGroupName,
      roleArn: this.roleArn,
    });
  }
}

/** The state machine role's statements; pure so tests can read them without mocks. */
export function workflowRoleStatements(
  permissions: WorkflowPermission[],
  arns: { processorFunction: string; eventsTable: string },
  kmsKeyArn: string,
  stateMachineArn: string,
): PolicyStatement[] {
  const resourcesFor = (target: WorkflowPermission["target"]): string[] => {
    switch (target) {
      // The unqualified ARN only: the Task invokes it unqualified, never a version or alias.
      case "processorFunction":
        return [arns.processorFunction];
      case "eventsTable":
        return [arns.eventsTable];
    }
  };
  const sids: Record<WorkflowPermission["target"], string> = {
    processorFunction: "InvokeProcessor",
    eventsTable: "RecordProcessingOnEventsTable",
  };
  return [
    ...permissions.map((permission) => allow(permission.actions, resourcesFor(permission.target), sids[permission.target])),
    {
      // Execution data is encrypted with the CMK; Step Functions asks for data keys in the
      // state machine's encryption context only.
      ...allow(["kms:Decrypt", "kms:GenerateDataKey"], [kmsKeyArn], "EncryptExecutionData"),
      Condition: { StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": stateMachineArn } },
    },
    // The DynamoDB Tasks call DynamoDB as this role, so DynamoDB uses the table key as this role.
    ...(permissions.some((permission) => permission.target === "eventsTable") ? [tableKeyThroughDynamoDb(arns.eventsTable, kmsKeyArn, DYNAMODB_CALLER_KEY_ACTIONS, "UseTableKeyThroughDynamoDb")] : []),
    {
      // Logging a CMK-encrypted state machine to CloudWatch Logs: Step Functions encrypts the
      // log payload with a data key in the log delivery's context (Step Functions developer
      // guide, "Data at rest encryption", https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html).
      ...allow(["kms:GenerateDataKey"], [kmsKeyArn], "EncryptExecutionLogs"),
      Condition: { StringLike: { "kms:EncryptionContext:SourceArn": `${logsArnPrefix(stateMachineArn)}:*` } },
    },
    // X-Ray trace upload has no resource-level permissions (Resource "*" is the only form).
    allowOnAnyResource([...XRAY_TRACING_ACTIONS], "WriteTraces"),
    // Step Functions logging goes through CloudWatch Logs vended-log delivery, whose APIs
    // (Create/Get/Update/Delete/ListLogDeliveries, Put/DescribeResourcePolicies,
    // DescribeLogGroups) have no resource-level permissions.
    allowOnAnyResource([...LOG_DELIVERY_ACTIONS], "DeliverExecutionLogs"),
  ];
}

/** `arn:<partition>:logs:<region>:<account>` of the account and region an ARN lives in. */
function logsArnPrefix(arn: string): string {
  const [, partition, , region, account] = arn.split(":");
  return `arn:${partition}:logs:${region}:${account}`;
}

