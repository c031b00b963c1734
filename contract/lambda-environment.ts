/**
 * Environment variables the stack sets and the handlers read. Handlers fail at cold start
 * naming the missing variable (Powertools style).
 */
export const ENV = {
  /** Event table name (both functions). */
  eventsTableName: "EVENTS_TABLE_NAME",
  /** Bus the processor publishes outcomes to. */
  eventBusName: "EVENT_BUS_NAME",
  /**
   * JSON object `{ "<provider>": ["secret", "older-secret"] }` (validator only). Several secrets
   * per provider allow rotation. Comes from Pulumi secrets; encrypted at rest with the CMK.
   */
  signingSecrets: "WEBHOOK_SIGNING_SECRETS",
  /** JSON object of non-secret per-provider settings (validator only), e.g. Square's notification URL. */
  providerSettings: "WEBHOOK_PROVIDER_SETTINGS",
  /** JSON per-class charge-retry schedules (processor only; contract/charge-retry-schedules.ts); unset or "{}" = defaults. */
  chargeRetrySchedules: "CHARGE_RETRY_SCHEDULES",
  /** Days to keep event items before DynamoDB TTL removes them. */
  eventRetentionDays: "EVENT_RETENTION_DAYS",
  powertoolsServiceName: "POWERTOOLS_SERVICE_NAME",
  powertoolsMetricsNamespace: "POWERTOOLS_METRICS_NAMESPACE",
  powertoolsLogLevel: "POWERTOOLS_LOG_LEVEL",
} as const;

/** Entry points bundled by the stack with esbuild; each exports `handler`. */
export const LAMBDA_ENTRY_POINTS = {
  webhookValidator: "lambda/webhook-validator/index.ts",
  paymentProcessor: "lambda/payment-processor/index.ts",
} as const;

export const METRICS_NAMESPACE = "PaymentWebhooks";

/**
 * Custom metrics the validator emits in METRICS_NAMESPACE (EMF, one count per delivery).
 * Dimensions: `service` + `provider` (the provider is "unknown" until resolved), and `reason`
 * (the error code) on rejections.
 */
export const VALIDATOR_METRIC_NAMES = {
  accepted: "WebhookAccepted",
  duplicate: "WebhookDuplicate",
  rejected: "WebhookRejected",
} as const;
