/**
 * Reading Lambda configuration from environment variables, Powertools style: read once at cold
 * start and throw naming the variable, so a misconfigured deployment fails loudly on its first
 * invocation instead of misbehaving per request.
 */

import { ConfigurationError } from "../../contract/configuration-error";

export type Environment = Readonly<Record<string, string | undefined>>;


export function requireEnv(env: Environment, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new ConfigurationError(`Environment variable ${name} is required but not set.`);
  }
  return value;
}

export function requirePositiveIntegerEnv(env: Environment, name: string): number {
  const text = requireEnv(env, name);
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigurationError(`Environment variable ${name} must be a positive integer; got ${JSON.stringify(text)}.`);
  }
  return value;
}

/** Parses a JSON variable; the message names the variable but never echoes the value (it may hold secrets). */
export function parseJsonEnv(env: Environment, name: string, options: { required: boolean }): unknown {
  const text = options.required ? requireEnv(env, name) : env[name];
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigurationError(`Environment variable ${name} must be valid JSON.`);
  }
}
