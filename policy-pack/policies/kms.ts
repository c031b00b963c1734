/** KMS key rules: rotation and key policies without a wildcard principal. */
import { resourceRule, stackRule, type StackFinding } from "./define";
import { statementsOf } from "./iam-documents";
import type { GuardPolicy, PolicyContext } from "./types";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

/** True when a Principal value lets anyone in: "*", {AWS: "*"} or {AWS: [..., "*"]}. */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return Object.values(principal as Record<string, unknown>).some((v) => v === "*" || (Array.isArray(v) && v.includes("*")));
}

export function kmsPolicies(ctx: PolicyContext): GuardPolicy[] {
  const rotation = resourceRule(ctx, {
    name: "kms-key-rotation",
    description: "Customer-managed KMS keys (symmetric) have automatic key rotation enabled.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "kms",
      severity: "medium",
      resourceTypes: [KEY],
      rationale: "Yearly rotation limits the data encrypted under one key version and satisfies cryptoperiod requirements without re-encrypting.",
      levelRationale: "Mandatory: free, transparent to callers, and required by the design.",
      remediation: "Set enableKeyRotation: true (symmetric keys only).",
      mappings: { checkov: ["CKV_AWS_7"], cdkNag: ["AwsSolutions-KMS5"], pciDss: ["3.7.4"] },
    },
    check: (args) => {
      const spec = args.props.customerMasterKeySpec ?? args.props.keySpec;
      if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") return []; // AWS cannot rotate asymmetric/HMAC keys
      return args.props.enableKeyRotation === true ? [] : [`KMS key '${args.name}' must enable automatic rotation (enableKeyRotation: true).`];
    },
  });

  const noWildcardPrincipal = resourceRule(ctx, {
    name: "kms-key-policy-no-wildcard-principal",
    description: "KMS key policies grant access to named principals only: no Allow statement with Principal \"*\".",
    enforcementLevel: "mandatory",
    metadata: {
      area: "kms",
      severity: "critical",
      resourceTypes: [KEY, KEY_POLICY],
      rationale: "A key policy is the root of access to everything the key encrypts (the table, env vars, logs); a '*' principal opens it to any AWS account that can reach the API.",
      levelRationale: "Mandatory: the key protects payment data; cross-account needs can be waived with a reason.",
      remediation: "Name the account root, the execution roles and service principals (e.g. logs.us-east-1.amazonaws.com) explicitly.",
      mappings: { checkov: ["CKV_AWS_33"], cdkNag: [], pciDss: ["3.6.1", "7.2.2"] },
      caveats: "Conditions do not exempt a '*' principal here (CKV_AWS_33 behaves the same).",
    },
    check: (args) => {
      const raw = args.props.policy as unknown;
      if (raw === undefined || raw === null || raw === "") return []; // AWS default key policy: account root only
      const parsed = statementsOf(raw);
      if ("error" in parsed) return [`Key policy of '${args.name}' ${parsed.error}; it must be a valid IAM policy document.`];
      return parsed.statements
        .filter((st) => st.effect === "Allow" && isWildcardPrincipal(st.principal))
        .map((st) => `Key policy ${st.label} of '${args.name}' allows Principal "*"; a key policy must name its principals (account root, roles, service principals).`);
    },
  });

  const explicitPolicy = stackRule(ctx, {
    name: "kms-key-explicit-policy",
    description: "Every KMS key carries an explicit key policy (its policy input, or an aws.kms.KeyPolicy for it), not AWS's default policy.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "kms",
      severity: "high",
      resourceTypes: [KEY],
      rationale:
        "Without a policy, AWS attaches its default key policy, which allows kms:* to the account root and so to every IAM principal the account lets use KMS (AWS KMS Developer Guide, \"Default key policy\"): who can decrypt payment data is then decided by identity policies nobody reviews with the key.",
      levelRationale: "Mandatory: the design requires an explicit key policy with explicit actions, and the default grants kms:*.",
      remediation: "Set policy on the aws.kms.Key (or add an aws.kms.KeyPolicy for it) naming the account root with administrative actions and each principal with the actions it needs.",
      mappings: { checkov: [], cdkNag: [], pciDss: ["3.6.1", "7.2.2"] },
      caveats: "A stack policy: only the whole stack shows whether an aws.kms.KeyPolicy names the key.",
    },
    check: (args) => {
      const governed = new Set(args.resources.filter((r) => r.type === KEY_POLICY).map((r) => String(r.props.keyId)));
      const findings: StackFinding[] = [];
      for (const key of args.resources.filter((r) => r.type === KEY)) {
        const policy = key.props.policy as unknown;
        if (typeof policy === "string" ? policy !== "" : policy !== undefined && policy !== null) continue;
        if ([key.props.keyId, key.props.arn, key.props.id].some((ref) => typeof ref === "string" && governed.has(ref))) continue;
        findings.push({
          resource: key,
          message: `KMS key '${key.name}' must carry an explicit key policy (policy, or an aws.kms.KeyPolicy for it); without one AWS attaches its default policy, which allows kms:* to the account.`,
        });
      }
      return findings;
    },
  });

  return [rotation, noWildcardPrincipal, explicitPolicy];
}
