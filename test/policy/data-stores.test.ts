import { messagesOf, resource } from "./support/policy-harness";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/stack-key-id";

describe("dynamodb-point-in-time-recovery", () => {
  const table = (overrides: Record<string, unknown> = {}) =>
    resource("aws:dynamodb/table:Table", "payment-events", { name: "payment-events-dev", pointInTimeRecovery: { enabled: true }, ...overrides });
  it("passes with PITR on", async () => {
    expect(await messagesOf("dynamodb-point-in-time-recovery", [table()])).toEqual([]);
  });
  it("fails with PITR off", async () => {
    expect(await messagesOf("dynamodb-point-in-time-recovery", [table({ pointInTimeRecovery: { enabled: false } })])).toEqual([
      "DynamoDB table 'payment-events' must enable point-in-time recovery (pointInTimeRecovery.enabled: true); it is false.",
    ]);
  });
  it("fails with PITR unset", async () => {
    expect(await messagesOf("dynamodb-point-in-time-recovery", [table({ pointInTimeRecovery: undefined })])).toEqual([
      "DynamoDB table 'payment-events' must enable point-in-time recovery (pointInTimeRecovery.enabled: true); it is unset.",
    ]);
  });
});

describe("dynamodb-encrypted-with-cmk", () => {
  const table = (sse: unknown) => resource("aws:dynamodb/table:Table", "payment-events", { name: "payment-events-dev", serverSideEncryption: sse });
  it("passes SSE with the stack's key", async () => {
    expect(await messagesOf("dynamodb-encrypted-with-cmk", [table({ enabled: true, kmsKeyArn: KEY_ARN })])).toEqual([]);
  });
  it("fails unset encryption (the AWS-owned key)", async () => {
    expect(await messagesOf("dynamodb-encrypted-with-cmk", [table(undefined)])).toEqual([
      "DynamoDB table 'payment-events' must enable server-side encryption with a customer-managed KMS key (serverSideEncryption.enabled: true); it uses the AWS-owned key.",
    ]);
  });
  it("fails SSE without a key (the AWS-managed aws/dynamodb key)", async () => {
    expect(await messagesOf("dynamodb-encrypted-with-cmk", [table({ enabled: true })])).toEqual([
      "DynamoDB table 'payment-events' must set serverSideEncryption.kmsKeyArn to a customer-managed KMS key; without it DynamoDB uses the AWS-managed aws/dynamodb key.",
    ]);
  });
  it("fails the aws/dynamodb alias", async () => {
    expect(await messagesOf("dynamodb-encrypted-with-cmk", [table({ enabled: true, kmsKeyArn: "alias/aws/dynamodb" })])).toEqual([
      "DynamoDB table 'payment-events' must use a customer-managed KMS key; 'alias/aws/dynamodb' is AWS-managed.",
    ]);
  });
});

describe("kms-key-rotation", () => {
  const key = (overrides: Record<string, unknown> = {}) => resource("aws:kms/key:Key", "payment-webhooks", { enableKeyRotation: true, ...overrides });
  it("passes with rotation on", async () => {
    expect(await messagesOf("kms-key-rotation", [key()])).toEqual([]);
  });
  it("fails with rotation off", async () => {
    expect(await messagesOf("kms-key-rotation", [key({ enableKeyRotation: false })])).toEqual(["KMS key 'payment-webhooks' must enable automatic rotation (enableKeyRotation: true)."]);
  });
  it("does not require rotation of asymmetric keys, which AWS cannot rotate", async () => {
    expect(await messagesOf("kms-key-rotation", [key({ enableKeyRotation: false, customerMasterKeySpec: "RSA_2048" })])).toEqual([]);
  });
});

describe("kms-key-policy-no-wildcard-principal", () => {
  const statement = (principal: unknown) => ({ Sid: "Use", Effect: "Allow", Principal: principal, Action: ["kms:Decrypt"], Resource: "*" });
  const key = (principal: unknown, asString = false) => {
    const policy = { Version: "2012-10-17", Statement: [statement(principal)] };
    return resource("aws:kms/key:Key", "payment-webhooks", { policy: asString ? JSON.stringify(policy) : policy });
  };
  it("passes named principals", async () => {
    expect(await messagesOf("kms-key-policy-no-wildcard-principal", [key({ AWS: "arn:aws:iam::123456789012:root" })])).toEqual([]);
  });
  it.each([["*"], [{ AWS: "*" }], [{ AWS: ["arn:aws:iam::123456789012:root", "*"] }]])("fails principal %j", async (principal) => {
    expect(await messagesOf("kms-key-policy-no-wildcard-principal", [key(principal, true)])).toEqual([
      `Key policy Statement[0] (Sid Use) of 'payment-webhooks' allows Principal "*"; a key policy must name its principals (account root, roles, service principals).`,
    ]);
  });
  it("checks aws.kms.KeyPolicy too", async () => {
    const keyPolicy = resource("aws:kms/keyPolicy:KeyPolicy", "kp", { keyId: "k", policy: JSON.stringify({ Statement: statement("*") }) });
    expect(await messagesOf("kms-key-policy-no-wildcard-principal", [keyPolicy])).toEqual([
      `Key policy Statement[0] (Sid Use) of 'kp' allows Principal "*"; a key policy must name its principals (account root, roles, service principals).`,
    ]);
  });
});

describe("apigateway-stage-xray / apigateway-stage-access-logs", () => {
  const stage = (overrides: Record<string, unknown> = {}) =>
    resource("aws:apigateway/stage:Stage", "webhook-api-stage", {
      stageName: "dev",
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:access", format: '{"requestId":"$context.requestId"}' },
      ...overrides,
    });
  it("passes a traced, logging stage", async () => {
    expect(await messagesOf("apigateway-stage-xray", [stage()])).toEqual([]);
    expect(await messagesOf("apigateway-stage-access-logs", [stage()])).toEqual([]);
  });
  it("fails a stage without X-Ray", async () => {
    expect(await messagesOf("apigateway-stage-xray", [stage({ xrayTracingEnabled: false })])).toEqual([
      "API Gateway stage 'webhook-api-stage' must enable X-Ray tracing (xrayTracingEnabled: true).",
    ]);
  });
  it("fails a stage without access logs", async () => {
    expect(await messagesOf("apigateway-stage-access-logs", [stage({ accessLogSettings: undefined })])).toEqual([
      "API Gateway stage 'webhook-api-stage' must write access logs; set accessLogSettings.destinationArn and accessLogSettings.format.",
    ]);
  });
  it("fails access logs without a format", async () => {
    expect(await messagesOf("apigateway-stage-access-logs", [stage({ accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:a" } })])).toEqual([
      "API Gateway stage 'webhook-api-stage' must write access logs; set accessLogSettings.format.",
    ]);
  });
});

describe("sfn-xray / sfn-logging-all", () => {
  const machine = (overrides: Record<string, unknown> = {}) =>
    resource("aws:sfn/stateMachine:StateMachine", "payment-processing", {
      name: "payment-processing-dev",
      tracingConfiguration: { enabled: true },
      loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*" },
      ...overrides,
    });
  it("passes a traced state machine logging ALL with execution data", async () => {
    expect(await messagesOf("sfn-xray", [machine()])).toEqual([]);
    expect(await messagesOf("sfn-logging-all", [machine()])).toEqual([]);
  });
  it("fails without X-Ray", async () => {
    expect(await messagesOf("sfn-xray", [machine({ tracingConfiguration: { enabled: false } })])).toEqual([
      "State machine 'payment-processing' must enable X-Ray tracing (tracingConfiguration.enabled: true).",
    ]);
  });
  it("fails level ERROR", async () => {
    expect(await messagesOf("sfn-logging-all", [machine({ loggingConfiguration: { level: "ERROR", includeExecutionData: true, logDestination: "arn:x" } })])).toEqual([
      `State machine 'payment-processing' must log everything: loggingConfiguration.level must be "ALL" (it is "ERROR").`,
    ]);
  });
  it("fails without execution data", async () => {
    expect(await messagesOf("sfn-logging-all", [machine({ loggingConfiguration: { level: "ALL", includeExecutionData: false, logDestination: "arn:x" } })])).toEqual([
      "State machine 'payment-processing' must log everything: loggingConfiguration.includeExecutionData must be true.",
    ]);
  });
  it("fails without any logging configuration", async () => {
    expect(await messagesOf("sfn-logging-all", [machine({ loggingConfiguration: undefined })])).toEqual([
      `State machine 'payment-processing' must log everything: loggingConfiguration.level must be "ALL" (it is unset); loggingConfiguration.includeExecutionData must be true; loggingConfiguration.logDestination must name a log group.`,
    ]);
  });
});

describe("log-group-retention / log-group-kms", () => {
  const group = (overrides: Record<string, unknown> = {}) =>
    resource("aws:cloudwatch/logGroup:LogGroup", "validator-logs", { name: "/aws/lambda/webhook-validator-dev", retentionInDays: 30, kmsKeyId: KEY_ARN, ...overrides });
  it("passes retention and KMS", async () => {
    expect(await messagesOf("log-group-retention", [group()])).toEqual([]);
    expect(await messagesOf("log-group-kms", [group()])).toEqual([]);
  });
  it("fails unset retention", async () => {
    expect(await messagesOf("log-group-retention", [group({ retentionInDays: undefined })])).toEqual([
      "Log group 'validator-logs' must set retentionInDays (at least 1); unset means logs are kept forever.",
    ]);
  });
  it("fails retention below the configured minimum", async () => {
    expect(await messagesOf("log-group-retention", [group()], { config: { "log-group-retention": { minimumRetentionDays: 365 } } })).toEqual([
      "Log group 'validator-logs' must keep logs at least 365 days; retentionInDays is 30.",
    ]);
  });
  it("fails a log group without KMS", async () => {
    expect(await messagesOf("log-group-kms", [group({ kmsKeyId: undefined })])).toEqual(["Log group 'validator-logs' must be encrypted with a KMS key (kmsKeyId)."]);
  });
});
