/**
 * iam-grants-used over hand-built stacks. What a service role calls comes from the AWS
 * documents: Step Functions DynamoDB/Lambda integrations
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html) and EventBridge rule
 * targets (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html).
 */
import { messagesOf, resource } from "./support/policy-harness";

const roleArn = "arn:aws:iam::123456789012:role/workflow-role";
const definition = JSON.stringify({
  StartAt: "Claim",
  States: {
    Claim: { Type: "Task", Resource: "arn:aws:states:::dynamodb:updateItem", Parameters: { TableName: "t" }, Next: "Apply" },
    Apply: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true },
  },
});

function stack(actions: string[]) {
  return [
    resource("aws:iam/role:Role", "workflow-role", { name: "workflow-role", arn: roleArn }),
    resource("aws:sfn/stateMachine:StateMachine", "machine", { name: "m", roleArn, definition }),
    resource("aws:iam/rolePolicy:RolePolicy", "workflow-policy", {
      role: "workflow-role",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }),
    }),
  ];
}

describe("iam-grants-used", () => {
  it("accepts a workflow role granting only what its Tasks call", async () => {
    expect(await messagesOf("iam-grants-used", stack(["dynamodb:UpdateItem", "lambda:InvokeFunction", "kms:Decrypt"]))).toEqual([]);
  });

  it("flags an action none of its Tasks calls", async () => {
    expect(await messagesOf("iam-grants-used", stack(["dynamodb:UpdateItem", "lambda:InvokeFunction", "dynamodb:DeleteItem"]))).toEqual([
      "Role policy 'workflow-policy' grants 'dynamodb:DeleteItem', but nothing that assumes role 'workflow-role' makes that call; remove it.",
    ]);
  });

  it("flags a KMS grant on a rule target role, since StartExecution needs none", async () => {
    const targetRole = "arn:aws:iam::123456789012:role/target-role";
    const messages = await messagesOf("iam-grants-used", [
      resource("aws:iam/role:Role", "target-role", { name: "target-role", arn: targetRole }),
      resource("aws:cloudwatch/eventTarget:EventTarget", "target", { roleArn: targetRole, arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m" }),
      resource("aws:iam/rolePolicy:RolePolicy", "target-policy", {
        role: "target-role",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["states:StartExecution", "kms:GenerateDataKey"], Resource: "*" }] }),
      }),
    ]);
    expect(messages).toEqual(["Role policy 'target-policy' grants 'kms:GenerateDataKey', but nothing that assumes role 'target-role' makes that call; remove it."]);
  });

  it("leaves roles no state machine, Pipe or rule target assumes alone (Lambda roles)", async () => {
    expect(
      await messagesOf("iam-grants-used", [
        resource("aws:iam/role:Role", "fn-role", { name: "fn-role", arn: "arn:aws:iam::123456789012:role/fn-role" }),
        resource("aws:iam/rolePolicy:RolePolicy", "fn-policy", { role: "fn-role", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: "*" }] }) }),
      ]),
    ).toEqual([]);
  });
});
