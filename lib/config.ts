/**
 * The stack's configuration as the Pulumi program reads it: the rules of lib/config-rules.ts over
 * the Pulumi runtime's config, with the signing secrets kept a Pulumi secret from the moment they
 * are read.
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { fullKey, parseStackSettings, signingSecretsText, type ConfigSource, type StackSettings } from "./config-rules";

export * from "./config-rules";

export interface StackConfig extends StackSettings {
  /** WEBHOOK_SIGNING_SECRETS as JSON; always a Pulumi secret. */
  signingSecretsJson: pulumi.Output<string>;
}

export function parseStackConfig(source: ConfigSource): StackConfig {
  const settings = parseStackSettings(source);
  return { ...settings, signingSecretsJson: pulumi.secret(signingSecretsText(source)) };
}

// `isConfigSecret` is exported by the runtime but missing from its typings.
const { isConfigSecret } = runtimeConfig as unknown as { isConfigSecret(key: string): boolean };

/** Reads the current stack's config through the Pulumi runtime. */
export function loadStackConfig(): StackConfig {
  return parseStackConfig({
    get: (key) => runtimeConfig.getConfig(fullKey(key)),
    isSecret: (key) => isConfigSecret(fullKey(key)),
  });
}
