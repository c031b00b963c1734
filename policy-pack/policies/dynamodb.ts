/** DynamoDB table rules: point-in-time recovery and encryption with a customer-managed key. */
import { resourceRule } from "./define";
import { isAwsManagedKeyReference } from "./key-references";
import type { GuardPolicy, PolicyContext } from "./types";

const TABLE = "aws:dynamodb/table:Table";

export function dynamodbPolicies(ctx: PolicyContext): GuardPolicy[] {
  const pitr = resourceRule(ctx, {
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables have point-in-time recovery enabled.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "dynamodb",
      severity: "high",
      resourceTypes: [TABLE],
      rationale: "The table is the durable record of every accepted payment event; PITR restores it to any second of the last 35 days after a bad deploy or a faulty processor.",
      levelRationale: "Mandatory: a product requirement; losing acknowledged webhooks is not recoverable from the providers.",
      remediation: "Set pointInTimeRecovery: { enabled: true }.",
      mappings: { checkov: ["CKV_AWS_28"], cdkNag: ["AwsSolutions-DDB3"], pciDss: [] },
    },
    check: (args) => {
      const enabled = (args.props.pointInTimeRecovery as { enabled?: unknown } | undefined)?.enabled;
      return enabled === true ? [] : [`DynamoDB table '${args.name}' must enable point-in-time recovery (pointInTimeRecovery.enabled: true); it is ${enabled === undefined ? "unset" : JSON.stringify(enabled)}.`];
    },
  });

  const cmk = resourceRule(ctx, {
    name: "dynamodb-encrypted-with-cmk",
    description: "DynamoDB tables are encrypted at rest with a customer-managed KMS key (serverSideEncryption enabled with kmsKeyArn).",
    enforcementLevel: "mandatory",
    metadata: {
      area: "dynamodb",
      severity: "high",
      resourceTypes: [TABLE],
      rationale: "With the stack's CMK, who can read payment events is decided by the key policy, and every decrypt is in CloudTrail; the AWS-owned default key offers neither.",
      levelRationale: "Mandatory: a product requirement.",
      remediation: "Set serverSideEncryption: { enabled: true, kmsKeyArn: key.arn } with the stack's KMS key.",
      mappings: { checkov: ["CKV_AWS_119"], cdkNag: [], pciDss: ["3.5.1"] },
      caveats: "Unlike awsguard's check, unset encryption fails (unset means the AWS-owned key).",
    },
    check: (args) => {
      const sse = args.props.serverSideEncryption as { enabled?: unknown; kmsKeyArn?: unknown } | undefined;
      if (sse?.enabled !== true) {
        return [`DynamoDB table '${args.name}' must enable server-side encryption with a customer-managed KMS key (serverSideEncryption.enabled: true); it uses the AWS-owned key.`];
      }
      const keyArn = sse.kmsKeyArn;
      if (typeof keyArn !== "string" || keyArn === "") {
        return [`DynamoDB table '${args.name}' must set serverSideEncryption.kmsKeyArn to a customer-managed KMS key; without it DynamoDB uses the AWS-managed aws/dynamodb key.`];
      }
      if (isAwsManagedKeyReference(keyArn)) {
        return [`DynamoDB table '${args.name}' must use a customer-managed KMS key; '${keyArn}' is AWS-managed.`];
      }
      return [];
    },
  });

  return [pitr, cmk];
}
