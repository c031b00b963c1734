/**
 * Monthly cost of the stack for a webhook volume, by service, from the parsed stack config,
 * the ASL definition the stack deploys and a dated price table. Pure: every input is an
 * argument, so tests can check it against hand-computed cases.
 *
 * What the config does not say (how long a function runs, how many bytes a log line has) is
 * an explicit, printed assumption with a flag to change it; measure and pass real values.
 */
import type { WorkflowType } from "../../lib/config-rules";
import { DEFAULT_ARCHIVE_RETENTION_DAYS } from "../../lib/eventing/event-bus";
import { PAYMENT_TRANSIENT_ERROR } from "../../contract/error-names";
import type { StackModel } from "../shared/stack-model";
import type { PriceTable } from "./price-table";
import { happyPath, meanJitteredWaitsSeconds, processorTask, retrierFor, type WorkflowPath } from "./workflow-paths";

/** A 30-day month, the unit AWS's own pricing examples use. */
export const SECONDS_PER_MONTH = 30 * 24 * 3600;
const BYTES_PER_GB = 1024 ** 3;
/** Step Functions bills Express duration in 100 ms steps and memory in 64 MB chunks. */
const EXPRESS_DURATION_STEP_MS = 100;
const EXPRESS_MEMORY_CHUNK_MB = 64;
/** DynamoDB and Step Functions' KMS data keys are reused for 5 minutes per caller. */
const KMS_DATA_KEY_REUSE_SECONDS = 300;

/**
 * Table requests the handlers make per webhook (the workflow's own are read from its
 * definition): the validator's conditional PutItem; the processor's consistent GetItem of the
 * payment state, its conditional PutItem and the UpdateItem recording the published outcome.
 * Items stay under 1 KB, so each write is one write request unit and each read one read unit.
 */
export const HANDLER_TABLE_REQUESTS = { writes: 1 + 2, reads: 1 } as const;
/** Events put on the bus per webhook: the Pipe's, and the processor's outcome event. */
export const BUS_EVENTS_PER_WEBHOOK = 2;

export interface CostAssumptions {
  webhooksPerMonth: number;
  /** Mean billed duration of one validator invocation. */
  validatorDurationMs: number;
  /** Mean billed duration of one processor invocation. @default the stack's processorExpectedDurationMs */
  processorDurationMs: number;
  /** Latency of one DynamoDB Task of the workflow (counts toward Express duration). */
  dynamodbTaskMs: number;
  /** What a Lambda Task adds on top of the function's own duration (invoke round trip). */
  lambdaTaskOverheadMs: number;
  /** Transient processor failures retried, per webhook (0.01 = one webhook in a hundred retries once). */
  transientRetriesPerWebhook: number;
  /** Bytes per webhook written to each log (see `logBytesPerWebhook`). */
  logBytes: {
    apiAccessLine: number;
    lambdaPlatformLinesPerInvocation: number;
    validatorApplicationLines: number;
    processorApplicationLines: number;
    /** One Step Functions history event as logged at level ALL with execution data. */
    workflowHistoryEvent: number;
  };
  /** Size of one event on the bus, envelope included (archive volume). */
  busEventBytes: number;
  /** Shards of the table's stream; each is polled by the Pipe whether or not there is traffic. */
  streamShards: number;
  /** GetRecords calls per shard per second. */
  streamPollsPerShardPerSecond: number;
  /** Traces per webhook: the API request's, and the workflow execution's (a stream breaks the trace). */
  tracesPerWebhook: number;
}

export function defaultCostAssumptions(model: StackModel, webhooksPerMonth = 1_000_000): CostAssumptions {
  return {
    webhooksPerMonth,
    validatorDurationMs: 100,
    processorDurationMs: model.processorExpectedDurationMs,
    dynamodbTaskMs: 20,
    lambdaTaskOverheadMs: 30,
    transientRetriesPerWebhook: 0,
    logBytes: {
      apiAccessLine: 800,
      lambdaPlatformLinesPerInvocation: 500,
      validatorApplicationLines: 1000,
      processorApplicationLines: 1000,
      workflowHistoryEvent: 800,
    },
    busEventBytes: 1500,
    // A new on-demand table starts with about four partitions, one stream shard each.
    streamShards: 4,
    // Lambda's documented base rate for stream sources; Pipes does not publish its own.
    streamPollsPerShardPerSecond: 4,
    tracesPerWebhook: 2,
  };
}

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  monthlyUsd: number;
  /** Paid whatever the traffic (keys, alarms, stream polling). */
  fixed: boolean;
}

export interface CostEstimate {
  workflowType: WorkflowType;
  webhooksPerMonth: number;
  lines: CostLine[];
  monthlyUsd: number;
  /** monthlyUsd ÷ (webhooksPerMonth ÷ 1,000,000): what a million webhooks cost at this volume, fixed costs included. */
  perMillionWebhooksUsd: number;
  /** States entered by one execution on the happy path. */
  happyPathTransitions: number;
}

/** Step Functions history events a path produces: execution start and end, entered + exited per state, scheduled + started + succeeded per Task. */
export function historyEventCount(path: WorkflowPath): number {
  return 2 + 2 * path.states.length + 3 * path.tasks.length;
}

/** Log bytes one webhook writes on the happy path. */
export function logBytesPerWebhook(assumptions: CostAssumptions, path: WorkflowPath): number {
  const bytes = assumptions.logBytes;
  return (
    bytes.apiAccessLine +
    2 * bytes.lambdaPlatformLinesPerInvocation +
    bytes.validatorApplicationLines +
    bytes.processorApplicationLines +
    historyEventCount(path) * bytes.workflowHistoryEvent
  );
}

/** Log bytes one transient retry adds: a TaskFailed/Scheduled/Started triple and another processor invocation. */
export function logBytesPerRetry(assumptions: CostAssumptions): number {
  const bytes = assumptions.logBytes;
  return 3 * bytes.workflowHistoryEvent + bytes.lambdaPlatformLinesPerInvocation + bytes.processorApplicationLines;
}

/**
 * Share of traces X-Ray's default sampling rule records: the first request each second, then
 * 5% of the rest (X-Ray Developer Guide, "Sampling rules").
 */
export function xraySampledFraction(tracesPerSecond: number): number {
  if (tracesPerSecond <= 1) return 1;
  return (1 + 0.05 * (tracesPerSecond - 1)) / tracesPerSecond;
}

/** Mean Express execution duration on the happy path plus retries, before rounding to 100 ms. */
export function expressExecutionMs(model: StackModel, assumptions: CostAssumptions, path: WorkflowPath): number {
  const task = processorTask(model.definition);
  const processorMs = assumptions.processorDurationMs + assumptions.lambdaTaskOverheadMs;
  const taskMs = path.tasks.reduce((sum, name) => sum + (name === task ? processorMs : assumptions.dynamodbTaskMs), 0);
  const retrier = retrierFor(model.definition, task, PAYMENT_TRANSIENT_ERROR);
  const firstRetryWaitMs = retrier ? meanJitteredWaitsSeconds(retrier)[0] * 1000 : 0;
  return taskMs + assumptions.transientRetriesPerWebhook * (firstRetryWaitMs + processorMs);
}

export function estimateMonthlyCost(model: StackModel, assumptions: CostAssumptions, prices: PriceTable, workflowType: WorkflowType = model.config.workflowType): CostEstimate {
  const { config, definition } = model;
  const n = assumptions.webhooksPerMonth;
  const retries = assumptions.transientRetriesPerWebhook;
  const path = happyPath(definition);
  const lines: CostLine[] = [];
  const add = (service: string, item: string, quantity: number, unit: string, price: { usd: number }, fixed = false) =>
    lines.push({ service, item, quantity, unit, unitPriceUsd: price.usd, monthlyUsd: quantity * price.usd, fixed });

  add("API Gateway", "REST requests", n, "requests", prices.apiGatewayRestRequest);

  const invocations = n * (2 + retries);
  add("Lambda", "requests (validator + processor, + retries)", invocations, "invocations", prices.lambdaRequest);
  const validatorGbSeconds = (config.validator.memorySize / 1024) * (assumptions.validatorDurationMs / 1000);
  const processorGbSeconds = (config.processor.memorySize / 1024) * (assumptions.processorDurationMs / 1000);
  add("Lambda", "arm64 duration", n * (validatorGbSeconds + processorGbSeconds * (1 + retries)), "GB-s", prices.lambdaArmGbSecond);

  const workflowTasks = path.tasks.map((name) => String(definition.States[name].Resource));
  const workflowWrites = workflowTasks.filter((resource) => /dynamodb:(putItem|updateItem|deleteItem)$/.test(resource)).length;
  const workflowReads = workflowTasks.filter((resource) => /dynamodb:getItem$/.test(resource)).length;
  add("DynamoDB", `writes (${HANDLER_TABLE_REQUESTS.writes} by handlers + ${workflowWrites} by the workflow)`, n * (HANDLER_TABLE_REQUESTS.writes + workflowWrites), "WRU", prices.dynamodbWriteRequestUnit);
  add("DynamoDB", `reads (${HANDLER_TABLE_REQUESTS.reads} by handlers + ${workflowReads} by the workflow)`, n * (HANDLER_TABLE_REQUESTS.reads + workflowReads), "RRU", prices.dynamodbReadRequestUnit);
  add("DynamoDB", "stream reads by the Pipe (polling, traffic or not)", assumptions.streamShards * assumptions.streamPollsPerShardPerSecond * SECONDS_PER_MONTH, "GetRecords", prices.dynamodbStreamsReadRequest, true);

  add("EventBridge Pipes", "requests after the INSERT filter", n, "requests", prices.pipesRequest);
  add("EventBridge", "custom events (ingest + outcome)", n * BUS_EVENTS_PER_WEBHOOK, "events", prices.eventBridgeCustomEvent);
  const archivedGb = (n * BUS_EVENTS_PER_WEBHOOK * assumptions.busEventBytes) / BYTES_PER_GB;
  add("EventBridge", "archive ingestion", archivedGb, "GB", prices.eventBridgeArchiveGb);
  add("EventBridge", `archive storage (${DEFAULT_ARCHIVE_RETENTION_DAYS}-day retention, steady state)`, archivedGb * (DEFAULT_ARCHIVE_RETENTION_DAYS / 30), "GB-month", prices.eventBridgeArchiveStorageGbMonth);

  if (workflowType === "STANDARD") {
    add("Step Functions", `Standard transitions (${path.states.length} per execution + retries)`, n * (path.states.length + retries), "transitions", prices.stepFunctionsStandardTransition);
  } else {
    add("Step Functions", "Express executions", n, "executions", prices.stepFunctionsExpressRequest);
    const billedMs = Math.ceil(expressExecutionMs(model, assumptions, path) / EXPRESS_DURATION_STEP_MS) * EXPRESS_DURATION_STEP_MS;
    add("Step Functions", `Express duration (${billedMs} ms at ${EXPRESS_MEMORY_CHUNK_MB} MB)`, n * (billedMs / 1000) * (EXPRESS_MEMORY_CHUNK_MB / 1024), "GB-s", prices.stepFunctionsExpressGbSecond);
  }

  add("KMS", "customer managed key", 1, "key-months", prices.kmsKeyMonth, true);
  // Upper bound: each warm function environment, the state machine and the Pipe refresh a data key every 5 minutes.
  const kmsCallers = config.validator.reservedConcurrency + config.processor.reservedConcurrency + 2;
  add("KMS", `data-key requests (${kmsCallers} callers, one per ${KMS_DATA_KEY_REUSE_SECONDS / 60} min)`, kmsCallers * (SECONDS_PER_MONTH / KMS_DATA_KEY_REUSE_SECONDS), "requests", prices.kmsRequest, true);

  const logGb = (n * (logBytesPerWebhook(assumptions, path) + retries * logBytesPerRetry(assumptions))) / BYTES_PER_GB;
  add("CloudWatch", "log ingestion (API access, Lambda, workflow at level ALL)", logGb, "GB", prices.cloudWatchLogsIngestedGb);
  add("CloudWatch", `log storage (${config.logRetentionDays}-day retention, uncompressed upper bound)`, logGb * (config.logRetentionDays / 30), "GB-month", prices.cloudWatchLogsStoredGbMonth);
  add("CloudWatch", "alarms", model.alarmSpecs.length, "alarm-months", prices.cloudWatchAlarmMonth, true);
  add("CloudWatch", "dashboard", 1, "dashboard-months", prices.cloudWatchDashboardMonth, true);

  const tracesPerSecond = (n * assumptions.tracesPerWebhook) / SECONDS_PER_MONTH;
  add("X-Ray", "traces recorded (default sampling)", n * assumptions.tracesPerWebhook * xraySampledFraction(tracesPerSecond), "traces", prices.xrayTraceRecorded);

  const monthlyUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return {
    workflowType,
    webhooksPerMonth: n,
    lines,
    monthlyUsd,
    perMillionWebhooksUsd: n === 0 ? 0 : monthlyUsd / (n / 1e6),
    happyPathTransitions: path.states.length,
  };
}

/** Cost of one event whose processor fails on every attempt: all retries, then the failure path. */
export function exhaustedRetryTransitions(model: StackModel, failurePathStates: number): number {
  const retrier = retrierFor(model.definition, processorTask(model.definition), PAYMENT_TRANSIENT_ERROR);
  return failurePathStates + (retrier?.maxAttempts ?? 0);
}
