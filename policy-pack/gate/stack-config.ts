/**
 * Reads a Pulumi stack file (Pulumi.<stack>.yaml) into the flat `namespace:key → string` map
 * the Pulumi runtime expects. Secrets (`{secure: ...}`) cannot be decrypted without the CLI,
 * so they become placeholders and the whole key is marked secret — as the Pulumi runtime does
 * for a key with any secret inside. Policies never judge secret values, but the program still
 * validates the config's shape, so placeholders must be well-formed:
 * - a secret leaf inside a structured value (`pulumi config set --secret --path
 *   'signingSecrets.stripe[0]' ...`) becomes SECRET_LEAF_PLACEHOLDER, 64 hex digits, which is
 *   also valid base64 and so passes every provider's key-format check;
 * - a whole-value secret becomes SECRET_PLACEHOLDER, an empty JSON object, because the only
 *   secret key the program declares (`signingSecrets`) is structured.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";

export const SECRET_PLACEHOLDER = "{}";
export const SECRET_LEAF_PLACEHOLDER = "0".repeat(64);

function isSecureValue(value: unknown): value is { secure: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;
}

/** Replaces every `{secure: ...}` leaf by the placeholder; reports whether any was found. */
function redactSecureLeaves(value: unknown): { value: unknown; hadSecret: boolean } {
  if (isSecureValue(value)) return { value: SECRET_LEAF_PLACEHOLDER, hadSecret: true };
  if (Array.isArray(value)) {
    const items = value.map(redactSecureLeaves);
    return { value: items.map((item) => item.value), hadSecret: items.some((item) => item.hadSecret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, child]) => [key, redactSecureLeaves(child)] as const);
    return {
      value: Object.fromEntries(entries.map(([key, child]) => [key, child.value])),
      hadSecret: entries.some(([, child]) => child.hadSecret),
    };
  }
  return { value, hadSecret: false };
}

export interface StackConfig {
  /** Stack name, from the file name `Pulumi.<stack>.yaml`. */
  stack: string;
  config: Record<string, string>;
  secretKeys: string[];
}

export function readStackConfig(file: string, project: string): StackConfig {
  if (!fs.existsSync(file)) throw new Error(`stack config file not found: ${file}`);
  const parsed = load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(parsed?.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    if (isSecureValue(value)) {
      config[key] = SECRET_PLACEHOLDER;
      secretKeys.push(key);
      continue;
    }
    const redacted = redactSecureLeaves(value);
    config[key] = typeof redacted.value === "string" ? redacted.value : JSON.stringify(redacted.value);
    if (redacted.hadSecret) secretKeys.push(key);
  }
  const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1] ?? "dev";
  return { stack, config, secretKeys };
}
