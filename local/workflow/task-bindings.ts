/**
 * Binds the Task states of an ASL definition to local implementations for aws-local-stepfunctions,
 * so the SAME definition the stack deploys runs on a local engine:
 *
 * - `arn:aws:states:::lambda:invoke` (and plain Lambda ARNs) -> a local function looked up by the
 *   state's resolved `FunctionName`;
 * - `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem` -> the real DynamoDB API
 *   call, through the caller's SDK v3 `DynamoDBClient` (dynalite in the tests and, behind the Streams front, in the
 *   local runtime), with the state's resolved `Parameters` as the request.
 *
 * How aws-local-stepfunctions 3.0.0 calls a local handler (read from its source,
 * StateExecutor.execute / TaskStateAction.execute): the handler receives the state input AFTER
 * `InputPath` and `Parameters` (so `Key`, `ExpressionAttributeValues`… are already resolved),
 * its return value then goes through `ResultSelector` / `ResultPath` / `OutputPath`, and a thrown
 * error is matched against Retry / Catch by `error.name`, with `error.message` as the Cause.
 *
 * Fidelity with the service, and where it stops:
 * - Lambda: a function error surfaces with the name Lambda's runtime reports (`errorType`, which
 *   Node.js takes from `error.name`) and a Cause of `{"errorType","errorMessage"}` JSON; the result
 *   is `{ ExecutedVersion, Payload, StatusCode }` like the `lambda:invoke` integration. A local
 *   function that throws a LocalTaskError (a Lambda service error such as a throttle) surfaces
 *   with that error's name unchanged, as the service's own errors do.
 * - DynamoDB: errors surface as `DynamoDB.<ExceptionName>` (e.g.
 *   `DynamoDB.ConditionalCheckFailedException`), as Step Functions names them; the result is the
 *   API response without the `SdkHttpMetadata` / `SdkResponseMetadata` the service adds — select
 *   what you need with `ResultSelector` / `ResultPath`.
 * - Context object: the engine fills only `$$.Execution.Input` / `StartTime`. Pass
 *   `localContextObject()` as the run's `context` so `$$.Execution.Id` / `Name` and
 *   `$$.State.EnteredTime` resolve (EnteredTime is the run's start, not each state's entry).
 * - Node 20: import local/support/promise-with-resolvers before running the engine (aws-local-stepfunctions 3.0.0 declares engines >=22 and calls Promise.withResolvers, which Node 20 lacks).
 *
 * Usage:
 *   const overrides = bindWorkflowTasks(definition, { dynamoDb, lambdaFunctions: { [arn]: fn }, retryWaitMs: 0 });
 *   await createLocalStateMachine(definition).run(input, { overrides, context: localContextObject("run-1") }).result;
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { StateMachine, type RunOptions, type StateMachineDefinition, type StateMachineOptions } from "aws-local-stepfunctions";
import { THROTTLING_ERRORS, type AslDefinition } from "../../lib/workflow/definition";

export type LocalOverrides = NonNullable<RunOptions["overrides"]>;
type TaskHandlers = NonNullable<LocalOverrides["taskResourceLocalHandlers"]>;
type TaskHandler = TaskHandlers[string];

/** A local stand-in for a Lambda function: receives the invocation payload, returns the result. */
export type LocalLambdaFunction = (payload: unknown) => unknown;

export interface TaskBindingOptions {
  /** Client for the `dynamodb:*` integrations (its endpoint decides which engine is hit). */
  dynamoDb?: DynamoDBClient;
  /**
   * Local functions keyed by the `FunctionName` the definition uses (full ARN, or the bare
   * function name: both are tried).
   */
  lambdaFunctions?: Record<string, LocalLambdaFunction>;
  /**
   * When set, every Retry waits this many ms between attempts (0 for fast tests), except a Retry
   * of throttling errors only: waiting for capacity is the point of that one, so it keeps the
   * definition's own schedule.
   */
  retryWaitMs?: number;
  /** When set, every Wait state waits this many ms instead of its configured time. */
  waitMs?: number;
}

const DYNAMODB_COMMANDS = {
  getItem: (client: DynamoDBClient, input: never) => client.send(new GetItemCommand(input)),
  putItem: (client: DynamoDBClient, input: never) => client.send(new PutItemCommand(input)),
  updateItem: (client: DynamoDBClient, input: never) => client.send(new UpdateItemCommand(input)),
  deleteItem: (client: DynamoDBClient, input: never) => client.send(new DeleteItemCommand(input)),
} as const;
type DynamoDbAction = keyof typeof DYNAMODB_COMMANDS;

function dynamoDbSender(client: DynamoDBClient, action: DynamoDbAction): (input: unknown) => Promise<object> {
  return (input) => DYNAMODB_COMMANDS[action](client, input as never);
}

const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
const DYNAMODB_PREFIX = "arn:aws:states:::dynamodb:";
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:([^:]+)(?::[^:]+)?$/;

/** An error shaped the way Step Functions reports a failed task: `name` is the ASL error name. */
export class LocalTaskError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

export function bindWorkflowTasks(definition: AslDefinition, options: TaskBindingOptions): LocalOverrides {
  const taskResourceLocalHandlers: TaskHandlers = {};
  const retryIntervalOverrides: Record<string, number | number[]> = {};
  const waitTimeOverrides: Record<string, number> = {};

  for (const [stateName, state] of allStates(definition)) {
    if (Array.isArray(state.Retry) && options.retryWaitMs !== undefined) {
      const throttlingOnly = (state.Retry as Array<{ ErrorEquals: string[] }>).map((retrier) =>
        retrier.ErrorEquals.every((error) => (THROTTLING_ERRORS as readonly string[]).includes(error)),
      );
      // The engine takes one number for all retriers, or one per retrier (negative: keep the definition's wait).
      retryIntervalOverrides[stateName] = throttlingOnly.some(Boolean) ? throttlingOnly.map((keep) => (keep ? -1 : options.retryWaitMs!)) : options.retryWaitMs;
    }
    if (state.Type === "Wait" && options.waitMs !== undefined) waitTimeOverrides[stateName] = options.waitMs;
    if (state.Type !== "Task") continue;
    if (stateName in taskResourceLocalHandlers) {
      throw new Error(`State name "${stateName}" is used twice; local overrides are keyed by state name.`);
    }
    taskResourceLocalHandlers[stateName] = bindTask(stateName, state, options);
  }

  return { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides };
}

function bindTask(stateName: string, state: Record<string, unknown>, options: TaskBindingOptions): TaskHandler {
  const resource = String(state.Resource);
  if (resource === LAMBDA_INVOKE) {
    const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
    if (typeof parameters.FunctionName === "string") findFunction(stateName, parameters.FunctionName, options);
    return async (input) => {
      const { FunctionName, Payload } = input as { FunctionName?: unknown; Payload?: unknown };
      if (typeof FunctionName !== "string") {
        throw new LocalTaskError("States.Runtime", `State "${stateName}": lambda:invoke needs a string FunctionName.`);
      }
      const result = await invokeLocal(findFunction(stateName, FunctionName, options), Payload ?? {});
      return { ExecutedVersion: "$LATEST", Payload: result, StatusCode: 200 } as never;
    };
  }
  if (LAMBDA_ARN.test(resource)) {
    const fn = findFunction(stateName, resource, options);
    return async (input) => (await invokeLocal(fn, input)) as never;
  }
  if (resource.startsWith(DYNAMODB_PREFIX)) {
    const action = resource.slice(DYNAMODB_PREFIX.length);
    if (!(action in DYNAMODB_COMMANDS)) {
      throw new Error(`State "${stateName}": no local binding for ${resource}; supported: ${Object.keys(DYNAMODB_COMMANDS).join(", ")}.`);
    }
    const client = options.dynamoDb;
    if (!client) throw new Error(`State "${stateName}" uses ${resource}: pass options.dynamoDb.`);
    const send = dynamoDbSender(client, action as DynamoDbAction);
    return async (input) => {
      try {
        // The resolved Parameters ARE the API request, exactly as Step Functions sends it.
        const response = (await send(input)) as unknown as Record<string, unknown>;
        const { $metadata: _metadata, ...body } = response;
        return body as never;
      } catch (error) {
        const name = error instanceof Error ? error.name : "UnknownError";
        const message = error instanceof Error ? error.message : String(error);
        throw new LocalTaskError(`DynamoDB.${name}`, `${message} (Service: DynamoDb, Error Code: ${name})`);
      }
    };
  }
  throw new Error(`State "${stateName}": no local binding for Resource ${resource}.`);
}

function findFunction(stateName: string, functionName: string, options: TaskBindingOptions): LocalLambdaFunction {
  const functions = options.lambdaFunctions ?? {};
  const bareName = LAMBDA_ARN.exec(functionName)?.[1];
  const fn = functions[functionName] ?? (bareName !== undefined ? functions[bareName] : undefined);
  if (!fn) {
    throw new Error(`State "${stateName}" invokes ${functionName}: no local function registered under that ARN or name.`);
  }
  return fn;
}

async function invokeLocal(fn: LocalLambdaFunction, payload: unknown): Promise<unknown> {
  try {
    // Round-trip through JSON like the real invocation, so a handler cannot leak references.
    const result = await fn(JSON.parse(JSON.stringify(payload)));
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  } catch (error) {
    // A service-side refusal (e.g. Lambda.TooManyRequestsException) already carries its ASL name.
    if (error instanceof LocalTaskError) throw error;
    const errorType = error instanceof Error ? error.name : "Error";
    const errorMessage = error instanceof Error ? error.message : String(error);
    throw new LocalTaskError(errorType, JSON.stringify({ errorType, errorMessage }));
  }
}

/** The engine's StateMachine for one of our definitions (AslDefinition is looser than its type). */
export function createLocalStateMachine(definition: AslDefinition, options?: StateMachineOptions): StateMachine {
  return new StateMachine(definition as unknown as StateMachineDefinition, options);
}

/**
 * A Context object for a local run: what the service would provide and the engine does not.
 * @param executionName unique per run, like a StartExecution `name`.
 */
export function localContextObject(executionName: string, stateMachineName = "local-state-machine", now: Date = new Date()): NonNullable<RunOptions["context"]> {
  const stateMachineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${stateMachineName}`;
  return {
    Execution: { Id: `arn:aws:states:us-east-1:000000000000:execution:${stateMachineName}:${executionName}`, Name: executionName },
    StateMachine: { Id: stateMachineArn, Name: stateMachineName },
    State: { EnteredTime: now.toISOString() },
  };
}

/** Every state of the definition, including those nested in Parallel branches and Map processors. */
function* allStates(definition: { States: Record<string, Record<string, unknown>> }): Generator<[string, Record<string, unknown>]> {
  for (const [name, state] of Object.entries(definition.States)) {
    yield [name, state];
    const nested = [
      ...((state.Branches as AslDefinition[] | undefined) ?? []),
      ...[state.ItemProcessor, state.Iterator].filter((machine): machine is AslDefinition => machine !== undefined && machine !== null),
    ];
    for (const machine of nested) yield* allStates(machine);
  }
}
