import { messagesOf, resource, runPolicy } from "./support/policy-harness";

const LAMBDA = "aws:lambda/function:Function";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/stack-key-id";

function lambdaInputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "webhook-validator-dev",
    architectures: ["arm64"],
    reservedConcurrentExecutions: 10,
    tracingConfig: { mode: "Active" },
    runtime: "nodejs22.x",
    kmsKeyArn: KEY_ARN,
    environment: { variables: { EVENTS_TABLE_NAME: "payment-events-dev" } },
    ...overrides,
  };
}

const fn = (overrides: Record<string, unknown> = {}) => resource(LAMBDA, "webhook-validator", lambdaInputs(overrides));
const stackKey = resource("aws:kms/key:Key", "payment-webhooks", { arn: KEY_ARN, keyId: "stack-key-id", enableKeyRotation: true });

describe("lambda-arm64", () => {
  it("passes arm64", async () => {
    expect(await messagesOf("lambda-arm64", [fn()])).toEqual([]);
  });
  it.each([
    [["x86_64"], 'it is ["x86_64"]'],
    [undefined, "it is unset (defaults to x86_64)"],
    [["arm64", "x86_64"], 'it is ["arm64","x86_64"]'],
  ])("fails architectures %j", async (architectures, actual) => {
    expect(await messagesOf("lambda-arm64", [fn({ architectures })])).toEqual([
      `Lambda function 'webhook-validator' must use the arm64 architecture (architectures: ["arm64"]); ${actual}.`,
    ]);
  });
});

describe("lambda-reserved-concurrency", () => {
  it("passes a positive reservation", async () => {
    expect(await messagesOf("lambda-reserved-concurrency", [fn()])).toEqual([]);
  });
  it.each([
    [undefined, "unset"],
    [0, "0, which throttles every invocation"],
    [-1, "-1 (unreserved)"],
  ])("fails reservedConcurrentExecutions %p", async (value, actual) => {
    expect(await messagesOf("lambda-reserved-concurrency", [fn({ reservedConcurrentExecutions: value })])).toEqual([
      `Lambda function 'webhook-validator' must set reservedConcurrentExecutions to a positive integer; it is ${actual}.`,
    ]);
  });
});

describe("lambda-xray-active", () => {
  it("passes Active", async () => {
    expect(await messagesOf("lambda-xray-active", [fn()])).toEqual([]);
  });
  it("fails PassThrough (stricter than CKV_AWS_50)", async () => {
    expect(await messagesOf("lambda-xray-active", [fn({ tracingConfig: { mode: "PassThrough" } })])).toEqual([
      `Lambda function 'webhook-validator' must set tracingConfig.mode to "Active"; it is "PassThrough".`,
    ]);
  });
  it("fails when tracing is unset", async () => {
    expect(await messagesOf("lambda-xray-active", [fn({ tracingConfig: undefined })])).toEqual([
      `Lambda function 'webhook-validator' must set tracingConfig.mode to "Active"; it is unset.`,
    ]);
  });
});

describe("lambda-runtime-supported", () => {
  it("passes nodejs22.x today", async () => {
    expect(await messagesOf("lambda-runtime-supported", [fn()], { now: new Date("2026-11-29T00:00:00Z") })).toEqual([]);
  });
  it("fails nodejs18.x after its deprecation date", async () => {
    const findings = await runPolicy("lambda-runtime-supported", [fn({ runtime: "nodejs18.x" })]);
    expect(findings.map((f) => [f.enforcementLevel, f.message])).toEqual([
      ["mandatory", "Lambda function 'webhook-validator' must use a supported runtime; nodejs18.x was retired on 2025-09-01."],
    ]);
  });
  it("fails nodejs20.x from the day AWS blocks creating it, not the day before", async () => {
    const before = await runPolicy("lambda-runtime-supported", [fn({ runtime: "nodejs20.x" })], { now: new Date("2026-08-30T23:00:00Z"), config: { "lambda-runtime-supported": { warnDaysBefore: 0 } } });
    expect(before).toEqual([]);
    expect(await messagesOf("lambda-runtime-supported", [fn({ runtime: "nodejs20.x" })], { now: new Date("2026-08-31T00:00:00Z") })).toEqual([
      "Lambda function 'webhook-validator' must use a supported runtime; nodejs20.x was retired on 2026-08-31.",
    ]);
  });
  it("warns (advisory) within warnDaysBefore of the retirement", async () => {
    const findings = await runPolicy("lambda-runtime-supported", [fn()], { now: new Date("2027-03-01T00:00:00Z") });
    expect(findings.map((f) => [f.enforcementLevel, f.message])).toEqual([
      ["advisory", "Lambda function 'webhook-validator' uses nodejs22.x, which retires on 2027-04-30; plan the upgrade to a newer runtime."],
    ]);
  });
  it("config adds a retirement date", async () => {
    expect(
      await messagesOf("lambda-runtime-supported", [fn()], { config: { "lambda-runtime-supported": { additionalDeprecations: { "nodejs22.x": "2026-11-01" } } } }),
    ).toEqual(["Lambda function 'webhook-validator' must use a supported runtime; nodejs22.x was retired on 2026-11-01."]);
  });
  it("ignores container-image functions, which have no runtime", async () => {
    expect(await messagesOf("lambda-runtime-supported", [fn({ runtime: undefined, packageType: "Image" })])).toEqual([]);
  });
});

describe("lambda-environment-cmk (stack policy)", () => {
  it("passes a key created in this stack", async () => {
    expect(await messagesOf("lambda-environment-cmk", [stackKey, fn()])).toEqual([]);
  });
  it("passes an alias of a key created in this stack", async () => {
    const alias = resource("aws:kms/alias:Alias", "payment-webhooks-alias", {
      name: "alias/payment-webhooks-dev",
      arn: "arn:aws:kms:us-east-1:123456789012:alias/payment-webhooks-dev",
      targetKeyId: "stack-key-id",
    });
    expect(await messagesOf("lambda-environment-cmk", [stackKey, alias, fn({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/payment-webhooks-dev" })])).toEqual([]);
  });
  it("passes a function without environment variables", async () => {
    expect(await messagesOf("lambda-environment-cmk", [fn({ environment: undefined, kmsKeyArn: undefined })])).toEqual([]);
  });
  it("fails environment variables without kmsKeyArn", async () => {
    expect(await messagesOf("lambda-environment-cmk", [stackKey, fn({ kmsKeyArn: undefined })])).toEqual([
      "Lambda function 'webhook-validator' must encrypt its environment variables with a customer-managed KMS key created in this stack; kmsKeyArn is unset, so AWS encrypts them with the AWS-managed aws/lambda key.",
    ]);
  });
  it("fails the AWS-managed aws/lambda alias", async () => {
    expect(await messagesOf("lambda-environment-cmk", [stackKey, fn({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/aws/lambda" })])).toEqual([
      "Lambda function 'webhook-validator' must encrypt its environment variables with a customer-managed KMS key created in this stack; kmsKeyArn 'arn:aws:kms:us-east-1:123456789012:alias/aws/lambda' is an AWS-managed key.",
    ]);
  });
  it("fails a key that is not created in this stack", async () => {
    expect(await messagesOf("lambda-environment-cmk", [stackKey, fn({ kmsKeyArn: "arn:aws:kms:us-east-1:999999999999:key/foreign" })])).toEqual([
      "Lambda function 'webhook-validator' must encrypt its environment variables with a customer-managed KMS key created in this stack; kmsKeyArn 'arn:aws:kms:us-east-1:999999999999:key/foreign' is not a KMS key (or alias of a key) created in this stack.",
    ]);
  });
});
