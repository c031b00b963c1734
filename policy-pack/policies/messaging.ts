/** Asynchronous delivery rules: dead-letter queues on every async consumer, encrypted queues. */
import { resourceRule } from "./define";
import type { GuardPolicy, PolicyContext } from "./types";

const PIPE = "aws:pipes/pipe:Pipe";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const QUEUE = "aws:sqs/queue:Queue";

interface DeadLetterParams {
  deadLetterConfig?: { arn?: unknown };
}

function hasDeadLetterArn(params: DeadLetterParams | undefined): boolean {
  const arn = params?.deadLetterConfig?.arn;
  return typeof arn === "string" && arn !== "";
}

interface SqsEncryptionConfig {
  requireCustomerManagedKey: boolean;
}

export function messagingPolicies(ctx: PolicyContext): GuardPolicy[] {
  const pipeDlq = resourceRule(ctx, {
    name: "pipe-source-dlq",
    description: "EventBridge Pipes reading a stream (DynamoDB, Kinesis) send records that exhaust their retries to a dead-letter queue.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "messaging",
      severity: "high",
      resourceTypes: [PIPE],
      rationale: "A stream record that keeps failing blocks its shard until it expires after 24 hours and is then lost; with a DLQ it is parked for replay and the shard moves on.",
      levelRationale: "Mandatory: losing a stored payment event between the table and the bus is silent data loss.",
      remediation: "Set sourceParameters.dynamodbStreamParameters.deadLetterConfig.arn to an SQS queue (with maximumRetryAttempts) and allow sqs:SendMessage on it in the pipe role.",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
      caveats: "SQS sources are not checked here: their DLQ is the source queue's redrive policy.",
    },
    check: (args) => {
      const source = args.props.source as unknown;
      const params = args.props.sourceParameters as { dynamodbStreamParameters?: DeadLetterParams; kinesisStreamParameters?: DeadLetterParams } | undefined;
      const isStream = typeof source === "string" && (/^arn:aws[a-z-]*:dynamodb:.*\/stream\//.test(source) || /^arn:aws[a-z-]*:kinesis:/.test(source));
      if (!isStream) return [];
      if (hasDeadLetterArn(params?.dynamodbStreamParameters) || hasDeadLetterArn(params?.kinesisStreamParameters)) return [];
      const field = /:kinesis:/.test(String(source)) ? "kinesisStreamParameters" : "dynamodbStreamParameters";
      return [`Pipe '${args.name}' reads a stream and must send failed records to a dead-letter queue (sourceParameters.${field}.deadLetterConfig.arn).`];
    },
  });

  const targetDlq = resourceRule(ctx, {
    name: "event-rule-target-dlq",
    description: "EventBridge rule targets have a dead-letter queue for events that cannot be delivered.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "messaging",
      severity: "high",
      resourceTypes: [EVENT_TARGET],
      rationale: "EventBridge drops an event after its retry policy is exhausted (e.g. the state machine throttled or its role broken); a DLQ keeps it for replay.",
      levelRationale: "Mandatory: the rule target starts the payment workflow; a dropped event is an unprocessed payment.",
      remediation: "Set deadLetterConfig: { arn: dlq.arn } (and a retryPolicy) on the target, with a queue policy allowing events.amazonaws.com to send.",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
      caveats: "Neither Checkov nor cdk-nag checks rule targets: CKV_AWS_116 covers Lambda asynchronous invocation and cdk-nag SQS3 covers queues.",
    },
    check: (args) =>
      hasDeadLetterArn(args.props as DeadLetterParams) ? [] : [`EventBridge target '${args.name}' must set deadLetterConfig.arn so undeliverable events are kept for replay.`],
  });

  const sqsEncrypted = resourceRule<SqsEncryptionConfig>(ctx, {
    name: "sqs-encrypted",
    description: "SQS queues are encrypted at rest (SQS-managed SSE or a KMS key).",
    enforcementLevel: "mandatory",
    config: {
      requireCustomerManagedKey: { type: "boolean", default: false, description: "Require kmsMasterKeyId (a customer-managed key) instead of accepting SQS-managed SSE." },
    },
    metadata: {
      area: "messaging",
      severity: "medium",
      resourceTypes: [QUEUE],
      rationale: "Dead-letter queues hold whole payment events; they get the same protection at rest as the table.",
      levelRationale: "Mandatory: encryption at rest of stored events; costs nothing with SQS-managed SSE.",
      remediation: "Set sqsManagedSseEnabled: true, or kmsMasterKeyId to the stack's key (then allow the sending services kms:GenerateDataKey).",
      mappings: { checkov: ["CKV_AWS_27"], cdkNag: [], pciDss: ["3.5.1"] },
    },
    check: (args, config) => {
      const kmsKey = args.props.kmsMasterKeyId as unknown;
      const hasKms = typeof kmsKey === "string" && kmsKey !== "";
      if (config.requireCustomerManagedKey) {
        return hasKms && !/alias\/aws\/sqs$/.test(kmsKey) ? [] : [`SQS queue '${args.name}' must be encrypted with a customer-managed KMS key (kmsMasterKeyId).`];
      }
      return hasKms || args.props.sqsManagedSseEnabled === true
        ? []
        : [`SQS queue '${args.name}' must be encrypted at rest (sqsManagedSseEnabled: true or kmsMasterKeyId).`];
    },
  });

  return [pipeDlq, targetDlq, sqsEncrypted];
}
