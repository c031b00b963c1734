import { ENV } from "../../../contract/lambda-environment";
import { parseJsonEnv, requireEnv, requirePositiveIntegerEnv, type Environment } from "../../shared/environment";
import { parseProviderSettings, type ProviderSettings } from "../../../contract/provider-settings";
import { parseSigningSecrets, type SigningSecrets } from "../../../contract/signing-secrets";

export interface ValidatorConfig {
  eventsTableName: string;
  signingSecrets: SigningSecrets;
  providerSettings: ProviderSettings;
  eventRetentionDays: number;
}

/**
 * Reads the validator's configuration once (cold start). Required: EVENTS_TABLE_NAME,
 * WEBHOOK_SIGNING_SECRETS, EVENT_RETENTION_DAYS. Optional: WEBHOOK_PROVIDER_SETTINGS.
 */
export function loadValidatorConfig(env: Environment): ValidatorConfig {
  return {
    eventsTableName: requireEnv(env, ENV.eventsTableName),
    signingSecrets: parseSigningSecrets(parseJsonEnv(env, ENV.signingSecrets, { required: true }), ENV.signingSecrets),
    providerSettings: parseProviderSettings(parseJsonEnv(env, ENV.providerSettings, { required: false }), ENV.providerSettings),
    eventRetentionDays: requirePositiveIntegerEnv(env, ENV.eventRetentionDays),
  };
}
