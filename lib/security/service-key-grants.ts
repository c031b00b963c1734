/**
 * Key-policy statements the eventing and observability components need on the stack's CMK,
 * for the services that use the key as themselves rather than through one of our roles.
 * index.ts passes them to the EncryptionKey (the key policy is the stack engineer's; these are
 * ours so they change with the components that need them).
 */
import { physicalName } from "../../contract/naming";
import { RULE_DEAD_LETTER_QUEUE_TYPE } from "../eventing/workflow-trigger";
import { EVENTBRIDGE_KEY_ACTIONS, keyPolicyStatement, type KeyPolicyContext } from "./encryption-key";
import type { PolicyStatement } from "./policy-document";

export function eventingKeyPolicyStatements(context: KeyPolicyContext): PolicyStatement[] {
  const { partition, region, accountId, environmentSuffix } = context;
  const fromThisAccount = { StringEquals: { "aws:SourceAccount": accountId } };
  const ruleDeadLetterQueueArn = `arn:${partition}:sqs:${region}:${accountId}:${physicalName(RULE_DEAD_LETTER_QUEUE_TYPE, environmentSuffix)}`;
  return [
    // CloudWatch alarms publish to the CMK-encrypted alarm topic; SNS asks KMS for a data key
    // on the publisher's behalf, so the publisher must be allowed
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
    keyPolicyStatement("CloudWatchAlarmsPublishToEncryptedTopic", { Service: "cloudwatch.amazonaws.com" }, ["kms:Decrypt", "kms:GenerateDataKey"], fromThisAccount),
    // Step Functions delivers execution logs of the CMK-encrypted state machine through
    // CloudWatch Logs vended delivery, which decrypts the execution data it forwards
    // (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html).
    keyPolicyStatement("LogDeliveryReadsEncryptedExecutions", { Service: "delivery.logs.amazonaws.com" }, ["kms:Decrypt"], fromThisAccount),
    // EventBridge dead-letters undeliverable rule-target events to the encrypted SQS queue. SQS
    // always sets the queue's ARN as encryption context, whereas no document says EventBridge
    // sends aws:SourceAccount along to KMS
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
    keyPolicyStatement("EventBridgeWritesEncryptedDlq", { Service: "events.amazonaws.com" }, EVENTBRIDGE_KEY_ACTIONS, {
      StringEquals: { "kms:EncryptionContext:aws:sqs:arn": ruleDeadLetterQueueArn },
    }),
  ];
}
