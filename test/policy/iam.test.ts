import { ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS } from "../../lib/security/policy-document";
import { supportsResourceLevelPermissions } from "../../policy-pack/policies/iam";
import { messagesOf, resource } from "./support/policy-harness";

const TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/payment-events-dev";

type Statement = Record<string, unknown>;
const good: Statement = { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: [TABLE_ARN] };
const doc = (...statements: Statement[]) => ({ Version: "2012-10-17", Statement: statements });
const rolePolicy = (policy: unknown) => resource("aws:iam/rolePolicy:RolePolicy", "validator-access", { role: "r", policy });

describe("iam-no-wildcard-actions", () => {
  const P = "iam-no-wildcard-actions";
  it("passes explicit actions (object and JSON string)", async () => {
    expect(await messagesOf(P, [rolePolicy(doc(good)), rolePolicy(JSON.stringify(doc(good)))])).toEqual([]);
  });
  it.each([["*"], ["dynamodb:*"], ["s3:Get*"], ["kms:?ecrypt"]])("fails the wildcard action %s", async (action) => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["dynamodb:PutItem", action] }))])).toEqual([
      `policy Statement[0] of 'validator-access' uses the wildcard action '${action}'; every action must be named explicitly (e.g. dynamodb:PutItem).`,
    ]);
  });
  it("fails a wildcard given as a single string in a JSON-string document", async () => {
    expect(await messagesOf(P, [rolePolicy(JSON.stringify({ Statement: { Sid: "All", Effect: "Allow", Action: "dynamodb:*", Resource: TABLE_ARN } }))])).toEqual([
      "policy Statement[0] (Sid All) of 'validator-access' uses the wildcard action 'dynamodb:*'; every action must be named explicitly (e.g. dynamodb:PutItem).",
    ]);
  });
  it("fails NotAction in an Allow statement", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ Effect: "Allow", NotAction: ["iam:PassRole"], Resource: "*" }))])).toEqual([
      "policy Statement[0] of 'validator-access' uses NotAction in an Allow statement, which grants every other action; list the allowed actions in Action instead.",
    ]);
  });
  it("fails a wildcard in the NotAction of a Deny", async () => {
    expect(await messagesOf(P, [rolePolicy(doc(good, { Effect: "Deny", NotAction: "kms:*", Resource: "*" }))])).toEqual([
      "policy Statement[1] of 'validator-access' uses the wildcard 'kms:*' in NotAction; every action must be named explicitly.",
    ]);
  });
  it("fails a wildcard in a Deny unless allowWildcardInDeny is set", async () => {
    const tlsOnly = { Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
    const queuePolicy = resource("aws:sqs/queuePolicy:QueuePolicy", "dlq-policy", { queueUrl: "u", policy: JSON.stringify(doc(tlsOnly)) });
    expect(await messagesOf(P, [queuePolicy])).toEqual([
      "policy Statement[0] of 'dlq-policy' uses the wildcard action 'sqs:*'; every action must be named explicitly (e.g. dynamodb:PutItem).",
    ]);
    expect(await messagesOf(P, [queuePolicy], { config: { [P]: { allowWildcardInDeny: true } } })).toEqual([]);
  });
  it("fails a document that is not JSON", async () => {
    // The parser's own wording varies by Node version; the frame around it is ours.
    const messages = await messagesOf(P, [rolePolicy("{not json")]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Policy document 'policy' of 'validator-access' is not valid JSON \(.+\); it must be a valid IAM policy document\.$/);
  });
  it.each([
    ["aws:iam/policy:Policy", { policy: doc({ ...good, Action: "*" }) }, "policy"],
    ["aws:iam/userPolicy:UserPolicy", { policy: doc({ ...good, Action: "*" }) }, "policy"],
    ["aws:iam/groupPolicy:GroupPolicy", { policy: doc({ ...good, Action: "*" }) }, "policy"],
    ["aws:iam/role:Role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), inlinePolicies: [{ name: "i", policy: JSON.stringify(doc({ ...good, Action: "*" })) }] }, "inlinePolicies[0].policy"],
    ["aws:kms/key:Key", { policy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "*", Resource: "*" })) }, "policy"],
    ["aws:sqs/queuePolicy:QueuePolicy", { policy: doc({ ...good, Action: "*" }) }, "policy"],
    ["aws:cloudwatch/eventBusPolicy:EventBusPolicy", { policy: doc({ ...good, Action: "*" }) }, "policy"],
    ["aws:lambda/permission:Permission", { action: "*", principal: "apigateway.amazonaws.com" }, "action"],
  ])("checks the carrier %s", async (type, inputs, path) => {
    expect(await messagesOf(P, [resource(type, "carrier", inputs)])).toEqual([
      `${path} Statement[0] of 'carrier' uses the wildcard action '*'; every action must be named explicitly (e.g. dynamodb:PutItem).`,
    ]);
  });
  it("fails kms:* in a key policy", async () => {
    const key = resource("aws:kms/key:Key", "payment-webhooks", {
      policy: JSON.stringify(doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" })),
    });
    expect(await messagesOf(P, [key])).toEqual([
      "policy Statement[0] (Sid Root) of 'payment-webhooks' uses the wildcard action 'kms:*'; every action must be named explicitly (e.g. dynamodb:PutItem).",
    ]);
  });
});

describe("iam-actions-exist", () => {
  const P = "iam-actions-exist";
  it("passes real actions in any letter case", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["dynamodb:PutItem", "dynamodb:Putitem", "XRAY:PutTraceSegments"] }))])).toEqual([]);
  });
  it("fails a misspelled action", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["dynamodb:PutItems"] }))])).toEqual([
      "policy Statement[0] of 'validator-access': 'dynamodb:PutItems' is not an action of service 'dynamodb'; every IAM action must exist in AWS's service authorization data.",
    ]);
  });
  it("fails an unknown service prefix", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["dynamdb:PutItem"] }))])).toEqual([
      "policy Statement[0] of 'validator-access': 'dynamdb:PutItem' names an unknown service prefix 'dynamdb'; every IAM action must exist in AWS's service authorization data.",
    ]);
  });
  it("fails an action without a service prefix", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["PutItem"] }))])).toEqual([
      "policy Statement[0] of 'validator-access': 'PutItem' is not of the form service:Action; every IAM action must exist in AWS's service authorization data.",
    ]);
  });
  it("checks NotAction and Lambda permissions too", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ Effect: "Deny", NotAction: ["kms:Decrypts"], Resource: "*" }))])).toEqual([
      "policy Statement[0] of 'validator-access': 'kms:Decrypts' is not an action of service 'kms'; every IAM action must exist in AWS's service authorization data.",
    ]);
    expect(await messagesOf(P, [resource("aws:lambda/permission:Permission", "api-invoke", { action: "lambda:InvokeFunctions" })])).toEqual([
      "action Statement[0] of 'api-invoke': 'lambda:InvokeFunctions' is not an action of service 'lambda'; every IAM action must exist in AWS's service authorization data.",
    ]);
  });
  it("leaves wildcards to iam-no-wildcard-actions", async () => {
    expect(await messagesOf(P, [rolePolicy(doc({ ...good, Action: ["dynamodb:*", "*"] }))])).toEqual([]);
  });
});

describe("iam-resource-wildcard-only-for-unscopable-actions", () => {
  const P = "iam-resource-wildcard-only-for-unscopable-actions";
  it('passes Resource "*" for X-Ray and log-delivery actions, and ARNs for the rest', async () => {
    const xray = { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "logs:CreateLogDelivery"], Resource: "*" };
    expect(await messagesOf(P, [rolePolicy(doc(good, xray))])).toEqual([]);
  });
  it('fails Resource "*" for scopable actions and names only those', async () => {
    const mixed = { Effect: "Allow", Action: ["xray:PutTraceSegments", "dynamodb:PutItem", "kms:Decrypt"], Resource: "*" };
    expect(await messagesOf(P, [rolePolicy(doc(mixed))])).toEqual([
      `policy Statement[0] of 'validator-access' grants dynamodb:PutItem, kms:Decrypt on Resource "*"; these actions support resource-level permissions and must be scoped to ARNs.`,
    ]);
  });
  it('does not flag Resource "*" in a key policy, where it means "this key"', async () => {
    const key = resource("aws:kms/key:Key", "k", { policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:Decrypt", Resource: "*" }) });
    expect(await messagesOf(P, [key])).toEqual([]);
  });
  it("checks Role.inlinePolicies", async () => {
    const role = resource("aws:iam/role:Role", "validator-role", { inlinePolicies: [{ name: "i", policy: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }) }] });
    expect(await messagesOf(P, [role])).toEqual([
      `inlinePolicies[0].policy Statement[0] of 'validator-role' grants sqs:SendMessage on Resource "*"; these actions support resource-level permissions and must be scoped to ARNs.`,
    ]);
  });
});

describe("iam-no-aws-managed-policies", () => {
  const P = "iam-no-aws-managed-policies";
  it("passes a customer-managed attachment", async () => {
    expect(await messagesOf(P, [resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::123456789012:policy/mine" })])).toEqual([]);
  });
  it("reports an AWS-managed attachment as advisory", async () => {
    const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "basic", { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" });
    expect(await messagesOf(P, [attachment])).toEqual([
      "Role attachment 'basic' uses the AWS-managed policy 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'; attach a least-privilege policy written for this stack instead.",
    ]);
  });
  it("checks Role.managedPolicyArns", async () => {
    const role = resource("aws:iam/role:Role", "r", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
    expect(await messagesOf(P, [role])).toEqual([
      "Role attachment 'r' uses the AWS-managed policy 'arn:aws:iam::aws:policy/AdministratorAccess'; attach a least-privilege policy written for this stack instead.",
    ]);
  });
});

describe("lib's Resource-* allow-list agrees with AWS's data the pack enforces", () => {
  // lib/security/policy-document.ts refuses Resource "*" at build time for actions outside its list;
  // the pack judges by iam-data. An entry iam-data considers scopable would pass the builder
  // and fail the gate, so the list must only hold actions without resource-level permissions.
  it.each([...ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS])("%s supports no resource-level permission", async (action) => {
    expect(await supportsResourceLevelPermissions(action)).toBe(false);
  });
});
