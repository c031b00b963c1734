/**
 * Feeds resources to the pack's policies in-process, with the semantics of CrossGuard's
 * analyzer server (@pulumi/policy/server.js): resource policies get each resource's inputs
 * behind unknownCheckingProxy, stack policies get every resource's outputs; isType/asType,
 * getConfig, notApplicable, stackTags and opts are provided; disabled policies are skipped,
 * remediate reports as mandatory, an unknown preview value becomes an advisory "can't run
 * during preview", any other exception is an error naming the policy and the resource.
 *
 * Why not call `makeAnalyzeRpcFun` from @pulumi/policy/server: it reads the policy config
 * from a module-private variable that only the gRPC `configure` call sets, so config and
 * waivers — half of what the gate must honour — could not be passed in.
 */
import type { EnforcementLevel, PolicyResource, PolicyResourceOptions, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import type { Resource } from "@pulumi/pulumi";
import type { ReportedViolation } from "../policies/define";
import { appliesTo } from "../policies/define";
import type { GuardPolicy } from "../policies";
import type { Waiver } from "../policies/waivers";
import { reportedLevel, type ResolvedPolicyConfig } from "./policy-config";

/** One resource as the engine would describe it to a policy pack. */
export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  parent: string;
  /** What `analyze` (resource policies) sees: the inputs. */
  inputs: Record<string, unknown>;
  /** What `analyzeStack` (stack policies) sees: the outputs. */
  outputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
}

export type Verdict = "violation" | "waived" | "preview-unknown";

export interface Finding {
  policy: string;
  /** Level the finding counts at (advisory for waived and preview-unknown findings). */
  enforcementLevel: "advisory" | "mandatory";
  severity: string;
  verdict: Verdict;
  resourceUrn: string;
  resourceName: string;
  resourceType: string;
  message: string;
  waiver?: Waiver;
}

export interface PolicyRun {
  policy: string;
  /** Effective configured level (before remediate → mandatory). */
  configuredLevel: EnforcementLevel;
  /** URNs of resources the policy applied to (empty when disabled). */
  applicableUrns: string[];
}

export interface EvaluationResult {
  findings: Finding[];
  runs: PolicyRun[];
}

export class PolicyExecutionError extends Error {
  constructor(policy: string, resource: string, cause: unknown) {
    super(`policy '${policy}' failed on resource '${resource}': ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "PolicyExecutionError";
  }
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason ?? "not applicable");
}

type ResourceClass = { new (...rest: never[]): Resource; __pulumiType?: string; isInstance?: (o: unknown) => boolean };

function isTypeOf(type: string, resourceClass: ResourceClass): boolean {
  if (typeof resourceClass.__pulumiType === "string") return resourceClass.__pulumiType === type;
  return typeof resourceClass.isInstance === "function" && resourceClass.isInstance({ __pulumiType: type }) === true;
}

function optionsOf(resource: AnalyzedResource): PolicyResourceOptions & { retainOnDelete: boolean } {
  return {
    protect: resource.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(resource.parent ? { parent: resource.parent } : {}),
    // Not part of CrossGuard's analyzer protocol; the gate knows it, so destroyability uses it.
    retainOnDelete: resource.retainOnDelete,
  };
}

function collector(sink: ReportedViolation[]): (violation: string | ReportedViolation, urn?: string) => void {
  return (violation, urn) => sink.push(typeof violation === "string" ? { message: violation, urn } : violation);
}

export interface EvaluateOptions {
  policies: GuardPolicy[];
  resources: AnalyzedResource[];
  config: Map<string, ResolvedPolicyConfig>;
  stackTags?: ReadonlyMap<string, string>;
}

export async function evaluatePolicies(options: EvaluateOptions): Promise<EvaluationResult> {
  const stackTags = options.stackTags ?? new Map<string, string>();
  const findings: Finding[] = [];
  const runs: PolicyRun[] = [];
  const byUrn = new Map(options.resources.map((r) => [r.urn, r]));

  for (const policy of options.policies) {
    const resolved = options.config.get(policy.name);
    const configuredLevel = resolved?.enforcementLevel ?? policy.enforcementLevel;
    const level = reportedLevel(configuredLevel);
    const run: PolicyRun = { policy: policy.name, configuredLevel, applicableUrns: [] };
    runs.push(run);
    if (!level) continue;
    const getConfig = <T extends object>(): T => structuredClone(resolved?.properties ?? {}) as T;

    const record = (violations: ReportedViolation[], fallback: AnalyzedResource | undefined): void => {
      for (const v of violations) {
        const resource = (v.urn ? byUrn.get(v.urn) : undefined) ?? fallback;
        const waived = v.waiver !== undefined;
        findings.push({
          policy: policy.name,
          enforcementLevel: waived || v.enforcementLevel === "advisory" ? "advisory" : level,
          severity: policy.severity,
          verdict: waived ? "waived" : "violation",
          resourceUrn: resource?.urn ?? v.urn ?? "",
          resourceName: resource?.name ?? "",
          resourceType: resource?.type ?? "",
          message: v.message,
          ...(v.waiver ? { waiver: v.waiver } : {}),
        });
      }
    };
    const previewUnknown = (resource: AnalyzedResource | undefined, e: UnknownValueError): void => {
      findings.push({
        policy: policy.name,
        enforcementLevel: "advisory",
        severity: policy.severity,
        verdict: "preview-unknown",
        resourceUrn: resource?.urn ?? "",
        resourceName: resource?.name ?? "(stack)",
        resourceType: resource?.type ?? "",
        message: `can't run policy '${policy.name}' during preview: ${e.message}`,
      });
    };

    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
      for (const resource of options.resources) {
        const props = unknownCheckingProxy(resource.inputs) as Record<string, unknown>;
        const args: ResourceValidationArgs = {
          type: resource.type,
          props,
          urn: resource.urn,
          name: resource.name,
          opts: optionsOf(resource),
          ...(resource.provider ? { provider: { ...resource.provider, props: unknownCheckingProxy(resource.provider.props) } } : {}),
          stackTags,
          isType: (cls) => isTypeOf(resource.type, cls as ResourceClass),
          asType: ((cls: ResourceClass) => (isTypeOf(resource.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
          getConfig,
          notApplicable,
        };
        let applicable = true;
        for (const validate of validations) {
          const sink: ReportedViolation[] = [];
          try {
            await validate(args, collector(sink) as never);
            record(sink, resource);
          } catch (e) {
            record(sink, resource);
            if (e instanceof NotApplicable) applicable = false;
            else if (e instanceof UnknownValueError) previewUnknown(resource, e);
            else throw new PolicyExecutionError(policy.name, resource.urn || resource.name, e);
          }
        }
        if (applicable) run.applicableUrns.push(resource.urn);
      }
    } else if ("validateStack" in policy) {
      const policyResources: PolicyResource[] = options.resources.map((resource) => {
        const props = unknownCheckingProxy(resource.outputs) as Record<string, unknown>;
        return {
          type: resource.type,
          props,
          urn: resource.urn,
          name: resource.name,
          opts: optionsOf(resource),
          dependencies: [],
          propertyDependencies: {},
          isType: (cls) => isTypeOf(resource.type, cls as ResourceClass),
          asType: ((cls: ResourceClass) => (isTypeOf(resource.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
      });
      const byPolicyUrn = new Map(policyResources.map((r) => [r.urn, r]));
      for (const r of policyResources) {
        const parentUrn = byUrn.get(r.urn)?.parent;
        const parent = parentUrn ? byPolicyUrn.get(parentUrn) : undefined;
        if (parent) r.parent = parent;
      }
      const args: StackValidationArgs = { resources: policyResources, stackTags, getConfig, notApplicable };
      const sink: ReportedViolation[] = [];
      try {
        await policy.validateStack(args, collector(sink) as never);
        record(sink, undefined);
        run.applicableUrns.push(...options.resources.filter((r) => appliesTo(policy.metadata.resourceTypes, r.type)).map((r) => r.urn));
      } catch (e) {
        record(sink, undefined);
        if (e instanceof UnknownValueError) previewUnknown(undefined, e);
        else if (!(e instanceof NotApplicable)) throw new PolicyExecutionError(policy.name, "(stack)", e);
      }
    }
  }
  return { findings, runs };
}
