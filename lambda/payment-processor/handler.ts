/**
 * The Lambda-facing edge of the processor: correlation id, logging, metrics, and making sure
 * every failure leaves as a typed error whose `name` the workflow's Retry/Catch understand.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { MetricUnit, type Metrics } from "@aws-lambda-powertools/metrics";
import { DISPOSITIONS, type ProcessorDecision } from "../../contract/processor-decision";
import { processPaymentEvent, type ProcessorDependencies } from "./core/process-payment-event";
import { toProcessingError } from "./adapters/aws-errors";

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  /** X-Ray annotation (searchable); a no-op outside Lambda. */
  annotate(key: string, value: string): void;
}

export type ProcessorHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<ProcessorDecision>;

export function createProcessorHandler(deps: ProcessorDependencies, observability: Observability): ProcessorHandler {
  const { logger, metrics, annotate } = observability;
  return async (event, context) => {
    const detail = (typeof event === "object" && event !== null ? event : {}) as Record<string, unknown>;
    // Correlation id = the provider's event id, the same one the validator logged.
    logger.setCorrelationId(typeof detail.eventId === "string" ? detail.eventId : undefined);
    logger.appendKeys({ paymentId: typeof detail.paymentId === "string" ? detail.paymentId : undefined, awsRequestId: context?.awsRequestId });
    if (typeof detail.paymentId === "string") annotate("paymentId", detail.paymentId);
    try {
      const { decision, transitionKind } = await processPaymentEvent(event, deps);
      metrics.addMetric(`PaymentEvents${capitalise(decision.disposition)}`, MetricUnit.Count, 1);
      if (transitionKind === "regression") {
        metrics.addMetric("PaymentStatusRegressions", MetricUnit.Count, 1);
        logger.warn("Newer event moved the payment backwards in its lifecycle", { previousStatus: decision.previousStatus, status: decision.paymentStatus });
      }
      if (decision.decline && decision.outcomePublished) {
        metrics.addMetric("PaymentDeclined", MetricUnit.Count, 1);
        metrics.addMetric(decision.decline.category === "SOFT" ? "PaymentSoftDeclined" : "PaymentHardDeclined", MetricUnit.Count, 1);
      }
      const message = decision.disposition === DISPOSITIONS.unreferenced ? "Event names no payment: nothing applied, no outcome" : "Payment event processed";
      logger.info(message, { decision, transitionKind });
      return decision;
    } catch (error) {
      const typed = toProcessingError(error, "Processing the payment event");
      metrics.addMetric(typed.retryable ? "PaymentProcessingTransientErrors" : "PaymentProcessingPermanentErrors", MetricUnit.Count, 1);
      logger.error("Payment event processing failed", { errorName: typed.name, retryable: typed.retryable, error: typed });
      throw typed;
    } finally {
      metrics.publishStoredMetrics();
      logger.removeKeys(["paymentId", "awsRequestId"]);
    }
  };
}

function capitalise(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}
