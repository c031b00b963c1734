/** Whole-stack conventions: everything destroyable, physical names carry the suffix, one region. */
import { ALL_TYPES, resourceRule } from "./define";
import { NAME_PROPERTIES, PROTECTION_PROPERTIES, type ProtectionProperty } from "./provider-properties";
import type { GuardPolicy, PolicyContext } from "./types";

/** Where the physical name sits for types the provider does not auto-name (so the schema gives no hint). */
const UNPREFIXED_NAME_PROPERTY: Record<string, string> = {
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
};

function namePropertyOf(type: string): string {
  return UNPREFIXED_NAME_PROPERTY[type] ?? NAME_PROPERTIES.get(type) ?? "name";
}

/** String-valued deletion protection (Cognito's ACTIVE, Verified Permissions' ENABLED) that is on. */
const PROTECTION_ON = /^(?:ACTIVE|ENABLED|TRUE)$/i;

/** Why `flag` keeps the resource from being destroyed with this value, or undefined. */
function protectionProblem(flag: ProtectionProperty, value: unknown): string | undefined {
  if (flag.meaning === "keeps-data-unless-true") return value === true ? undefined : `${flag.path} is ${value === undefined ? "unset" : JSON.stringify(value)} (destroy fails while it holds data; set it to true)`;
  if (value === undefined || value === null) return flag.onByDefault ? `${flag.path} is unset and on by default` : undefined;
  const on = flag.valueType === "boolean" ? value === true : typeof value === "string" && PROTECTION_ON.test(value);
  return on ? `${flag.path} is ${JSON.stringify(value)}` : undefined;
}

/** Types whose `name` is a label inside a parent, or not a name at all; not physical names. */
const NOT_PHYSICAL_NAMES = new Set(["aws:apigateway/stage:Stage", "aws:apigateway/resource:Resource", "aws:apigateway/deployment:Deployment"]);

/** Types that must set a physical name: left unset, Pulumi auto-names them `<logical>-<random>`. */
export const NAMED_TYPES = [
  "aws:lambda/function:Function",
  "aws:dynamodb/table:Table",
  "aws:sqs/queue:Queue",
  "aws:iam/role:Role",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:pipes/pipe:Pipe",
  "aws:sfn/stateMachine:StateMachine",
  "aws:apigateway/restApi:RestApi",
  "aws:kms/alias:Alias",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
];

/** `urn:pulumi:<stack>::<project>::...` → `<stack>`. */
export function stackNameFromUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/**
 * Names whose format AWS dictates, so they cannot follow the convention: API Gateway writes
 * execution logs only to `API-Gateway-Execution-Logs_<rest-api-id>/<stage>`.
 */
const AWS_DICTATED_NAMES = [/^API-Gateway-Execution-Logs_[^/]+\/[^/]+$/];

/**
 * The segments of a hierarchical name (log groups like `/aws/lambda/<fn>` or
 * `/aws/apigateway/<api>/access`, aliases like `alias/<name>`), without a `.fifo` suffix.
 * One of them must carry the convention.
 */
export function nameSegments(physicalName: string): string[] {
  return physicalName
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/\.fifo$/, ""));
}

interface NamingConfig {
  environmentSuffix: string;
}

interface RegionConfig {
  allowedRegions: string[];
}

export function stackPolicies(ctx: PolicyContext): GuardPolicy[] {
  const destroyable = resourceRule(ctx, {
    name: "resources-destroyable",
    description: "Every resource can be destroyed by `pulumi destroy`: no protect, no retainOnDelete, no deletion protection.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "stack",
      severity: "medium",
      resourceTypes: [ALL_TYPES],
      rationale: "Per-PR and per-environment stacks must tear down completely; a protected or retained resource blocks the destroy or leaks a billed, named resource that collides with the next deploy.",
      levelRationale: "Mandatory: a product requirement. Data safety comes from PITR and backups, not from undeletable resources.",
      remediation: "Remove protect / retainOnDelete from the resource options and deletion protection from its inputs.",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
      caveats: "The Pulumi CLI passes protect (not retainOnDelete) to policy packs; retainOnDelete is caught by the gate, which sees every resource option. The protection inputs (deletionProtection*, skipDestroy, retain*, forceDestroy, …) are every such input the AWS provider declares.",
    },
    check: (args) => {
      const problems: string[] = [];
      if (args.opts.protect === true) problems.push("resource option protect is true");
      if ((args.opts as { retainOnDelete?: boolean }).retainOnDelete === true) problems.push("resource option retainOnDelete is true");
      for (const flag of PROTECTION_PROPERTIES.get(args.type) ?? []) {
        const problem = protectionProblem(flag, args.props[flag.path]);
        if (problem) problems.push(problem);
      }
      return problems.length === 0 ? [] : [`Resource '${args.name}' (${args.type}) must be destroyable; ${problems.join(", ")}.`];
    },
  });

  const naming = resourceRule<NamingConfig>(ctx, {
    name: "resource-names-carry-environment-suffix",
    description: "Physical names follow `<resource-type>-<environmentSuffix>` (kebab case), so stacks never collide and every resource shows its environment.",
    enforcementLevel: "mandatory",
    config: {
      environmentSuffix: {
        type: "string",
        default: "",
        description: "The stack's environmentSuffix config value. Empty: the Pulumi stack name (the gate fills it from the stack config).",
      },
    },
    metadata: {
      area: "stack",
      severity: "low",
      resourceTypes: [ALL_TYPES],
      rationale: "Two stacks in one account (dev, pr42) must not fight over a name, and an operator must see which environment a resource belongs to.",
      levelRationale: "Mandatory: a name collision fails the deploy halfway; a missing suffix is a product-requirement breach.",
      remediation: "Name the resource physicalName(\"<resource-type>\", environmentSuffix) from contract/naming.ts.",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
      caveats: "Hierarchical names pass when one path segment follows the convention (e.g. /aws/lambda/webhook-validator-dev). Names AWS dictates (API Gateway execution log groups) are exempt.",
    },
    check: (args, config) => {
      if (!args.type.startsWith("aws:") || NOT_PHYSICAL_NAMES.has(args.type)) return [];
      const suffix = config.environmentSuffix || stackNameFromUrn(args.urn) || "";
      const property = namePropertyOf(args.type);
      const value = args.props[property] as unknown;
      if (value === undefined || value === null || value === "") {
        const prefix = args.props[`${property}Prefix`] as unknown;
        if (typeof prefix === "string" && prefix !== "") return [`Resource '${args.name}' (${args.type}) must set ${property} to '<resource-type>-${suffix}'; ${property}Prefix '${prefix}' makes the provider append a random suffix.`];
        return NAMED_TYPES.includes(args.type)
          ? [`Resource '${args.name}' (${args.type}) must set ${property} to '<resource-type>-${suffix}'; unset, Pulumi generates a random name.`]
          : [];
      }
      if (typeof value !== "string" || AWS_DICTATED_NAMES.some((re) => re.test(value))) return [];
      const pattern = new RegExp(`^[a-z0-9]+(?:-[a-z0-9]+)*-${suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
      return nameSegments(value).some((segment) => pattern.test(segment)) ? [] : [`Resource '${args.name}' (${args.type}) must be named '<resource-type>-${suffix}' in kebab case; ${property} is '${value}'.`];
    },
  });

  const region = resourceRule<RegionConfig>(ctx, {
    name: "aws-region-us-east-1",
    description: "Resources are deployed to us-east-1 (provider region and any per-resource region).",
    enforcementLevel: "mandatory",
    config: {
      allowedRegions: { type: "array", items: { type: "string" }, default: ["us-east-1"], description: "Regions resources may be created in." },
    },
    metadata: {
      area: "stack",
      severity: "medium",
      resourceTypes: [ALL_TYPES],
      rationale: "The providers' webhook endpoints, alarms and data residency are set up for us-east-1; a resource elsewhere is outside monitoring and the documented data flow.",
      levelRationale: "Mandatory: a product requirement.",
      remediation: "Set the stack config aws:region to us-east-1 and remove per-resource region overrides or extra providers.",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
    },
    check: (args, config) => {
      const allowed = config.allowedRegions;
      const problems: string[] = [];
      const own = args.props.region as unknown;
      if (typeof own === "string" && !allowed.includes(own)) problems.push(`its region is ${own}`);
      if (args.type === "pulumi:providers:aws" && typeof own !== "string") problems.push("the provider sets no region");
      if (args.type.startsWith("aws:") && args.provider) {
        const providerRegion = args.provider.props.region as unknown;
        if (typeof providerRegion !== "string") problems.push("its provider sets no region (set aws:region)");
        else if (!allowed.includes(providerRegion)) problems.push(`its provider's region is ${providerRegion}`);
      }
      return problems.length === 0 ? [] : [`Resource '${args.name}' (${args.type}) must be deployed to ${allowed.join(" or ")}; ${problems.join(", ")}.`];
    },
  });

  return [destroyable, naming, region];
}
