/**
 * Paths through a built ASL definition, for pricing: Standard workflows bill one state
 * transition per state entered (plus one per retry), and Express duration is the sum of the
 * Task latencies. Reading the paths from the definition the stack deploys keeps the cost model
 * right when a state is added or removed.
 */
import type { AslDefinition } from "../../lib/workflow/definition";

type State = Record<string, unknown>;

export interface WorkflowPath {
  /** State names in the order they are entered. */
  states: string[];
  /** The subset of `states` that are Tasks. */
  tasks: string[];
}

/** Edges a state takes when nothing goes wrong: Next, every Choice branch, Default. */
function normalSuccessors(state: State): string[] {
  const next: string[] = [];
  if (typeof state.Next === "string") next.push(state.Next);
  for (const choice of (state.Choices as Array<{ Next?: string }> | undefined) ?? []) if (choice.Next) next.push(choice.Next);
  if (typeof state.Default === "string") next.push(state.Default);
  return next;
}

function catchTargets(state: State): string[] {
  return ((state.Catch as Array<{ Next?: string }> | undefined) ?? []).flatMap((handler) => (handler.Next ? [handler.Next] : []));
}

function toPath(definition: AslDefinition, states: string[]): WorkflowPath {
  return { states, tasks: states.filter((name) => definition.States[name]?.Type === "Task") };
}

/** Breadth-first shortest path from `from` to a state of type `endType`, over `edges`. */
function shortestPathTo(definition: AslDefinition, from: string, endType: "Succeed" | "Fail", edges: (state: State) => string[]): string[] {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    const state = definition.States[current];
    if (!state) throw new Error(`the workflow names a state "${current}" that does not exist.`);
    if (state.Type === endType) {
      const path: string[] = [];
      for (let name: string | null = current; name !== null; name = previous.get(name) ?? null) path.unshift(name);
      return path;
    }
    for (const next of edges(state)) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  throw new Error(`no path from "${from}" reaches a ${endType} state.`);
}

/**
 * The happy path: the shortest way from StartAt to a Succeed state that takes no Catch (no
 * error handler). For this workflow: claim, invoke the processor, route, mark processed,
 * summarise, done.
 */
export function happyPath(definition: AslDefinition): WorkflowPath {
  return toPath(definition, shortestPathTo(definition, definition.StartAt, "Succeed", normalSuccessors));
}

const LAMBDA_TASK = /^arn:aws:states:::lambda:invoke/;

/** The first Task on the happy path that invokes a Lambda function (the processor). */
export function processorTask(definition: AslDefinition): string {
  const name = happyPath(definition).tasks.find((task) => LAMBDA_TASK.test(String(definition.States[task].Resource)));
  if (name === undefined) throw new Error("the workflow's happy path invokes no Lambda function.");
  return name;
}

/**
 * The path of an event whose processor invocation keeps failing: the happy path up to the
 * processor Task, then its Catch to the nearest Fail state (record the failure, fail).
 */
export function processorFailurePath(definition: AslDefinition): WorkflowPath {
  const happy = happyPath(definition).states;
  const task = processorTask(definition);
  const prefix = happy.slice(0, happy.indexOf(task) + 1);
  const handlers = catchTargets(definition.States[task]);
  if (handlers.length === 0) throw new Error(`Task "${task}" has no Catch; a failed invocation would end the execution there.`);
  const tails = handlers.map((handler) => shortestPathTo(definition, handler, "Fail", (state) => [...normalSuccessors(state), ...catchTargets(state)]));
  const shortest = tails.reduce((best, tail) => (tail.length < best.length ? tail : best));
  return toPath(definition, [...prefix, ...shortest]);
}

export interface RetrierSettings {
  errors: string[];
  intervalSeconds: number;
  backoffRate: number;
  maxAttempts: number;
  maxDelaySeconds: number;
}

/**
 * The Retrier of `taskName` that handles `error` (the first whose ErrorEquals names it or
 * States.ALL), with ASL's defaults filled in (1 s, rate 2, 3 attempts, no cap).
 */
export function retrierFor(definition: AslDefinition, taskName: string, error: string): RetrierSettings | undefined {
  const retriers = (definition.States[taskName]?.Retry as Array<Record<string, unknown>> | undefined) ?? [];
  const match = retriers.find((retrier) => {
    const errors = retrier.ErrorEquals as string[];
    return errors.includes(error) || errors.includes("States.ALL");
  });
  if (!match) return undefined;
  return {
    errors: match.ErrorEquals as string[],
    intervalSeconds: (match.IntervalSeconds as number | undefined) ?? 1,
    backoffRate: (match.BackoffRate as number | undefined) ?? 2,
    maxAttempts: (match.MaxAttempts as number | undefined) ?? 3,
    maxDelaySeconds: (match.MaxDelaySeconds as number | undefined) ?? Number.POSITIVE_INFINITY,
  };
}

/** Mean wait before each retry under FULL jitter: half of each capped back-off ceiling. */
export function meanJitteredWaitsSeconds(retrier: RetrierSettings): number[] {
  return Array.from({ length: retrier.maxAttempts }, (_, index) =>
    Math.min(retrier.intervalSeconds * retrier.backoffRate ** index, retrier.maxDelaySeconds) / 2,
  );
}
