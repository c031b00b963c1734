/**
 * Read-only checks, before the first `pulumi up` in an account and region, that the account can
 * take the stack as configured. Each finding says what is wrong, why it matters, and the exact
 * fix. Only Get/List calls are made.
 */
import { GetAccountCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ListPipesCommand, type PipesClient } from "@aws-sdk/client-pipes";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { StackConfig } from "../../lib/config";
import { stackResources } from "../shared/stack-resources";

export type Severity = "ok" | "warning" | "error";

export interface Finding {
  check: "account" | "lambda-concurrency" | "api-gateway-logging-role" | "lambda-runtime" | "pipes-availability";
  severity: Severity;
  what: string;
  why?: string;
  fix?: string;
}

export interface PreflightClients {
  sts: STSClient;
  lambda: LambdaClient;
  apiGateway: APIGatewayClient;
  pipes: PipesClient;
}

export interface PreflightInput {
  config: Pick<StackConfig, "environmentSuffix" | "lambdaRuntime" | "validator" | "processor" | "manageApiGatewayAccount">;
  region: string;
  /** Accounts the stack may deploy to (`aws:allowedAccountIds`); empty when none is declared. */
  allowedAccountIds: readonly string[];
  now: Date;
}

/**
 * Lambda keeps part of the account's concurrency unreserved for functions without a reservation:
 * PutFunctionConcurrency refuses a reservation that would leave less ("Lambda function scaling"
 * and "Configuring reserved concurrency", AWS Lambda Developer Guide).
 */
export const MINIMUM_UNRESERVED_CONCURRENCY = 100;
/** Service Quotas code of Lambda "Concurrent executions". */
export const LAMBDA_CONCURRENCY_QUOTA_CODE = "L-B99A9384";

/**
 * When Lambda stops accepting new functions on each runtime the stack allows ("Block function
 * create" column of "Lambda runtimes", AWS Lambda Developer Guide). Deprecation is 2027-04-30 for
 * nodejs22.x and 2028-04-30 for nodejs24.x (same page; endoflife.date/aws-lambda lists them too,
 * with updates blocked from 1 July); block-create falls between the two, as it did for
 * nodejs18.x (deprecated 2025-09-01, create blocked October 2025). Re-check the page before relying
 * on a date within a month of today.
 */
export const RUNTIME_BLOCK_CREATE: Readonly<Record<string, string>> = {
  "nodejs22.x": "2027-06-01",
  "nodejs24.x": "2028-06-01",
};

export async function preflight(clients: PreflightClients, input: PreflightInput): Promise<Finding[]> {
  const account = await checkAccount(clients.sts, input);
  return [
    account.finding,
    ...(account.id === undefined ? [] : [await checkConcurrency(clients.lambda, input, account.id)]),
    await checkApiGatewayRole(clients.apiGateway, input),
    checkRuntime(input),
    await checkPipes(clients.pipes, input),
  ];
}

async function checkAccount(sts: STSClient, input: PreflightInput): Promise<{ id?: string; finding: Finding }> {
  let identity;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    return {
      finding: {
        check: "account",
        severity: "error",
        what: `The credentials could not be used: ${(error as Error).name}: ${(error as Error).message}`,
        why: "Every other check and `pulumi up` itself need working credentials.",
        fix: "Sign in for the target account (e.g. `aws sso login --profile <profile>`) and `export AWS_PROFILE=<profile>`, then run preflight again.",
      },
    };
  }
  const id = identity.Account ?? "?";
  if (input.allowedAccountIds.length === 0) {
    return {
      id,
      finding: {
        check: "account",
        severity: "warning",
        what: `The credentials are for account ${id} (${identity.Arn}); the stack declares no intended account.`,
        why: "Without aws:allowedAccountIds, `pulumi up` deploys into whichever account the shell's credentials point at.",
        fix: `pulumi config set --path 'aws:allowedAccountIds[0]' '"${id}"'   # if ${id} is the intended account`,
      },
    };
  }
  if (!input.allowedAccountIds.includes(id)) {
    return {
      id,
      finding: {
        check: "account",
        severity: "error",
        what: `The credentials are for account ${id} (${identity.Arn}), not the intended ${input.allowedAccountIds.join(" or ")}.`,
        why: "The stack would be deployed into the wrong account (the AWS provider refuses it with aws:allowedAccountIds, after the plan is made).",
        fix: `Switch to credentials of ${input.allowedAccountIds[0]} (e.g. \`export AWS_PROFILE=<profile of ${input.allowedAccountIds[0]}>\`) and run preflight again.`,
      },
    };
  }
  return { id, finding: { check: "account", severity: "ok", what: `The credentials are for the intended account ${id} (${identity.Arn}).` } };
}

async function currentReservation(lambda: LambdaClient, functionName: string): Promise<number> {
  try {
    const { ReservedConcurrentExecutions } = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName }));
    return ReservedConcurrentExecutions ?? 0;
  } catch (error) {
    // Not deployed yet: nothing of the account's pool is reserved for it.
    if ((error as Error).name === "ResourceNotFoundException") return 0;
    throw error;
  }
}

async function checkConcurrency(lambda: LambdaClient, input: PreflightInput, account: string): Promise<Finding> {
  const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
  const quota = AccountLimit?.ConcurrentExecutions ?? 0;
  const unreserved = AccountLimit?.UnreservedConcurrentExecutions ?? 0;
  const names = stackResources(input.config.environmentSuffix, account, input.region);
  // A redeploy replaces the functions' own reservations: give those back before taking the new ones.
  const alreadyReserved = (await currentReservation(lambda, names.validatorFunctionName)) + (await currentReservation(lambda, names.processorFunctionName));
  const wanted = input.config.validator.reservedConcurrency + input.config.processor.reservedConcurrency;
  const after = unreserved + alreadyReserved - wanted;
  const summary =
    `Reserving ${input.config.validator.reservedConcurrency} (validator) + ${input.config.processor.reservedConcurrency} (processor) ` +
    `of the account's ${quota} concurrent executions leaves ${after} unreserved`;
  if (after >= MINIMUM_UNRESERVED_CONCURRENCY) {
    return { check: "lambda-concurrency", severity: "ok", what: `${summary} (at least ${MINIMUM_UNRESERVED_CONCURRENCY} must stay unreserved).` };
  }
  const needed = quota + (MINIMUM_UNRESERVED_CONCURRENCY - after);
  return {
    check: "lambda-concurrency",
    severity: "error",
    what: `${summary}, below the minimum of ${MINIMUM_UNRESERVED_CONCURRENCY}.`,
    why: "Lambda refuses a reservation that leaves the account's unreserved concurrency below its minimum, so `pulumi up` fails creating the functions.",
    fix:
      `aws service-quotas request-service-quota-increase --region ${input.region} --service-code lambda --quota-code ${LAMBDA_CONCURRENCY_QUOTA_CODE} --desired-value ${Math.max(needed, 1000)}` +
      ` (at least ${needed}), or lower validatorReservedConcurrency / processorReservedConcurrency so their sum is at most ${unreserved + alreadyReserved - MINIMUM_UNRESERVED_CONCURRENCY}` +
      (unreserved + alreadyReserved - MINIMUM_UNRESERVED_CONCURRENCY < 2 ? " (impossible here: each needs at least 1)" : "") +
      ".",
  };
}

async function checkApiGatewayRole(apiGateway: APIGatewayClient, input: PreflightInput): Promise<Finding> {
  const { cloudwatchRoleArn } = await apiGateway.send(new GetAccountCommand({}));
  if (input.config.manageApiGatewayAccount) {
    if (cloudwatchRoleArn === undefined || cloudwatchRoleArn === "") {
      return { check: "api-gateway-logging-role", severity: "ok", what: `The stack sets API Gateway's CloudWatch Logs role for ${input.region} (manageApiGatewayAccount is true); none is set yet.` };
    }
    return {
      check: "api-gateway-logging-role",
      severity: "warning",
      what: `API Gateway in ${input.region} already has a CloudWatch Logs role (${cloudwatchRoleArn}), and manageApiGatewayAccount is true.`,
      why: "The setting is one per account and region: this stack will replace it, and another stack that manages it will fight over it or remove it on destroy.",
      fix: "If another stack (or someone by hand) set it: pulumi config set manageApiGatewayAccount false",
    };
  }
  if (cloudwatchRoleArn) {
    return { check: "api-gateway-logging-role", severity: "ok", what: `API Gateway in ${input.region} has a CloudWatch Logs role: ${cloudwatchRoleArn}.` };
  }
  return {
    check: "api-gateway-logging-role",
    severity: "error",
    what: `API Gateway in ${input.region} has no CloudWatch Logs role, and manageApiGatewayAccount is false.`,
    why: 'The stage turns on access and execution logging, which `pulumi up` then fails with "CloudWatch Logs role ARN must be set in account settings to enable logging".',
    fix:
      "Either let this stack own the setting (in exactly one stack per account and region): pulumi config set manageApiGatewayAccount true\n" +
      `  or set it once by hand: aws apigateway update-account --region ${input.region} --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::<account>:role/<role trusted by apigateway.amazonaws.com with the AmazonAPIGatewayPushToCloudWatchLogs policy>`,
  };
}

function checkRuntime(input: PreflightInput): Finding {
  const runtime = input.config.lambdaRuntime;
  const blockedFrom = RUNTIME_BLOCK_CREATE[runtime];
  const newest = Object.entries(RUNTIME_BLOCK_CREATE).sort(([, a], [, b]) => b.localeCompare(a))[0]![0];
  if (blockedFrom === undefined) {
    return { check: "lambda-runtime", severity: "error", what: `Runtime ${runtime} is not one preflight knows.`, fix: `pulumi config set lambdaRuntime ${newest}` };
  }
  const today = input.now.toISOString().slice(0, 10);
  if (today >= blockedFrom) {
    return {
      check: "lambda-runtime",
      severity: "error",
      what: `Lambda blocks creating ${runtime} functions since ${blockedFrom}.`,
      why: "`pulumi up` fails creating both functions.",
      fix: `pulumi config set lambdaRuntime ${newest}`,
    };
  }
  const daysLeft = Math.floor((Date.parse(blockedFrom) - input.now.getTime()) / 86_400_000);
  if (daysLeft <= 90) {
    return {
      check: "lambda-runtime",
      severity: "warning",
      what: `${runtime} can be created for ${daysLeft} more day(s): Lambda blocks creating it from ${blockedFrom}.`,
      why: "A stack created after that date (a new environment, a replaced function) fails.",
      fix: runtime === newest ? "Watch the Lambda runtimes page for the next Node.js runtime." : `pulumi config set lambdaRuntime ${newest}`,
    };
  }
  return { check: "lambda-runtime", severity: "ok", what: `${runtime} can be created (Lambda blocks creating it from ${blockedFrom}).` };
}

async function checkPipes(pipes: PipesClient, input: PreflightInput): Promise<Finding> {
  try {
    await pipes.send(new ListPipesCommand({ Limit: 1 }));
    return { check: "pipes-availability", severity: "ok", what: `EventBridge Pipes answers in ${input.region}.` };
  } catch (error) {
    const name = (error as Error).name;
    const code = (error as { code?: string }).code;
    if (name === "AccessDeniedException") {
      return {
        check: "pipes-availability",
        severity: "warning",
        what: `Could not check EventBridge Pipes in ${input.region}: the credentials may not call pipes:ListPipes.`,
        why: "The stack creates a Pipe; its availability is unverified.",
        fix: "Run preflight with credentials allowed pipes:ListPipes, or check the region in the AWS Regional Services list.",
      };
    }
    const unreachable = code === "ENOTFOUND" || name === "UnknownEndpoint" || /getaddrinfo|ENOTFOUND/.test((error as Error).message);
    return {
      check: "pipes-availability",
      severity: "error",
      what: unreachable
        ? `EventBridge Pipes has no endpoint in ${input.region} (pipes.${input.region}.amazonaws.com does not resolve).`
        : `EventBridge Pipes in ${input.region} refused ListPipes: ${name}: ${(error as Error).message}`,
      why: "The stack reads the table's stream with a Pipe; without Pipes the event flow cannot be deployed.",
      fix: unreachable ? "Deploy to a region where Pipes is available: pulumi config set aws:region us-east-1" : "Resolve the error above (opt-in region? SCP?) and run preflight again.",
    };
  }
}

/** `aws:allowedAccountIds` as the stack file holds it: a YAML list (read as JSON text) or one id. */
export function parseAllowedAccountIds(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
    return [String(parsed)];
  } catch {
    return raw.split(",").map((id) => id.trim()).filter(Boolean);
  }
}

export function formatFindings(findings: readonly Finding[]): string[] {
  const mark: Record<Severity, string> = { ok: "OK   ", warning: "WARN ", error: "FAIL " };
  return findings.flatMap((finding) => [
    `${mark[finding.severity]} ${finding.check}: ${finding.what}`,
    ...(finding.why ? [`      why: ${finding.why}`] : []),
    ...(finding.fix ? [`      fix: ${finding.fix}`] : []),
  ]);
}

export function exitCode(findings: readonly Finding[]): 0 | 1 {
  return findings.some((finding) => finding.severity === "error") ? 1 : 0;
}
