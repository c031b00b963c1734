/** CloudWatch log group rules: retention and KMS encryption. */
import { resourceRule } from "./define";
import type { GuardPolicy, PolicyContext } from "./types";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

interface RetentionConfig {
  minimumRetentionDays: number;
}

export function loggingPolicies(ctx: PolicyContext): GuardPolicy[] {
  const retention = resourceRule<RetentionConfig>(ctx, {
    name: "log-group-retention",
    description: "CloudWatch log groups set a retention period (never 'never expire') of at least minimumRetentionDays.",
    enforcementLevel: "mandatory",
    config: {
      minimumRetentionDays: {
        type: "integer",
        minimum: 1,
        default: 1,
        description: "Shortest acceptable retention. PCI DSS 10.5.1 needs 365 for in-scope logs; set it in that stack's policy config.",
      },
    },
    metadata: {
      area: "logging",
      severity: "medium",
      resourceTypes: [LOG_GROUP],
      rationale: "Unset retention keeps logs (and any personal data in them) forever at growing cost; too short a retention loses the audit trail.",
      levelRationale: "Mandatory: both failure modes are silent until an audit or an invoice; the minimum is configurable per stack.",
      remediation: "Set retentionInDays to a value ≥ minimumRetentionDays (e.g. the stack's logRetentionDays config).",
      mappings: { checkov: ["CKV_AWS_66", "CKV_AWS_338"], cdkNag: [], pciDss: ["10.5.1"] },
      caveats: "CKV_AWS_338 fixes the minimum at 365 days; here it is config so dev stacks can keep less.",
    },
    check: (args, config) => {
      const days = args.props.retentionInDays as unknown;
      if (typeof days !== "number" || days <= 0) {
        return [`Log group '${args.name}' must set retentionInDays (at least ${config.minimumRetentionDays}); unset means logs are kept forever.`];
      }
      return days >= config.minimumRetentionDays ? [] : [`Log group '${args.name}' must keep logs at least ${config.minimumRetentionDays} days; retentionInDays is ${days}.`];
    },
  });

  const kms = resourceRule(ctx, {
    name: "log-group-kms",
    description: "CloudWatch log groups are encrypted with a KMS key (kmsKeyId).",
    enforcementLevel: "mandatory",
    metadata: {
      area: "logging",
      severity: "medium",
      resourceTypes: [LOG_GROUP],
      rationale: "Logs carry provider event ids, payment references and execution data; with the stack's key, reading them requires the key policy's consent.",
      levelRationale: "Mandatory: a product requirement (explicit log groups with retention and KMS).",
      remediation: "Set kmsKeyId to the stack's KMS key ARN and allow logs.<region>.amazonaws.com to use it in the key policy.",
      mappings: { checkov: ["CKV_AWS_158"], cdkNag: [], pciDss: ["3.5.1"] },
    },
    check: (args) => {
      const key = args.props.kmsKeyId as unknown;
      return typeof key === "string" && key !== "" ? [] : [`Log group '${args.name}' must be encrypted with a KMS key (kmsKeyId).`];
    },
  });

  return [retention, kms];
}
