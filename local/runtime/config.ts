/**
 * Configuration of the local runtime, from environment variables with safe defaults. Errors
 * name the offending variable; secret values are never echoed.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const EXAMPLES_DIR = resolve(__dirname, "..", "..", "examples");
export const SAMPLE_SECRETS_FILE = join(EXAMPLES_DIR, "local-signing-secrets.json");
export const SAMPLE_FAULTS_FILE = join(EXAMPLES_DIR, "local-faults.json");

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
  };
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
