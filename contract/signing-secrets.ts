/**
 * Signing secrets, JSON in WEBHOOK_SIGNING_SECRETS: `{ "<provider>": ["current", "previous"] }`.
 * Several secrets per provider are all accepted, which is how rotation works (docs/providers.md).
 * A provider without secrets is not an error here: requests for it are rejected (fail closed).
 * Error messages name the offending key and never echo a value.
 */
import { PROVIDERS, type ProviderId } from "./event-table";
import { ConfigurationError } from "./configuration-error";
import { PROVIDER_DESCRIPTORS } from "./providers";

export type SigningSecrets = ReadonlyMap<ProviderId, readonly string[]>;

export function parseSigningSecrets(value: unknown, variable: string): SigningSecrets {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError(`${variable} must be a JSON object mapping provider to an array of secrets.`);
  }
  const secrets = new Map<ProviderId, readonly string[]>();
  for (const [provider, list] of Object.entries(value)) {
    if (!(PROVIDERS as readonly string[]).includes(provider)) {
      throw new ConfigurationError(`${variable}: ${provider} is not a known provider (known: ${PROVIDERS.join(", ")}).`);
    }
    if (!Array.isArray(list)) throw new ConfigurationError(`${variable}: ${provider} must be an array of secrets.`);
    list.forEach((secret, index) => {
      if (typeof secret !== "string" || secret.length === 0) {
        throw new ConfigurationError(`${variable}: ${provider}[${index}] must be a non-empty string.`);
      }
      const check = PROVIDER_DESCRIPTORS[provider as ProviderId].secretFormat;
      if (check && !check.valid(secret)) {
        throw new ConfigurationError(`${variable}: ${provider}[${index}] must be ${check.expected}.`);
      }
    });
    if (list.length > 0) secrets.set(provider as ProviderId, [...list] as string[]);
  }
  return secrets;
}
