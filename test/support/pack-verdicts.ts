/**
 * The policy pack's verdicts over resources a test program registered: the pack's own policies
 * (policy-pack/policies) evaluated in-process by the gate's evaluator, exactly as the compliance
 * gate feeds them, so a stack test asserts what CrossGuard would say instead of re-implementing
 * a rule.
 */
import { createPolicies, type GuardPolicy } from "../../policy-pack/policies";
import { evaluatePolicies, type Finding } from "../../policy-pack/gate/evaluate";
import { PACK_ENFORCEMENT_LEVEL, toAnalyzed } from "../../policy-pack/gate/gate";
import { resolvePolicyConfig } from "../../policy-pack/gate/policy-config";
import type { CapturedResource } from "./stack-harness";

export interface PackVerdictOptions {
  /** Which of the pack's policies to run (default: all). */
  select?: (policy: GuardPolicy) => boolean;
  region?: string;
}

/** Every finding (violation at any level) the selected policies report over `resources`, as readable lines. */
export async function packFindings(resources: CapturedResource[], options: PackVerdictOptions = {}): Promise<Finding[]> {
  const policies = createPolicies().filter(options.select ?? (() => true));
  const config = resolvePolicyConfig(policies, {}, PACK_ENFORCEMENT_LEVEL);
  const { findings } = await evaluatePolicies({ policies, config, resources: resources.map((r) => toAnalyzed(r, { "aws:region": options.region ?? "us-east-1" })) });
  return findings;
}

/** `<policy>: <message>` — what a failing expectation should show. */
export const describeFinding = (finding: Finding): string => `${finding.policy}: ${finding.message}`;

/** The pack's IAM rules, and the key-policy principal rule that guards the one resource policy holding every grant. */
export const isIamPolicy = (policy: GuardPolicy): boolean => policy.metadata.area === "iam" || policy.name === "kms-key-policy-no-wildcard-principal";
