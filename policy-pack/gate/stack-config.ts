/**
 * Reads a Pulumi stack file (Pulumi.<stack>.yaml) into the flat `namespace:key → string` map
 * the Pulumi runtime expects. Secrets (`{secure: ...}`) cannot be decrypted without the CLI,
 * so they become a fixed placeholder marked secret — policies never judge secret values.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";

export const SECRET_PLACEHOLDER = "policy-gate-placeholder-secret";

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
    if (typeof value === "object" && value !== null && "secure" in value) {
      config[key] = SECRET_PLACEHOLDER;
      secretKeys.push(key);
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1] ?? "dev";
  return { stack, config, secretKeys };
}
