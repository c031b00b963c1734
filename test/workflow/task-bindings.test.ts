import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { ExecutionError } from "aws-local-stepfunctions";
import type { AslDefinition } from "../../lib/workflow/definition";
import { bindWorkflowTasks, createLocalStateMachine } from "../../local/workflow/task-bindings";
import { startDynaliteEventTable, type DynaliteEventTable } from "../support/dynalite-event-table";

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:echo";

function machine(states: AslDefinition["States"], startAt: string): AslDefinition {
  return { StartAt: startAt, States: states };
}

describe("bindWorkflowTasks", () => {
  let dynamo: DynaliteEventTable;
  beforeAll(async () => {
    dynamo = await startDynaliteEventTable("bindings-test");
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it("gives a lambda:invoke function the resolved Payload and returns the integration's result shape", async () => {
    const received: unknown[] = [];
    const definition = machine(
      {
        Invoke: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: FUNCTION_ARN, "Payload.$": "$.detail" },
          ResultPath: "$.result",
          End: true,
        },
      },
      "Invoke",
    );
    const overrides = bindWorkflowTasks(definition, {
      lambdaFunctions: { echo: (payload) => { received.push(payload); return { seen: payload }; } },
    });
    const output = await createLocalStateMachine(definition).run({ detail: { a: "1" }, other: true }, { overrides }).result;
    expect(received).toEqual([{ a: "1" }]);
    expect(output).toEqual({ detail: { a: "1" }, other: true, result: { ExecutedVersion: "$LATEST", Payload: { seen: { a: "1" } }, StatusCode: 200 } });
  });

  it("surfaces a function error under error.name, the name Lambda reports as errorType", async () => {
    const definition = machine(
      {
        Invoke: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: FUNCTION_ARN, Payload: {} },
          Catch: [{ ErrorEquals: ["Custom.Failure"], ResultPath: "$.caught", Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
      "Invoke",
    );
    const failing = () => {
      const error = new Error("boom");
      error.name = "Custom.Failure";
      throw error;
    };
    const overrides = bindWorkflowTasks(definition, { lambdaFunctions: { [FUNCTION_ARN]: failing } });
    const output = await createLocalStateMachine(definition).run({}, { overrides }).result;
    expect(output).toEqual({ caught: { Error: "Custom.Failure", Cause: JSON.stringify({ errorType: "Custom.Failure", errorMessage: "boom" }) } });
  });

  it("executes dynamodb:putItem / getItem Parameters against the real API and names its errors DynamoDB.<Exception>", async () => {
    const key = { paymentId: { S: "pay_1" }, timestamp: { S: "2026-01-01T00:00:00Z#evt_1" } };
    const definition = machine(
      {
        Put: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:putItem",
          Parameters: {
            TableName: dynamo.tableName,
            Item: { ...key, note: { "S.$": "$.note" } },
            ConditionExpression: "attribute_not_exists(paymentId)",
          },
          ResultPath: null,
          Next: "Get",
        },
        Get: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:getItem",
          Parameters: { TableName: dynamo.tableName, Key: key, ConsistentRead: true },
          ResultPath: "$.got",
          End: true,
        },
      },
      "Put",
    );
    const overrides = bindWorkflowTasks(definition, { dynamoDb: dynamo.client });
    const output = (await createLocalStateMachine(definition).run({ note: "hello" }, { overrides }).result) as { got: { Item: unknown } };
    expect(output.got).toEqual({ Item: { ...key, note: { S: "hello" } } });
    const stored = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.tableName, Key: key }));
    expect(stored.Item?.note).toEqual({ S: "hello" });

    // Second run: the conditional put fails with the name Step Functions uses.
    const second = createLocalStateMachine(definition).run({ note: "again" }, { overrides }).result;
    await expect(second).rejects.toBeInstanceOf(ExecutionError);
    await expect(second).rejects.toThrow(/ConditionalCheckFailed|conditional request failed/i);
    const events: string[] = [];
    const run = createLocalStateMachine(definition).run({ note: "third" }, { overrides });
    await run.result.catch(() => undefined);
    for await (const event of run.eventLogs) if (event.type === "StateFailed") events.push(event.Error);
    expect(events).toEqual(["DynamoDB.ConditionalCheckFailedException"]);
  });

  it("sets the retry wait of every state with a Retry when retryWaitMs is given", () => {
    const definition = machine(
      {
        First: { Type: "Task", Resource: FUNCTION_ARN, Retry: [{ ErrorEquals: ["X"] }], Next: "Pause" },
        Pause: { Type: "Wait", Seconds: 3600, Next: "Last" },
        Last: { Type: "Task", Resource: FUNCTION_ARN, End: true },
      },
      "First",
    );
    const overrides = bindWorkflowTasks(definition, { lambdaFunctions: { echo: () => null }, retryWaitMs: 0, waitMs: 5 });
    expect(overrides.retryIntervalOverrides).toEqual({ First: 0 });
    expect(overrides.waitTimeOverrides).toEqual({ Pause: 5 });
    expect(Object.keys(overrides.taskResourceLocalHandlers ?? {})).toEqual(["First", "Last"]);
  });

  it("binds Task states nested in Parallel branches and Map processors", async () => {
    const inner = (name: string): AslDefinition => machine({ [name]: { Type: "Task", Resource: FUNCTION_ARN, End: true } }, name);
    const definition = machine(
      {
        Fan: { Type: "Parallel", Branches: [inner("In branch")], ResultPath: "$.branches", Next: "Each" },
        Each: { Type: "Map", ItemsPath: "$.items", ItemProcessor: inner("In map"), ResultPath: "$.mapped", End: true },
      },
      "Fan",
    );
    const overrides = bindWorkflowTasks(definition, { lambdaFunctions: { echo: (payload) => ({ got: payload }) } });
    expect(Object.keys(overrides.taskResourceLocalHandlers ?? {}).sort()).toEqual(["In branch", "In map"]);
    const output = await createLocalStateMachine(definition).run({ items: [1, 2] }, { overrides }).result;
    expect(output).toMatchObject({ branches: [{ got: { items: [1, 2] } }], mapped: [{ got: 1 }, { got: 2 }] });
  });

  it("refuses at bind time a resource it cannot run locally, or a function nobody registered", () => {
    const sqs = machine({ Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } }, "Send");
    expect(() => bindWorkflowTasks(sqs, {})).toThrow('State "Send": no local binding for Resource arn:aws:states:::sqs:sendMessage.');
    const scan = machine({ Scan: { Type: "Task", Resource: "arn:aws:states:::dynamodb:scan", End: true } }, "Scan");
    expect(() => bindWorkflowTasks(scan, { dynamoDb: dynamo.client })).toThrow(/no local binding for arn:aws:states:::dynamodb:scan/);
    const invoke = machine(
      { Invoke: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: FUNCTION_ARN }, End: true } },
      "Invoke",
    );
    expect(() => bindWorkflowTasks(invoke, {})).toThrow(`State "Invoke" invokes ${FUNCTION_ARN}: no local function registered under that ARN or name.`);
  });
});
