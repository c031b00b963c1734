/**
 * Every branch of preflight, with recorded responses in the shapes of the AWS API references:
 * STS GetCallerIdentity (UserId/Account/Arn), Lambda GetAccountSettings (AccountLimit
 * ConcurrentExecutions/UnreservedConcurrentExecutions) and GetFunctionConcurrency
 * (ReservedConcurrentExecutions; ResourceNotFoundException for a function that does not exist),
 * API Gateway GetAccount (cloudwatchRoleArn, throttleSettings), Pipes ListPipes (Pipes, NextToken).
 * The arithmetic cases are the issue's own: a quota of 10 cannot reserve 10 + 5; 1,000 leaves 985.
 */
import { APIGatewayClient, GetAccountCommand } from "@aws-sdk/client-api-gateway";
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, ResourceNotFoundException } from "@aws-sdk/client-lambda";
import { ListPipesCommand, PipesClient } from "@aws-sdk/client-pipes";
import { ExpiredTokenException, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { exitCode, formatFindings, parseAllowedAccountIds, preflight, type Finding, type PreflightInput } from "../../tools/preflight/preflight";

const ACCOUNT = "123456789012";
const sts = mockClient(STSClient);
const lambda = mockClient(LambdaClient);
const apiGateway = mockClient(APIGatewayClient);
const pipes = mockClient(PipesClient);
const clients = { sts: new STSClient({ region: "us-east-1" }), lambda: new LambdaClient({ region: "us-east-1" }), apiGateway: new APIGatewayClient({ region: "us-east-1" }), pipes: new PipesClient({ region: "us-east-1" }) };

const input = (overrides: Partial<PreflightInput> & { manage?: boolean; runtime?: string } = {}): PreflightInput => ({
  config: {
    environmentSuffix: "dev",
    lambdaRuntime: (overrides.runtime ?? "nodejs22.x") as "nodejs22.x",
    validator: { reservedConcurrency: 10, memorySize: 256, timeoutSeconds: 10 },
    processor: { reservedConcurrency: 5, memorySize: 256, timeoutSeconds: 30 },
    manageApiGatewayAccount: overrides.manage ?? false,
  },
  region: "us-east-1",
  allowedAccountIds: [ACCOUNT],
  now: new Date("2026-12-01T00:00:00Z"),
  ...overrides,
});

const notFound = (name: string) => new ResourceNotFoundException({ message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`, $metadata: {}, Type: "User" });

function healthyAccount(): void {
  sts.on(GetCallerIdentityCommand).resolves({ UserId: "AIDAEXAMPLE", Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/deployer` });
  lambda.on(GetAccountSettingsCommand).resolves({
    AccountLimit: { TotalCodeSize: 80530636800, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800, ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
    AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
  });
  lambda.on(GetFunctionConcurrencyCommand).callsFake(({ FunctionName }) => Promise.reject(notFound(FunctionName)));
  apiGateway.on(GetAccountCommand).resolves({ cloudwatchRoleArn: `arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`, throttleSettings: { burstLimit: 5000, rateLimit: 10000 } });
  pipes.on(ListPipesCommand).resolves({ Pipes: [] });
}

beforeEach(() => {
  [sts, lambda, apiGateway, pipes].forEach((mock) => mock.reset());
  healthyAccount();
});

const finding = (findings: Finding[], check: Finding["check"]) => findings.find((candidate) => candidate.check === check)!;

describe("preflight", () => {
  it("passes a healthy account with exit 0 and makes only read calls", async () => {
    const findings = await preflight(clients, input());
    expect(findings.map((entry) => [entry.check, entry.severity])).toEqual([
      ["account", "ok"],
      ["lambda-concurrency", "ok"],
      ["api-gateway-logging-role", "ok"],
      ["lambda-runtime", "ok"],
      ["pipes-availability", "ok"],
    ]);
    expect(finding(findings, "lambda-concurrency").what).toContain("leaves 985 unreserved");
    expect(exitCode(findings)).toBe(0);
    const commands = [sts, lambda, apiGateway, pipes].flatMap((mock) => mock.calls().map((call) => call.args[0].constructor.name));
    expect(commands.every((name) => /^(Get|List)/.test(name))).toBe(true);
  });

  describe("account", () => {
    it("fails when the credentials are for another account", async () => {
      const findings = await preflight(clients, input({ allowedAccountIds: ["210987654321"] }));
      expect(finding(findings, "account")).toMatchObject({ severity: "error", fix: expect.stringContaining("210987654321") });
      expect(exitCode(findings)).toBe(1);
    });
    it("warns, with the config command, when the stack names no account", async () => {
      const findings = await preflight(clients, input({ allowedAccountIds: [] }));
      expect(finding(findings, "account")).toMatchObject({ severity: "warning", fix: `pulumi config set --path 'aws:allowedAccountIds[0]' '"${ACCOUNT}"'   # if ${ACCOUNT} is the intended account` });
      expect(exitCode(findings)).toBe(0);
    });
    it("fails, and skips the account-bound checks, when the credentials do not work", async () => {
      sts.on(GetCallerIdentityCommand).rejects(new ExpiredTokenException({ message: "The security token included in the request is expired", $metadata: {} }));
      const findings = await preflight(clients, input());
      expect(finding(findings, "account")).toMatchObject({ severity: "error", what: expect.stringContaining("ExpiredTokenException") });
      expect(finding(findings, "lambda-concurrency")).toBeUndefined();
    });
  });

  describe("lambda concurrency", () => {
    it("fails for an account whose quota is 10: nothing can be reserved, with the quota request", async () => {
      lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 } });
      const result = finding(await preflight(clients, input()), "lambda-concurrency");
      expect(result.severity).toBe("error");
      expect(result.what).toContain("leaves -5 unreserved, below the minimum of 100");
      expect(result.fix).toContain("aws service-quotas request-service-quota-increase --region us-east-1 --service-code lambda --quota-code L-B99A9384 --desired-value 1000 (at least 115)");
      expect(result.fix).toContain("impossible here");
    });
    it("counts the functions' current reservations back in on a redeploy", async () => {
      lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 115, UnreservedConcurrentExecutions: 100 } });
      lambda.on(GetFunctionConcurrencyCommand, { FunctionName: "webhook-validator-dev" }).resolves({ ReservedConcurrentExecutions: 10 });
      lambda.on(GetFunctionConcurrencyCommand, { FunctionName: "payment-processor-dev" }).resolves({ ReservedConcurrentExecutions: 5 });
      expect(finding(await preflight(clients, input()), "lambda-concurrency")).toMatchObject({ severity: "ok", what: expect.stringContaining("leaves 100 unreserved") });
    });
    it("fails when other functions' reservations leave too little", async () => {
      lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 110 } });
      const result = finding(await preflight(clients, input()), "lambda-concurrency");
      expect(result).toMatchObject({ severity: "error", what: expect.stringContaining("leaves 95 unreserved") });
      expect(result.fix).toContain("--desired-value 1005 (at least 1005)");
      expect(result.fix).toContain("sum is at most 10.");
    });
  });

  describe("API Gateway CloudWatch Logs role", () => {
    it("fails when no role is set and the stack does not manage it, quoting the error pulumi up would hit", async () => {
      apiGateway.on(GetAccountCommand).resolves({ throttleSettings: { burstLimit: 5000, rateLimit: 10000 } });
      const result = finding(await preflight(clients, input()), "api-gateway-logging-role");
      expect(result.severity).toBe("error");
      expect(result.why).toContain('"CloudWatch Logs role ARN must be set in account settings to enable logging"');
      expect(result.fix).toContain("pulumi config set manageApiGatewayAccount true");
      expect(result.fix).toContain("aws apigateway update-account --region us-east-1 --patch-operations op=replace,path=/cloudwatchRoleArn,value=");
    });
    it("passes when the stack manages a region that has no role yet", async () => {
      apiGateway.on(GetAccountCommand).resolves({});
      expect(finding(await preflight(clients, input({ manage: true })), "api-gateway-logging-role").severity).toBe("ok");
    });
    it("warns when the stack would take over a role someone else set", async () => {
      expect(finding(await preflight(clients, input({ manage: true })), "api-gateway-logging-role")).toMatchObject({
        severity: "warning",
        fix: "If another stack (or someone by hand) set it: pulumi config set manageApiGatewayAccount false",
      });
    });
  });

  describe("runtime", () => {
    it("warns within 90 days of the block on creating functions", async () => {
      expect(finding(await preflight(clients, input({ now: new Date("2027-04-01T00:00:00Z") })), "lambda-runtime")).toMatchObject({
        severity: "warning",
        what: "nodejs22.x can be created for 61 more day(s): Lambda blocks creating it from 2027-06-01.",
        fix: "pulumi config set lambdaRuntime nodejs24.x",
      });
    });
    it("fails once creating functions is blocked", async () => {
      const result = finding(await preflight(clients, input({ now: new Date("2027-06-01T00:00:00Z") })), "lambda-runtime");
      expect(result).toMatchObject({ severity: "error", fix: "pulumi config set lambdaRuntime nodejs24.x" });
    });
    it("fails for a runtime it does not know", async () => {
      expect(finding(await preflight(clients, input({ runtime: "nodejs20.x" })), "lambda-runtime").severity).toBe("error");
    });
  });

  describe("EventBridge Pipes", () => {
    it("fails when the region has no Pipes endpoint", async () => {
      pipes.on(ListPipesCommand).rejects(Object.assign(new Error("getaddrinfo ENOTFOUND pipes.ap-east-2.amazonaws.com"), { code: "ENOTFOUND" }));
      const result = finding(await preflight(clients, input({ region: "ap-east-2" })), "pipes-availability");
      expect(result).toMatchObject({ severity: "error", what: expect.stringContaining("pipes.ap-east-2.amazonaws.com does not resolve") });
    });
    it("warns when the credentials may not list pipes", async () => {
      pipes.on(ListPipesCommand).rejects(Object.assign(new Error("User is not authorized to perform: pipes:ListPipes"), { name: "AccessDeniedException" }));
      expect(finding(await preflight(clients, input()), "pipes-availability").severity).toBe("warning");
    });
    it("fails with the service's message for any other refusal", async () => {
      pipes.on(ListPipesCommand).rejects(Object.assign(new Error("The security token included in the request is invalid."), { name: "UnrecognizedClientException" }));
      expect(finding(await preflight(clients, input()), "pipes-availability")).toMatchObject({ severity: "error", what: expect.stringContaining("UnrecognizedClientException") });
    });
  });

  it("prints what, why and fix for each finding", async () => {
    apiGateway.on(GetAccountCommand).resolves({});
    const lines = formatFindings(await preflight(clients, input()));
    const index = lines.findIndex((line) => line.startsWith("FAIL  api-gateway-logging-role"));
    expect(lines[index + 1]).toMatch(/^ {6}why: /);
    expect(lines[index + 2]).toMatch(/^ {6}fix: /);
  });

  it("reads aws:allowedAccountIds as the stack file holds it", () => {
    expect(parseAllowedAccountIds('["123456789012","210987654321"]')).toEqual(["123456789012", "210987654321"]);
    expect(parseAllowedAccountIds("123456789012")).toEqual(["123456789012"]);
    expect(parseAllowedAccountIds(undefined)).toEqual([]);
  });
});
