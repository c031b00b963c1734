/**
 * The Lambda-facing edge of the processor: correlation id, logging, metrics, and making sure
 * every failure leaves as a typed error whose `name` the workflow's Retry/Catch understand.
 */
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { DISPOSITIONS, type DeclineAssessment, type ProcessorDecision } from "../../contract/processor-decision";
import { unrecognisedAdviceCodes } from "./decline/charge-retry";
import { processPaymentEvent, type ProcessorDependencies } from "./core/process-payment-event";
import { toProcessingError } from "./adapters/aws-errors";
import type { HandlerTelemetry } from "../shared/handler-telemetry";

export type ProcessorHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<ProcessorDecision>;

export function createProcessorHandler(deps: ProcessorDependencies, telemetry: HandlerTelemetry): ProcessorHandler {
  const { logger, metrics, annotate } = telemetry;
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
      if (decision.decline && decision.outcomePublished && !decision.decline.repeatOfCountedDecline) {
        metrics.addMetric("PaymentDeclined", MetricUnit.Count, 1);
        metrics.addMetric(decision.decline.category === "SOFT" ? "PaymentSoftDeclined" : "PaymentHardDeclined", MetricUnit.Count, 1);
        reportUnrecognisedDeclineCodes(decision.decline, telemetry);
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

/**
 * Codes no table knows stay HARD (never retried automatically); this metric, per provider, and
 * the log line naming the code tell operators which codes to add to decline/decline-codes.ts.
 */
function reportUnrecognisedDeclineCodes(decline: DeclineAssessment, { logger, metrics }: HandlerTelemetry): void {
  const unknown = [
    ...(decline.recognised ? [] : [`code:${decline.failureCode}`]),
    ...unrecognisedAdviceCodes(decline),
  ];
  if (unknown.length === 0) return;
  const metric = metrics.singleMetric();
  metric.addDimension("provider", decline.provider);
  metric.addMetric(decline.recognised ? "PaymentDeclineAdviceUnrecognised" : "PaymentDeclineCodeUnrecognised", MetricUnit.Count, 1);
  logger.warn("Decline code or advice code not in the tables: classified conservatively", { provider: decline.provider, unrecognised: unknown });
}

