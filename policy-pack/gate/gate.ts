/**
 * The credential-free compliance gate: runs a Pulumi program under mocks, feeds what it
 * registers to the pack's policies in-process, and summarises findings and waivers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel } from "@pulumi/policy";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { createPolicies, POLICY_PACK_NAME, type GuardPolicy, type PolicyContext } from "../policies";
import { appliesTo } from "../policies/define";
import { judgeWaiver, waiverMatches, waiversFrom, type WaiverStatus } from "../policies/waivers";
import { evaluatePolicies, type AnalyzedResource, type Finding, type PolicyRun } from "./evaluate";
import { runProgramUnderMocks, type CapturedResource } from "./mocked-program";
import { resolvePolicyConfig, reportedLevel, type RawPolicyPackConfig } from "./policy-config";

export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

export interface WaiverReport {
  policy: string;
  resource: string;
  reason: string;
  expires: string;
  status: WaiverStatus;
  problem: string;
  /** URNs of resources (the policy applies to) the waiver matches. */
  matchedUrns: string[];
}

export interface GateResult {
  packName: string;
  packVersion: string;
  stack: string;
  generatedAt: string;
  policies: GuardPolicy[];
  runs: PolicyRun[];
  findings: Finding[];
  waivers: WaiverReport[];
  resourceCount: number;
  mandatoryViolations: number;
}

export interface GateOptions {
  /** Loads the program (e.g. `() => require("./index.ts")`). */
  program: () => unknown;
  config: Record<string, string>;
  secretKeys?: string[];
  project?: string;
  stack?: string;
  policyConfig?: RawPolicyPackConfig;
  /** Injected clock for waiver expiry and runtime deprecation. */
  context?: PolicyContext;
  packVersion?: string;
  /** Sees what the program registered, as the engine would send it (secrets wrapped); for differential tests. */
  observeResources?: (resources: CapturedResource[]) => void;
}

/**
 * Inputs as CrossGuard hands them to a policy: the engine sends secrets wrapped in Pulumi's
 * secret signature and the analyzer server unwraps them (@pulumi/policy deserializeProperties),
 * so a policy reads a secret's value like any other.
 */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
}

/** A captured resource as CrossGuard hands it to a policy: secrets unwrapped, the default provider from the stack config. */
export function toAnalyzed(resource: CapturedResource, config: Record<string, string>): AnalyzedResource {
  const region = config["aws:region"];
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    parent: resource.parent,
    inputs: unwrapSecrets(resource.inputs) as Record<string, unknown>,
    outputs: unwrapSecrets(resource.state) as Record<string, unknown>,
    protect: resource.protect,
    retainOnDelete: resource.retainOnDelete,
    // The default aws provider is configured from the stack's aws:* config, as in the CLI.
    ...(resource.type.startsWith("aws:")
      ? { provider: { type: "pulumi:providers:aws", name: "default", urn: "", props: region === undefined ? {} : { region } } }
      : {}),
  };
}

/** The gate fills `environmentSuffix` for the naming rule from the stack config unless set. */
function withStackDefaults(raw: RawPolicyPackConfig, config: Record<string, string>, project: string): RawPolicyPackConfig {
  const suffix = config[`${project}:environmentSuffix`];
  const key = "resource-names-carry-environment-suffix";
  const entry = raw[key];
  if (suffix === undefined || (typeof entry === "object" && entry !== null && "environmentSuffix" in entry)) return raw;
  const base = typeof entry === "string" ? { enforcementLevel: entry } : typeof entry === "object" && entry !== null ? entry : {};
  return { ...raw, [key]: { ...base, environmentSuffix: suffix } };
}

function waiverReports(policies: GuardPolicy[], raw: RawPolicyPackConfig, resources: AnalyzedResource[], now: Date): WaiverReport[] {
  const reports: WaiverReport[] = [];
  for (const policy of policies) {
    const entry = raw[policy.name];
    if (typeof entry !== "object" || entry === null) continue;
    for (const waiver of waiversFrom(entry as { waivers?: unknown })) {
      const verdict = judgeWaiver(waiver, now);
      const pattern = typeof waiver.resource === "string" ? waiver.resource : "";
      reports.push({
        policy: policy.name,
        resource: pattern,
        reason: typeof waiver.reason === "string" ? waiver.reason : "",
        expires: typeof waiver.expires === "string" ? waiver.expires : "",
        status: verdict.status,
        problem: verdict.problem,
        matchedUrns: pattern ? resources.filter((r) => appliesTo(policy.metadata.resourceTypes, r.type) && waiverMatches(pattern, r)).map((r) => r.urn) : [],
      });
    }
  }
  return reports;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const project = options.project ?? "payment-webhooks";
  const stack = options.stack ?? "dev";
  const context = options.context ?? { now: () => new Date() };
  const policies = createPolicies(context);
  const rawConfig = withStackDefaults(options.policyConfig ?? {}, options.config, project);
  const resolved = resolvePolicyConfig(policies, rawConfig, PACK_ENFORCEMENT_LEVEL);

  const { resources: captured } = await runProgramUnderMocks({
    config: options.config,
    secretKeys: options.secretKeys,
    project,
    stack,
    program: options.program,
  });
  options.observeResources?.(captured);
  const resources = captured.map((r) => toAnalyzed(r, options.config));
  const { findings, runs } = await evaluatePolicies({ policies, resources, config: resolved });

  const waivers = waiverReports(policies, rawConfig, resources, context.now());
  // A broken waiver that matches a resource is already a violation from its policy; one that
  // matches nothing would otherwise go unnoticed, so the gate reports it here.
  for (const waiver of waivers.filter((w) => w.status !== "active" && w.matchedUrns.length === 0)) {
    const level = reportedLevel(resolved.get(waiver.policy)?.enforcementLevel ?? "advisory");
    if (!level) continue;
    findings.push({
      policy: waiver.policy,
      enforcementLevel: level,
      severity: policies.find((p) => p.name === waiver.policy)?.severity ?? "low",
      verdict: "violation",
      resourceUrn: "",
      resourceName: waiver.resource || "(waiver without resource)",
      resourceType: "waiver",
      message: `Waiver of '${waiver.policy}' for ${JSON.stringify(waiver.resource)} ${waiver.problem} and matches no resource; remove it.`,
    });
  }

  return {
    packName: POLICY_PACK_NAME,
    packVersion: options.packVersion ?? packVersion(),
    stack,
    generatedAt: context.now().toISOString(),
    policies,
    runs,
    findings,
    waivers,
    resourceCount: resources.length,
    mandatoryViolations: findings.filter((f) => f.enforcementLevel === "mandatory").length,
  };
}

/** The pack's version, from policy-pack/package.json as CrossGuard reads it. */
export function packVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
}

/** 0: no mandatory violation; 1: at least one. (The CLI uses 2 for errors.) */
export function exitCodeFor(result: GateResult): number {
  return result.mandatoryViolations > 0 ? 1 : 0;
}
