/**
 * Finds the IAM policy documents a resource carries and normalises them. Documents arrive as
 * objects or JSON strings, Statement as an object or an array, Action/NotAction/Resource as a
 * string or an array — all of which AWS accepts, so all of which a rule must read.
 */

export type CarrierKind = "identity" | "resource" | "trust";

export interface CarriedDocument {
  /** Where in the resource's inputs the document sits, for messages (e.g. `inlinePolicies[0].policy`). */
  path: string;
  kind: CarrierKind;
  /** The raw value: an object, a JSON string, or undefined when unset. */
  raw: unknown;
}

export interface NormalisedStatement {
  sid?: string;
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  principal: unknown;
  hasCondition: boolean;
  /** `Statement[i]` label for messages. */
  label: string;
}

/** Every resource type that carries an IAM document, and where. */
export const POLICY_CARRIER_TYPES: Record<string, (props: Record<string, unknown>) => CarriedDocument[]> = {
  "aws:iam/policy:Policy": (p) => [{ path: "policy", kind: "identity", raw: p.policy }],
  "aws:iam/rolePolicy:RolePolicy": (p) => [{ path: "policy", kind: "identity", raw: p.policy }],
  "aws:iam/userPolicy:UserPolicy": (p) => [{ path: "policy", kind: "identity", raw: p.policy }],
  "aws:iam/groupPolicy:GroupPolicy": (p) => [{ path: "policy", kind: "identity", raw: p.policy }],
  "aws:iam/role:Role": (p) => [
    { path: "assumeRolePolicy", kind: "trust", raw: p.assumeRolePolicy },
    ...(Array.isArray(p.inlinePolicies) ? p.inlinePolicies : []).map((inline: unknown, i: number) => ({
      path: `inlinePolicies[${i}].policy`,
      kind: "identity" as const,
      raw: (inline as { policy?: unknown } | undefined)?.policy,
    })),
  ],
  "aws:kms/key:Key": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:kms/keyPolicy:KeyPolicy": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:sqs/queue:Queue": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:sqs/queuePolicy:QueuePolicy": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:sns/topic:Topic": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:sns/topicPolicy:TopicPolicy": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:s3/bucketPolicy:BucketPolicy": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": (p) => [{ path: "policy", kind: "resource", raw: p.policy }],
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": (p) => [{ path: "policyDocument", kind: "resource", raw: p.policyDocument }],
  // A Lambda permission is a one-statement resource policy whose action is a plain string.
  "aws:lambda/permission:Permission": (p) => [
    { path: "action", kind: "resource", raw: p.action === undefined ? undefined : { Statement: [{ Effect: "Allow", Action: p.action }] } },
  ],
};

export const POLICY_CARRIER_TYPE_TOKENS = Object.keys(POLICY_CARRIER_TYPES);

export function carriedDocuments(type: string, props: Record<string, unknown>): CarriedDocument[] {
  return (POLICY_CARRIER_TYPES[type]?.(props) ?? []).filter((doc) => doc.raw !== undefined && doc.raw !== null && doc.raw !== "");
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asStrings(value: unknown): string[] {
  return asList(value).map((v) => String(v));
}

/** Parsed statements, or an error message when the document is not valid policy JSON. */
export function statementsOf(raw: unknown): { statements: NormalisedStatement[] } | { error: string } {
  let doc: unknown = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw);
    } catch (e) {
      return { error: `is not valid JSON (${(e as Error).message})` };
    }
  }
  if (typeof doc !== "object" || doc === null) return { error: "is not a policy document object" };
  const statements = asList((doc as { Statement?: unknown }).Statement);
  return {
    statements: statements.map((s, i) => {
      const st = (typeof s === "object" && s !== null ? s : {}) as Record<string, unknown>;
      return {
        sid: typeof st.Sid === "string" ? st.Sid : undefined,
        effect: String(st.Effect ?? ""),
        actions: asStrings(st.Action),
        notActions: asStrings(st.NotAction),
        resources: asStrings(st.Resource),
        principal: st.Principal,
        hasCondition: st.Condition !== undefined && st.Condition !== null && Object.keys(st.Condition as object).length > 0,
        label: typeof st.Sid === "string" ? `Statement[${i}] (Sid ${st.Sid})` : `Statement[${i}]`,
      };
    }),
  };
}

/** True for `*`, `svc:*`, `svc:Get*`, `svc:?et*`: IAM treats `*` and `?` as wildcards anywhere. */
export function isWildcardAction(action: string): boolean {
  return /[*?]/.test(action);
}
