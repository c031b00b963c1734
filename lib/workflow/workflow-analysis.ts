/**
 * Reads a built ASL definition to derive what the state machine's role must be allowed to do
 * and how long its retries can wait. Deriving instead of listing by hand keeps the role in
 * step with the workflow engineer's definition: a new DynamoDB state gets exactly its action,
 * and a Task this module does not understand fails the build instead of failing at run time
 * with AccessDenied.
 */
import type { AslDefinition } from "./definition";

/** What a permission is granted on; the component maps each to a real ARN. */
export type WorkflowPermissionTarget = "processorFunction" | "eventsTable";

export interface WorkflowPermission {
  target: WorkflowPermissionTarget;
  /** Sorted, de-duplicated explicit IAM actions. */
  actions: string[];
}

/** The concrete values the definition was built with, to check every Task addresses them. */
export interface WorkflowResourceNames {
  processorFunctionArn: string;
  eventsTableName: string;
}

type State = Record<string, unknown>;

/**
 * State types this analysis understands. Parallel and Map nest state machines of their own
 * (and a Map multiplies its retries by its concurrency); the payment workflow has neither, so
 * a definition with one is refused rather than analysed wrongly: its nested Tasks would get no
 * permission and its retries would not count toward the Express limit.
 */
const ANALYSED_STATE_TYPES: ReadonlySet<string> = new Set(["Task", "Choice", "Pass", "Wait", "Succeed", "Fail"]);

/** Every state of `definition`, refusing any state type the analysis does not understand. */
export function allStates(definition: { States: Record<string, State> }): Array<[string, State]> {
  const states = Object.entries(definition.States);
  for (const [stateName, state] of states) {
    if (!ANALYSED_STATE_TYPES.has(String(state.Type))) {
      throw new Error(
        `State "${stateName}" is of type ${String(state.Type)}; the workflow analysis understands only ${[...ANALYSED_STATE_TYPES].join(", ")} states, so it cannot derive the role or bound the retry waits. Teach lib/workflow/workflow-analysis.ts that type first.`,
      );
    }
  }
  return states;
}

const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;
const DYNAMODB_OPTIMISED = /^arn:aws:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/;
const DYNAMODB_SDK = /^arn:aws:states:::aws-sdk:dynamodb:([a-zA-Z]+)$/;

function taskParameters(state: State): Record<string, unknown> {
  return ((state.Parameters ?? state.Arguments ?? {}) as Record<string, unknown>) ?? {};
}

function staticField(stateName: string, parameters: Record<string, unknown>, field: string): unknown {
  if (`${field}.$` in parameters) {
    throw new Error(`Task "${stateName}" computes ${field} at run time; the state machine role can only be scoped to a fixed ${field}.`);
  }
  return parameters[field];
}

function capitalise(operation: string): string {
  return operation.charAt(0).toUpperCase() + operation.slice(1);
}

/** The role permissions every Task in `definition` needs, grouped by target. */
export function deriveWorkflowPermissions(definition: AslDefinition, names: WorkflowResourceNames): WorkflowPermission[] {
  const byTarget = new Map<WorkflowPermissionTarget, Set<string>>();
  const grant = (target: WorkflowPermissionTarget, action: string) => {
    const actions = byTarget.get(target) ?? new Set<string>();
    actions.add(action);
    byTarget.set(target, actions);
  };

  for (const [stateName, state] of allStates(definition)) {
    if (state.Type !== "Task") continue;
    const resource = String(state.Resource);
    const parameters = taskParameters(state);

    if (LAMBDA_INVOKE.test(resource) || resource === names.processorFunctionArn) {
      const functionName = LAMBDA_INVOKE.test(resource) ? staticField(stateName, parameters, "FunctionName") : resource;
      if (functionName !== names.processorFunctionArn) {
        throw new Error(`Task "${stateName}" invokes ${JSON.stringify(functionName)}, which is not the processor function; the state machine role only grants lambda:InvokeFunction on the processor.`);
      }
      grant("processorFunction", "lambda:InvokeFunction");
      continue;
    }

    const dynamodbOperation = DYNAMODB_OPTIMISED.exec(resource)?.[1] ?? DYNAMODB_SDK.exec(resource)?.[1];
    if (dynamodbOperation) {
      const tableName = staticField(stateName, parameters, "TableName");
      if (tableName !== names.eventsTableName) {
        throw new Error(`Task "${stateName}" uses table ${JSON.stringify(tableName)}, which is not the events table; the state machine role only grants DynamoDB access to the events table.`);
      }
      grant("eventsTable", `dynamodb:${capitalise(dynamodbOperation)}`);
      continue;
    }

    throw new Error(`Task "${stateName}" uses ${resource}, for which no state machine permission is derived; teach lib/workflow/workflow-analysis.ts its IAM actions.`);
  }

  return [...byTarget.entries()]
    .map(([target, actions]) => ({ target, actions: [...actions].sort() }))
    .sort((a, b) => a.target.localeCompare(b.target));
}

interface Retrier {
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
  MaxDelaySeconds?: number;
}

/**
 * Longest a single Retrier can wait in total: the sum of its back-off delays without jitter
 * (FULL jitter only shortens them). ASL defaults: 1 s interval, rate 2, 3 attempts.
 */
export function maxRetrierWaitSeconds(retrier: Retrier): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  const attempts = retrier.MaxAttempts ?? 3;
  const cap = retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
  let total = 0;
  for (let attempt = 0; attempt < attempts; attempt += 1) total += Math.min(interval * rate ** attempt, cap);
  return total;
}

function successors(state: State): string[] {
  const next: string[] = [];
  if (typeof state.Next === "string") next.push(state.Next);
  if (typeof state.Default === "string") next.push(state.Default);
  for (const choice of (state.Choices as Array<{ Next?: string }> | undefined) ?? []) if (choice.Next) next.push(choice.Next);
  for (const handler of (state.Catch as Array<{ Next?: string }> | undefined) ?? []) if (handler.Next) next.push(handler.Next);
  return [...new Set(next)];
}

function ownRetryWait(state: State): number {
  const retriers = Array.isArray(state.Retry) ? (state.Retry as Retrier[]) : [];
  return retriers.reduce((sum, retrier) => sum + maxRetrierWaitSeconds(retrier), 0);
}

/**
 * The most time one execution can spend waiting in retries: the heaviest path from StartAt to
 * an end state, each state weighing the sum of its Retriers' maximum waits (a Catch can follow
 * exhausted retries, so the path continues). Throws on a loop, whose wait has no bound, and on
 * a state type allStates refuses.
 */
export function maxRetryWaitOnAnyPathSeconds(definition: { StartAt: string; States: Record<string, State> }): number {
  const states = new Map(allStates(definition));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const weigh = (stateName: string): number => {
    const cached = memo.get(stateName);
    if (cached !== undefined) return cached;
    if (visiting.has(stateName)) throw new Error(`the workflow loops through "${stateName}", so its retry waits have no upper bound.`);
    const state = states.get(stateName);
    if (!state) throw new Error(`the workflow names a state "${stateName}" that does not exist.`);
    visiting.add(stateName);
    const total = ownRetryWait(state) + Math.max(0, ...successors(state).map(weigh));
    visiting.delete(stateName);
    memo.set(stateName, total);
    return total;
  };
  return weigh(definition.StartAt);
}
