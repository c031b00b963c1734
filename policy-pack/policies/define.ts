/**
 * Builders that turn a rule (a pure check returning messages) into a CrossGuard policy with
 * waivers applied. Checks never call reportViolation themselves, so waiver handling is the
 * same for every rule and cannot be forgotten by one of them.
 *
 * Reading an unknown preview value inside a check throws CrossGuard's UnknownValueError; we let
 * it propagate so CrossGuard reports "can't run during preview" (advisory) and re-runs at `up`.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { GuardPolicy, PolicyContext, PolicyMetadata } from "./types";
import { judgeWaiver, WAIVERS_SCHEMA, waiverMatches, waiversFrom, type Waiver } from "./waivers";

/** `metadata.resourceTypes` entry meaning "every resource". */
export const ALL_TYPES = "*";

export function appliesTo(resourceTypes: string[], type: string): boolean {
  return resourceTypes.includes(ALL_TYPES) || resourceTypes.includes(type);
}

/** Config every policy accepts, plus its own tunables. */
export interface BaseConfig {
  waivers?: Partial<Waiver>[];
}

interface RuleSpec {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  metadata: PolicyMetadata;
  /** Tunables (JSON schema with `default`); `waivers` is added to every policy. */
  config?: Record<string, PolicyConfigJSONSchema>;
}

/**
 * What a check says about one resource: a message at the policy's level, or one marked
 * `advisory` (e.g. "this runtime retires in 30 days") reported at advisory level regardless.
 */
export type RuleMessage = string | { message: string; advisory: true };

export interface ResourceRuleSpec<C extends object> extends RuleSpec {
  /** Messages for `args` (empty when compliant). Only called for `metadata.resourceTypes`. */
  check(args: ResourceValidationArgs, config: C & BaseConfig): RuleMessage[] | Promise<RuleMessage[]>;
}

export interface StackFinding {
  resource: PolicyResource;
  message: string;
}

export interface StackRuleSpec<C extends object> extends RuleSpec {
  check(args: StackValidationArgs, config: C & BaseConfig): StackFinding[] | Promise<StackFinding[]>;
}

/**
 * What a waived violation carries. CrossGuard's server accepts an object in reportViolation
 * (its typings only declare the string form) and honours `enforcementLevel` there, so a waived
 * finding still shows up — as advisory — in the CLI. `waiver` is read by the gate's reports.
 */
export interface ReportedViolation {
  message: string;
  urn?: string;
  enforcementLevel?: EnforcementLevel;
  waiver?: Waiver;
}

function configSchemaFor(spec: RuleSpec): PolicyConfigSchema {
  return { properties: { ...(spec.config ?? {}), waivers: WAIVERS_SCHEMA } };
}

function report(reportViolation: ReportViolation, violation: ReportedViolation): void {
  (reportViolation as unknown as (v: ReportedViolation) => void)(violation);
}

/**
 * Applies the policy's waivers to the findings for one resource:
 * - a matching expired/invalid waiver is itself a violation (at the policy's level), whether or
 *   not the resource is currently compliant, so stale exceptions get cleaned up;
 * - with a matching active waiver, findings are reported as advisory and name the waiver;
 * - otherwise findings are reported as they are.
 */
function reportWithWaivers(
  ctx: PolicyContext,
  policyName: string,
  config: BaseConfig,
  resource: { urn: string; name: string },
  messages: RuleMessage[],
  reportViolation: ReportViolation,
  urn?: string,
): void {
  const now = ctx.now();
  let active: Waiver | undefined;
  for (const waiver of waiversFrom(config)) {
    if (typeof waiver.resource !== "string" || !waiverMatches(waiver.resource, resource)) continue;
    const verdict = judgeWaiver(waiver, now);
    if (verdict.status === "active") {
      active ??= waiver as Waiver;
    } else {
      report(reportViolation, {
        message: `Waiver of '${policyName}' for resource '${resource.name}' (${JSON.stringify(waiver.resource)}) ${verdict.problem}; renew it with a reason and a future expiry, or remove it.`,
        urn,
      });
    }
  }
  for (const entry of messages) {
    const message = typeof entry === "string" ? entry : entry.message;
    const advisory = typeof entry !== "string" && entry.advisory;
    if (active) {
      report(reportViolation, {
        message: `WAIVED until ${active.expires} (${active.reason}): ${message}`,
        urn,
        enforcementLevel: "advisory",
        waiver: active,
      });
    } else {
      report(reportViolation, { message, urn, ...(advisory ? { enforcementLevel: "advisory" as const } : {}) });
    }
  }
}

function base(spec: RuleSpec): Omit<GuardPolicy, "validateResource" | "validateStack"> {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.metadata.severity,
    remediationSteps: spec.metadata.remediation,
    configSchema: configSchemaFor(spec),
    metadata: spec.metadata,
  };
}

export function resourceRule<C extends object = object>(ctx: PolicyContext, spec: ResourceRuleSpec<C>): GuardPolicy {
  const types = new Set(spec.metadata.resourceTypes);
  return {
    ...base(spec),
    validateResource: async (args, reportViolation) => {
      if (!types.has(ALL_TYPES) && !types.has(args.type)) args.notApplicable(`applies to ${spec.metadata.resourceTypes.join(", ")}`);
      const config = args.getConfig<C & BaseConfig>();
      const messages = await spec.check(args, config);
      reportWithWaivers(ctx, spec.name, config, args, messages, reportViolation);
    },
  };
}

export function stackRule<C extends object = object>(ctx: PolicyContext, spec: StackRuleSpec<C>): GuardPolicy {
  return {
    ...base(spec),
    validateStack: async (args, reportViolation) => {
      const config = args.getConfig<C & BaseConfig>();
      const findings = await spec.check(args, config);
      const byUrn = new Map<string, { resource: PolicyResource; messages: RuleMessage[] }>();
      for (const finding of findings) {
        const entry = byUrn.get(finding.resource.urn) ?? { resource: finding.resource, messages: [] };
        entry.messages.push(finding.message);
        byUrn.set(finding.resource.urn, entry);
      }
      // Waivers of a stack rule can also name compliant resources; judge those too.
      for (const resource of args.resources) {
        if (!appliesTo(spec.metadata.resourceTypes, resource.type) || byUrn.has(resource.urn)) continue;
        byUrn.set(resource.urn, { resource, messages: [] });
      }
      for (const { resource, messages } of byUrn.values()) {
        reportWithWaivers(ctx, spec.name, config, resource, messages, reportViolation, resource.urn);
      }
    },
  };
}
