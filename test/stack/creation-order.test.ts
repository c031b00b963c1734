/**
 * The order AWS needs, as dependencies Pulumi will honour: Lambda roles before the key whose
 * policy names them, role policies after the key, each function after its policy and log group
 * (so its first invocation can decrypt and log), the stage after its execution log group and,
 * when managed, after the account's CloudWatch role setting.
 */
import { runStack, type Stack } from "../support/stack-harness";

let stack: Stack;
beforeAll(async () => {
  stack = await runStack({ "payment-webhooks:manageApiGatewayAccount": "true" });
});

const urn = (type: string, name: string) => stack.named(type, name).urn;
const dependsOn = (type: string, name: string) => stack.named(type, name).dependencies;

it("the key policy waits for both Lambda roles, which carry no policy yet", () => {
  expect(dependsOn("aws:kms/key:Key", "payment-webhooks-key")).toEqual(
    expect.arrayContaining([urn("aws:iam/role:Role", "webhook-validator-role"), urn("aws:iam/role:Role", "payment-processor-role")]),
  );
  for (const role of ["webhook-validator-role", "payment-processor-role"]) {
    expect(dependsOn("aws:iam/role:Role", role)).toEqual([]);
  }
});

it.each(["webhook-validator", "payment-processor"])("%s: policy after the key, function after its policy and log group", (name) => {
  const keyUrn = urn("aws:kms/key:Key", "payment-webhooks-key");
  expect(dependsOn("aws:iam/rolePolicy:RolePolicy", `${name}-policy`)).toContain(keyUrn);
  expect(dependsOn("aws:lambda/function:Function", `${name}-function`)).toEqual(
    expect.arrayContaining([urn("aws:iam/rolePolicy:RolePolicy", `${name}-policy`), urn("aws:cloudwatch/logGroup:LogGroup", `${name}-logs`), keyUrn]),
  );
});

it("the API stage waits for its execution log group and the account's CloudWatch role setting", () => {
  expect(dependsOn("aws:apigateway/stage:Stage", "webhook-api-stage")).toEqual(
    expect.arrayContaining([
      urn("aws:cloudwatch/logGroup:LogGroup", "webhook-api-execution-logs"),
      urn("aws:apigateway/account:Account", "apigateway-account-settings"),
    ]),
  );
});

it("the deployment waits for every method and integration", () => {
  const routes = ["webhooks", "webhooks-provider"].flatMap((route) => [
    urn("aws:apigateway/method:Method", `webhook-api-${route}-post`),
    urn("aws:apigateway/integration:Integration", `webhook-api-${route}-integration`),
  ]);
  expect(dependsOn("aws:apigateway/deployment:Deployment", "webhook-api-deployment")).toEqual(expect.arrayContaining(routes));
});
