/** Executions on aws-local-stepfunctions as the rule target starts them: context, results, retries, abort. */
import { LocalWorkflow } from "../../local/state-machine/local-workflow";
import { createLocalStateMachine } from "../../local/workflow/task-bindings";

const ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:payment-processing-local";

function workflowFor(definition: Parameters<typeof createLocalStateMachine>[0], overrides = {}) {
  return new LocalWorkflow({ stateMachine: createLocalStateMachine(definition), stateMachineArn: ARN, overrides });
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
});
