/**
 * Signing secrets stay Pulumi secrets end to end: set with --secret, they reach the validator's
 * environment as a secret input (encrypted in the state, masked in previews), and their text
 * appears nowhere else in what the stack registers or exports.
 */
import { loadValidatorConfig } from "../../lambda/webhook-validator/config/validator-config";
import { isSecretValue, runStack, TEST_SIGNING_SECRET, withoutSecrets, type Stack } from "../support/stack-harness";

const SECOND_SECRET = "sk_test_rotation-previous-secret-value";

let stack: Stack;
beforeAll(async () => {
  stack = await runStack({
    "payment-webhooks:signingSecrets": JSON.stringify({ "standard-webhooks": [TEST_SIGNING_SECRET], stripe: [SECOND_SECRET, "whsec_current"] }),
    "payment-webhooks:providerSettings": JSON.stringify({ square: { notificationUrl: "https://hooks.example.com/webhooks/square" }, generic: { encoding: "base64" } }),
  });
});

it("the validator's environment is one secret input holding every provider's secrets", () => {
  const environment = stack.named("aws:lambda/function:Function", "webhook-validator-function").inputs.environment;
  expect(isSecretValue(environment)).toBe(true);
  const variables = (environment as { value: { variables: Record<string, string> } }).value.variables;
  expect(JSON.parse(variables.WEBHOOK_SIGNING_SECRETS)).toEqual({ "standard-webhooks": [TEST_SIGNING_SECRET], stripe: [SECOND_SECRET, "whsec_current"] });
});

it("no secret text appears outside a secret wrapper in any input, state or output", () => {
  const everything = JSON.stringify(
    withoutSecrets({
      resources: stack.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, state: r.state })),
      outputs: stack.result.outputs,
    }),
  );
  expect(everything).not.toContain(TEST_SIGNING_SECRET);
  expect(everything).not.toContain(SECOND_SECRET);
  // The check can fail: with the wrapper left in place, the secret is there.
  expect(JSON.stringify(stack.named("aws:lambda/function:Function", "webhook-validator-function").inputs)).toContain(SECOND_SECRET);
});

it("only the validator receives signing secrets", () => {
  const holders = stack.resources.filter((r) => JSON.stringify(r.inputs).includes(SECOND_SECRET)).map((r) => `${r.type} ${r.name}`);
  expect(holders).toEqual(["aws:lambda/function:Function webhook-validator-function"]);
});

it("the validator's own cold-start loader accepts the environment the stack gives it", () => {
  const environment = stack.named("aws:lambda/function:Function", "webhook-validator-function").inputs.environment as { value: { variables: Record<string, string> } };
  const config = loadValidatorConfig(environment.value.variables);
  expect(config.eventsTableName).toBe("payment-events-ci");
  expect(config.eventRetentionDays).toBe(90);
  expect(config.signingSecrets.get("stripe")).toEqual([SECOND_SECRET, "whsec_current"]);
  expect(config.signingSecrets.get("standard-webhooks")).toEqual([TEST_SIGNING_SECRET]);
  expect(config.providerSettings.square.notificationUrl).toBe("https://hooks.example.com/webhooks/square");
  expect(config.providerSettings.generic.encoding).toBe("base64");
});
