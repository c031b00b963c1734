/**
 * Configuration of the local runtime, from environment variables with safe defaults. Errors
 * name the offending variable; secret values are never echoed.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const EXAMPLES_DIR = resolve(__dirname, "..", "..", "examples");
export const SAMPLE_SECRETS_FILE = join(EXAMPLES_DIR, "local-signing-secrets.json");
export const SAMPLE_FAULTS_FILE = join(EXAMPLES_DIR, "local-faults.json");
/** Where `npm start` keeps its tables, stream records and Pipe checkpoint unless told otherwise. */
export const DEFAULT_DATA_DIR = resolve(__dirname, "..", "..", ".local-data");

export interface LocalRuntimeConfig {
  /** PORT, default 3000; 0 picks a free port. */
  port: number;
  /** JSON for WEBHOOK_SIGNING_SECRETS (same format as the deployed Lambda). */
  signingSecretsJson: string;
  /** Where the secrets came from, for the start-up banner (never the values). */
  signingSecretsSource: string;
  /** LOCAL_RETRY_WAIT_MS: fixed wait between workflow retries; unset = the definition's own backoff. */
  retryWaitMs: number | undefined;
  /** LOCAL_FAULTS_FILE: fault-injection plan for the processor binding (examples/local-faults.json). */
  faultsFile: string | undefined;
  /** LOCAL_LAMBDA_LOG_LEVEL: Powertools log level of the handlers. @default "ERROR" */
  lambdaLogLevel: string;
  /**
   * LOCAL_DATA_DIR: directory for durable local state (tables, stream records, Pipe checkpoint);
   * `memory` keeps everything in memory. @default DEFAULT_DATA_DIR
   */
  dataDir: string | undefined;
  /**
   * LOCAL_AWS_LIMITS: `on` applies the stack's API throttling and reserved concurrencies; `off`
   * lifts them (a quick demo on a slow machine). @default on
   */
  awsLimits: boolean;
  /** LOCAL_STACK: the stack whose Pulumi.<stack>.yaml overrides Pulumi.yaml's limits. @default "dev" */
  stack: string;
}

export class LocalConfigError extends Error {
  override name = "LocalConfigError";
}

export function readLocalRuntimeConfig(env: NodeJS.ProcessEnv = process.env): LocalRuntimeConfig {
  const fromEnv = env.WEBHOOK_SIGNING_SECRETS;
  const signingSecretsJson = fromEnv ?? readFileSync(SAMPLE_SECRETS_FILE, "utf8");
  return {
    port: integer(env, "PORT", 3000, 0, 65535),
    signingSecretsJson,
    signingSecretsSource:
      fromEnv !== undefined ? "the WEBHOOK_SIGNING_SECRETS environment variable" : `${relative(process.cwd(), SAMPLE_SECRETS_FILE) || SAMPLE_SECRETS_FILE} (local samples; override with WEBHOOK_SIGNING_SECRETS)`,
    retryWaitMs: env.LOCAL_RETRY_WAIT_MS === undefined ? undefined : integer(env, "LOCAL_RETRY_WAIT_MS", 0, 0, 600_000),
    faultsFile: env.LOCAL_FAULTS_FILE === "" ? undefined : (env.LOCAL_FAULTS_FILE ?? SAMPLE_FAULTS_FILE),
    lambdaLogLevel: env.LOCAL_LAMBDA_LOG_LEVEL ?? "ERROR",
    dataDir: env.LOCAL_DATA_DIR === "memory" ? undefined : env.LOCAL_DATA_DIR ? resolve(env.LOCAL_DATA_DIR) : DEFAULT_DATA_DIR,
    awsLimits: onOff(env, "LOCAL_AWS_LIMITS", true),
    stack: stackName(env.LOCAL_STACK ?? "dev"),
  };
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  if (text === "on" || text === "off") return text === "on";
  throw new LocalConfigError(`${name} must be "on" or "off"; got ${JSON.stringify(text)}.`);
}

function stackName(text: string): string {
  // It names a file next to Pulumi.yaml: no path separators.
  if (!/^[A-Za-z0-9_.-]+$/.test(text)) throw new LocalConfigError(`LOCAL_STACK must be a stack name (letters, digits, _ . -); got ${JSON.stringify(text)}.`);
  return text;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new LocalConfigError(`${name} must be an integer between ${min} and ${max}; got ${JSON.stringify(text)}.`);
  }
  return value;
}
