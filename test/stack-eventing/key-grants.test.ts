import { eventingKeyPolicyStatements } from "../../lib/security/service-key-grants";

describe("eventingKeyPolicyStatements", () => {
  const statements = eventingKeyPolicyStatements({ accountId: "123456789012" });

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

  it("grants nothing else", () => {
    expect(statements).toHaveLength(2);
  });
});
