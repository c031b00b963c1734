import aslValidator from "asl-validator";
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, WORKFLOW_STATES, type AslDefinition } from "../../lib/workflow/definition";
import { NEVER_RETRIED_ERRORS } from "../../contract/error-names";
import { PROCESSOR_ARN } from "./support/workflow-fixtures";

type Retrier = { ErrorEquals: string[]; IntervalSeconds?: number; BackoffRate?: number; MaxAttempts?: number; MaxDelaySeconds?: number; JitterStrategy?: string };
type Catcher = { ErrorEquals: string[]; ResultPath?: unknown; Next: string };

const definition = buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "payment-events-test", retry: { ...DEFAULT_RETRY_TUNING } });
const states = Object.entries(definition.States);
const retriers = states.flatMap(([name, state]) => ((state.Retry as Retrier[] | undefined) ?? []).map((retrier) => ({ name, retrier })));
const catchers = states.flatMap(([name, state]) => ((state.Catch as Catcher[] | undefined) ?? []).map((catcher) => ({ name, catcher })));

describe("payment workflow definition", () => {
  it("is valid Amazon States Language for asl-validator (paths and ARNs checked)", () => {
    // asl-validator annotates the object it validates; give it a copy.
    const result = aslValidator(JSON.parse(JSON.stringify(definition)), { checkPaths: true, checkArn: true });
    expect(result.errorsText()).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("accepts every disposition and gives each non-APPLIED one its own end state", () => {
    type Choice = { Variable: string; StringEquals: string; Next: string };
    const routed = (definition.States[WORKFLOW_STATES.routeDecision].Choices as Choice[]).map((choice) => choice.StringEquals);
    expect(routed.sort()).toEqual(["APPLIED", "DUPLICATE", "IGNORED", "STALE", "UNREFERENCED"]);
    const ends = Object.fromEntries(
      (definition.States[WORKFLOW_STATES.summarise].Choices as Choice[])
        .filter((choice) => choice.Variable === "$.processing.decision.disposition")
        .map((choice) => [choice.StringEquals, choice.Next]),
    );
    expect(ends).toEqual({
      STALE: WORKFLOW_STATES.doneStale,
      DUPLICATE: WORKFLOW_STATES.doneDuplicate,
      IGNORED: WORKFLOW_STATES.doneIgnored,
      UNREFERENCED: WORKFLOW_STATES.doneUnreferenced,
    });
    for (const end of Object.values(ends)) expect(definition.States[end].Type).toBe("Succeed");
  });

  it("has Retry blocks on the processor and on all four DynamoDB states", () => {
    expect(retriers.map(({ name }) => name).sort()).toEqual(
      [WORKFLOW_STATES.claimEvent, WORKFLOW_STATES.lookUpEvent, WORKFLOW_STATES.applyEvent, WORKFLOW_STATES.markProcessed, WORKFLOW_STATES.recordFailure].sort(),
    );
  });

  it.each(retriers.map(({ name, retrier }) => [name, retrier] as const))("%s: exponential, capped, fully jittered backoff", (_name, retrier) => {
    expect(retrier.BackoffRate).toBeGreaterThanOrEqual(2);
    expect(retrier.IntervalSeconds).toBe(2);
    expect(retrier.MaxAttempts).toBe(6);
    expect(retrier.MaxDelaySeconds).toBeGreaterThanOrEqual(retrier.IntervalSeconds ?? Infinity);
    expect(retrier.JitterStrategy).toBe("FULL");
  });

  it("never retries a permanent error", () => {
    const retried = retriers.flatMap(({ retrier }) => retrier.ErrorEquals);
    expect(retried.filter((error) => (NEVER_RETRIED_ERRORS as readonly string[]).includes(error))).toEqual([]);
  });

  it("retries exactly the transient processor errors, and DynamoDB throttling on the table states", () => {
    const processorRetry = definition.States[WORKFLOW_STATES.applyEvent].Retry as Retrier[];
    expect(processorRetry.map((r) => r.ErrorEquals)).toEqual([
      ["Payment.Transient", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException", "States.Timeout"],
    ]);
    expect(definition.States[WORKFLOW_STATES.applyEvent].TimeoutSeconds).toBe(60);
    for (const name of [WORKFLOW_STATES.claimEvent, WORKFLOW_STATES.markProcessed, WORKFLOW_STATES.recordFailure]) {
      const errors = (definition.States[name].Retry as Retrier[])[0].ErrorEquals;
      expect(errors).toEqual(expect.arrayContaining(["DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded"]));
    }
  });

  it("uses States.ALL only alone and in the last Retry/Catch entry", () => {
    const lists = states.flatMap(([, state]) => [(state.Retry as Retrier[] | undefined) ?? [], (state.Catch as Catcher[] | undefined) ?? []]);
    for (const list of lists) {
      list.forEach((entry, index) => {
        if (entry.ErrorEquals.includes("States.ALL")) {
          expect(entry.ErrorEquals).toEqual(["States.ALL"]);
          expect(index).toBe(list.length - 1);
        }
      });
    }
    expect(catchers.filter(({ catcher }) => catcher.ErrorEquals.includes("States.ALL")).length).toBeGreaterThanOrEqual(4);
  });

  it("gives every Catch a ResultPath that keeps the input (never null, never $)", () => {
    expect(catchers.length).toBeGreaterThan(0);
    for (const { catcher } of catchers) {
      expect(typeof catcher.ResultPath).toBe("string");
      expect(catcher.ResultPath).not.toBe("$");
    }
  });

  it("addresses the reserved-word sort key only as a Key attribute, never bare in an expression", () => {
    for (const [, state] of states) {
      const parameters = state.Parameters as Record<string, unknown> | undefined;
      for (const field of ["UpdateExpression", "ConditionExpression", "ProjectionExpression"]) {
        const expression = parameters?.[field];
        if (typeof expression === "string") expect(expression).not.toMatch(/(^|[^#:\w])timestamp\b/);
      }
    }
  });

  it("ends only in Succeed or Fail states, and the processing failure carries the original error", () => {
    const terminal = states.filter(([, state]) => state.End === true || state.Type === "Succeed" || state.Type === "Fail");
    expect(terminal.every(([, state]) => state.Type === "Succeed" || state.Type === "Fail")).toBe(true);
    expect(definition.States[WORKFLOW_STATES.processingFailed]).toMatchObject({ Type: "Fail", ErrorPath: "$.failure.Error", CausePath: "$.failure.Cause" });
  });

  it.each([
    [{ backoffRate: 1.5 }, "retry.backoffRate must be >= 2 (exponential backoff); got 1.5."],
    [{ intervalSeconds: 0 }, "retry.intervalSeconds must be an integer >= 1; got 0."],
    [{ maxAttempts: 0 }, "retry.maxAttempts must be an integer between 1 and 99999999; got 0."],
    [{ maxDelaySeconds: 1 }, "retry.maxDelaySeconds must be an integer >= retry.intervalSeconds (2) and < 31622400; got 1."],
  ])("rejects retry tuning %j with a message naming the key", (override, message) => {
    const build = (): AslDefinition =>
      buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "t", retry: { ...DEFAULT_RETRY_TUNING, ...override } });
    expect(build).toThrow(message);
  });

  it("is a pure function of its parameters", () => {
    const again = buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "payment-events-test", retry: { ...DEFAULT_RETRY_TUNING } });
    expect(again).toEqual(definition);
    expect(JSON.stringify(definition)).toContain('"TableName":"payment-events-test"');
  });
});

describe("payment workflow definition with a throttling Retry", () => {
  const throttleRetry = { intervalSeconds: 1, backoffRate: 2, maxAttempts: 40, maxDelaySeconds: 16 };
  const throttled = buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "payment-events-test", retry: { ...DEFAULT_RETRY_TUNING }, throttleRetry });
  const retriersOf = (state: string) => (throttled.States[state]!.Retry as Retrier[]).map((retrier) => retrier.ErrorEquals);

  it("is still valid Amazon States Language", () => {
    const result = aslValidator(JSON.parse(JSON.stringify(throttled)), { checkPaths: true, checkArn: true });
    expect(result.errorsText()).toBe("");
  });

  it("puts throttling first, with its own budget, and keeps the other transient errors on the configured Retry", () => {
    // Lambda's throttle name as Step Functions reports it (Step Functions Developer Guide, "Handling errors").
    expect(retriersOf(WORKFLOW_STATES.applyEvent)[0]).toEqual(["Lambda.TooManyRequestsException"]);
    expect(retriersOf(WORKFLOW_STATES.applyEvent)[1]).toContain("Payment.Transient");
    expect(retriersOf(WORKFLOW_STATES.applyEvent)[1]).not.toContain("Lambda.TooManyRequestsException");
    expect(retriersOf(WORKFLOW_STATES.claimEvent)).toEqual([
      ["DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded"],
      ["DynamoDB.InternalServerErrorException"],
    ]);
    const [throttleRetrier, transientRetrier] = throttled.States[WORKFLOW_STATES.applyEvent]!.Retry as Retrier[];
    expect(throttleRetrier).toMatchObject({ IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 40, MaxDelaySeconds: 16, JitterStrategy: "FULL" });
    expect(transientRetrier).toMatchObject({ MaxAttempts: DEFAULT_RETRY_TUNING.maxAttempts, MaxDelaySeconds: DEFAULT_RETRY_TUNING.maxDelaySeconds });
  });

  it("rejects an invalid throttling Retry naming the key", () => {
    expect(() =>
      buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: "t", retry: { ...DEFAULT_RETRY_TUNING }, throttleRetry: { ...throttleRetry, backoffRate: 1 } }),
    ).toThrow("retry.backoffRate must be >= 2");
  });
});
