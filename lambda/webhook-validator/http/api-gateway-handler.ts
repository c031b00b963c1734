/**
 * Thin adapter between API Gateway (REST, Lambda proxy integration) and the core: builds the
 * WebhookRequest, maps the outcome to a response, and does the logging, metrics and trace
 * annotations (Powertools) — the only place that knows about any of them.
 */
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { VALIDATOR_METRIC_NAMES } from "../../../contract/lambda-environment";
import type { HandlerTelemetry } from "../../shared/handler-telemetry";
import { processWebhook, type ProcessingTrace, type ValidatorDependencies } from "../core/process-webhook";
import { headersFrom, type WebhookRequest } from "../core/webhook-request";
import { AuthenticationError, StorageError, WebhookError } from "../errors";
import { acceptedResponse, errorResponse, internalErrorResponse, statusFor } from "./responses";

export type ApiGatewayHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

export function toWebhookRequest(event: APIGatewayProxyEvent): WebhookRequest {
  const context = event.requestContext;
  const reportedUrl = context?.domainName && context.path ? `https://${context.domainName}${context.path}` : undefined;
  return {
    method: event.httpMethod ?? "",
    providerSegment: event.pathParameters?.provider ?? undefined,
    headers: headersFrom(event.headers as Record<string, string | undefined> | null),
    body: event.body,
    isBase64Encoded: event.isBase64Encoded === true,
    reportedUrl,
  };
}

export function createApiGatewayHandler(deps: Omit<ValidatorDependencies, "log">, telemetry: HandlerTelemetry): ApiGatewayHandler {
  const { logger, metrics, annotate } = telemetry;
  const count = (name: string, dimensions: Record<string, string>) => {
    const metric = metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) metric.addDimension(key, value);
    metric.addMetric(name, MetricUnit.Count, 1);
  };

  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    logger.setCorrelationId(event.requestContext?.requestId);
    const trace: ProcessingTrace = {};
    try {
      const result = await processWebhook(toWebhookRequest(event), { ...deps, log: logger }, trace);
      const eventIds = result.events.map((stored) => stored.eventId);
      logger.setCorrelationId(eventIds[0]);
      logger.info("Webhook accepted", { provider: result.provider, eventIds, outcome: result.outcome });
      count(result.outcome === "duplicate" ? VALIDATOR_METRIC_NAMES.duplicate : VALIDATOR_METRIC_NAMES.accepted, { provider: result.provider });
      annotate("provider", result.provider);
      annotate("outcome", result.outcome);
      return acceptedResponse(result);
    } catch (error) {
      const provider = trace.provider ?? "unknown";
      if (!(error instanceof WebhookError)) {
        logger.error("Unexpected error while handling webhook", { provider, error: error as Error });
        count(VALIDATOR_METRIC_NAMES.rejected, { provider, reason: "internal_error" });
        return internalErrorResponse();
      }
      const status = statusFor(error);
      // Never log the body or signatures: the error's own message is written to contain neither.
      // `detail`, not `message`: Powertools reserves `message` and would drop it with a warning.
      const details = { provider, outcome: "rejected", reason: error.code, status, detail: error.message };
      if (error instanceof StorageError) logger.error("Webhook not stored", { ...details, error: error.cause as Error });
      else if (error instanceof AuthenticationError && error.code === "provider_not_configured") logger.error("Webhook rejected", details);
      else logger.warn("Webhook rejected", details);
      count(VALIDATOR_METRIC_NAMES.rejected, { provider, reason: error.code });
      annotate("outcome", error.code);
      return errorResponse(error);
    }
  };
}
