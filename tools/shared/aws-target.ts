/**
 * Which stack and which endpoint an operator tool talks to. The same code runs against an AWS
 * account and against `npm start`: only the endpoint differs, chosen by `--endpoint-url` or the
 * SDK's own `AWS_ENDPOINT_URL` setting (AWS SDKs and Tools Reference Guide, "Service-specific
 * endpoints"). Credentials come from the SDK's default chain; only a loopback endpoint with no
 * credentials configured gets the local runtime's dummy ones, so a real account is never
 * reached with them.
 */
import { resolve } from "node:path";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { validateEnvironmentSuffix } from "../../contract/naming";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/support/aws-clients";
import { readStackConfig } from "../../policy-pack/gate/stack-config";
import type { ParsedOptions } from "./cli-options";
import { PROJECT } from "./stack-model";

/** Options every tool that reaches AWS takes. */
export const TARGET_OPTIONS = ["stack-config", "environment-suffix", "endpoint-url", "region"] as const;

export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export interface ToolTarget {
  environmentSuffix: string;
  /** Every key of the stack file (`namespace:key`), when one was read. */
  stackConfig: Record<string, string>;
  stackFile: string | undefined;
  clientConfig: ClientConfig;
}

export function resolveTarget(options: ParsedOptions, env: NodeJS.ProcessEnv = process.env): ToolTarget {
  const explicitSuffix = options.values.get("environment-suffix");
  const stackFileOption = options.values.get("stack-config");
  // The stack file is read unless the suffix alone was given (e.g. `--environment-suffix local`).
  const stackFile = stackFileOption !== undefined || explicitSuffix === undefined ? resolve(stackFileOption ?? "Pulumi.dev.yaml") : undefined;
  const stackConfig = stackFile === undefined ? {} : readStackConfig(stackFile, PROJECT).config;
  const environmentSuffix = validateEnvironmentSuffix(explicitSuffix ?? stackConfig[`${PROJECT}:environmentSuffix`]);
  const endpoint = options.values.get("endpoint-url");
  const effectiveEndpoint = endpoint ?? env.AWS_ENDPOINT_URL;
  const local = effectiveEndpoint !== undefined && isLoopback(effectiveEndpoint);
  const region = options.values.get("region") ?? stackConfig["aws:region"] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (local ? LOCAL_REGION : undefined);
  if (region === undefined) throw new Error("no region: pass --region, set aws:region in the stack file, or set AWS_REGION.");
  const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
  const clientConfig: ClientConfig = {
    region,
    maxAttempts: 3,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(local && !hasCredentials ? { credentials: { ...LOCAL_CREDENTIALS } } : {}),
  };
  return { environmentSuffix, stackConfig, stackFile, clientConfig };
}

export function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
  } catch {
    return false;
  }
}

/** The account the credentials belong to (STS GetCallerIdentity needs no permission). */
export async function callerAccount(sts: STSClient): Promise<{ account: string; arn: string }> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (!identity.Account || !identity.Arn) throw new Error("GetCallerIdentity answered without Account/Arn.");
  return { account: identity.Account, arn: identity.Arn };
}
