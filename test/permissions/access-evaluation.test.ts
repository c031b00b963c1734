/**
 * Every AWS call of the access map is evaluated by an IAM policy evaluator
 * (@cloud-copilot/iam-simulate) against the identity, trust and resource policies index.ts
 * declares: each must be Allowed, and every granted action × resource must be used by a call or
 * carry a written reason. The oracle is the map, whose every entry names the AWS document it
 * comes from — not the program's own lists.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { accessMap, UNUSED_GRANT_REASONS } from "../support/permissions/access-map";
import { renderPermissionsReport } from "../support/permissions/permissions-report";
import { deployedStack, type DeployedStack } from "../support/permissions/deployed-stack";
import { isolatedProgram } from "../support/isolated-program";
import { evaluateAccessMap, evaluateCall, grantsOf, unusedGrants, type CallVerdict } from "../support/permissions/evaluate-access";

let stack: DeployedStack;
let verdicts: CallVerdict[];

beforeAll(async () => {
  stack = await deployedStack(isolatedProgram("index.ts"));
  verdicts = await evaluateAccessMap(stack, accessMap(stack));
}, 180_000);

const describeCall = (verdict: CallVerdict) => `${verdict.call.caller}: ${verdict.call.action} on ${verdict.call.resource} -> ${verdict.result}`;

describe("the deployed policies, evaluated call by call", () => {
  it("allow every call the running system makes", () => {
    expect(verdicts.length).toBeGreaterThan(50);
    expect(verdicts.filter((verdict) => verdict.result !== "Allowed").map(describeCall)).toEqual([]);
  });

  it("leave no request key to the simulator that it would ignore", () => {
    expect(verdicts.filter((verdict) => verdict.ignoredContextKeys.length > 0).map((verdict) => `${describeCall(verdict)} ignored ${verdict.ignoredContextKeys.join(", ")}`)).toEqual([]);
  });

  it("decide every encryption-context condition a call meets in its favour", () => {
    const decided = verdicts.flatMap((verdict) => verdict.encryptionContextDecisions);
    expect(decided.filter((decision) => decision.holds).length).toBeGreaterThan(0);
  });

  it("grant nothing that no call uses, unless a reason is written down", () => {
    const unexplained = unusedGrants(grantsOf(stack), verdicts).filter(
      (grant) =>
        !UNUSED_GRANT_REASONS.some(
          (reason) => grant.statement.policy === reason.policy && grant.statement.sid === reason.sid && (reason.actions === undefined || reason.actions.includes(grant.action)),
        ),
    );
    expect(unexplained.map((grant) => `${grant.statement.policy}#${grant.statement.sid ?? grant.statement.index}: ${grant.action} on ${grant.resource}`)).toEqual([]);
  });

  it("need every written reason: a reason for a grant that is used, or no longer exists, is stale", () => {
    const unused = unusedGrants(grantsOf(stack), verdicts);
    const stale = UNUSED_GRANT_REASONS.filter(
      (reason) => !unused.some((grant) => grant.statement.policy === reason.policy && grant.statement.sid === reason.sid && (reason.actions === undefined || reason.actions.includes(grant.action))),
    );
    expect(stale.map((reason) => `${reason.policy}#${reason.sid}`)).toEqual([]);
  });
});

describe("the evaluation can fail", () => {
  // The workflow that could not run on AWS: its role had no table-key grant through DynamoDB.
  it("denies the workflow's DynamoDB key use once the role's UseTableKeyThroughDynamoDb statement is gone", async () => {
    const workflowRole = [...stack.roles.values()].find((role) => role.name.startsWith("payment-processing-workflow-role"));
    if (!workflowRole) throw new Error("no workflow role");
    const withoutTableKey: DeployedStack = {
      ...stack,
      roles: new Map([
        ...stack.roles,
        [
          workflowRole.name,
          {
            ...workflowRole,
            identityPolicies: workflowRole.identityPolicies.map((policy) => ({
              ...policy,
              policy: { ...policy.policy, Statement: policy.policy.Statement.filter((statement) => statement.Sid !== "UseTableKeyThroughDynamoDb") },
            })),
          },
        ],
      ]),
    };
    const tableKeyCalls = accessMap(stack).filter((call) => "role" in call.principal && call.principal.role === workflowRole.arn && call.context["kms:ViaService"] !== undefined);
    expect(tableKeyCalls.length).toBe(3);
    for (const call of tableKeyCalls) expect((await evaluateCall(withoutTableKey, call)).result).toBe("ImplicitlyDenied");
  });
});

describe("docs/permissions.md", () => {
  it("is what the current evaluation renders (run `npm run permissions:docs` after a change)", () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "permissions.md"), "utf8");
    expect(committed).toBe(renderPermissionsReport(verdicts));
  });
});
