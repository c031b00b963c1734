/**
 * The real processor (handler edge + core + DynamoDB state store on dynalite) with the outcome
 * bus replaced by a recorder — there is no local EventBridge engine for outcomes to land on.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDbPaymentStateStore } from "../../../lambda/payment-processor/adapters/dynamodb-state-store";
import type { OutcomeEvent } from "../../../lambda/payment-processor/core/outcome";
import type { OutcomePublisher } from "../../../lambda/payment-processor/core/ports";
import { createProcessorHandler, type ProcessorHandler } from "../../../lambda/payment-processor/handler";

export class RecordingPublisher implements OutcomePublisher {
  readonly published: OutcomeEvent[] = [];
  async publish(outcome: OutcomeEvent): Promise<void> {
    this.published.push(outcome);
  }
}

export interface ProcessorHarness {
  handler: ProcessorHandler;
  publisher: RecordingPublisher;
  metrics: Metrics;
  store: DynamoDbPaymentStateStore;
}

export function createProcessorHarness(client: DynamoDBClient, tableName: string, now = new Date("2026-03-01T12:00:00.000Z")): ProcessorHarness {
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  const publisher = new RecordingPublisher();
  const metrics = new Metrics({ namespace: "PaymentWebhooksTest", serviceName: "payment-processor" });
  const store = new DynamoDbPaymentStateStore(client, tableName);
  const handler = createProcessorHandler(
    { store, publisher, clock: { now: () => now } },
    { logger: new Logger({ serviceName: "payment-processor", logLevel: "SILENT" }), metrics, annotate: () => undefined },
  );
  return { handler, publisher, metrics, store };
}
