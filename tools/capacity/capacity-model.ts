/**
 * Sustained webhooks per second each hop of the pipeline can take with the stack's config and
 * the account's default quotas, which hop binds first, and what has to change for a target
 * rate. Pure, like the cost model; durations are the same explicit assumptions.
 */
import { MAX_RESERVED_CONCURRENCY } from "../../lib/config-rules";
import { PIPE_STREAM_SETTINGS } from "../../lib/eventing/workflow-trigger";
import { BUS_EVENTS_PER_WEBHOOK, HANDLER_TABLE_REQUESTS, type CostAssumptions } from "../cost/cost-model";
import { happyPath } from "../cost/workflow-paths";
import type { StackModel } from "../shared/stack-model";
import type { QuotaTable } from "./quotas";

export interface CapacityAssumptions {
  validatorDurationMs: number;
  processorDurationMs: number;
  streamShards: number;
  /** Time the Pipe takes to put one batch on the bus; one batch per shard is in flight at a time. */
  pipeBatchRoundTripMs: number;
}

export function capacityAssumptionsFrom(cost: CostAssumptions): CapacityAssumptions {
  return {
    validatorDurationMs: cost.validatorDurationMs,
    processorDurationMs: cost.processorDurationMs,
    streamShards: cost.streamShards,
    pipeBatchRoundTripMs: 50,
  };
}

export interface Hop {
  name: string;
  /** Sustained webhooks per second this hop takes. */
  webhooksPerSecond: number;
  /** How the rate is computed, with the numbers. */
  derivation: string;
  /** What the sender of a webhook sees when traffic goes beyond this hop. */
  beyond: string;
}

export interface CapacityReport {
  hops: Hop[];
  binding: Hop;
}

/** Table writes one webhook makes: the handlers' plus the workflow's on the happy path. */
export function tableWritesPerWebhook(model: StackModel): number {
  const path = happyPath(model.definition);
  const workflowWrites = path.tasks.filter((name) => /dynamodb:(putItem|updateItem|deleteItem)$/.test(String(model.definition.States[name].Resource))).length;
  return HANDLER_TABLE_REQUESTS.writes + workflowWrites;
}

export function capacityReport(model: StackModel, assumptions: CapacityAssumptions, quotas: QuotaTable): CapacityReport {
  const { config } = model;
  const transitions = happyPath(model.definition).states.length;
  const writes = tableWritesPerWebhook(model);
  const express = config.workflowType === "EXPRESS";
  const hops: Hop[] = [
    {
      name: "API stage throttle",
      webhooksPerSecond: Math.min(config.apiThrottling.rateLimit, quotas.apiGatewayAccountRequestsPerSecond.value),
      derivation: `apiThrottlingRateLimit ${config.apiThrottling.rateLimit}/s (burst ${config.apiThrottling.burstLimit}), account quota ${quotas.apiGatewayAccountRequestsPerSecond.value}/s`,
      beyond: "429 Too Many Requests from API Gateway; the provider redelivers on its own schedule (minutes to days later).",
    },
    {
      name: "validator Lambda",
      webhooksPerSecond: config.validator.reservedConcurrency / (assumptions.validatorDurationMs / 1000),
      derivation: `${config.validator.reservedConcurrency} reserved ÷ ${assumptions.validatorDurationMs} ms`,
      beyond: "throttled invocations: API Gateway answers 5xx (nothing stored); the provider redelivers; webhook-validator-throttles and webhook-api-5xx alarm.",
    },
    {
      name: "DynamoDB on-demand (new table)",
      webhooksPerSecond: quotas.dynamodbNewOnDemandTableWritesPerSecond.value / writes,
      derivation: `${quotas.dynamodbNewOnDemandTableWritesPerSecond.value} WRU/s ÷ ${writes} writes per webhook (doubles after each sustained peak, up to ${quotas.dynamodbTableWriteThroughput.value})`,
      beyond: "throttled writes: the validator answers 5xx (provider redelivers); workflow writes retry with back-off (delay).",
    },
    {
      name: "Pipe (stream → bus)",
      webhooksPerSecond: (assumptions.streamShards * PIPE_STREAM_SETTINGS.batchSize) / (assumptions.pipeBatchRoundTripMs / 1000),
      derivation: `${assumptions.streamShards} shards × batch ${PIPE_STREAM_SETTINGS.batchSize} ÷ ${assumptions.pipeBatchRoundTripMs} ms per batch`,
      beyond: "nothing for the provider (already 2xx); the stream's iterator age grows: processing is delayed, never lost while records are younger than 24 h.",
    },
    {
      name: "EventBridge PutEvents",
      webhooksPerSecond: quotas.eventBridgePutEventsPerSecond.value / BUS_EVENTS_PER_WEBHOOK,
      derivation: `${quotas.eventBridgePutEventsPerSecond.value} entries/s ÷ ${BUS_EVENTS_PER_WEBHOOK} events per webhook`,
      beyond: "the Pipe and the processor retry throttled puts: delay; a Pipe batch that exhausts its retries goes to the pipe DLQ.",
    },
    {
      name: "EventBridge rule invocations",
      webhooksPerSecond: quotas.eventBridgeInvocationsPerSecond.value,
      derivation: `${quotas.eventBridgeInvocationsPerSecond.value} target invocations/s`,
      beyond: "EventBridge delays and retries StartExecution for up to an hour, then the rule DLQ.",
    },
    express
      ? {
          name: "Step Functions Express StartExecution",
          webhooksPerSecond: quotas.stepFunctionsExpressStartExecutionPerSecond.value,
          derivation: `${quotas.stepFunctionsExpressStartExecutionPerSecond.value} starts/s`,
          beyond: "the rule retries throttled starts (delay), then the rule DLQ.",
        }
      : {
          name: "Step Functions Standard",
          webhooksPerSecond: Math.min(quotas.stepFunctionsStandardStartExecutionPerSecond.value, quotas.stepFunctionsStandardTransitionsPerSecond.value / transitions),
          derivation: `min(${quotas.stepFunctionsStandardStartExecutionPerSecond.value} starts/s, ${quotas.stepFunctionsStandardTransitionsPerSecond.value} transitions/s ÷ ${transitions} per execution)`,
          beyond: "the rule retries throttled starts (delay), then the rule DLQ; throttled transitions slow every running execution.",
        },
    {
      name: "processor Lambda",
      webhooksPerSecond: config.processor.reservedConcurrency / (assumptions.processorDurationMs / 1000),
      derivation: `${config.processor.reservedConcurrency} reserved ÷ ${assumptions.processorDurationMs} ms`,
      beyond: "nothing for the provider (already 2xx); executions retry Lambda.TooManyRequestsException with back-off: delay; past the retries the event is FAILED (re-run it).",
    },
  ];
  const binding = hops.reduce((lowest, hop) => (hop.webhooksPerSecond < lowest.webhooksPerSecond ? hop : lowest));
  return { hops, binding };
}

export interface Change {
  kind: "setting" | "quota request" | "code change" | "switch";
  what: string;
}

/** Settings and quota requests that let every hop take `target` webhooks per second. */
export function changesForTarget(model: StackModel, assumptions: CapacityAssumptions, quotas: QuotaTable, target: number): Change[] {
  const { config } = model;
  const changes: Change[] = [];
  const concurrency = (durationMs: number) => Math.ceil((target * durationMs) / 1000);

  if (config.apiThrottling.rateLimit < target) {
    changes.push({ kind: "setting", what: `apiThrottlingRateLimit ${target} (burst ${Math.min(2 * target, quotas.apiGatewayAccountBurst.value)})` });
  }
  if (target > quotas.apiGatewayAccountRequestsPerSecond.value) {
    changes.push({ kind: "quota request", what: `API Gateway throttle quota per account above ${quotas.apiGatewayAccountRequestsPerSecond.value} requests/s` });
  }
  const validator = Math.max(config.validator.reservedConcurrency, concurrency(assumptions.validatorDurationMs));
  const processor = Math.max(config.processor.reservedConcurrency, concurrency(assumptions.processorDurationMs));
  if (validator > config.validator.reservedConcurrency) changes.push({ kind: "setting", what: `validatorReservedConcurrency ${validator}` });
  if (processor > config.processor.reservedConcurrency) changes.push({ kind: "setting", what: `processorReservedConcurrency ${processor}` });
  for (const [key, value] of [["validatorReservedConcurrency", validator], ["processorReservedConcurrency", processor]] as const) {
    if (value > MAX_RESERVED_CONCURRENCY) changes.push({ kind: "code change", what: `${key} ${value} is above the config's cap of ${MAX_RESERVED_CONCURRENCY} (lib/config-rules.ts)` });
  }
  const accountNeeded = validator + processor + quotas.lambdaMinimumUnreserved.value;
  if (accountNeeded > quotas.lambdaAccountConcurrency.value) {
    changes.push({ kind: "quota request", what: `Lambda concurrent executions ≥ ${accountNeeded} (${validator} + ${processor} reserved + ${quotas.lambdaMinimumUnreserved.value} unreserved)` });
  }
  const writes = target * tableWritesPerWebhook(model);
  if (writes > quotas.dynamodbNewOnDemandTableWritesPerSecond.value) {
    changes.push({ kind: "setting", what: `DynamoDB warm throughput ≥ ${writes} writes/s on the table (or ramp traffic up so on-demand doubles into it)` });
  }
  if (writes > quotas.dynamodbTableWriteThroughput.value) {
    changes.push({ kind: "quota request", what: `DynamoDB table-level write throughput above ${quotas.dynamodbTableWriteThroughput.value} WRU/s` });
  }
  const pipeShardRate = PIPE_STREAM_SETTINGS.batchSize / (assumptions.pipeBatchRoundTripMs / 1000);
  if (assumptions.streamShards * pipeShardRate < target) {
    const factor = Math.ceil(target / (assumptions.streamShards * pipeShardRate));
    changes.push({ kind: "code change", what: `Pipe parallelizationFactor ${Math.min(factor, 10)} in PIPE_STREAM_SETTINGS (more concurrent batches per shard)${factor > 10 ? "; beyond 10 the table needs more partitions" : ""}` });
  }
  if (target * BUS_EVENTS_PER_WEBHOOK > quotas.eventBridgePutEventsPerSecond.value) {
    changes.push({ kind: "quota request", what: `EventBridge PutEvents throttle limit ≥ ${target * BUS_EVENTS_PER_WEBHOOK}/s` });
  }
  if (target > quotas.eventBridgeInvocationsPerSecond.value) {
    changes.push({ kind: "quota request", what: `EventBridge invocations throttle limit ≥ ${target}/s` });
  }
  const transitions = happyPath(model.definition).states.length;
  const standardCeiling = Math.min(quotas.stepFunctionsStandardStartExecutionPerSecond.value, quotas.stepFunctionsStandardTransitionsPerSecond.value / transitions);
  if (config.workflowType === "STANDARD" && target > standardCeiling) {
    changes.push({
      kind: "switch",
      what: `workflowType EXPRESS (Standard takes ${Math.floor(standardCeiling)}/s by default), or quota requests for StartExecution ≥ ${target}/s and state transitions ≥ ${target * transitions}/s`,
    });
  }
  if (target > quotas.stepFunctionsExpressStartExecutionPerSecond.value) {
    changes.push({ kind: "quota request", what: `Step Functions Express StartExecution ≥ ${target}/s` });
  }
  return changes;
}
