/**
 * The REST API under mocks (routes, proxy integration, invoke permissions, redeployment
 * trigger, stage X-Ray and access logs, method settings), the optional account-level
 * CloudWatch role, and non-default config values reaching the resources.
 */
import { MOCK_ACCOUNT_ID, runStack, SUFFIX, type Stack } from "../support/stack-harness";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: Stack;
let managedAccountStack: Stack;
beforeAll(async () => {
  stack = await runStack();
  managedAccountStack = await runStack({
    "payment-webhooks:manageApiGatewayAccount": "true",
    "payment-webhooks:apiThrottlingRateLimit": "25",
    "payment-webhooks:apiThrottlingBurstLimit": "50",
    "payment-webhooks:lambdaRuntime": "nodejs24.x",
    "payment-webhooks:validatorReservedConcurrency": "7",
    "payment-webhooks:processorReservedConcurrency": "3",
    "payment-webhooks:processorMemorySize": "1024",
    "payment-webhooks:processorTimeoutSeconds": "45",
    "payment-webhooks:logRetentionDays": "90",
    "payment-webhooks:workflowType": "EXPRESS",
    "payment-webhooks:retryMaxAttempts": "3",
    // An Express execution lasts at most five minutes, so its throttling retry must be short:
    // a small absorbable burst (100 events × 200 ms ÷ 3 processors ≈ 7 s of backlog).
    "payment-webhooks:absorbableBurst": "100",
    "payment-webhooks:logLevel": "WARN",
  });
});

const api = (s: Stack = stack) => s.named("aws:apigateway/restApi:RestApi", "webhook-api-api");
const resource = (name: string, s: Stack = stack) => s.named("aws:apigateway/resource:Resource", `webhook-api-${name}`);
const validator = (s: Stack = stack) => s.named("aws:lambda/function:Function", "webhook-validator-function");

describe("routes", () => {
  it("is a regional REST API named webhook-api-<suffix>", () => {
    expect(api().inputs.name).toBe(`webhook-api-${SUFFIX}`);
    expect(api().inputs.endpointConfiguration).toEqual({ types: "REGIONAL" });
  });

  it("has /webhooks under the root and /webhooks/{provider} under it", () => {
    expect(resource("webhooks").inputs).toMatchObject({ pathPart: "webhooks", parentId: api().state.rootResourceId, restApi: api().id });
    expect(resource("webhooks-provider").inputs).toMatchObject({ pathPart: "{provider}", parentId: resource("webhooks").id });
  });

  it.each(["webhooks", "webhooks-provider"])("POST %s proxies to the validator", (route) => {
    const method = stack.named("aws:apigateway/method:Method", `webhook-api-${route}-post`).inputs;
    expect(method).toMatchObject({ httpMethod: "POST", authorization: "NONE", resourceId: resource(route).id });
    const integration = stack.named("aws:apigateway/integration:Integration", `webhook-api-${route}-integration`).inputs;
    expect(integration).toMatchObject({
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      httpMethod: "POST",
      resourceId: resource(route).id,
      uri: validator().state.invokeArn,
    });
  });

  it("declares the provider path parameter", () => {
    const method = stack.named("aws:apigateway/method:Method", "webhook-api-webhooks-provider-post").inputs;
    expect(method.requestParameters).toEqual({ "method.request.path.provider": true });
  });

  it("has no other methods", () => {
    expect(stack.ofType("aws:apigateway/method:Method").map((m) => m.inputs.httpMethod)).toEqual(["POST", "POST"]);
  });
});

describe("invoke permissions", () => {
  it("let only this API invoke the validator, on POST /webhooks and /webhooks/*", () => {
    const executionArn = api().state.executionArn as string;
    expect(executionArn).toMatch(new RegExp(`^arn:aws:execute-api:us-east-1:${MOCK_ACCOUNT_ID}:`));
    const permissions = stack.ofType("aws:lambda/permission:Permission").map((p) => p.inputs);
    expect(permissions).toHaveLength(2);
    for (const permission of permissions) {
      expect(permission).toMatchObject({ action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", function: `webhook-validator-${SUFFIX}` });
    }
    expect(permissions.map((p) => p.sourceArn).sort()).toEqual([`${executionArn}/*/POST/webhooks`, `${executionArn}/*/POST/webhooks/*`]);
  });
});

describe("deployment", () => {
  const trigger = (s: Stack) => (s.named("aws:apigateway/deployment:Deployment", "webhook-api-deployment").inputs.triggers as Json).redeployment;

  it("redeploys on a hash of the routes", () => {
    expect(trigger(stack)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hash changes when an integration changes and stays put when nothing does", async () => {
    const same = await runStack({}, { fresh: true });
    expect(trigger(same)).toBe(trigger(stack));
    const otherSuffix = await runStack({ "payment-webhooks:environmentSuffix": "other" });
    // Another suffix means another validator function, so another integration URI.
    expect(trigger(otherSuffix)).not.toBe(trigger(stack));
  });
});

describe("stage", () => {
  const stage = (s: Stack = stack) => s.named("aws:apigateway/stage:Stage", "webhook-api-stage").inputs;

  it("is the suffix, deployed from the deployment, with X-Ray tracing", () => {
    expect(stage().stageName).toBe(SUFFIX);
    expect(stage().deployment).toBe(stack.named("aws:apigateway/deployment:Deployment", "webhook-api-deployment").id);
    expect(stage().xrayTracingEnabled).toBe(true);
  });

  it("writes JSON access logs to an encrypted log group with retention", () => {
    const logGroup = stack.named("aws:cloudwatch/logGroup:LogGroup", "webhook-api-access-logs");
    const key = stack.named("aws:kms/key:Key", "payment-webhooks-key");
    expect(logGroup.inputs).toMatchObject({ name: `/aws/apigateway/webhook-api-${SUFFIX}/access`, retentionInDays: 30, kmsKeyId: key.state.arn });
    const settings = stage().accessLogSettings as { destinationArn: string; format: string };
    expect(settings.destinationArn).toBe(logGroup.state.arn);
    const format = JSON.parse(settings.format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      ip: "$context.identity.sourceIp",
      httpMethod: "$context.httpMethod",
      path: "$context.path",
      status: "$context.status",
      responseLatency: "$context.responseLatency",
      xrayTraceId: "$context.xrayTraceId",
    });
    // Signatures travel in headers: no header or body variables in the access log.
    expect(settings.format).not.toMatch(/requestOverride|\$input|header/i);
  });

  it("owns its execution log group so it has retention and encryption", () => {
    const logGroup = stack.named("aws:cloudwatch/logGroup:LogGroup", "webhook-api-execution-logs").inputs;
    expect(logGroup).toMatchObject({
      name: `API-Gateway-Execution-Logs_${api().id}/${SUFFIX}`,
      retentionInDays: 30,
      kmsKeyId: stack.named("aws:kms/key:Key", "payment-webhooks-key").state.arn,
    });
  });

  it("throttles, records metrics and logs at INFO without data trace", () => {
    const settings = stack.named("aws:apigateway/methodSettings:MethodSettings", "webhook-api-method-settings").inputs;
    expect(settings.methodPath).toBe("*/*");
    expect(settings.stageName).toBe(SUFFIX);
    expect(settings.settings).toEqual({
      metricsEnabled: true,
      loggingLevel: "INFO",
      dataTraceEnabled: false,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
    });
  });

  it("uses the configured throttling", () => {
    const settings = managedAccountStack.named("aws:apigateway/methodSettings:MethodSettings", "webhook-api-method-settings").inputs.settings as Json;
    expect(settings.throttlingRateLimit).toBe(25);
    expect(settings.throttlingBurstLimit).toBe(50);
  });
});

describe("account-level CloudWatch role", () => {
  it("is left alone by default (one per account and region)", () => {
    expect(stack.ofType("aws:apigateway/account:Account")).toHaveLength(0);
    expect(stack.resources.filter((r) => r.type === "aws:iam/role:Role" && String(r.inputs.name).startsWith("apigateway-"))).toHaveLength(0);
  });

  it("is created with its own role when manageApiGatewayAccount is true", () => {
    const account = managedAccountStack.named("aws:apigateway/account:Account", "apigateway-account-settings");
    const role = managedAccountStack.named("aws:iam/role:Role", "apigateway-account-role");
    expect(account.inputs.cloudwatchRoleArn).toBe(role.state.arn);
    expect(role.inputs.name).toBe(`apigateway-cloudwatch-role-${SUFFIX}`);
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
      },
    ]);
    const policy = JSON.parse(String(managedAccountStack.named("aws:iam/rolePolicy:RolePolicy", "apigateway-account-policy").inputs.policy));
    // Each action on its resource type in the Service Authorization Reference
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
    const bySid = (sid: string) => (policy.Statement as Json[]).find((s) => s.Sid === sid);
    expect(bySid("FindOrCreateLogGroups")?.Action).toEqual(["logs:CreateLogGroup", "logs:DescribeLogStreams"]);
    expect(bySid("FindOrCreateLogGroups")?.Resource).toEqual([`arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:*`]);
    expect(bySid("WriteExecutionLogs")?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(bySid("WriteExecutionLogs")?.Resource).toEqual([`arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:*:log-stream:*`]);
  });
});

describe("non-default config reaches the resources", () => {
  const fn = (name: string) => managedAccountStack.named("aws:lambda/function:Function", `${name}-function`).inputs;

  it("Lambda runtime, concurrency, memory, timeout and log level", () => {
    expect(fn("webhook-validator").runtime).toBe("nodejs24.x");
    expect(fn("payment-processor").runtime).toBe("nodejs24.x");
    expect(fn("webhook-validator").reservedConcurrentExecutions).toBe(7);
    expect(fn("payment-processor").reservedConcurrentExecutions).toBe(3);
    expect(fn("payment-processor").memorySize).toBe(1024);
    expect(fn("payment-processor").timeout).toBe(45);
    expect((fn("payment-processor").environment as Json).variables.POWERTOOLS_LOG_LEVEL).toBe("WARN");
  });

  it("log retention on every log group", () => {
    const retentions = managedAccountStack.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.retentionInDays);
    expect(retentions.length).toBeGreaterThanOrEqual(5);
    expect(new Set(retentions)).toEqual(new Set([90]));
  });

  it("workflow type, retry tuning and a task timeout above the processor's", () => {
    const machine = managedAccountStack.named("aws:sfn/stateMachine:StateMachine", "payment-processing-state-machine").inputs;
    expect(machine.type).toBe("EXPRESS");
    const definition = JSON.parse(String(machine.definition)) as { States: Record<string, Json> };
    const lambdaTasks = Object.values(definition.States).filter((state) => state.Resource === "arn:aws:states:::lambda:invoke");
    expect(lambdaTasks).toHaveLength(1);
    expect(lambdaTasks[0].TimeoutSeconds).toBe(55);
    // Throttling (Lambda's TooManyRequestsException, per the Step Functions "Handle errors" guide)
    // has its own Retry first; the configured tuning applies to the transient errors after it.
    const [throttling, transient] = lambdaTasks[0].Retry;
    expect(throttling.ErrorEquals).toContain("Lambda.TooManyRequestsException");
    expect(transient.ErrorEquals).not.toContain("Lambda.TooManyRequestsException");
    expect(transient).toMatchObject({ MaxAttempts: 3, BackoffRate: 2, IntervalSeconds: 2, MaxDelaySeconds: 300, JitterStrategy: "FULL" });
  });
});
