/**
 * Runs one policy of the pack over hand-built resources through the gate's evaluator (the
 * same code path as `npm run policy:check`: config resolution, waivers, enforcement levels).
 */
import { createPolicies } from "../../../policy-pack/policies";
import { evaluatePolicies, type AnalyzedResource, type Finding } from "../../../policy-pack/gate/evaluate";
import { resolvePolicyConfig, type RawPolicyPackConfig } from "../../../policy-pack/gate/policy-config";

export const TODAY = new Date("2026-11-29T12:00:00Z");

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:dev::payment-webhooks::${type}::${name}`;
}

export function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
  return {
    type,
    name,
    urn: urnOf(type, name),
    parent: "",
    inputs,
    outputs: inputs,
    protect: false,
    retainOnDelete: false,
    ...(type.startsWith("aws:") ? { provider: { type: "pulumi:providers:aws", name: "default", urn: "", props: { region: "us-east-1" } } } : {}),
    ...extra,
  };
}

export interface RunOptions {
  config?: RawPolicyPackConfig;
  now?: Date;
}

/** Findings of `policyName` only (other policies are not run). */
export async function runPolicy(policyName: string, resources: AnalyzedResource[], options: RunOptions = {}): Promise<Finding[]> {
  const now = options.now ?? TODAY;
  const policies = createPolicies({ now: () => now }).filter((p) => p.name === policyName);
  if (policies.length !== 1) throw new Error(`no policy named ${policyName}`);
  const config = resolvePolicyConfig(policies, options.config ?? {}, "advisory");
  const { findings } = await evaluatePolicies({ policies, resources, config });
  return findings;
}

/** Messages of a policy's findings for the given resources. */
export async function messagesOf(policyName: string, resources: AnalyzedResource[], options: RunOptions = {}): Promise<string[]> {
  return (await runPolicy(policyName, resources, options)).map((f) => f.message);
}
