/**
 * The core resources of the synthesised stack, property by property: KMS key and alias, event
 * table, both Lambda functions with their log groups and roles, and the stack outputs. Values
 * expected here are written out (or read from the resource they must point at), never
 * recomputed with the code under test.
 */
import { isSecretValue, MOCK_ACCOUNT_ID, runStack, SUFFIX, TEST_SIGNING_SECRET, type Stack } from "../support/stack-harness";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: Stack;
beforeAll(async () => {
  stack = await runStack();
});

const keyOf = () => stack.named("aws:kms/key:Key", "payment-webhooks-key");
const keyArn = () => keyOf().state.arn as string;
const table = () => stack.named("aws:dynamodb/table:Table", "payment-events-table");
const fn = (name: string) => stack.named("aws:lambda/function:Function", `${name}-function`);
const role = (name: string) => stack.named("aws:iam/role:Role", `${name}-role`);
const logGroup = (name: string) => stack.named("aws:cloudwatch/logGroup:LogGroup", `${name}-logs`);
const rolePolicy = (name: string) => JSON.parse(String(stack.named("aws:iam/rolePolicy:RolePolicy", `${name}-policy`).inputs.policy));
const statementBySid = (document: Json, sid: string): Json => {
  const statement = (document.Statement as Json[]).find((s) => s.Sid === sid);
  if (!statement) throw new Error(`no statement ${sid} in ${JSON.stringify(document)}`);
  return statement;
};

describe("KMS key", () => {
  it("rotates yearly and can be deleted after 7 days", () => {
    const key = keyOf().inputs;
    expect(key.enableKeyRotation).toBe(true);
    expect(key.rotationPeriodInDays).toBe(365);
    expect(key.deletionWindowInDays).toBe(7);
    expect(key.keyUsage).toBe("ENCRYPT_DECRYPT");
    expect(key.customerMasterKeySpec).toBe("SYMMETRIC_DEFAULT");
    expect(key.bypassPolicyLockoutSafetyCheck).toBe(false);
  });

  it("has the alias alias/payment-webhooks-<suffix> on this key", () => {
    const alias = stack.named("aws:kms/alias:Alias", "payment-webhooks-alias").inputs;
    expect(alias.name).toBe(`alias/payment-webhooks-${SUFFIX}`);
    expect(alias.targetKeyId).toBe(keyOf().state.keyId);
  });

  describe("policy", () => {
    const policy = (): Json => JSON.parse(String(keyOf().inputs.policy));
    const root = `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`;

    it("lets the account administer the key without any crypto use in that statement", () => {
      const admin = statementBySid(policy(), "AccountAdministersKey");
      expect(admin.Principal).toEqual({ AWS: root });
      expect(admin.Action).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation", "kms:CreateAlias"]));
      expect(admin.Action).not.toContain("kms:Decrypt");
      expect(admin.Action).not.toContain("kms:Encrypt");
    });

    it("lets IAM policies of the account delegate use of the key", () => {
      const use = statementBySid(policy(), "AccountUsesKeyThroughIamPolicies");
      expect(use.Principal).toEqual({ AWS: root });
      expect(use.Action).toEqual(expect.arrayContaining(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]));
    });

    it("lets exactly the two Lambda execution roles decrypt their environment", () => {
      const statement = statementBySid(policy(), "LambdaRolesDecryptEnvironment");
      expect(statement.Action).toEqual(["kms:Decrypt"]);
      expect([...statement.Principal.AWS].sort()).toEqual(
        [role("webhook-validator").state.arn, role("payment-processor").state.arn].sort(),
      );
      expect(statement.Principal.AWS).toEqual(expect.arrayContaining([`arn:aws:iam::${MOCK_ACCOUNT_ID}:role/webhook-validator-role-${SUFFIX}`]));
    });

    it("lets the table's callers use it only through DynamoDB in this account", () => {
      const statement = statementBySid(policy(), "LambdaRolesUseTableThroughDynamoDb");
      // https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html
      expect(statement.Condition).toEqual({
        StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", "kms:CallerAccount": MOCK_ACCOUNT_ID },
        StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": `*-${SUFFIX}` },
      });
      expect(statement.Action).toEqual(expect.arrayContaining(["kms:Decrypt", "kms:GenerateDataKey"]));
    });

    it("lets CloudWatch Logs use it only for this account's log groups in us-east-1", () => {
      const statement = statementBySid(policy(), "CloudWatchLogsEncryptsLogGroups");
      expect(statement.Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
      expect(statement.Condition).toEqual({
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:*` },
      });
      expect(statement.Action).toEqual(expect.arrayContaining(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]));
    });

    // SQS sets the queue ARN as encryption context; no document says EventBridge passes
    // aws:SourceAccount to KMS (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
    it("lets EventBridge use it only for the rule's dead-letter queue", () => {
      const statement = statementBySid(policy(), "EventBridgeWritesEncryptedDlq");
      expect(statement.Principal).toEqual({ Service: "events.amazonaws.com" });
      expect(statement.Condition).toEqual({ StringEquals: { "kms:EncryptionContext:aws:sqs:arn": `arn:aws:sqs:us-east-1:${MOCK_ACCOUNT_ID}:payment-webhook-received-dlq-${SUFFIX}` } });
      expect([...statement.Action].sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey"]);
    });

    it("has exactly these statements (with the eventing components' grants), each Allow on this key only", () => {
      const statements = policy().Statement as Json[];
      expect(statements.map((s) => s.Sid).sort()).toEqual(
        [
          "AccountAdministersKey",
          "AccountUsesKeyThroughIamPolicies",
          "CloudWatchLogsEncryptsLogGroups",
          "EventBridgeWritesEncryptedDlq",
          "LambdaRolesDecryptEnvironment",
          "LambdaRolesUseTableThroughDynamoDb",
          // lib/security/service-key-grants.ts, composed in index.ts:
          "CloudWatchAlarmsPublishToEncryptedTopic",
          "LogDeliveryReadsEncryptedExecutions",
        ].sort(),
      );
      for (const statement of statements) {
        expect(statement.Effect).toBe("Allow");
        expect(statement.Resource).toBe("*");
        expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
      }
    });
  });
});

describe("event table", () => {
  it("is payment-events-<suffix> keyed by paymentId (S) / timestamp (S), on demand", () => {
    const inputs = table().inputs;
    expect(inputs.name).toBe(`payment-events-${SUFFIX}`);
    expect(inputs.hashKey).toBe("paymentId");
    expect(inputs.rangeKey).toBe("timestamp");
    expect(inputs.attributes).toEqual([
      { name: "paymentId", type: "S" },
      { name: "timestamp", type: "S" },
    ]);
    expect(inputs.billingMode).toBe("PAY_PER_REQUEST");
  });

  it("has point-in-time recovery and SSE with the stack's key", () => {
    expect(table().inputs.pointInTimeRecovery).toEqual({ enabled: true });
    expect(table().inputs.serverSideEncryption).toEqual({ enabled: true, kmsKeyArn: keyArn() });
  });

  it("streams new images and expires items on expiresAt", () => {
    expect(table().inputs.streamEnabled).toBe(true);
    expect(table().inputs.streamViewType).toBe("NEW_IMAGE");
    expect(table().inputs.ttl).toEqual({ attributeName: "expiresAt", enabled: true });
  });

  it("is not deletion-protected", () => {
    expect(table().inputs.deletionProtectionEnabled).toBe(false);
  });
});

describe.each([
  ["webhook-validator", 10, 256, 10],
  ["payment-processor", 5, 256, 30],
])("Lambda %s", (name, reservedConcurrency, memorySize, timeout) => {
  const inputs = () => fn(name).inputs;

  it("is named <type>-<suffix>, arm64, on the configured runtime", () => {
    expect(inputs().name).toBe(`${name}-${SUFFIX}`);
    expect(inputs().architectures).toEqual(["arm64"]);
    expect(inputs().runtime).toBe("nodejs22.x");
    expect(inputs().handler).toBe("index.handler");
  });

  it("has reserved concurrency, memory and timeout from config", () => {
    expect(inputs().reservedConcurrentExecutions).toBe(reservedConcurrency);
    expect(inputs().memorySize).toBe(memorySize);
    expect(inputs().timeout).toBe(timeout);
  });

  it("traces with X-Ray Active", () => {
    expect(inputs().tracingConfig).toEqual({ mode: "Active" });
  });

  it("encrypts its environment with the stack's key", () => {
    expect(inputs().kmsKeyArn).toBe(keyArn());
  });

  it("runs as its own role", () => {
    expect(inputs().role).toBe(role(name).state.arn);
    expect(role(name).inputs.name).toBe(`${name}-role-${SUFFIX}`);
    expect(JSON.parse(String(role(name).inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(role(name).inputs.managedPolicyArns).toBeUndefined();
  });

  it("logs JSON to its explicit log group, kept for the retention and encrypted with the key", () => {
    expect(logGroup(name).inputs).toMatchObject({ name: `/aws/lambda/${name}-${SUFFIX}`, retentionInDays: 30, kmsKeyId: keyArn() });
    expect(inputs().loggingConfig).toEqual({ logFormat: "JSON", logGroup: `/aws/lambda/${name}-${SUFFIX}` });
  });

  it("ships the esbuild bundle and its source map", async () => {
    const code = inputs().code as { assets: Promise<Record<string, { text: Promise<string> }>> };
    const assets = await code.assets;
    expect(Object.keys(assets).sort()).toEqual(["index.js", "index.js.map"]);
    expect((await assets["index.js"].text).length).toBeGreaterThan(1000);
    expect(JSON.parse(await assets["index.js.map"].text).version).toBe(3);
  });

  // Both log actions act on log streams (Service Authorization Reference, CloudWatch Logs); Lambda
  // decrypts the environment in the context LambdaFunctionName
  // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html).
  it("may write only its own log streams, upload traces and decrypt its own environment", () => {
    const document = rolePolicy(name);
    const logs = statementBySid(document, "WriteOwnLogGroup");
    expect(logs.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(logs.Resource).toEqual([`${logGroup(name).state.arn}:log-stream:*`]);
    expect(statementBySid(document, "UploadTraces")).toMatchObject({ Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" });
    expect(statementBySid(document, "DecryptOwnEnvironment")).toMatchObject({
      Action: ["kms:Decrypt"],
      Resource: [keyArn()],
      Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": `${name}-${SUFFIX}` } },
    });
  });
});

describe("validator specifics", () => {
  it("may only PutItem on the table", () => {
    const document = rolePolicy("webhook-validator");
    const dynamo = (document.Statement as Json[]).filter((s) => (s.Action as string[]).some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toEqual([{ Sid: "StoreWebhookEvents", Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: [table().state.arn] }]);
    expect(JSON.stringify(document)).not.toContain("events:PutEvents");
  });

  it("gets table name, retention, provider settings and the signing secrets as a secret environment", () => {
    const environment = fn("webhook-validator").inputs.environment;
    expect(isSecretValue(environment)).toBe(true);
    const variables = (environment as { value: { variables: Record<string, string> } }).value.variables;
    expect(variables.EVENTS_TABLE_NAME).toBe(table().state.name);
    expect(variables.EVENT_RETENTION_DAYS).toBe("90");
    expect(variables.WEBHOOK_PROVIDER_SETTINGS).toBe("{}");
    expect(JSON.parse(variables.WEBHOOK_SIGNING_SECRETS)).toEqual({ "standard-webhooks": [TEST_SIGNING_SECRET] });
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe(`webhook-validator-${SUFFIX}`);
    expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe("PaymentWebhooks");
    expect(variables.POWERTOOLS_LOG_LEVEL).toBe("INFO");
  });
});

describe("processor specifics", () => {
  it("may read and update payment state and publish to the bus only", () => {
    const document = rolePolicy("payment-processor");
    expect(statementBySid(document, "ApplyEventsToPaymentState")).toEqual({
      Sid: "ApplyEventsToPaymentState",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      Resource: [table().state.arn],
    });
    const bus = stack.named("aws:cloudwatch/eventBus:EventBus", "payment-events-bus");
    expect(statementBySid(document, "PublishOutcomeEvents")).toEqual({
      Sid: "PublishOutcomeEvents",
      Effect: "Allow",
      Action: ["events:PutEvents"],
      Resource: [bus.state.arn],
    });
  });

  it("gets the table and bus names and no signing secrets", () => {
    const environment = fn("payment-processor").inputs.environment as { variables: Record<string, string> };
    expect(isSecretValue(environment)).toBe(false);
    expect(environment.variables.EVENTS_TABLE_NAME).toBe(table().state.name);
    expect(environment.variables.EVENT_BUS_NAME).toBe(`payment-events-${SUFFIX}`);
    expect(environment.variables.WEBHOOK_SIGNING_SECRETS).toBeUndefined();
    expect(environment.variables.POWERTOOLS_SERVICE_NAME).toBe(`payment-processor-${SUFFIX}`);
  });
});

describe("stack outputs", () => {
  it("exports the webhook URL, state machine ARN, table, bus, DLQ names and key alias", () => {
    const outputs = stack.result.outputs;
    const stage = stack.named("aws:apigateway/stage:Stage", "webhook-api-stage");
    expect(outputs.apiUrl).toBe(`${stage.state.invokeUrl}/webhooks`);
    expect(outputs.apiUrl).toMatch(/^https:\/\/[^/]+\.execute-api\.us-east-1\.amazonaws\.com\/ci\/webhooks$/);
    expect(outputs.stateMachineArn).toBe(stack.named("aws:sfn/stateMachine:StateMachine", "payment-processing-state-machine").state.arn);
    expect(outputs.eventsTableName).toBe(`payment-events-${SUFFIX}`);
    expect(outputs.eventBusName).toBe(`payment-events-${SUFFIX}`);
    const queueNames = stack.ofType("aws:sqs/queue:Queue").map((queue) => queue.inputs.name);
    expect(queueNames).toHaveLength(2);
    expect([outputs.pipeDeadLetterQueueName, outputs.ruleDeadLetterQueueName].sort()).toEqual([...queueNames].sort());
    expect(outputs.kmsKeyAlias).toBe(`alias/payment-webhooks-${SUFFIX}`);
  });
});
