/**
 * Paths the cost model prices. Oracles: small definitions written by hand here, and for the
 * real workflow the shape its own module documents (claim → invoke → route → mark processed →
 * summarise → done; a failed invocation → record failure → fail), counted by hand.
 */
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, WORKFLOW_STATES, type AslDefinition } from "../../lib/workflow/definition";
import { happyPath, meanJitteredWaitsSeconds, processorFailurePath, processorTask, retrierFor } from "../../tools/cost/workflow-paths";

const realDefinition = buildPaymentWorkflowDefinition({
  processorFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:p",
  eventsTableName: "t",
  retry: DEFAULT_RETRY_TUNING,
});

describe("happyPath", () => {
  it("follows the real workflow from the claim to a success, six states, three of them Tasks", () => {
    const S = WORKFLOW_STATES;
    const path = happyPath(realDefinition);
    expect(path.states.slice(0, 5)).toEqual([S.claimEvent, S.applyEvent, S.routeDecision, S.markProcessed, S.summarise]);
    expect(path.states).toHaveLength(6);
    expect(realDefinition.States[path.states[5]].Type).toBe("Succeed");
    expect(path.tasks).toEqual([S.claimEvent, S.applyEvent, S.markProcessed]);
  });

  it("never takes a Catch, even when a Catch is the shorter way to a Succeed state", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: {
        A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }], Next: "B" },
        B: { Type: "Pass", Next: "Done" },
        Done: { Type: "Succeed" },
      },
    };
    expect(happyPath(definition).states).toEqual(["A", "B", "Done"]);
  });

  it("fails with the missing state's name when a Next points nowhere", () => {
    const definition: AslDefinition = { StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } };
    expect(() => happyPath(definition)).toThrow('"Nowhere"');
  });
});

describe("processorFailurePath", () => {
  it("is the claim, the invocation, then record failure and fail: four states", () => {
    const S = WORKFLOW_STATES;
    expect(processorTask(realDefinition)).toBe(S.applyEvent);
    expect(processorFailurePath(realDefinition).states).toEqual([S.claimEvent, S.applyEvent, S.recordFailure, S.processingFailed]);
  });
});

describe("retrierFor and meanJitteredWaitsSeconds", () => {
  it("fills in ASL's defaults (1 s, rate 2, 3 attempts) and halves each capped ceiling", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: { A: { Type: "Task", Resource: "x", Retry: [{ ErrorEquals: ["States.ALL"] }], End: true } },
    };
    const retrier = retrierFor(definition, "A", "Anything");
    expect(retrier).toMatchObject({ intervalSeconds: 1, backoffRate: 2, maxAttempts: 3 });
    // Ceilings 1, 2, 4 s; FULL jitter draws uniformly in [0, ceiling], mean ceiling / 2.
    expect(meanJitteredWaitsSeconds(retrier!)).toEqual([0.5, 1, 2]);
  });

  it("applies MaxDelaySeconds before halving", () => {
    // Ceilings 2, 4, 8, 16 capped at 5: 2, 4, 5, 5; halves 1, 2, 2.5, 2.5.
    expect(meanJitteredWaitsSeconds({ errors: [], intervalSeconds: 2, backoffRate: 2, maxAttempts: 4, maxDelaySeconds: 5 })).toEqual([1, 2, 2.5, 2.5]);
  });

  it("finds no retrier for an error the Task does not retry", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: { A: { Type: "Task", Resource: "x", Retry: [{ ErrorEquals: ["Only.This"] }], End: true } },
    };
    expect(retrierFor(definition, "A", "Something.Else")).toBeUndefined();
  });
});
