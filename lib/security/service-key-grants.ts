/**
 * Key-policy statements the eventing and observability components need on the stack's CMK,
 * for the services that use the key as themselves rather than through one of our roles.
 * index.ts passes them to the EncryptionKey (the key policy is the stack engineer's; these are
 * ours so they change with the components that need them).
 */
import { keyPolicyStatement } from "./encryption-key";
import type { PolicyStatement } from "./policy-document";

export interface EventingKeyGrantParams {
  accountId: string;
}

export function eventingKeyPolicyStatements(params: EventingKeyGrantParams): PolicyStatement[] {
  const fromThisAccount = { StringEquals: { "aws:SourceAccount": params.accountId } };
  return [
    // CloudWatch alarms publish to the CMK-encrypted alarm topic (observability.ts); SNS asks
    // KMS for a data key on the publisher's behalf, so the publisher must be allowed.
    keyPolicyStatement("CloudWatchAlarmsPublishToEncryptedTopic", { Service: "cloudwatch.amazonaws.com" }, ["kms:Decrypt", "kms:GenerateDataKey"], fromThisAccount),
    // Step Functions delivers execution logs of the CMK-encrypted state machine through
    // CloudWatch Logs vended delivery, which decrypts the execution data it forwards.
    keyPolicyStatement("LogDeliveryReadsEncryptedExecutions", { Service: "delivery.logs.amazonaws.com" }, ["kms:Decrypt"], fromThisAccount),
  ];
}
