/**
 * Works around a gap in @cloud-copilot/iam-simulate 0.1.173: it drops request keys of the form
 * `kms:EncryptionContext:<context-key>` (its variable-key matching only understands
 * `/`-separated keys such as `aws:RequestTag/<tag>`), so every condition on them evaluates as
 * "key missing" and the simulation answers ImplicitlyDenied for a request AWS would allow.
 *
 * Rather than deleting such conditions, we evaluate them here, exactly as the IAM condition
 * operator reference defines the operators
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
 * multi-valued keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 * against the request's encryption context, then hand the simulator a policy in which:
 * - a statement whose encryption-context entries all hold keeps its other conditions (the
 *   simulator judges those), without the entries already decided;
 * - a statement with an entry that does not hold can never apply to this request, so it is
 *   replaced by a statement that matches nothing (same index and Sid, so grant reasons still
 *   point at the original statement).
 * Every decision is returned, so reports can show what was decided outside the simulator.
 */

export const ENCRYPTION_CONTEXT_PREFIX = "kms:EncryptionContext:";

type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatementLike {
  Sid?: string;
  Effect: string;
  Condition?: ConditionBlock;
  [field: string]: unknown;
}

export interface PolicyLike {
  Version?: string;
  Statement: PolicyStatementLike | PolicyStatementLike[];
}

export interface EncryptionContextDecision {
  statementIndex: number;
  sid?: string;
  operator: string;
  key: string;
  policyValues: string[];
  requestValue: string | undefined;
  holds: boolean;
}

export interface ResolvedPolicy {
  policy: { Version: string; Statement: PolicyStatementLike[] };
  decisions: EncryptionContextDecision[];
}

/** `*` any run of characters, `?` one character (StringLike / ArnLike); everything else literal. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "s");
}

/** ArnLike/ArnEquals compare each of the six colon-delimited ARN parts with wildcards. */
function arnMatches(pattern: string, value: string): boolean {
  const patternParts = pattern.split(":");
  const valueParts = value.split(":");
  if (patternParts.length < 6 || valueParts.length < 6) return false;
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(":")];
  const [p, v] = [head(patternParts), head(valueParts)];
  return p.every((part, index) => globToRegExp(part).test(v[index]));
}

const SINGLE_VALUE_MATCHERS: Record<string, (policyValue: string, requestValue: string) => boolean> = {
  StringEquals: (policyValue, requestValue) => policyValue === requestValue,
  StringEqualsIgnoreCase: (policyValue, requestValue) => policyValue.toLowerCase() === requestValue.toLowerCase(),
  StringLike: (policyValue, requestValue) => globToRegExp(policyValue).test(requestValue),
  ArnEquals: arnMatches,
  ArnLike: arnMatches,
};

const NEGATED: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

/**
 * One condition entry, as IAM evaluates it: the values listed for a key are ORed; a missing key
 * makes a positive operator false and a negated operator true; `...IfExists` is true when the
 * key is missing; `ForAnyValue:` needs one request value to match, `ForAllValues:` every request
 * value (and holds for a missing key). An encryption context key has exactly one value.
 */
export function conditionHolds(operator: string, policyValues: string[], requestValue: string | undefined): boolean {
  let base = operator;
  let qualifier: "ForAnyValue" | "ForAllValues" | undefined;
  const qualified = /^(ForAnyValue|ForAllValues):(.+)$/.exec(base);
  if (qualified) {
    qualifier = qualified[1] as "ForAnyValue" | "ForAllValues";
    base = qualified[2];
  }
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -"IfExists".length);
  const negatedOf = NEGATED[base];
  const matcher = SINGLE_VALUE_MATCHERS[negatedOf ?? base];
  if (!matcher) throw new Error(`condition operator ${operator} on an encryption-context key is not supported by this evaluator; extend conditionHolds.`);
  if (requestValue === undefined) {
    if (ifExists || qualifier === "ForAllValues") return true;
    return negatedOf !== undefined && qualifier === undefined;
  }
  const anyMatch = policyValues.some((policyValue) => matcher(policyValue, requestValue));
  return negatedOf ? !anyMatch : anyMatch;
}

/** A statement that applies to no request: its only condition requires a key no request carries. */
function neverApplies(statement: PolicyStatementLike): PolicyStatementLike {
  return { ...statement, Condition: { Null: { "payments:encryptionContextConditionUnmet": "false" } } };
}

/** Decides the `kms:EncryptionContext:*` conditions of `policy` for a request with `context`. */
export function resolveEncryptionContextConditions(policy: PolicyLike, context: Record<string, string | string[]>): ResolvedPolicy {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const requestValueOf = (key: string): string | undefined => {
    const found = Object.entries(context).find(([contextKey]) => contextKey === key);
    const value = found?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  const decisions: EncryptionContextDecision[] = [];
  const resolved = statements.map((statement, index) => {
    if (!statement.Condition) return statement;
    const remaining: ConditionBlock = {};
    let holdsAll = true;
    for (const [operator, entries] of Object.entries(statement.Condition)) {
      for (const [key, rawValues] of Object.entries(entries)) {
        if (!key.startsWith(ENCRYPTION_CONTEXT_PREFIX)) {
          remaining[operator] = { ...(remaining[operator] ?? {}), [key]: rawValues };
          continue;
        }
        const policyValues = Array.isArray(rawValues) ? rawValues : [rawValues];
        const requestValue = requestValueOf(key);
        const holds = conditionHolds(operator, policyValues, requestValue);
        decisions.push({ statementIndex: index + 1, sid: statement.Sid, operator, key, policyValues, requestValue, holds });
        holdsAll &&= holds;
      }
    }
    if (!holdsAll) return neverApplies(statement);
    const { Condition: _decided, ...rest } = statement;
    return Object.keys(remaining).length > 0 ? { ...rest, Condition: remaining } : rest;
  });
  return { policy: { Version: policy.Version ?? "2012-10-17", Statement: resolved }, decisions };
}

/** The request context without the keys decided here (the simulator would only drop them). */
export function withoutEncryptionContext(context: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).filter(([key]) => !key.startsWith(ENCRYPTION_CONTEXT_PREFIX)));
}
