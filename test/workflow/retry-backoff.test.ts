/**
 * The retry schedule as the engine computes it from the definition (no wait overrides): with
 * fake timers the waits cost nothing, and the event log's timestamps give each wait exactly —
 * StateFailed is logged before the engine sleeps, StateRetried after. Math.random is pinned
 * because JitterStrategy FULL draws each wait uniformly in [0, ceiling].
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, WORKFLOW_STATES, type RetryTuning } from "../../lib/workflow/definition";
import { retryWaitCeilings, throttleBacklogSeconds, throttleRetryTuning } from "../../lib/workflow/retry-tuning";
import { PaymentTransientError } from "../../lambda/payment-processor/errors";
import { bindWorkflowTasks, createLocalStateMachine, localContextObject } from "../../local/workflow/task-bindings";
import { busEvent, eventDetail, PROCESSOR_ARN } from "./support/workflow-fixtures";

/** DynamoDB states answer at once: this test is about the processor's schedule, not storage. */
const instantDynamoDb = { send: async () => ({}) } as unknown as DynamoDBClient;

async function observedWaitsMs(retry: RetryTuning, randomValue: number): Promise<{ waits: number[]; error: string }> {
  jest.spyOn(Math, "random").mockReturnValue(randomValue);
  const definition = buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "t", retry });
  const overrides = bindWorkflowTasks(definition, {
    dynamoDb: instantDynamoDb,
    lambdaFunctions: {
      [PROCESSOR_ARN]: () => {
        throw new PaymentTransientError("still unavailable");
      },
    },
  });
  const execution = createLocalStateMachine(definition).run(busEvent(eventDetail()) as never, { overrides, context: localContextObject("backoff") });
  let settled = false;
  let error = "";
  const done = execution.result.then(
    () => (settled = true),
    (failure: Error) => {
      settled = true;
      error = failure.message;
    },
  );
  for (let step = 0; step < 200 && !settled; step++) await jest.advanceTimersToNextTimerAsync();
  await done;

  const waits: number[] = [];
  let failedAt: number | undefined;
  for await (const event of execution.eventLogs) {
    if (event.type === "StateFailed" && event.state.name === WORKFLOW_STATES.applyEvent) failedAt = event.timestamp;
    if (event.type === "StateRetried" && event.state.name === WORKFLOW_STATES.applyEvent && failedAt !== undefined) waits.push(event.timestamp - failedAt);
  }
  return { waits, error };
}

describe("processor retry backoff, computed by aws-local-stepfunctions from the definition", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date("2026-03-01T00:00:00.000Z") });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it("default tuning: each ceiling doubles (BackoffRate 2) from IntervalSeconds 2, six retries, then the execution fails", async () => {
    // Just below 1: full jitter then lands on the ceiling itself.
    const { waits, error } = await observedWaitsMs({ ...DEFAULT_RETRY_TUNING }, 1 - 1e-12);
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 64000]);
    expect(waits.slice(1).map((wait, index) => wait / waits[index])).toEqual([2, 2, 2, 2, 2]);
    expect(error).toMatch(/still unavailable/);
  });

  it("MaxDelaySeconds caps the growth: 3, 9, 27, then 60 instead of 81 and 243", async () => {
    const { waits } = await observedWaitsMs({ intervalSeconds: 3, backoffRate: 3, maxAttempts: 5, maxDelaySeconds: 60 }, 1 - 1e-12);
    expect(waits).toEqual([3000, 9000, 27000, 60000, 60000]);
  });

  it("full jitter draws each wait in [0, ceiling]: half-way draws give half the ceilings, a zero draw retries at once", async () => {
    expect((await observedWaitsMs({ ...DEFAULT_RETRY_TUNING }, 0.5)).waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
    expect((await observedWaitsMs({ ...DEFAULT_RETRY_TUNING }, 0)).waits).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("retryWaitCeilings (the docs' table) gives the ceilings the engine produced above", () => {
    expect(retryWaitCeilings({ ...DEFAULT_RETRY_TUNING })).toEqual([2, 4, 8, 16, 32, 64]);
    expect(retryWaitCeilings({ intervalSeconds: 3, backoffRate: 3, maxAttempts: 5, maxDelaySeconds: 60 })).toEqual([3, 9, 27, 60, 60]);
  });
});

describe("throttling Retry sizing", () => {
  it("covers twice the backlog (burst × duration ÷ concurrency) with its mean total wait", () => {
    const absorption = { absorbableBurst: 5000, processorConcurrency: 5, processorDurationMs: 200 };
    expect(throttleBacklogSeconds(absorption)).toBe(200);
    const tuning = throttleRetryTuning(absorption);
    // FULL jitter: a wait is uniform in [0, ceiling], so its mean is half the ceiling.
    const meanTotal = retryWaitCeilings(tuning).reduce((sum, ceiling) => sum + ceiling / 2, 0);
    expect(meanTotal).toBeGreaterThanOrEqual(400);
    const oneFewer = retryWaitCeilings({ ...tuning, maxAttempts: tuning.maxAttempts - 1 }).reduce((sum, ceiling) => sum + ceiling / 2, 0);
    expect(oneFewer).toBeLessThan(400);
  });

  it("rejects absorption figures that are not positive integers", () => {
    expect(() => throttleRetryTuning({ absorbableBurst: 0, processorConcurrency: 5, processorDurationMs: 200 })).toThrow("absorbableBurst must be a positive integer");
  });
});
