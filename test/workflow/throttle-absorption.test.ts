/**
 * The throttling Retry, run by aws-local-stepfunctions from the definition with real (fake-timer)
 * waits: a burst of executions meets the processor's reserved concurrency, Lambda refuses the
 * excess with `Lambda.TooManyRequestsException` (local/limits, as Lambda's Invoke does), and the
 * engine's retries must carry every execution through to success.
 *
 * The Retry depends only on the backlog in seconds (burst × duration ÷ concurrency), so the
 * documented default — 5,000 events, 5 processors, 200 ms — is run as 200 events of 5 s each:
 * the same 200-second backlog and the same Retry (asserted), with a 25th of the executions.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, type RetryTuning } from "../../lib/workflow/definition";
import { throttleBacklogSeconds, throttleRetryTuning } from "../../lib/workflow/retry-tuning";
import { withReservedConcurrency } from "../../local/limits/lambda-service-errors";
import { ReservedConcurrency } from "../../local/limits/reserved-concurrency";
import { bindWorkflowTasks, createLocalStateMachine, localContextObject } from "../../local/workflow/task-bindings";
import { busEvent, eventDetail, PROCESSOR_ARN } from "./support/workflow-fixtures";

/** DynamoDB states answer at once: this test is about the processor's capacity. */
const instantDynamoDb = { send: async () => ({}) } as unknown as DynamoDBClient;

/** The documented defaults, as Pulumi.yaml declares them (test/stack/config.test.ts keeps lib/config.ts equal). */
const declared = (load(readFileSync(join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as { config: Record<string, { default: number }> }).config;
const DOCUMENTED = {
  absorbableBurst: declared.absorbableBurst!.default,
  processorConcurrency: declared.processorReservedConcurrency!.default,
  processorDurationMs: declared.processorExpectedDurationMs!.default,
};
const SCALED = { absorbableBurst: 200, processorConcurrency: DOCUMENTED.processorConcurrency, processorDurationMs: 5000 };

interface BurstOutcome {
  succeeded: number;
  failedWith: string[];
  throttled: number;
  peakConcurrency: number;
  elapsedSeconds: number;
}

/** Deterministic draws for FULL jitter (mulberry32), so a run is reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function runBurst(size: number, durationMs: number, throttleRetry: RetryTuning | undefined): Promise<BurstOutcome> {
  jest.spyOn(Math, "random").mockImplementation(seededRandom(13));
  const definition = buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "t", retry: DEFAULT_RETRY_TUNING, throttleRetry });
  const concurrency = new ReservedConcurrency("payment-processor-test", SCALED.processorConcurrency);
  const processor = withReservedConcurrency(async () => {
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    return { disposition: "APPLIED", paymentStatus: "SUCCEEDED" };
  }, concurrency);
  const overrides = bindWorkflowTasks(definition, { dynamoDb: instantDynamoDb, lambdaFunctions: { [PROCESSOR_ARN]: processor } });
  const machine = createLocalStateMachine(definition);
  const startedAt = Date.now();
  let settled = 0;
  const failedWith: string[] = [];
  let succeeded = 0;
  for (let index = 0; index < size; index++) {
    machine
      .run(busEvent(eventDetail({ eventId: `evt_burst_${index}` })) as never, { overrides, context: localContextObject(`burst-${index}`) })
      .result.then(
        () => succeeded++,
        (error: Error) => failedWith.push(error.name === "ExecutionError" ? String((error.cause as Error | undefined)?.name) : error.name),
      )
      .finally(() => settled++);
  }
  // Bounded: the longest Retry here waits well under an hour.
  for (let second = 0; second < 3600 && settled < size; second++) await jest.advanceTimersByTimeAsync(1000);
  const { throttled, peakConcurrency } = concurrency.stats;
  return { succeeded, failedWith, throttled, peakConcurrency, elapsedSeconds: (Date.now() - startedAt) / 1000 };
}

describe("a burst against the processor's reserved concurrency, on aws-local-stepfunctions", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date("2026-03-01T00:00:00.000Z") });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it("the scaled burst has the documented burst's backlog and Retry", () => {
    expect(throttleBacklogSeconds(SCALED)).toBe(throttleBacklogSeconds(DOCUMENTED));
    expect(throttleRetryTuning(SCALED)).toEqual(throttleRetryTuning(DOCUMENTED));
  });

  it("with the throttling Retry: every execution waits for a free processor and succeeds", async () => {
    const outcome = await runBurst(SCALED.absorbableBurst, SCALED.processorDurationMs, throttleRetryTuning(SCALED));

    expect(outcome.failedWith).toEqual([]);
    expect(outcome.succeeded).toBe(SCALED.absorbableBurst);
    // The burst really was throttled and really had to wait: never more than 5 at once, and
    // no faster than 5 processors can go.
    expect(outcome.throttled).toBeGreaterThan(SCALED.absorbableBurst);
    expect(outcome.peakConcurrency).toBe(SCALED.processorConcurrency);
    expect(outcome.elapsedSeconds).toBeGreaterThanOrEqual(throttleBacklogSeconds(SCALED));
  }, 120_000);

  it("without it (throttling shares the six transient retries, ~126 s at most), the same burst ends in FAILED executions", async () => {
    const outcome = await runBurst(SCALED.absorbableBurst, SCALED.processorDurationMs, undefined);

    expect(outcome.failedWith.length).toBeGreaterThan(0);
    expect(new Set(outcome.failedWith)).toEqual(new Set(["Lambda.TooManyRequestsException"]));
    expect(outcome.succeeded + outcome.failedWith.length).toBe(SCALED.absorbableBurst);
  }, 120_000);
});
