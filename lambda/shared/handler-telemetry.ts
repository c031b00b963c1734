import type { Logger } from "@aws-lambda-powertools/logger";
import type { Metrics } from "@aws-lambda-powertools/metrics";

/**
 * The Powertools instruments a handler's edge writes to, created once at cold start and passed
 * in, so tests can hand in their own and read what was logged and counted.
 */
export interface HandlerTelemetry {
  logger: Logger;
  metrics: Metrics;
  /** X-Ray annotation (searchable); a no-op outside Lambda. */
  annotate(key: string, value: string): void;
}
