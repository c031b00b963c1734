/**
 * Composes the whole pipeline on local engines, in the stack's order:
 *   HTTP API → real validator → local DynamoDB (dynalite + our Streams front on a worker thread;
 *   table from the contract, stream NEW_IMAGE)
 *   → local Pipe (same filter + input template) → local bus → rule (same pattern)
 *   → aws-local-stepfunctions running the same ASL → real processor (+ local DynamoDB, bus).
 * stop() tears everything down in reverse order; every engine runs inside this process.
 *
 * AWS's limits come from the stack's config (local/limits/stack-limits.ts): the API throttles at
 * the stage's rate and burst, each Lambda runs at most its reserved concurrency, and the ASL
 * carries the throttling Retry the stack is configured with. With a data directory the table,
 * the stream records and the Pipe's position survive the process (crash-recovery.ts).
 */
import "../support/promise-with-resolvers";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import {
  PIPE_FILTER_PATTERN,
  PIPE_INPUT_TEMPLATE,
  WEBHOOK_EVENT_DETAIL_TYPE,
  WEBHOOK_EVENT_SOURCE,
  WORKFLOW_RULE_EVENT_PATTERN,
} from "../../contract/event-routing";
import { physicalName } from "../../contract/naming";
import { buildPaymentWorkflowDefinition, type RetryTuning } from "../../lib/workflow/definition";
import { withReservedConcurrency } from "../limits/lambda-service-errors";
import { ReservedConcurrency } from "../limits/reserved-concurrency";
import { readStackLimits, type StackLimits } from "../limits/stack-limits";
import { TokenBucket } from "../limits/token-bucket";
import { FileCheckpoint } from "../pipe/file-checkpoint";
import { recoverInterruptedEvents, type CrashRecoveryReport } from "./crash-recovery";
import type { ApiGatewayHandler } from "../../lambda/webhook-validator/http/api-gateway-handler";
import { startWebhookApi, type ApiExchange, type RunningWebhookApi } from "../api/webhook-api-server";
import { createEventTable } from "../dynamodb/event-table";
import { startLocalDynamoDbThread, type RunningLocalDynamoDbThread } from "../dynamodb/local-dynamodb-thread";
import { startWriteObserver } from "../dynamodb/write-observer";
import { LocalEventBus, type BusEvent } from "../eventbridge/local-event-bus";
import { startPutEventsEndpoint, type RunningPutEventsEndpoint } from "../eventbridge/put-events-endpoint";
import { DeadLetterQueue } from "../pipe/dead-letter-queue";
import { LocalPipe } from "../pipe/local-pipe";
import type { PipeDynamoDbEvent } from "../pipe/stream-record";
import { LocalWorkflow } from "../state-machine/local-workflow";
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localDynamoDbClient, localStreamsClient } from "../support/aws-clients";
import { bindWorkflowTasks, createLocalStateMachine } from "../workflow/task-bindings";
import type { LocalRuntimeConfig } from "./config";
import { loadFaultPlan, withInjectedFaults, type FaultPlan } from "./fault-injection";
import { lambdaEnvironment, loadLambdaHandlers } from "./lambda-handlers";
import { WebhookTracker } from "./webhook-tracker";

export const LOCAL_ENVIRONMENT_SUFFIX = "local";
// The stack's rule name (lib/eventing/workflow-trigger.ts), so a replay names the same rule ARN.
export const RULE_NAME = physicalName("payment-webhook-received", LOCAL_ENVIRONMENT_SUFFIX);

export interface LocalPipeline {
  /** Base URL, e.g. http://localhost:3000 (webhooks at /webhooks/{provider}). */
  url: string;
  tableName: string;
  dynamoDb: DynamoDBClient;
  bus: LocalEventBus;
  workflow: LocalWorkflow;
  tracker: WebhookTracker;
  faults: FaultPlan;
  deadLetters: { pipe: DeadLetterQueue<PipeDynamoDbEvent>; rule: DeadLetterQueue<BusEvent> };
  /** PutEvents calls the processor made, and how many were SDK-level retries. */
  putEventsStats: { requests: number; sdkRetries: number };
  /** The limits in force (undefined when LOCAL_AWS_LIMITS=off) and what they refused so far. */
  limits: StackLimits | undefined;
  throttling: { apiThrottled: () => number; validator: ReservedConcurrency; processor: ReservedConcurrency };
  /** What a restart on durable state found and redelivered (undefined in memory). */
  recovery: CrashRecoveryReport | undefined;
  /** The local DynamoDB's thread, for the benchmark's CPU and memory figures. */
  storageThread: Pick<RunningLocalDynamoDbThread, "heap" | "eventLoopUtilization">;
  /** Waits until the stream is read to its end and every delivery and execution has finished. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalPipelineOptions {
  config: LocalRuntimeConfig;
  /** Console line sink (one line per webhook stage). */
  print?: (line: string) => void;
  /** Retry tuning baked into the ASL; the stack's configured one unless a test shortens it. */
  retryTuning?: RetryTuning;
  /** The stack's limits; read from Pulumi.yaml (+ the config's stack file) unless given. */
  stackLimits?: StackLimits;
}

export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { config } = options;
  const print = options.print ?? ((line: string) => console.log(line));
  const stack: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) await stop();
  };

  try {
    const stackLimits = options.stackLimits ?? readStackLimits(config.stack);
    const limits = config.awsLimits ? stackLimits : undefined;
    const localDynamoDb: RunningLocalDynamoDbThread = await startLocalDynamoDbThread({ region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, dataDir: config.dataDir });
    stack.push(() => localDynamoDb.stop());
    const dynamoDb = localDynamoDbClient(localDynamoDb.endpoint);
    const streams: DynamoDBStreamsClient = localStreamsClient(localDynamoDb.endpoint);
    stack.push(() => {
      dynamoDb.destroy();
      streams.destroy();
    });
    const tableName = physicalName("payment-events", LOCAL_ENVIRONMENT_SUFFIX);
    const table = await createEventTable(dynamoDb, tableName);

    const tracker = new WebhookTracker(print);
    const pipeDlq = new DeadLetterQueue<PipeDynamoDbEvent>();
    const ruleDlq = new DeadLetterQueue<BusEvent>();
    ruleDlq.onMessage((entry) => print(`rule DLQ: ${entry.error} (event ${entry.item.id})`));
    const bus = new LocalEventBus({
      name: physicalName("payment-events", LOCAL_ENVIRONMENT_SUFFIX),
      region: LOCAL_REGION,
      account: LOCAL_ACCOUNT_ID,
      deadLetterQueue: ruleDlq,
      archiveFile: config.dataDir === undefined ? undefined : join(config.dataDir, "bus-archive.jsonl"),
    });
    const putEvents: RunningPutEventsEndpoint = await startPutEventsEndpoint(bus);
    stack.push(() => putEvents.stop());

    // Square signs the URL it delivers to, so the API must know its port before the validator
    // loads its settings: listen first, with the handler plugged in once it is loaded.
    const loaded: { validator?: ApiGatewayHandler } = {};
    const validatorConcurrency = new ReservedConcurrency(physicalName("webhook-validator", LOCAL_ENVIRONMENT_SUFFIX), limits?.validatorReservedConcurrency);
    const processorConcurrency = new ReservedConcurrency(physicalName("payment-processor", LOCAL_ENVIRONMENT_SUFFIX), limits?.processorReservedConcurrency);
    let apiThrottled = 0;
    const api: RunningWebhookApi = await startWebhookApi({
      handler: (event, context) => {
        if (!loaded.validator) throw new Error("validator not loaded yet");
        const validator = loaded.validator;
        return validatorConcurrency.invoke(() => validator(event, context));
      },
      port: config.port,
      accountId: LOCAL_ACCOUNT_ID,
      throttle: limits ? new TokenBucket(limits.api) : undefined,
      onExchange: (exchange) => reportExchange(tracker, exchange),
      onThrottled: () => apiThrottled++,
    });
    stack.push(() => api.stop());

    // The handlers reach the local DynamoDB through a pass-through observer that reports each EVENT
    // write (only the validator writes them): the console's "verified" and "stored" moments.
    const writeObserver = await startWriteObserver(localDynamoDb.endpoint, {
      onPut: (put) => tracker.verified(put),
      onPutAnswered: (put, statusCode) => statusCode === 200 && tracker.stored(put.eventId),
    });
    stack.push(() => writeObserver.stop());

    const faults = loadFaultPlan(config.faultsFile);
    const environment = lambdaEnvironment({
      // Both handlers' clients (only the validator writes EVENT items; the rest passes through).
      dynamoDbEndpoint: writeObserver.endpoint,
      eventBridgeEndpoint: putEvents.endpoint,
      eventsTableName: tableName,
      eventBusName: bus.name,
      signingSecretsJson: config.signingSecretsJson,
      providerSettingsJson: JSON.stringify({ square: { notificationUrl: squareNotificationUrl(api.port) } }),
      logLevel: config.lambdaLogLevel,
    });
    const handlers = await loadLambdaHandlers(environment);

    const processorArn = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${physicalName("payment-processor", LOCAL_ENVIRONMENT_SUFFIX)}`;
    const definition = buildPaymentWorkflowDefinition({
      processorFunctionArn: processorArn,
      eventsTableName: tableName,
      retry: options.retryTuning ?? stackLimits.retry,
      throttleRetry: stackLimits.throttleRetry,
    });
    const overrides = bindWorkflowTasks(definition, {
      dynamoDb,
      lambdaFunctions: { [processorArn]: withReservedConcurrency(withInjectedFaults(handlers.processor, faults), processorConcurrency) },
      retryWaitMs: config.retryWaitMs,
    });
    const stateMachineArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stateMachine:${physicalName("payment-processing", LOCAL_ENVIRONMENT_SUFFIX)}`;
    const workflow = new LocalWorkflow({
      stateMachine: createLocalStateMachine(definition),
      stateMachineArn,
      overrides,
      onStarted: (execution) => tracker.executionStarted(execution),
      onFinished: (execution) => tracker.executionFinished(execution),
    });
    stack.push(async () => {
      workflow.abortAll();
      await workflow.drain();
    });
    bus.addRule({
      name: RULE_NAME,
      eventPattern: WORKFLOW_RULE_EVENT_PATTERN,
      target: async (event) => void workflow.start(event),
    });

    const checkpoint = config.dataDir === undefined ? undefined : new FileCheckpoint(join(config.dataDir, "pipe-checkpoint.json"), table.streamArn);
    const pipe = new LocalPipe({
      name: physicalName("payment-events-pipe", LOCAL_ENVIRONMENT_SUFFIX),
      streams,
      streamArn: table.streamArn,
      region: LOCAL_REGION,
      filterPattern: PIPE_FILTER_PATTERN,
      inputTemplate: PIPE_INPUT_TEMPLATE,
      source: WEBHOOK_EVENT_SOURCE,
      detailType: WEBHOOK_EVENT_DETAIL_TYPE,
      putEvent: async (entry) => void bus.putEvents([entry]),
      deadLetterQueue: pipeDlq,
      idlePollMs: 50,
      onRecord: (outcome) => {
        const eventId = (outcome.event.dynamodb.NewImage as { eventId?: { S?: string } } | undefined)?.eventId?.S;
        if (eventId === undefined) return;
        if (outcome.kind === "delivered") tracker.routed(eventId);
        if (outcome.kind === "dead-lettered") tracker.deadLettered(eventId, outcome.error);
      },
      onError: (error) => print(`pipe: stream read failed, retrying: ${(error as Error).message}`),
      checkpoint,
    });
    // Before the Pipe reads and before the validator takes webhooks: the table is quiet.
    const recovery = checkpoint
      ? await recoverInterruptedEvents({ dynamoDb, streams, tableName, streamArn: table.streamArn, region: LOCAL_REGION, checkpoint, pipe })
      : undefined;
    pipe.start();
    stack.push(() => pipe.stop());
    if (checkpoint) stack.splice(stack.length - 1, 0, () => checkpoint.close());

    loaded.validator = handlers.validator;

    return {
      url: api.url,
      tableName,
      dynamoDb,
      bus,
      workflow,
      tracker,
      faults,
      deadLetters: { pipe: pipeDlq, rule: ruleDlq },
      putEventsStats: putEvents.stats,
      limits,
      throttling: { apiThrottled: () => apiThrottled, validator: validatorConcurrency, processor: processorConcurrency },
      recovery,
      storageThread: { heap: (heapOptions) => localDynamoDb.heap(heapOptions), eventLoopUtilization: (previous) => localDynamoDb.eventLoopUtilization(previous) },
      settle: async () => {
        await pipe.whenIdle();
        await bus.drain();
        await workflow.drain();
      },
      // Stop taking requests first, then drain inwards.
      stop: async () => {
        await api.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function reportExchange(tracker: WebhookTracker, exchange: ApiExchange): void {
  let body: { error?: string; provider?: string; events?: Array<{ eventId: string; result: string }> } = {};
  try {
    body = JSON.parse(exchange.responseBody);
  } catch {
    // Not JSON: reported with the status only.
  }
  if (exchange.statusCode === 200 && body.events) {
    tracker.accepted(body.provider ?? exchange.provider ?? "?", exchange.receivedAt, exchange.respondedAt, body.events);
  } else {
    tracker.rejected(exchange.provider, exchange.receivedAt, exchange.respondedAt, exchange.statusCode, body.error ?? "");
  }
}

/** The URL Square is told to deliver to, and signs. */
export function squareNotificationUrl(port: number): string {
  return `http://localhost:${port}/webhooks/square`;
}
