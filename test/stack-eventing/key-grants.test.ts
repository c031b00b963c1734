import { eventingKeyPolicyStatements } from "../../lib/security/service-key-grants";

describe("eventingKeyPolicyStatements", () => {
  const statements = eventingKeyPolicyStatements({ partition: "aws", accountId: "123456789012", region: "us-east-1", environmentSuffix: "ci" });

  it("lets CloudWatch alarms use the key for the encrypted alarm topic, from this account only", () => {
    expect(statements.find((s) => s.Sid === "CloudWatchAlarmsPublishToEncryptedTopic")).toEqual({
      Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
  });

  it("lets vended log delivery decrypt the encrypted state machine's execution logs, from this account only", () => {
    expect(statements.find((s) => s.Sid === "LogDeliveryReadsEncryptedExecutions")).toEqual({
      Sid: "LogDeliveryReadsEncryptedExecutions",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
  });

  // SQS sets the queue's ARN as the encryption context of every message data key
  // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
  it("lets EventBridge use the key only for the rule's dead-letter queue, named by its encryption context", () => {
    expect(statements.find((s) => s.Sid === "EventBridgeWritesEncryptedDlq")).toEqual({
      Sid: "EventBridgeWritesEncryptedDlq",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:aws:sqs:arn": "arn:aws:sqs:us-east-1:123456789012:payment-webhook-received-dlq-ci" } },
    });
  });

  it("grants nothing else", () => {
    expect(statements).toHaveLength(3);
  });
});
