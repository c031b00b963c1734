import { messagesOf, resource } from "./support/policy-harness";

const LAMBDA = "aws:lambda/function:Function";

describe("resources-destroyable", () => {
  const P = "resources-destroyable";
  const table = (extra: Parameters<typeof resource>[3] = {}, inputs: Record<string, unknown> = {}) =>
    resource("aws:dynamodb/table:Table", "payment-events", { name: "payment-events-dev", ...inputs }, extra);
  it("passes a plain resource", async () => {
    expect(await messagesOf(P, [table()])).toEqual([]);
  });
  it("fails protect", async () => {
    expect(await messagesOf(P, [table({ protect: true })])).toEqual([
      "Resource 'payment-events' (aws:dynamodb/table:Table) must be destroyable; resource option protect is true.",
    ]);
  });
  it("fails retainOnDelete", async () => {
    expect(await messagesOf(P, [table({ retainOnDelete: true })])).toEqual([
      "Resource 'payment-events' (aws:dynamodb/table:Table) must be destroyable; resource option retainOnDelete is true.",
    ]);
  });
  it("fails deletion protection", async () => {
    expect(await messagesOf(P, [table({}, { deletionProtectionEnabled: true })])).toEqual([
      "Resource 'payment-events' (aws:dynamodb/table:Table) must be destroyable; deletionProtectionEnabled is true.",
    ]);
  });
});

describe("resource-names-carry-environment-suffix", () => {
  const P = "resource-names-carry-environment-suffix";
  const config = { [P]: { environmentSuffix: "pr42" } };
  const fn = (name: unknown) => resource(LAMBDA, "webhook-validator", { name });
  it.each([
    [LAMBDA, "webhook-validator-pr42"],
    ["aws:cloudwatch/logGroup:LogGroup", "/aws/lambda/webhook-validator-pr42"],
    ["aws:cloudwatch/logGroup:LogGroup", "/aws/apigateway/webhook-api-pr42/access"],
    ["aws:cloudwatch/logGroup:LogGroup", "API-Gateway-Execution-Logs_abc123/pr42"],
    ["aws:kms/alias:Alias", "alias/payment-webhooks-pr42"],
    ["aws:sqs/queue:Queue", "payment-events-dlq-pr42.fifo"],
  ])("passes %s named %s", async (type, name) => {
    expect(await messagesOf(P, [resource(type, "x", { name })], { config })).toEqual([]);
  });
  it("fails a name without the suffix", async () => {
    expect(await messagesOf(P, [fn("webhook-validator")], { config })).toEqual([
      "Resource 'webhook-validator' (aws:lambda/function:Function) must be named '<resource-type>-pr42' in kebab case; name is 'webhook-validator'.",
    ]);
  });
  it("fails another environment's suffix", async () => {
    expect(await messagesOf(P, [fn("webhook-validator-dev")], { config })).toEqual([
      "Resource 'webhook-validator' (aws:lambda/function:Function) must be named '<resource-type>-pr42' in kebab case; name is 'webhook-validator-dev'.",
    ]);
  });
  it("fails a name that is only the suffix or not kebab case", async () => {
    expect(await messagesOf(P, [fn("pr42"), resource(LAMBDA, "y", { name: "WebhookValidator-pr42" })], { config })).toEqual([
      "Resource 'webhook-validator' (aws:lambda/function:Function) must be named '<resource-type>-pr42' in kebab case; name is 'pr42'.",
      "Resource 'y' (aws:lambda/function:Function) must be named '<resource-type>-pr42' in kebab case; name is 'WebhookValidator-pr42'.",
    ]);
  });
  it("fails a named type left to Pulumi's auto-naming", async () => {
    expect(await messagesOf(P, [fn(undefined)], { config })).toEqual([
      "Resource 'webhook-validator' (aws:lambda/function:Function) must set name to '<resource-type>-pr42'; unset, Pulumi generates a random name.",
    ]);
  });
  it("defaults the suffix to the stack name in the URN", async () => {
    expect(await messagesOf(P, [fn("webhook-validator-dev")])).toEqual([]);
    expect(await messagesOf(P, [fn("webhook-validator-prod")])).toEqual([
      "Resource 'webhook-validator' (aws:lambda/function:Function) must be named '<resource-type>-dev' in kebab case; name is 'webhook-validator-prod'.",
    ]);
  });
});

describe("aws-region-us-east-1", () => {
  const P = "aws-region-us-east-1";
  const withRegion = (providerRegion: string | undefined, inputs: Record<string, unknown> = {}) =>
    resource("aws:sqs/queue:Queue", "dlq", { name: "dlq-dev", ...inputs }, { provider: { type: "pulumi:providers:aws", name: "default", urn: "", props: providerRegion ? { region: providerRegion } : {} } });
  it("passes us-east-1", async () => {
    expect(await messagesOf(P, [withRegion("us-east-1")])).toEqual([]);
  });
  it("fails a provider in another region", async () => {
    expect(await messagesOf(P, [withRegion("eu-west-1")])).toEqual(["Resource 'dlq' (aws:sqs/queue:Queue) must be deployed to us-east-1; its provider's region is eu-west-1."]);
  });
  it("fails a provider without a region", async () => {
    expect(await messagesOf(P, [withRegion(undefined)])).toEqual([
      "Resource 'dlq' (aws:sqs/queue:Queue) must be deployed to us-east-1; its provider sets no region (set aws:region).",
    ]);
  });
  it("fails a per-resource region override", async () => {
    expect(await messagesOf(P, [withRegion("us-east-1", { region: "us-west-2" })])).toEqual(["Resource 'dlq' (aws:sqs/queue:Queue) must be deployed to us-east-1; its region is us-west-2."]);
  });
  it("fails an explicit provider resource in another region", async () => {
    expect(await messagesOf(P, [resource("pulumi:providers:aws", "west", { region: "us-west-2" })])).toEqual([
      "Resource 'west' (pulumi:providers:aws) must be deployed to us-east-1; its region is us-west-2.",
    ]);
  });
});
