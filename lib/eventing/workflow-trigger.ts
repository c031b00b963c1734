/**
 * Carries stored webhook events from the table stream to the workflow:
 *   DynamoDB stream ──Pipe (filter INSERT of EVENT items, input template)──▶ payment-events bus
 *   bus ──rule (source + detail-type)──▶ state machine StartExecution
 * Both hops have an encrypted SQS dead-letter queue, so nothing that fails is lost silently;
 * the alarms of the Monitoring component fire on their depth. Every routing value comes verbatim from
 * contract/event-routing.ts, which the local runtime applies too.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import {
  PIPE_FILTER_PATTERN,
  PIPE_INPUT_TEMPLATE,
  WEBHOOK_EVENT_DETAIL_TYPE,
  WEBHOOK_EVENT_SOURCE,
  WORKFLOW_RULE_EVENT_PATTERN,
} from "../../contract/event-routing";
import { assumeRolePolicy, policyJson } from "../security/policy-document";
import { assertLogRetentionDays } from "../support/component-args";
import {
  pipeDeadLetterQueueStatements,
  pipeSourceStatements,
  pipeTargetStatements,
  ruleDeadLetterQueueStatements,
  ruleTargetStatements,
} from "./trigger-policies";

/** Resource type in the rule DLQ's physical name; the key policy names the queue before it exists. */
export const RULE_DEAD_LETTER_QUEUE_TYPE = "payment-webhook-received-dlq";

/** 14 days, the SQS maximum: time to notice the alarm and redrive. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * How the Pipe reads the table stream. A Pipe targeting an EventBridge bus takes at most 10
 * records per batch (EventBridge Pipes User Guide, "Batching and concurrency"); retries are
 * bounded (-1, "until the record expires", would hold the shard up to the stream's 24 hours).
 */
export const PIPE_STREAM_SETTINGS = {
  batchSize: 10,
  maximumBatchingWindowInSeconds: 1,
  maximumRetryAttempts: 10,
  maximumRecordAgeInSeconds: 86400,
} as const;

/**
 * How long EventBridge keeps retrying StartExecution for one event, and how often, before the
 * event goes to the rule's DLQ (the defaults are 24 hours and 185 attempts).
 */
export const RULE_TARGET_RETRY_POLICY = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 20 } as const;

/** Days CloudWatch keeps pipe logs unless the caller says otherwise. */
export const DEFAULT_PIPE_LOG_RETENTION_DAYS = 30;

export interface WorkflowTriggerArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** CMK of the table (stream records) and of the two DLQs and the pipe log group. */
  kmsKeyArn: pulumi.Input<string>;
  /** The events table's stream (the Pipe's source). */
  table: { streamArn: pulumi.Input<string> };
  eventBusName: pulumi.Input<string>;
  eventBusArn: pulumi.Input<string>;
  stateMachineArn: pulumi.Input<string>;
  /** Days CloudWatch keeps pipe logs; one of CLOUDWATCH_LOG_RETENTION_DAYS. @default 30 */
  logRetentionDays?: number;
}

/** WorkflowTriggerArgs after checkWorkflowTriggerArgs: defaults applied. */
export interface CheckedWorkflowTriggerArgs extends WorkflowTriggerArgs {
  logRetentionDays: number;
}

/** Checks every argument (throwing a message that names it) and applies the defaults. */
export function checkWorkflowTriggerArgs(args: WorkflowTriggerArgs): CheckedWorkflowTriggerArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  return {
    ...args,
    logRetentionDays: assertLogRetentionDays("WorkflowTrigger.logRetentionDays", args.logRetentionDays ?? DEFAULT_PIPE_LOG_RETENTION_DAYS),
  };
}

export class WorkflowTrigger extends pulumi.ComponentResource {
  public readonly pipeName: pulumi.Output<string>;
  public readonly pipeArn: pulumi.Output<string>;
  public readonly pipeLogGroupName: pulumi.Output<string>;
  public readonly ruleName: pulumi.Output<string>;
  public readonly ruleArn: pulumi.Output<string>;
  public readonly pipeDlqName: pulumi.Output<string>;
  public readonly pipeDlqArn: pulumi.Output<string>;
  public readonly ruleDlqName: pulumi.Output<string>;
  public readonly ruleDlqArn: pulumi.Output<string>;

  constructor(name: string, rawArgs: WorkflowTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkWorkflowTriggerArgs(rawArgs);
    const suffix = args.environmentSuffix;
    super("payments:eventing:WorkflowTrigger", name, {}, opts);

    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;

    const queue = (logicalSuffix: string, resourceType: string) =>
      new aws.sqs.Queue(
        `${name}-${logicalSuffix}`,
        {
          name: physicalName(resourceType, suffix),
          kmsMasterKeyId: args.kmsKeyArn,
          // Fewer KMS calls per message; five minutes is the SQS default upper range we accept.
          kmsDataKeyReusePeriodSeconds: 300,
          messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        },
        { parent: this },
      );
    const pipeDlq = queue("pipe-dlq", "payment-events-pipe-dlq");
    const ruleDlq = queue("rule-dlq", RULE_DEAD_LETTER_QUEUE_TYPE);

    // ---- Pipe: stream → bus ----
    const pipeName = physicalName("payment-events-pipe", suffix);
    const pipeLogGroup = new aws.cloudwatch.LogGroup(
      `${name}-pipe-log-group`,
      { name: `/aws/vendedlogs/pipes/${pipeName}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.kmsKeyArn },
      { parent: this },
    );
    const pipeRole = new aws.iam.Role(
      `${name}-pipe-role`,
      {
        name: physicalName("payment-events-pipe-role", suffix),
        description: "Reads the events table stream and puts stored webhook events on the bus.",
        // Confused-deputy guard: only this account's pipe of this name may assume it.
        assumeRolePolicy: pulumi
          .all([account, region, partition])
          .apply(([accountId, regionName, partitionName]) =>
            assumeRolePolicy("pipes.amazonaws.com", {
              StringEquals: { "aws:SourceAccount": accountId },
              ArnLike: { "aws:SourceArn": `arn:${partitionName}:pipes:${regionName}:${accountId}:pipe/${pipeName}` },
            }),
          ),
      },
      { parent: this },
    );
    const pipeSourcePolicy = new aws.iam.RolePolicy(
      `${name}-pipe-source-policy`,
      {
        name: physicalName("payment-events-pipe-source", suffix),
        role: pipeRole.id,
        policy: policyJson(
          pulumi
            .all([args.table.streamArn, args.kmsKeyArn, pipeDlq.arn, pipeLogGroup.arn])
            .apply(([streamArn, kmsKeyArn, deadLetterQueueArn, logGroupArn]) => pipeSourceStatements({ streamArn, kmsKeyArn, deadLetterQueueArn, logGroupArn })),
        ),
      },
      { parent: this },
    );
    const pipeTargetPolicy = new aws.iam.RolePolicy(
      `${name}-pipe-target-policy`,
      { name: physicalName("payment-events-pipe-target", suffix), role: pipeRole.id, policy: policyJson(pulumi.output(args.eventBusArn).apply(pipeTargetStatements)) },
      { parent: this },
    );
    new aws.sqs.QueuePolicy(
      `${name}-pipe-dlq-policy`,
      { queueUrl: pipeDlq.url, policy: policyJson(pipeDlq.arn.apply(pipeDeadLetterQueueStatements)) },
      { parent: this },
    );

    const pipe = new aws.pipes.Pipe(
      `${name}-pipe`,
      {
        name: pipeName,
        description: "Stored payment webhook events (INSERTs of EVENT items) onto the payment-events bus.",
        desiredState: "RUNNING",
        roleArn: pipeRole.arn,
        source: args.table.streamArn,
        sourceParameters: {
          dynamodbStreamParameters: {
            // Start from the oldest record still in the stream: nothing stored is skipped.
            startingPosition: "TRIM_HORIZON",
            ...PIPE_STREAM_SETTINGS,
            // Split a failing batch to isolate the bad record instead of retrying all of it.
            onPartialBatchItemFailure: "AUTOMATIC_BISECT",
            deadLetterConfig: { arn: pipeDlq.arn },
          },
          filterCriteria: { filters: [{ pattern: JSON.stringify(PIPE_FILTER_PATTERN) }] },
        },
        target: args.eventBusArn,
        targetParameters: {
          inputTemplate: PIPE_INPUT_TEMPLATE,
          eventbridgeEventBusParameters: { source: WEBHOOK_EVENT_SOURCE, detailType: WEBHOOK_EVENT_DETAIL_TYPE },
        },
        // ERROR only (INFO adds a record per execution step), and no includeExecutionDatas:
        // execution data would copy webhook payloads into the logs.
        logConfiguration: { level: "ERROR", cloudwatchLogsLogDestination: { logGroupArn: pipeLogGroup.arn } },
      },
      // Pipes checks the role's access to the source when it is created.
      { parent: this, dependsOn: [pipeSourcePolicy, pipeTargetPolicy] },
    );

    // ---- Rule: bus → state machine ----
    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        name: physicalName("payment-webhook-received", suffix),
        description: "Starts the payment-processing workflow for each stored webhook event.",
        eventBusName: args.eventBusName,
        eventPattern: JSON.stringify(WORKFLOW_RULE_EVENT_PATTERN),
      },
      { parent: this },
    );
    new aws.sqs.QueuePolicy(
      `${name}-rule-dlq-policy`,
      {
        queueUrl: ruleDlq.url,
        policy: policyJson(pulumi.all([ruleDlq.arn, rule.arn]).apply(([queueArn, ruleArn]) => ruleDeadLetterQueueStatements(queueArn, ruleArn))),
      },
      { parent: this },
    );
    const targetRole = new aws.iam.Role(
      `${name}-target-role`,
      {
        name: physicalName("payment-webhook-received-target-role", suffix),
        description: "Lets the payment-webhook-received rule start payment-processing executions.",
        assumeRolePolicy: pulumi
          .all([account, rule.arn])
          .apply(([accountId, ruleArn]) =>
            assumeRolePolicy("events.amazonaws.com", { StringEquals: { "aws:SourceAccount": accountId }, ArnEquals: { "aws:SourceArn": ruleArn } }),
          ),
      },
      { parent: this },
    );
    const targetRolePolicy = new aws.iam.RolePolicy(
      `${name}-target-role-policy`,
      {
        name: physicalName("payment-webhook-received-start-execution", suffix),
        role: targetRole.id,
        policy: policyJson(pulumi.output(args.stateMachineArn).apply(ruleTargetStatements)),
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        eventBusName: args.eventBusName,
        targetId: physicalName("payment-processing-workflow", suffix),
        arn: args.stateMachineArn,
        roleArn: targetRole.arn,
        // The whole event is the execution input; the workflow reads `$.detail`.
        inputPath: "$",
        deadLetterConfig: { arn: ruleDlq.arn },
        retryPolicy: { ...RULE_TARGET_RETRY_POLICY },
      },
      { parent: this, dependsOn: [targetRolePolicy] },
    );

    this.pipeName = pipe.name;
    this.pipeArn = pipe.arn;
    this.pipeLogGroupName = pipeLogGroup.name;
    this.ruleName = rule.name;
    this.ruleArn = rule.arn;
    this.pipeDlqName = pipeDlq.name;
    this.pipeDlqArn = pipeDlq.arn;
    this.ruleDlqName = ruleDlq.name;
    this.ruleDlqArn = ruleDlq.arn;
    this.registerOutputs({
      pipeName: this.pipeName,
      pipeArn: this.pipeArn,
      pipeLogGroupName: this.pipeLogGroupName,
      ruleName: this.ruleName,
      ruleArn: this.ruleArn,
      pipeDlqName: this.pipeDlqName,
      pipeDlqArn: this.pipeDlqArn,
      ruleDlqName: this.ruleDlqName,
      ruleDlqArn: this.ruleDlqArn,
    });
  }
}
