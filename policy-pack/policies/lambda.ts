/** Lambda function rules: architecture, concurrency, tracing, runtime, environment encryption. */
import { resourceRule, stackRule, type StackFinding } from "./define";
import { isAwsManagedKeyReference } from "./key-references";
import { retirementDate } from "./runtimes";
import type { GuardPolicy, PolicyContext } from "./types";

const LAMBDA = "aws:lambda/function:Function";
const KMS_KEY = "aws:kms/key:Key";
const KMS_ALIAS = "aws:kms/alias:Alias";

const DAY_MS = 24 * 60 * 60 * 1000;

interface RuntimeConfig {
  additionalDeprecations: Record<string, string>;
  warnDaysBefore: number;
}

export function lambdaPolicies(ctx: PolicyContext): GuardPolicy[] {
  const arm64 = resourceRule(ctx, {
    name: "lambda-arm64",
    description: "Lambda functions run on the arm64 (Graviton) architecture.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "lambda",
      severity: "medium",
      resourceTypes: [LAMBDA],
      rationale: "The stack runs on arm64 (Graviton2): ~20% cheaper per GB-second (AWS Lambda pricing) and the architecture the handlers are built and tested for.",
      levelRationale: "Mandatory: the handlers are built and tested for arm64 only; neither Checkov nor cdk-nag has an arm64 rule.",
      remediation: "Set architectures: [\"arm64\"] on the function (the default is x86_64).",
      mappings: { checkov: [], cdkNag: [], pciDss: [] },
    },
    check: (args) => {
      const architectures = args.props.architectures as unknown;
      const list = Array.isArray(architectures) ? architectures.map(String) : [];
      if (list.length === 1 && list[0] === "arm64") return [];
      const actual = list.length === 0 ? "unset (defaults to x86_64)" : JSON.stringify(list);
      return [`Lambda function '${args.name}' must use the arm64 architecture (architectures: ["arm64"]); it is ${actual}.`];
    },
  });

  const reservedConcurrency = resourceRule(ctx, {
    name: "lambda-reserved-concurrency",
    description: "Lambda functions set reserved concurrent executions greater than zero.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "lambda",
      severity: "medium",
      resourceTypes: [LAMBDA],
      rationale: "Reserved concurrency caps what one function can take from the account pool (protecting the other functions and downstream DynamoDB) and guarantees the webhook path capacity. 0 throttles every invocation; -1 means unreserved.",
      levelRationale: "Mandatory: a product requirement and the only throttle that protects the account's shared pool.",
      remediation: "Set reservedConcurrentExecutions to a positive number (keep at least 100 unreserved in the account).",
      mappings: { checkov: ["CKV_AWS_115"], cdkNag: [], pciDss: [] },
    },
    check: (args) => {
      const value = args.props.reservedConcurrentExecutions as unknown;
      if (typeof value === "number" && Number.isInteger(value) && value > 0) return [];
      const actual = value === undefined ? "unset" : value === 0 ? "0, which throttles every invocation" : value === -1 ? "-1 (unreserved)" : JSON.stringify(value);
      return [`Lambda function '${args.name}' must set reservedConcurrentExecutions to a positive integer; it is ${actual}.`];
    },
  });

  const xray = resourceRule(ctx, {
    name: "lambda-xray-active",
    description: "Lambda functions trace with AWS X-Ray in Active mode.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "lambda",
      severity: "medium",
      resourceTypes: [LAMBDA],
      rationale: "Active tracing samples every request so a failed payment event can be followed from API Gateway through the state machine.",
      levelRationale: "Mandatory: a product requirement; PassThrough only traces when an upstream already sampled.",
      remediation: "Set tracingConfig: { mode: \"Active\" } and allow xray:PutTraceSegments / PutTelemetryRecords on Resource \"*\".",
      mappings: { checkov: ["CKV_AWS_50"], cdkNag: [], pciDss: [] },
      caveats: "Stricter than CKV_AWS_50, which accepts PassThrough.",
    },
    check: (args) => {
      const mode = (args.props.tracingConfig as { mode?: unknown } | undefined)?.mode;
      return mode === "Active" ? [] : [`Lambda function '${args.name}' must set tracingConfig.mode to "Active"; it is ${mode === undefined ? "unset" : JSON.stringify(mode)}.`];
    },
  });

  const runtime = resourceRule<RuntimeConfig>(ctx, {
    name: "lambda-runtime-supported",
    description: "Lambda functions use a runtime that AWS has not deprecated or blocked (date-aware; config can add dates).",
    enforcementLevel: "mandatory",
    config: {
      additionalDeprecations: {
        type: "object",
        additionalProperties: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        default: {},
        description: "Extra retirement dates, e.g. {\"nodejs22.x\": \"2027-04-30\"}; the earlier of this and the built-in date applies.",
      },
      warnDaysBefore: { type: "integer", minimum: 0, default: 90, description: "Report an advisory this many days before a runtime retires." },
    },
    metadata: {
      area: "lambda",
      severity: "high",
      resourceTypes: [LAMBDA],
      rationale: "A deprecated runtime receives no security patches, and AWS blocks creating (then updating) functions with it — a deploy that worked yesterday fails today.",
      levelRationale: "Mandatory once retired; an advisory is reported warnDaysBefore days ahead so the upgrade is planned, not forced.",
      remediation: "Set the lambdaRuntime stack config to a supported runtime (default nodejs22.x); the handlers are bundled for a Node 18-compatible target.",
      mappings: { checkov: ["CKV_AWS_363"], cdkNag: ["AwsSolutions-L1"], pciDss: ["6.3.3"] },
    },
    check: (args, config) => {
      const value = args.props.runtime as unknown;
      if (typeof value !== "string") return []; // container images carry no runtime
      const retires = retirementDate(value, config.additionalDeprecations);
      if (!retires) return [];
      const now = ctx.now();
      const retiresAt = new Date(`${retires}T00:00:00Z`).getTime();
      if (now.getTime() >= retiresAt) {
        return [`Lambda function '${args.name}' must use a supported runtime; ${value} was retired on ${retires}.`];
      }
      if (now.getTime() >= retiresAt - config.warnDaysBefore * DAY_MS) {
        return [{ message: `Lambda function '${args.name}' uses ${value}, which retires on ${retires}; plan the upgrade to a newer runtime.`, advisory: true }];
      }
      return [];
    },
  });

  const environmentCmk = stackRule(ctx, {
    name: "lambda-environment-cmk",
    description: "Lambda environment variables are encrypted with a customer-managed KMS key created in this stack (not the AWS-managed aws/lambda key).",
    enforcementLevel: "mandatory",
    metadata: {
      area: "lambda",
      severity: "high",
      resourceTypes: [LAMBDA],
      rationale: "Environment variables hold table names, bus names and secret references; with the stack's CMK, access to them is governed by the key policy and every decrypt is audited in CloudTrail.",
      levelRationale: "Mandatory: a product requirement. It is a stack policy because only the whole stack shows whether the ARN belongs to a key created here.",
      remediation: "Set kmsKeyArn to the stack's KMS key ARN (key.arn) and grant the execution role kms:Decrypt on it.",
      mappings: { checkov: ["CKV_AWS_173"], cdkNag: [], pciDss: ["3.5.1", "3.6.1"] },
    },
    check: (args) => {
      const keyArns = new Set<string>();
      const aliasToKey = new Map<string, string>();
      const keyIdToArn = new Map<string, string>();
      for (const r of args.resources) {
        if (r.type === KMS_KEY) {
          if (typeof r.props.arn === "string") keyArns.add(r.props.arn);
          if (typeof r.props.keyId === "string" && typeof r.props.arn === "string") keyIdToArn.set(r.props.keyId, r.props.arn);
        }
      }
      for (const r of args.resources) {
        if (r.type !== KMS_ALIAS) continue;
        const target = typeof r.props.targetKeyArn === "string" ? r.props.targetKeyArn : keyIdToArn.get(String(r.props.targetKeyId));
        if (typeof target === "string") {
          if (typeof r.props.arn === "string") aliasToKey.set(r.props.arn, target);
          if (typeof r.props.name === "string") aliasToKey.set(r.props.name, target);
        }
      }
      const findings: StackFinding[] = [];
      for (const fn of args.resources.filter((r) => r.type === LAMBDA)) {
        const variables = (fn.props.environment as { variables?: Record<string, unknown> } | undefined)?.variables;
        if (!variables || Object.keys(variables).length === 0) continue;
        const keyRef = fn.props.kmsKeyArn as unknown;
        let problem: string | undefined;
        if (typeof keyRef !== "string" || keyRef === "") {
          problem = "kmsKeyArn is unset, so AWS encrypts them with the AWS-managed aws/lambda key";
        } else if (isAwsManagedKeyReference(keyRef)) {
          problem = `kmsKeyArn '${keyRef}' is an AWS-managed key`;
        } else if (!keyArns.has(keyRef) && !keyArns.has(aliasToKey.get(keyRef) ?? "")) {
          problem = `kmsKeyArn '${keyRef}' is not a KMS key (or alias of a key) created in this stack`;
        }
        if (problem) {
          findings.push({
            resource: fn,
            message: `Lambda function '${fn.name}' must encrypt its environment variables with a customer-managed KMS key created in this stack; ${problem}.`,
          });
        }
      }
      return findings;
    },
  });

  return [arm64, reservedConcurrency, xray, runtime, environmentCmk];
}
