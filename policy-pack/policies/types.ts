/**
 * The typed metadata every policy in the pack carries. Reviewers read it in docs/policies.md
 * (generated from it), the gate copies it into SARIF rules, and the CLI shows `severity` and
 * `remediationSteps` (CrossGuard's own fields, filled from the same values).
 */
import type { EnforcementLevel, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";

export type PolicyArea = "lambda" | "dynamodb" | "iam" | "kms" | "apigateway" | "stepfunctions" | "messaging" | "logging" | "stack";

/** Controls a rule maps to. An empty list means "no such control" — never a guess. */
export interface ControlMappings {
  /** Checkov check IDs, e.g. CKV_AWS_115. */
  checkov: string[];
  /** cdk-nag AwsSolutions rule IDs, e.g. AwsSolutions-IAM5. */
  cdkNag: string[];
  /** PCI DSS v4.0 requirement numbers, e.g. 7.2.2. */
  pciDss: string[];
}

export interface PolicyMetadata {
  area: PolicyArea;
  severity: Severity;
  /** Resource type tokens the rule inspects (also the gate's notion of "applicable"). */
  resourceTypes: string[];
  /** Why the rule exists, for reviewers. */
  rationale: string;
  /** Why this enforcement level and not another. */
  levelRationale: string;
  /** What to change to comply. */
  remediation: string;
  mappings: ControlMappings;
  /** Where the rule knowingly differs from Checkov and cdk-nag, if anywhere. */
  caveats?: string;
}

/** A CrossGuard policy plus the metadata above. `PolicyPack` ignores the extra field. */
export type GuardPolicy = (ResourceValidationPolicy | StackValidationPolicy) & {
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  remediationSteps: string;
  metadata: PolicyMetadata;
};

/** Injected into every policy so tests can pin "today" (waiver expiry, runtime deprecation). */
export interface PolicyContext {
  now(): Date;
}

export const systemClock: PolicyContext = { now: () => new Date() };
