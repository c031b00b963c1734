/**
 * Evaluates every call of the access map against the policies the program declares, with
 * @cloud-copilot/iam-simulate (a devDependency: AGPL-3.0, tests and tools only), and finds the
 * grants no call uses. `kms:EncryptionContext:*` conditions are decided first by
 * encryption-context-conditions.ts, which the simulator cannot do itself.
 */
import { getGrantReasons, runSimulation } from "@cloud-copilot/iam-simulate";
import type { AwsCall } from "./access-map";
import type { DeployedStack, PolicyDocumentJson } from "./deployed-stack";
import { resolveEncryptionContextConditions, withoutEncryptionContext, type EncryptionContextDecision, type PolicyLike } from "./encryption-context-conditions";

/** A policy statement a verdict or a grant points at. */
export interface StatementRef {
  /** "role <name> / <policy name>", "trust policy of <role>", "key policy", ... */
  policy: string;
  sid?: string;
  index: number;
}

export interface CallVerdict {
  call: AwsCall;
  result: string;
  allowedBy: StatementRef[];
  encryptionContextDecisions: EncryptionContextDecision[];
  /** Request keys the simulator dropped (must be none: the workaround decides them first). */
  ignoredContextKeys: string[];
}

interface PolicyUnderTest {
  label: string;
  document: PolicyDocumentJson;
  /** The resource a resource policy guards (its statements may say "*" for "this resource"). */
  guards?: string;
}

const principalArn = (call: AwsCall) => ("role" in call.principal ? call.principal.role : call.principal.service);

function policiesFor(stack: DeployedStack, call: AwsCall): { identity: PolicyUnderTest[]; resource?: PolicyUnderTest } {
  const role = "role" in call.principal ? [...stack.roles.values()].find((candidate) => candidate.arn === (call.principal as { role: string }).role) : undefined;
  const identity = (role?.identityPolicies ?? []).map((policy) => ({ label: `role ${role?.name} / ${policy.name}`, document: policy.policy }));
  if (call.action === "sts:AssumeRole") {
    const assumed = [...stack.roles.values()].find((candidate) => candidate.arn === call.resource);
    if (!assumed) throw new Error(`no role ${call.resource}`);
    return { identity, resource: { label: `trust policy of ${assumed.name}`, document: assumed.trustPolicy, guards: assumed.arn } };
  }
  const resourcePolicy = stack.resourcePolicies.get(call.resource);
  return { identity, resource: resourcePolicy ? { label: resourcePolicy.label, document: resourcePolicy.policy, guards: call.resource } : undefined };
}

export async function evaluateCall(stack: DeployedStack, call: AwsCall): Promise<CallVerdict> {
  const { identity, resource } = policiesFor(stack, call);
  const decisions: EncryptionContextDecision[] = [];
  const resolve = (policy: PolicyUnderTest) => {
    const resolved = resolveEncryptionContextConditions(policy.document as PolicyLike, call.context);
    decisions.push(...resolved.decisions);
    return resolved.policy;
  };
  const result = await runSimulation(
    {
      request: {
        principal: principalArn(call),
        action: call.action,
        resource: { resource: call.resource, accountId: stack.accountId },
        contextVariables: withoutEncryptionContext(call.context),
      },
      identityPolicies: identity.map((policy) => ({ name: policy.label, policy: resolve(policy) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resource ? { resourcePolicy: resolve(resource) } : {}),
    },
    {},
  );
  if (result.resultType === "error") throw new Error(`simulation of ${call.action} on ${call.resource} by ${principalArn(call)} failed: ${JSON.stringify(result.errors)}`);
  const single = result.resultType === "single" ? result.result : result.results[0];
  const allowedBy: StatementRef[] = single
    ? getGrantReasons(single.analysis).flatMap((grant): StatementRef[] => {
        if (grant.policyType === "identity") {
          const policy = identity.find((candidate) => candidate.label === grant.policyIdentifier);
          return [{ policy: grant.policyIdentifier, sid: statementsOf(policy?.document)[grant.statementIndex - 1]?.Sid as string | undefined, index: grant.statementIndex }];
        }
        if (grant.policyType === "resource" && resource) return [{ policy: resource.label, sid: grant.statementId, index: grant.statementIndex }];
        return [];
      })
    : [];
  return { call, result: result.overallResult, allowedBy, encryptionContextDecisions: decisions, ignoredContextKeys: single?.ignoredContextKeys ?? [] };
}

export async function evaluateAccessMap(stack: DeployedStack, calls: AwsCall[]): Promise<CallVerdict[]> {
  const verdicts: CallVerdict[] = [];
  for (const call of calls) verdicts.push(await evaluateCall(stack, call));
  return verdicts;
}

function statementsOf(document: PolicyDocumentJson | undefined): Array<Record<string, unknown>> {
  if (!document) return [];
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement as Record<string, unknown>];
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i").test(value);
}

/** One granted action on one resource pattern of one Allow statement. */
export interface Grant {
  statement: StatementRef;
  action: string;
  resource: string;
}

/** Every Allow action × resource the stack's policies grant. */
export function grantsOf(stack: DeployedStack): Grant[] {
  const policies: PolicyUnderTest[] = [];
  for (const role of stack.roles.values()) {
    policies.push({ label: `trust policy of ${role.name}`, document: role.trustPolicy, guards: role.arn });
    for (const policy of role.identityPolicies) policies.push({ label: `role ${role.name} / ${policy.name}`, document: policy.policy });
  }
  for (const [arn, policy] of stack.resourcePolicies) policies.push({ label: policy.label, document: policy.policy, guards: arn });
  return policies.flatMap((policy) =>
    statementsOf(policy.document).flatMap((statement, position) => {
      if (statement.Effect !== "Allow") return [];
      const resources = policy.guards && (statement.Resource === undefined || statement.Resource === "*") ? [policy.guards] : asList(statement.Resource);
      const ref: StatementRef = { policy: policy.label, sid: statement.Sid as string | undefined, index: position + 1 };
      return asList(statement.Action).flatMap((action) => resources.map((resource) => ({ statement: ref, action, resource })));
    }),
  );
}

const sameStatement = (a: StatementRef, b: StatementRef) => a.policy === b.policy && a.index === b.index;

/** The grants no Allowed call was allowed by, for that action on a matching resource. */
export function unusedGrants(grants: Grant[], verdicts: CallVerdict[]): Grant[] {
  return grants.filter(
    (grant) =>
      !verdicts.some(
        (verdict) =>
          verdict.result === "Allowed" &&
          verdict.call.action.toLowerCase() === grant.action.toLowerCase() &&
          (grant.resource === "*" || globMatches(grant.resource, verdict.call.resource)) &&
          verdict.allowedBy.some((ref) => sameStatement(ref, grant.statement)),
      ),
  );
}
