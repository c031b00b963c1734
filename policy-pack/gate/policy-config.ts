/**
 * Resolves a policy-pack config file (the JSON passed to `--policy-pack-config`) the way the
 * Pulumi engine does before it hands config to the pack: per policy, enforcement level from
 * the policy's own entry, else the `all` entry, else the policy's default, else the pack's;
 * properties validated against the policy's configSchema with its defaults filled in.
 *
 * Deliberately stricter than the engine in one way: a key that names no policy, or a property
 * a policy does not declare, is an error here (the engine ignores it) — a misspelled waiver or
 * threshold must not pass silently.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { GuardPolicy } from "../policies";
import { validateAgainstSchema } from "./schema-check";

export type RawPolicyPackConfig = Record<string, unknown>;

export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

function levelOf(key: string, entry: unknown): EnforcementLevel | undefined {
  const level = typeof entry === "string" ? entry : typeof entry === "object" && entry !== null ? (entry as { enforcementLevel?: unknown }).enforcementLevel : undefined;
  if (level === undefined) return undefined;
  if (typeof level !== "string" || !LEVELS.includes(level as EnforcementLevel)) {
    throw new PolicyConfigError(`policy config "${key}": enforcementLevel must be one of ${LEVELS.join(", ")}; got ${JSON.stringify(level)}.`);
  }
  return level as EnforcementLevel;
}

function withDefaults(schema: PolicyConfigSchema | undefined, given: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [prop, propSchema] of Object.entries(schema?.properties ?? {})) {
    if (propSchema.default !== undefined) result[prop] = structuredClone(propSchema.default);
  }
  return { ...result, ...given };
}

export function resolvePolicyConfig(policies: GuardPolicy[], raw: RawPolicyPackConfig, packLevel: EnforcementLevel): Map<string, ResolvedPolicyConfig> {
  const names = new Set(policies.map((p) => p.name));
  for (const key of Object.keys(raw)) {
    if (key !== "all" && !names.has(key)) throw new PolicyConfigError(`policy config "${key}" names no policy of this pack (known: all, ${[...names].join(", ")}).`);
  }
  const allLevel = levelOf("all", raw.all);
  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    const entry = raw[policy.name];
    const level = levelOf(policy.name, entry) ?? allLevel ?? policy.enforcementLevel ?? packLevel;
    const given = typeof entry === "object" && entry !== null ? { ...(entry as Record<string, unknown>) } : {};
    delete given.enforcementLevel;
    const declared = policy.configSchema?.properties ?? {};
    for (const [prop, value] of Object.entries(given)) {
      const schema = declared[prop];
      if (!schema) throw new PolicyConfigError(`policy config "${policy.name}.${prop}" is not a setting of this policy (settings: ${Object.keys(declared).join(", ")}).`);
      const problem = validateAgainstSchema(value, schema);
      if (problem) throw new PolicyConfigError(`policy config "${policy.name}.${prop}"${problem.path}: ${problem.message}.`);
    }
    for (const required of policy.configSchema?.required ?? []) {
      if (!(required in given) && declared[required]?.default === undefined) throw new PolicyConfigError(`policy config "${policy.name}.${required}" is required.`);
    }
    resolved.set(policy.name, { enforcementLevel: level, properties: withDefaults(policy.configSchema, given) });
  }
  return resolved;
}

/** What the engine reports a violation as: remediate counts as mandatory (CrossGuard server). */
export function reportedLevel(level: EnforcementLevel): "advisory" | "mandatory" | undefined {
  if (level === "disabled") return undefined;
  return level === "advisory" ? "advisory" : "mandatory";
}
