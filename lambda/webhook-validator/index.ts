/**
 * Lambda entry point behind `POST /webhooks/{provider}` and `POST /webhooks` (API Gateway REST,
 * proxy integration). Configuration, clients and Powertools utilities are created once per
 * cold start; a missing or invalid environment variable throws here, naming the variable.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { ENV, METRICS_NAMESPACE } from "../../contract/lambda-environment";
import { withHandlerSubsegment } from "../shared/traced-handler";
import { loadValidatorConfig } from "./config/validator-config";
import { createApiGatewayHandler } from "./http/api-gateway-handler";
import { DynamoDbEventStore } from "./storage/dynamodb-event-store";

// The stack sets the function's physical name, which keeps stacks' metrics apart.
const serviceName = process.env[ENV.powertoolsServiceName] ?? "webhook-validator";

const config = loadValidatorConfig(process.env);
const logger = new Logger({ serviceName });
const metrics = new Metrics({ namespace: process.env[ENV.powertoolsMetricsNamespace] ?? METRICS_NAMESPACE, serviceName });
const tracer = new Tracer({ serviceName });
// No endpoint here on purpose: SDK v3 honours AWS_ENDPOINT_URL_DYNAMODB (the local runtime's dynalite front in local/).
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));

const handleApiGatewayEvent = createApiGatewayHandler(
  {
    now: () => new Date(),
    store: new DynamoDbEventStore(dynamodb, config.eventsTableName),
    secrets: config.signingSecrets,
    settings: config.providerSettings,
    retentionDays: config.eventRetentionDays,
  },
  { logger, metrics, annotate: (key, value) => tracer.putAnnotation(key, value) },
);

export const handler = withHandlerSubsegment(tracer, handleApiGatewayEvent);
