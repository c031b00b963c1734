/**
 * Secrets used only by tests; generated-looking, never real. Tests must never print them, so
 * assertions compare codes and statuses, not messages containing secrets.
 */
import type { GenericHmacSettings } from "../../../contract/provider-settings";

export const TEST_SECRETS = {
  stripe: ["whsec_test_current_0123456789abcdef", "whsec_test_previous_fedcba9876543210"],
  "standard-webhooks": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_cHJldmlvdXMtdGVzdC1rZXktZm9yLXJvdGF0aW9u"],
  adyen: ["44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056", "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"],
  square: ["square-test-signature-key", "square-previous-signature-key"],
  checkout: ["checkout-test-signature-key", "checkout-previous-signature-key"],
  generic: ["generic-test-secret", "generic-previous-secret"],
} as const;

export const TEST_NOTIFICATION_URL = "https://hooks.example.test/prod/webhooks/square";

export const TEST_GENERIC_SETTINGS: GenericHmacSettings = { signatureHeader: "x-hub-signature-256", encoding: "hex", prefix: "sha256=" };

export const TEST_PROVIDER_SETTINGS_JSON = {
  square: { notificationUrl: TEST_NOTIFICATION_URL },
  generic: TEST_GENERIC_SETTINGS,
};

/** The environment the stack sets, pointed at a local DynamoDB endpoint. */
export function validatorEnvironment(endpoint: string, tableName: string): Record<string, string> {
  return {
    EVENTS_TABLE_NAME: tableName,
    WEBHOOK_SIGNING_SECRETS: JSON.stringify(TEST_SECRETS),
    WEBHOOK_PROVIDER_SETTINGS: JSON.stringify(TEST_PROVIDER_SETTINGS_JSON),
    EVENT_RETENTION_DAYS: "30",
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_MAX_ATTEMPTS: "1",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    POWERTOOLS_METRICS_DISABLED: "true",
    POWERTOOLS_TRACE_ENABLED: "false",
  };
}
