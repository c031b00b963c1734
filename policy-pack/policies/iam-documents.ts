/**
 * Finds the IAM policy documents a resource carries (every carrier property the AWS provider
 * declares, see provider-properties.ts) and normalises them. Documents arrive as
 * objects or JSON strings, Statement as an object or an array, Action/NotAction/Resource as a
 * string or an array — all of which AWS accepts, so all of which a rule must read.
 */
import { CARRIER_PROPERTIES, type CarrierKind } from "./provider-properties";

export type { CarrierKind };

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
  notResources: string[];
  principal: unknown;
  hasCondition: boolean;
  /** `Statement[i]` label for messages. */
  label: string;
}

/**
 * A Lambda permission is a one-statement resource policy whose action is a plain string; the
 * provider's schema does not call it a policy, so it is added here.
 */
const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";

/** Every resource type that carries an IAM document: the provider-derived carriers plus Lambda permissions. */
export const POLICY_CARRIER_TYPE_TOKENS: string[] = [...new Set([...CARRIER_PROPERTIES.keys(), LAMBDA_PERMISSION])].sort();

/** Values at `path` (`a.b`, `list[].c`), with the concrete path of each (`list[0].c`). */
export function valuesAt(props: Record<string, unknown>, path: string): { path: string; value: unknown }[] {
  let frontier: { path: string; value: unknown }[] = [{ path: "", value: props }];
  for (const segment of path.split(".")) {
    const list = segment.endsWith("[]");
    const name = list ? segment.slice(0, -2) : segment;
    const next: { path: string; value: unknown }[] = [];
    for (const { path: at, value } of frontier) {
      if (typeof value !== "object" || value === null) continue;
      const child = (value as Record<string, unknown>)[name];
      const here = at ? `${at}.${name}` : name;
      if (!list) next.push({ path: here, value: child });
      else if (Array.isArray(child)) child.forEach((item, i) => next.push({ path: `${here}[${i}]`, value: item }));
    }
    frontier = next;
  }
  return frontier;
}

export function carriedDocuments(type: string, props: Record<string, unknown>): CarriedDocument[] {
  const documents: CarriedDocument[] =
    type === LAMBDA_PERMISSION
      ? [{ path: "action", kind: "resource", raw: props.action === undefined ? undefined : { Statement: [{ Effect: "Allow", Action: props.action }] } }]
      : (CARRIER_PROPERTIES.get(type) ?? []).flatMap((carrier) => valuesAt(props, carrier.path).map(({ path, value }) => ({ path, kind: carrier.kind, raw: value })));
  return documents.filter((doc) => doc.raw !== undefined && doc.raw !== null && doc.raw !== "");
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
        notResources: asStrings(st.NotResource),
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
