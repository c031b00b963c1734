import fc from "fast-check";
import {
  deriveWorkflowPermissions,
  maxRetrierWaitSeconds,
  maxRetryWaitOnAnyPathSeconds,
  type WorkflowResourceNames,
} from "../../lib/workflow/workflow-analysis";
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, type AslDefinition } from "../../lib/workflow/definition";

const NAMES: WorkflowResourceNames = {
  processorFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:payment-processor-dev",
  eventsTableName: "payment-events-dev",
};

const task = (resource: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ Type: "Task", Resource: resource, Parameters: parameters, End: true, ...extra });
const single = (state: Record<string, unknown>): AslDefinition => ({ StartAt: "Only", States: { Only: state } });

describe("deriveWorkflowPermissions", () => {
  it("grants lambda:InvokeFunction for an optimised invoke of the processor", () => {
    expect(deriveWorkflowPermissions(single(task("arn:aws:states:::lambda:invoke", { FunctionName: NAMES.processorFunctionArn })), NAMES)).toEqual([
      { target: "processorFunction", actions: ["lambda:InvokeFunction"] },
    ]);
  });

  it("maps optimised and SDK DynamoDB integrations to their exact actions, de-duplicated and sorted", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: {
        A: { ...task("arn:aws:states:::dynamodb:updateItem", { TableName: NAMES.eventsTableName }), End: undefined, Next: "B" },
        B: { ...task("arn:aws:states:::dynamodb:getItem", { TableName: NAMES.eventsTableName }), End: undefined, Next: "C" },
        C: { ...task("arn:aws:states:::aws-sdk:dynamodb:query", { TableName: NAMES.eventsTableName }), End: undefined, Next: "D" },
        D: task("arn:aws:states:::dynamodb:updateItem", { TableName: NAMES.eventsTableName }),
      },
    };
    expect(deriveWorkflowPermissions(definition, NAMES)).toEqual([{ target: "eventsTable", actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"] }]);
  });

  it.each(["Parallel", "Map"])("refuses a %s state, whose nested Tasks it would not see", (type) => {
    const nested = single(task("arn:aws:states:::dynamodb:putItem", { TableName: NAMES.eventsTableName }));
    const definition = single({ Type: type, End: true, ...(type === "Parallel" ? { Branches: [nested] } : { ItemProcessor: nested }) });
    const message = `State "Only" is of type ${type}; the workflow analysis understands only Task, Choice, Pass, Wait, Succeed, Fail states, so it cannot derive the role or bound the retry waits. Teach lib/workflow/workflow-analysis.ts that type first.`;
    expect(() => deriveWorkflowPermissions(definition, NAMES)).toThrow(message);
    expect(() => maxRetryWaitOnAnyPathSeconds(definition)).toThrow(message);
  });

  it.each<[string, AslDefinition, WorkflowResourceNames, string]>([
    [
      "another function",
      single(task("arn:aws:states:::lambda:invoke", { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:other" })),
      NAMES,
      'Task "Only" invokes "arn:aws:lambda:us-east-1:123456789012:function:other", which is not the processor function; the state machine role only grants lambda:InvokeFunction on the processor.',
    ],
    [
      "a function chosen at run time",
      single(task("arn:aws:states:::lambda:invoke", { "FunctionName.$": "$.fn" })),
      NAMES,
      'Task "Only" computes FunctionName at run time; the state machine role can only be scoped to a fixed FunctionName.',
    ],
    [
      "another table",
      single(task("arn:aws:states:::dynamodb:putItem", { TableName: "other" })),
      NAMES,
      'Task "Only" uses table "other", which is not the events table; the state machine role only grants DynamoDB access to the events table.',
    ],
    [
      "a putEvents Task (the processor publishes outcomes, the workflow does not)",
      single(task("arn:aws:states:::events:putEvents", { Entries: [] })),
      NAMES,
      'Task "Only" uses arn:aws:states:::events:putEvents, for which no state machine permission is derived; teach lib/workflow/workflow-analysis.ts its IAM actions.',
    ],
    [
      "an integration it does not know",
      single(task("arn:aws:states:::sqs:sendMessage", { QueueUrl: "x" })),
      NAMES,
      'Task "Only" uses arn:aws:states:::sqs:sendMessage, for which no state machine permission is derived; teach lib/workflow/workflow-analysis.ts its IAM actions.',
    ],
  ])("refuses %s", (_case, definition, names, message) => {
    expect(() => deriveWorkflowPermissions(definition, names)).toThrow(message);
  });

  it("derives GetItem, UpdateItem and InvokeFunction for the real payment workflow", () => {
    const definition = buildPaymentWorkflowDefinition({ processorFunctionArn: NAMES.processorFunctionArn, eventsTableName: NAMES.eventsTableName, retry: { ...DEFAULT_RETRY_TUNING } });
    expect(deriveWorkflowPermissions(definition, NAMES)).toEqual([
      { target: "eventsTable", actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"] },
      { target: "processorFunction", actions: ["lambda:InvokeFunction"] },
    ]);
  });
});

describe("maxRetrierWaitSeconds", () => {
  it("sums the capped exponential schedule (2, 4, 8, 10, 10 with a 10 s cap)", () => {
    expect(maxRetrierWaitSeconds({ IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 5, MaxDelaySeconds: 10 })).toBe(34);
  });

  it("applies the ASL defaults (1 s, rate 2, 3 attempts)", () => {
    expect(maxRetrierWaitSeconds({})).toBe(7);
  });

  it("is zero for MaxAttempts 0", () => {
    expect(maxRetrierWaitSeconds({ IntervalSeconds: 5, MaxAttempts: 0 })).toBe(0);
  });

  it("never exceeds MaxAttempts x MaxDelaySeconds and never drops when an attempt is added", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 2, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 3600 }),
        (interval, rate, attempts, cap) => {
          const retrier = { IntervalSeconds: interval, BackoffRate: rate, MaxAttempts: attempts, MaxDelaySeconds: cap };
          const wait = maxRetrierWaitSeconds(retrier);
          expect(wait).toBeLessThanOrEqual(attempts * cap);
          expect(maxRetrierWaitSeconds({ ...retrier, MaxAttempts: attempts + 1 })).toBeGreaterThanOrEqual(wait);
        },
      ),
    );
  });
});

describe("maxRetryWaitOnAnyPathSeconds", () => {
  const retry = (seconds: number) => [{ ErrorEquals: ["States.ALL"], IntervalSeconds: seconds, MaxAttempts: 1 }];

  it("takes the heaviest branch of a Choice, and follows Catch edges", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: {
        A: { Type: "Task", Resource: "x", Retry: retry(10), Catch: [{ ErrorEquals: ["States.ALL"], Next: "Heavy" }], Next: "Choose" },
        Choose: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "Light" }], Default: "Heavy" },
        Light: { Type: "Task", Resource: "x", Retry: retry(1), End: true },
        Heavy: { Type: "Task", Resource: "x", Retry: retry(100), End: true },
      },
    };
    expect(maxRetryWaitOnAnyPathSeconds(definition)).toBe(110);
  });

  it("refuses a loop, whose wait has no bound", () => {
    const definition: AslDefinition = {
      StartAt: "A",
      States: { A: { Type: "Task", Resource: "x", Next: "B" }, B: { Type: "Choice", Choices: [{ Variable: "$.again", BooleanEquals: true, Next: "A" }], Default: "Done" }, Done: { Type: "Succeed" } },
    };
    expect(() => maxRetryWaitOnAnyPathSeconds(definition)).toThrow('the workflow loops through "A", so its retry waits have no upper bound.');
  });

  it("is 504 s for the payment workflow with the default tuning (claim, apply, mark processed, record failure)", () => {
    const definition = buildPaymentWorkflowDefinition({ processorFunctionArn: NAMES.processorFunctionArn, eventsTableName: NAMES.eventsTableName, retry: { ...DEFAULT_RETRY_TUNING } });
    expect(maxRetryWaitOnAnyPathSeconds(definition)).toBe(4 * (2 + 4 + 8 + 16 + 32 + 64));
  });
});
