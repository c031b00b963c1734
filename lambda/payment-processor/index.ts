/**
 * Lambda entry point invoked by the payment-processing workflow (`lambda:invoke`, payload =
 * the event detail). Configuration, clients and Powertools utilities are created once per cold
 * start; a missing environment variable throws here, naming the variable.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { parseChargeRetrySchedules } from "../../contract/charge-retry-schedules";
import { ENV, METRICS_NAMESPACE } from "../../contract/lambda-environment";
import { requireEnv } from "../shared/environment";
import { DynamoDbPaymentStateStore } from "./adapters/dynamodb-state-store";
import { EventBridgeOutcomePublisher } from "./adapters/eventbridge-outcome-publisher";
import { createProcessorHandler } from "./handler";

// The stack sets the function's physical name, which keeps stacks' metrics apart.
const serviceName = process.env[ENV.powertoolsServiceName] ?? "payment-processor";

const eventsTableName = requireEnv(process.env, ENV.eventsTableName);
const eventBusName = requireEnv(process.env, ENV.eventBusName);
// Optional; a malformed value fails the cold start naming the class and the rule it breaks.
const chargeRetrySchedules = parseChargeRetrySchedules(process.env[ENV.chargeRetrySchedules]);

const logger = new Logger({ serviceName });
const metrics = new Metrics({ namespace: process.env[ENV.powertoolsMetricsNamespace] ?? METRICS_NAMESPACE, serviceName });
const tracer = new Tracer({ serviceName });
// SDK v3 sets no HTTP timeouts by default: a hung call would run out the Lambda's own timeout,
// which the workflow cannot tell from a bug. Bounded calls fail as TimeoutError -> Payment.Transient.
const requestHandler = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true };
// No endpoints here on purpose: SDK v3 honours AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_EVENTBRIDGE (local runs).
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({ requestHandler }));
const eventBridge = tracer.captureAWSv3Client(new EventBridgeClient({ requestHandler }));

export const handler = createProcessorHandler(
  {
    store: new DynamoDbPaymentStateStore(dynamodb, eventsTableName),
    publisher: new EventBridgeOutcomePublisher(eventBridge, eventBusName),
    clock: { now: () => new Date() },
    chargeRetrySchedules,
  },
  { logger, metrics, annotate: (key, value) => tracer.putAnnotation(key, value) },
);
