/**
 * IAM and queue-policy statements of the event path (Pipe, rule target, DLQs). Pure, so the
 * tests read exactly what the components send to AWS and check each statement's scope.
 */
import { DYNAMODB_STREAM_READER_KEY_ACTIONS, queueKeyThroughSqs, tableKeyThroughDynamoDb } from "../security/key-use-grants";
import { allow, allowOnAnyResource, type PolicyStatement } from "../security/policy-document";

/** SQS actions a client could use on a DLQ over plain HTTP; denied unless TLS (cdk-nag SQS4). */
export const QUEUE_ACTIONS_REQUIRING_TLS = [
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:ChangeMessageVisibility",
  "sqs:GetQueueAttributes",
  "sqs:PurgeQueue",
] as const;

/** SNS actions on the alarm topic denied unless TLS (cdk-nag SNS3). */
export const TOPIC_ACTIONS_REQUIRING_TLS = ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"] as const;

/** Deny (explicit actions, any principal) requests to `resourceArn` not made over TLS. */
export function denyInsecureTransport(resourceArn: string, actions: readonly string[] = QUEUE_ACTIONS_REQUIRING_TLS): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: [...actions],
    Resource: resourceArn,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export interface PipeSourceResources {
  streamArn: string;
  kmsKeyArn: string;
  deadLetterQueueArn: string;
  logGroupArn: string;
}

/** The Pipe role's source side: read the stream, dead-letter failed batches, write its logs. */
export function pipeSourceStatements(resources: PipeSourceResources): PolicyStatement[] {
  return [
    allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], [resources.streamArn], "ReadTableStream"),
    // ListStreams has no resource-level permission (Service Authorization Reference): "*" only.
    allowOnAnyResource(["dynamodb:ListStreams"], "ListTableStreams"),
    // Stream records of a CMK-encrypted table are decrypted with the table's key, through
    // DynamoDB and as this role; the same key encrypts the DLQ, which SQS uses as the producer.
    tableKeyThroughDynamoDb(resources.streamArn, resources.kmsKeyArn, DYNAMODB_STREAM_READER_KEY_ACTIONS, "DecryptTableStream"),
    queueKeyThroughSqs(resources.deadLetterQueueArn, resources.kmsKeyArn, "EncryptDeadLetters"),
    allow(["sqs:SendMessage"], [resources.deadLetterQueueArn], "DeadLetterFailedBatches"),
    allow(["logs:CreateLogStream", "logs:PutLogEvents"], [`${resources.logGroupArn}:*`], "WritePipeLogs"),
  ];
}

/** The Pipe role's target side: put the cleaned event on the bus. */
export function pipeTargetStatements(eventBusArn: string): PolicyStatement[] {
  return [allow(["events:PutEvents"], [eventBusArn], "PutOnPaymentEventsBus")];
}

/**
 * The rule target role: start executions of the one state machine. No key permission: Step
 * Functions encrypts the execution input with the state machine role's data key, and its
 * permission table lists StartExecution as needing none ("Data at rest encryption",
 * https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html).
 */
export function ruleTargetStatements(stateMachineArn: string): PolicyStatement[] {
  return [allow(["states:StartExecution"], [stateMachineArn], "StartPaymentProcessing")];
}

/** The Pipe DLQ: written by the Pipe role through IAM, so only the TLS guard here. */
export function pipeDeadLetterQueueStatements(queueArn: string): PolicyStatement[] {
  return [denyInsecureTransport(queueArn)];
}

/** The rule DLQ: EventBridge sends as a service principal, pinned to this rule. */
export function ruleDeadLetterQueueStatements(queueArn: string, ruleArn: string): PolicyStatement[] {
  return [
    {
      ...allow(["sqs:SendMessage"], [queueArn], "EventBridgeRuleDeadLetters"),
      Principal: { Service: "events.amazonaws.com" },
      Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
    },
    denyInsecureTransport(queueArn),
  ];
}
