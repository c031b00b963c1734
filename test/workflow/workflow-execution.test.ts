/**
 * Runs the deployed definition on aws-local-stepfunctions: DynamoDB states hit dynalite through
 * local/workflow/task-bindings, the processor task runs the real processor on the same table.
 * Retry waits are overridden to 0 ms (the schedule itself is proven in retry-backoff.test.ts).
 */
import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { WebhookEventDetail } from "../../contract/event-routing";
import { NO_AMOUNT, PAYMENT_STATE_SORT_KEY } from "../../contract/event-table";
import { WORKFLOW_STATES, type AslDefinition } from "../../lib/workflow/definition";
import { PaymentTransientError } from "../../lambda/payment-processor/errors";
import { bindWorkflowTasks, createLocalStateMachine, localContextObject, type LocalLambdaFunction } from "../../local/workflow/task-bindings";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";
import { createProcessorHarness, type ProcessorHarness } from "./support/processor-harness";
import { busEvent, eventDetail, PROCESSOR_ARN, storeEventItem, workflowDefinition } from "./support/workflow-fixtures";

interface RunResult {
  output?: unknown;
  error?: { name: string; message: string };
  finalState: string;
  stateFailures: string[];
  retries: number;
  processorCalls: number;
}

let dynamo: DynaliteEventTable;
let definition: AslDefinition;
let harness: ProcessorHarness;
let paymentCounter = 0;
let runCounter = 0;

beforeAll(async () => {
  dynamo = await startDynaliteEventTable("payment-events-workflow");
  definition = workflowDefinition(dynamo.tableName);
});
afterAll(async () => {
  await dynamo.stop();
});
beforeEach(() => {
  harness = createProcessorHarness(dynamo.client, dynamo.tableName);
});

/** A fresh payment id per test keeps tests independent on the shared table. */
function freshDetail(overrides: Partial<WebhookEventDetail> = {}): WebhookEventDetail {
  paymentCounter += 1;
  return eventDetail({ paymentId: `pi_wf_${paymentCounter}`, ...overrides });
}

async function run(detail: WebhookEventDetail, processor: LocalLambdaFunction = (payload) => harness.handler(payload), client: DynamoDBClient = dynamo.client): Promise<RunResult> {
  let processorCalls = 0;
  const overrides = bindWorkflowTasks(definition, {
    dynamoDb: client,
    lambdaFunctions: { [PROCESSOR_ARN]: (payload) => { processorCalls += 1; return processor(payload); } },
    retryWaitMs: 0,
  });
  const execution = createLocalStateMachine(definition).run(busEvent(detail) as never, { overrides, context: localContextObject(`run-${++runCounter}`) });
  const result: RunResult = { finalState: "", stateFailures: [], retries: 0, processorCalls: 0 };
  try {
    result.output = await execution.result;
  } catch (error) {
    result.error = { name: (error as Error).name, message: (error as Error).message };
  }
  for await (const event of execution.eventLogs) {
    if (event.type === "StateEntered") result.finalState = event.state.name;
    if (event.type === "StateFailed") result.stateFailures.push(`${event.state.name}: ${event.Error}`);
    if (event.type === "StateRetried") result.retries += 1;
    if (event.type === "ExecutionFailed") result.error = { name: event.Error, message: String(event.Cause) };
  }
  result.processorCalls = processorCalls;
  return result;
}

async function eventItem(detail: WebhookEventDetail): Promise<Record<string, string | undefined>> {
  const { Item } = await dynamo.client.send(
    new GetItemCommand({ TableName: dynamo.tableName, Key: { paymentId: { S: detail.paymentId }, timestamp: { S: detail.timestamp } }, ConsistentRead: true }),
  );
  if (!Item) return {};
  return Object.fromEntries(Object.entries(Item).map(([name, value]) => [name, value.S ?? value.N]));
}

async function stateItem(paymentId: string): Promise<Record<string, string | undefined> | undefined> {
  const { Item } = await dynamo.client.send(
    new GetItemCommand({ TableName: dynamo.tableName, Key: { paymentId: { S: paymentId }, timestamp: { S: PAYMENT_STATE_SORT_KEY } }, ConsistentRead: true }),
  );
  return Item && Object.fromEntries(Object.entries(Item).map(([name, value]) => [name, value.S ?? value.N]));
}

const transient = (): never => {
  throw new PaymentTransientError("Downstream unavailable (test)");
};

describe("payment workflow on aws-local-stepfunctions + dynalite", () => {
  it("happy path: claims, processes, marks PROCESSED, publishes one outcome", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);

    const result = await run(detail);

    expect(result.error).toBeUndefined();
    expect(result.finalState).toBe(WORKFLOW_STATES.doneUpdated);
    expect(result.processorCalls).toBe(1);
    expect(await eventItem(detail)).toMatchObject({
      processingStatus: "PROCESSED",
      processingDisposition: "APPLIED",
      resultingPaymentStatus: "SUCCEEDED",
      processingAttempts: "1",
      processingExecutionId: expect.any(String),
      processedAt: expect.any(String),
    });
    expect(await stateItem(detail.paymentId)).toMatchObject({ itemType: "STATE", paymentStatus: "SUCCEEDED", lastEventId: "evt_1", version: "1" });
    expect(harness.publisher.published.map((outcome) => outcome.detailType)).toEqual(["Payment Succeeded"]);
  });

  it("transient error twice, then success: 3 processor attempts, 2 retries, PROCESSED", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);
    let attempts = 0;
    const flaky: LocalLambdaFunction = (payload) => (++attempts <= 2 ? transient() : harness.handler(payload));

    const result = await run(detail, flaky);

    expect(result.error).toBeUndefined();
    expect(result.processorCalls).toBe(3);
    expect(result.retries).toBe(2);
    expect(result.stateFailures).toEqual([`${WORKFLOW_STATES.applyEvent}: Payment.Transient`, `${WORKFLOW_STATES.applyEvent}: Payment.Transient`]);
    expect((await eventItem(detail)).processingStatus).toBe("PROCESSED");
    expect(harness.publisher.published).toHaveLength(1);
  });

  it("transient forever: retries exhausted (1 + MaxAttempts calls), FAILED recorded, execution fails with the error", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);

    const result = await run(detail, transient);

    expect(result.processorCalls).toBe(7);
    expect(result.retries).toBe(6);
    expect(result.finalState).toBe(WORKFLOW_STATES.processingFailed);
    expect(result.error?.name).toBe("Payment.Transient");
    expect(await eventItem(detail)).toMatchObject({
      processingStatus: "FAILED",
      processingError: "Payment.Transient",
      processingErrorCause: expect.stringContaining("Downstream unavailable (test)"),
      processingFailedAt: expect.any(String),
    });
    expect(await stateItem(detail.paymentId)).toBeUndefined();
  });

  it("permanent error (invalid event): no retry, FAILED recorded with the processor's error name", async () => {
    const detail = freshDetail({ status: "BOGUS" });
    await storeEventItem(dynamo.client, dynamo.tableName, detail);

    const result = await run(detail);

    expect(result.processorCalls).toBe(1);
    expect(result.retries).toBe(0);
    expect(result.error?.name).toBe("Payment.InvalidEvent");
    expect(await eventItem(detail)).toMatchObject({
      processingStatus: "FAILED",
      processingError: "Payment.InvalidEvent",
      processingErrorCause: expect.stringContaining("Unknown status \\\"BOGUS\\\""),
    });
    expect(harness.publisher.published).toEqual([]);
  });

  it("duplicate execution for an already processed event: skipped, no second side effect", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);
    await run(detail);
    const afterFirst = { event: await eventItem(detail), state: await stateItem(detail.paymentId) };

    const second = await run(detail);

    expect(second.error).toBeUndefined();
    expect(second.finalState).toBe(WORKFLOW_STATES.skipProcessed);
    expect(second.processorCalls).toBe(0);
    expect(await eventItem(detail)).toEqual(afterFirst.event);
    expect(await stateItem(detail.paymentId)).toEqual(afterFirst.state);
    expect(harness.publisher.published).toHaveLength(1);
  });

  it("an execution finding the event PROCESSING elsewhere skips without invoking the processor", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail, "PROCESSING");

    const result = await run(detail);

    expect(result.finalState).toBe(WORKFLOW_STATES.skipInFlight);
    expect(result.processorCalls).toBe(0);
    expect((await eventItem(detail)).processingStatus).toBe("PROCESSING");
  });

  it("an event with no item fails visibly and creates no ghost item", async () => {
    const detail = freshDetail();

    const result = await run(detail);

    expect(result.error?.name).toBe("Event.NotFound");
    expect(result.processorCalls).toBe(0);
    expect(await eventItem(detail)).toEqual({});
  });

  it("an operator's re-run of a FAILED event processes it and clears the recorded error", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);
    await run(detail, transient);
    expect((await eventItem(detail)).processingStatus).toBe("FAILED");

    const rerun = await run(detail);

    expect(rerun.error).toBeUndefined();
    const item = await eventItem(detail);
    expect(item).toMatchObject({ processingStatus: "PROCESSED", processingAttempts: "2" });
    expect(item.processingError).toBeUndefined();
    expect(item.processingErrorCause).toBeUndefined();
  });

  it("a declined payment succeeds as a business outcome with a soft-decline retry advice", async () => {
    const detail = freshDetail({ status: "FAILED", eventType: "payment_intent.payment_failed", failureCode: "insufficient_funds" });
    await storeEventItem(dynamo.client, dynamo.tableName, detail);

    const result = await run(detail);

    expect(result.finalState).toBe(WORKFLOW_STATES.doneDeclined);
    expect(await eventItem(detail)).toMatchObject({ processingStatus: "PROCESSED", resultingPaymentStatus: "FAILED" });
    const [outcome] = harness.publisher.published;
    expect(outcome.detailType).toBe("Payment Failed");
    expect(outcome.detail.decline).toMatchObject({ category: "SOFT", failureCode: "insufficient_funds", retry: { advisable: true, attempt: 1, delaySeconds: 72 * 3600 } });
  });

  it("an older event arriving after a newer one is marked PROCESSED as STALE and changes nothing", async () => {
    const newer = freshDetail({ eventId: "evt_new", occurredAt: "2026-03-01T11:00:00.000Z", status: "REFUNDED", eventType: "charge.refunded" });
    const older = eventDetail({ paymentId: newer.paymentId, eventId: "evt_old", occurredAt: "2026-03-01T10:00:00.000Z" });
    await storeEventItem(dynamo.client, dynamo.tableName, newer);
    await storeEventItem(dynamo.client, dynamo.tableName, older);
    await run(newer);

    const result = await run(older);

    expect(result.finalState).toBe(WORKFLOW_STATES.doneStale);
    expect(await eventItem(older)).toMatchObject({ processingStatus: "PROCESSED", processingDisposition: "STALE", resultingPaymentStatus: "REFUNDED" });
    expect((await stateItem(newer.paymentId))?.paymentStatus).toBe("REFUNDED");
    expect(harness.publisher.published.map((outcome) => outcome.detailType)).toEqual(["Payment Refunded"]);
  });

  it("an event that names no payment ends in its own Succeed state: PROCESSED, no STATE item, nothing published", async () => {
    const detail = eventDetail({ paymentId: "unreferenced#stripe#evt_wf_customer", eventId: "evt_wf_customer", eventType: "customer.created", status: "UNKNOWN", amount: String(NO_AMOUNT), currency: "" });
    await storeEventItem(dynamo.client, dynamo.tableName, detail);

    const result = await run(detail);

    expect(result.error).toBeUndefined();
    expect(result.finalState).toBe("Done: event names no payment");
    expect(result.processorCalls).toBe(1);
    expect(await eventItem(detail)).toMatchObject({
      processingStatus: "PROCESSED",
      processingDisposition: "UNREFERENCED",
      resultingPaymentStatus: "UNKNOWN",
      processedAt: expect.any(String),
    });
    expect(await stateItem(detail.paymentId)).toBeUndefined();
    expect(harness.publisher.published).toEqual([]);
  });

  it("DynamoDB throttling on the claim is retried by the state's Retry, then the run completes", async () => {
    const detail = freshDetail();
    await storeEventItem(dynamo.client, dynamo.tableName, detail);
    let throttled = 0;
    const throttlingClient = Object.create(dynamo.client) as DynamoDBClient;
    throttlingClient.send = (async (command: unknown) => {
      if (command instanceof UpdateItemCommand && throttled < 2) {
        throttled += 1;
        throw Object.assign(new Error("Rate of requests exceeds the allowed throughput."), { name: "ProvisionedThroughputExceededException" });
      }
      return dynamo.client.send(command as never);
    }) as DynamoDBClient["send"];

    const result = await run(detail, undefined, throttlingClient);

    expect(result.error).toBeUndefined();
    expect(result.stateFailures).toEqual([
      `${WORKFLOW_STATES.claimEvent}: DynamoDB.ProvisionedThroughputExceededException`,
      `${WORKFLOW_STATES.claimEvent}: DynamoDB.ProvisionedThroughputExceededException`,
    ]);
    expect((await eventItem(detail)).processingStatus).toBe("PROCESSED");
  });
});
