/**
 * Loads the REAL Lambda handlers (lambda/webhook-validator, lambda/payment-processor) the way
 * Lambda would: environment first (the names come from contract/lambda-environment.ts),
 * then the module, whose cold start reads it. Endpoints point the SDK at the local engines;
 * credentials and region are dummies; X-Ray and CloudWatch metrics are switched off so the
 * handlers stay quiet without an X-Ray daemon.
 */
import { ENV, LAMBDA_ENTRY_POINTS } from "../../contract/lambda-environment";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../support/aws-clients";
import type { ApiGatewayHandler } from "../../lambda/webhook-validator/http/api-gateway-handler";
import type { LocalLambdaFunction } from "../workflow/task-bindings";

export interface LambdaEnvironmentInput {
  dynamoDbEndpoint: string;
  eventBridgeEndpoint: string;
  eventsTableName: string;
  eventBusName: string;
  signingSecretsJson: string;
  providerSettingsJson: string;
  logLevel: string;
}

export function lambdaEnvironment(input: LambdaEnvironmentInput): Record<string, string> {
  return {
    [ENV.eventsTableName]: input.eventsTableName,
    [ENV.eventBusName]: input.eventBusName,
    [ENV.signingSecrets]: input.signingSecretsJson,
    [ENV.providerSettings]: input.providerSettingsJson,
    [ENV.eventRetentionDays]: "7",
    [ENV.powertoolsLogLevel]: input.logLevel,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: input.eventBridgeEndpoint,
    POWERTOOLS_TRACE_ENABLED: "false",
    POWERTOOLS_METRICS_DISABLED: "true",
    AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR",
    AWS_XRAY_SDK_ENABLED: "false",
    // Tracing is off locally, so the X-Ray SDK need not follow async context: in its default
    // automatic mode it creates a CLS namespace whose async hook tracks every promise of the
    // process. On Lambda that process is the function's own; here it is the whole pipeline (engine,
    // API, storage clients), where the hook cost about a tenth of the main thread under load.
    // Manual mode is the SDK's documented switch (aws-xray-sdk-core README, "Environment variables").
    AWS_XRAY_MANUAL_MODE: "true",
  };
}

export interface LocalHandlers {
  validator: ApiGatewayHandler;
  processor: LocalLambdaFunction;
}

/**
 * Sets the environment on this process (both handlers live here) and imports the handlers.
 * Handlers read their configuration once per module load, so call this once per process.
 */
export async function loadLambdaHandlers(environment: Record<string, string>): Promise<LocalHandlers> {
  // Our own values win over anything inherited (a developer's real AWS profile must never be used).
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, environment);
  const validator = (await import(`../../${LAMBDA_ENTRY_POINTS.webhookValidator.replace(/\.ts$/, "")}`)) as { handler: ApiGatewayHandler };
  const processor = (await import(`../../${LAMBDA_ENTRY_POINTS.paymentProcessor.replace(/\.ts$/, "")}`)) as {
    handler: (event: unknown) => Promise<unknown>;
  };
  return { validator: validator.handler, processor: (payload) => processor.handler(payload) };
}
