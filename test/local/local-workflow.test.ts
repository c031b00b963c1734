/** Executions on aws-local-stepfunctions as the rule target starts them: context, results, retries, abort. */
import { EXECUTION_HISTORY_RETENTION_MS, LocalWorkflow } from "../../local/state-machine/local-workflow";
import { createLocalStateMachine } from "../../local/workflow/task-bindings";

const ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:payment-processing-local";

function workflowFor(definition: Parameters<typeof createLocalStateMachine>[0], overrides = {}, bounds: { payloadRetention?: number; maxClosedExecutions?: number } = {}) {
  return new LocalWorkflow({ stateMachine: createLocalStateMachine(definition), stateMachineArn: ARN, overrides, ...bounds });
}

describe("local workflow executions", () => {
  it("gives each execution its own name and ARN in the context object, and records the output", async () => {
    const workflow = workflowFor({
      StartAt: "Echo",
      States: { Echo: { Type: "Pass", Parameters: { "id.$": "$$.Execution.Id", "entered.$": "$$.State.EnteredTime", "eventId.$": "$.detail.eventId" }, End: true } },
    });
    const first = workflow.start({ detail: { eventId: "e1" } });
    const second = workflow.start({ detail: { eventId: "e2" } });
    await workflow.drain();

    expect(first.executionArn).toBe(`arn:aws:states:us-east-1:000000000000:execution:payment-processing-local:${first.name}`);
    expect(first.name).not.toBe(second.name);
    expect(first).toMatchObject({ status: "SUCCEEDED", output: { id: first.executionArn, eventId: "e1" }, statesEntered: ["Echo"], retries: 0 });
    expect((first.output as { entered: string }).entered).toBe(new Date(first.startedAt).toISOString());
  });

  it("records the Fail state's error and cause, and counts retries from the event log", async () => {
    let attempts = 0;
    const workflow = workflowFor(
      {
        StartAt: "Work",
        States: {
          Work: {
            Type: "Task",
            Resource: "arn:aws:lambda:us-east-1:000000000000:function:work",
            Retry: [{ ErrorEquals: ["Flaky"], MaxAttempts: 3, IntervalSeconds: 1, BackoffRate: 2 }],
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Give up" }],
            End: true,
          },
          "Give up": { Type: "Fail", Error: "Work.Failed", Cause: "gave up" },
        },
      },
      {
        retryIntervalOverrides: { Work: 0 },
        taskResourceLocalHandlers: {
          Work: async () => {
            attempts++;
            throw Object.assign(new Error("still flaky"), { name: "Flaky" });
          },
        },
      },
    );
    const execution = workflow.start({});
    await workflow.drain();
    expect(attempts).toBe(4);
    expect(execution).toMatchObject({ status: "FAILED", error: "Work.Failed", cause: "gave up", retries: 3 });
  });

  it("abortAll stops running executions as ABORTED, not FAILED", async () => {
    const workflow = workflowFor({ StartAt: "Wait", States: { Wait: { Type: "Wait", Seconds: 60, End: true } } });
    const execution = workflow.start({});
    await new Promise((resolve) => setTimeout(resolve, 50));
    workflow.abortAll();
    await workflow.drain();
    expect(execution.status).toBe("ABORTED");
  });

  it("lists a closed execution for 90 days, then no more", async () => {
    // Oracle: Step Functions keeps a Standard workflow's closed executions for 90 days (AWS Step
    // Functions Developer Guide, "Step Functions service quotas": https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
    expect(EXECUTION_HISTORY_RETENTION_MS).toBe(90 * 24 * 60 * 60 * 1000);
    const day = 24 * 60 * 60 * 1000;
    let now = Date.UTC(2026, 0, 1);
    const workflow = new LocalWorkflow({
      stateMachine: createLocalStateMachine({ StartAt: "Echo", States: { Echo: { Type: "Pass", End: true } } }),
      stateMachineArn: ARN,
      overrides: {},
      now: () => now,
    });
    workflow.start({ detail: { eventId: "old" } });
    await workflow.drain();
    now += 89 * day;
    workflow.start({ detail: { eventId: "day 89" } });
    await workflow.drain();
    expect(workflow.executions.map((execution) => execution.eventId)).toEqual(["old", "day 89"]);
    now += 2 * day;
    workflow.start({ detail: { eventId: "day 91" } });
    await workflow.drain();
    expect(workflow.executions.map((execution) => execution.eventId)).toEqual(["day 89", "day 91"]);
  });

  it("bounds what closed executions hold: payloads of the newest succeeded ones only, and a count cap", async () => {
    const definition = { StartAt: "Echo", States: { Echo: { Type: "Pass" as const, End: true } } };
    const workflow = workflowFor(definition, {}, { payloadRetention: 2, maxClosedExecutions: 10 });
    for (let index = 0; index < 4; index++) workflow.start({ detail: { eventId: `e${index}` } });
    await workflow.drain();
    const [oldest, , , newest] = workflow.executions;
    // The summary stays (the console's line and the counts); the payloads go.
    expect(oldest).toMatchObject({ eventId: "e0", status: "SUCCEEDED", payloadsDropped: true, input: undefined, output: undefined, statesEntered: ["Echo"] });
    expect(newest).toMatchObject({ eventId: "e3", input: { detail: { eventId: "e3" } }, output: { detail: { eventId: "e3" } } });
    expect(newest!.payloadsDropped).toBeUndefined();

    for (let index = 4; index < 30; index++) workflow.start({ detail: { eventId: `e${index}` } });
    await workflow.drain();
    expect(workflow.executions.length).toBeLessThanOrEqual(11);
    expect(workflow.executions.at(-1)!.eventId).toBe("e29");
  });
});
