/**
 * Runs executions of the payment workflow on aws-local-stepfunctions, like the stack's state
 * machine behind the bus rule: one execution per matching event, input = the whole EventBridge
 * event, each with its own name and ARN, results recorded for the console and the tests.
 */
import "../support/promise-with-resolvers";
import { randomUUID } from "node:crypto";
import type { StateMachine } from "aws-local-stepfunctions";
import type { LocalOverrides } from "../workflow/task-bindings";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  /** The EventBridge event's `detail.eventId`, when the input has one (what the console keys on). */
  eventId?: string;
  /**
   * The execution's input and output. Dropped (undefined, with `payloadsDropped`) from succeeded
   * executions beyond the newest `payloadRetention`: the console and the counts need only the
   * summary, and a failed execution keeps its payloads for the operator tools.
   */
  input: unknown;
  status: ExecutionStatus;
  startedAt: number;
  stoppedAt?: number;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Task retries (StateRetried events) during the execution. */
  retries: number;
  /** Names of the states entered, in order. */
  statesEntered: string[];
  payloadsDropped?: boolean;
}

export interface LocalWorkflowOptions {
  stateMachine: StateMachine;
  stateMachineArn: string;
  overrides: LocalOverrides;
  onStarted?: (execution: ExecutionRecord) => void;
  onFinished?: (execution: ExecutionRecord) => void;
  /**
   * How long a closed execution stays listed: Step Functions keeps a Standard workflow's closed
   * executions for 90 days (Step Functions Developer Guide, "Step Functions service quotas").
   * @default 90 days
   */
  historyRetentionMs?: number;
  /** Succeeded executions that keep their input and output (the newest ones). @default 100 */
  payloadRetention?: number;
  /**
   * Closed executions listed at most, on top of the retention (the oldest go first), so a long
   * local run stays within bounded memory. @default 10_000
   */
  maxClosedExecutions?: number;
  now?: () => number;
}

export const EXECUTION_HISTORY_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

export class LocalWorkflow {
  private records: ExecutionRecord[] = [];
  private nextTrimAt = 0;
  /** Succeeded executions still holding their payloads, oldest first. */
  private readonly withPayloads: ExecutionRecord[] = [];
  private closedCount = 0;
  private readonly running = new Set<Promise<void>>();
  private readonly aborts = new Set<() => void>();

  constructor(private readonly options: LocalWorkflowOptions) {}

  get executions(): ReadonlyArray<ExecutionRecord> {
    return this.records;
  }

  /**
   * StartExecution: returns at once; the execution runs in the background. `name` defaults to a
   * UUID, as the service's does; rules on reusing a name are the caller's (the operator endpoint).
   */
  start(input: unknown, name: string = randomUUID()): ExecutionRecord {
    const stateMachineName = this.options.stateMachineArn.split(":").pop()!;
    const executionArn = this.options.stateMachineArn.replace(":stateMachine:", ":execution:") + `:${name}`;
    const startedAt = (this.options.now ?? Date.now)();
    const detailEventId = (input as { detail?: { eventId?: unknown } } | undefined)?.detail?.eventId;
    const record: ExecutionRecord = {
      executionArn,
      name,
      ...(typeof detailEventId === "string" ? { eventId: detailEventId } : {}),
      input,
      status: "RUNNING",
      startedAt,
      retries: 0,
      statesEntered: [],
    };
    this.records.push(record);
    this.trimClosed(startedAt);
    const startTime = new Date(startedAt).toISOString();
    // aws-local-stepfunctions fills only Execution.Input/StartTime; the definition also reads
    // $$.Execution.Id and $$.State.EnteredTime (approximated by the start time).
    const execution = this.options.stateMachine.run(input as never, {
      overrides: this.options.overrides,
      context: {
        Execution: { Id: executionArn, Name: name, Input: input, StartTime: startTime, RoleArn: "arn:aws:iam::000000000000:role/local" },
        StateMachine: { Id: this.options.stateMachineArn, Name: stateMachineName },
        State: { EnteredTime: startTime, Name: "", RetryCount: 0 },
      } as never,
    });
    this.aborts.add(execution.abort);
    this.options.onStarted?.(record);

    const watchLogs = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === "StateRetried") record.retries++;
        if (event.type === "StateEntered") record.statesEntered.push(event.state.name);
      }
    })().catch(() => undefined);

    const done = execution.result
      .then((output) => {
        record.status = "SUCCEEDED";
        record.output = output;
      })
      .catch((error: { name?: string; message?: string; cause?: unknown }) => {
        // abortAll() on shutdown: not a processing failure.
        record.status = error.name === "ExecutionAbortedError" ? "ABORTED" : "FAILED";
        const failure = describeFailure(error);
        record.error = failure.error;
        record.cause = failure.cause;
      })
      .then(() => watchLogs)
      .finally(() => {
        record.stoppedAt = (this.options.now ?? Date.now)();
        this.aborts.delete(execution.abort);
        this.running.delete(done);
        this.options.onFinished?.(record);
        this.closed(record);
      });
    this.running.add(done);
    return record;
  }

  /** Bounds what closed executions hold: payloads of the newest succeeded ones, and a count cap. */
  private closed(record: ExecutionRecord): void {
    this.closedCount++;
    if (record.status === "SUCCEEDED") {
      this.withPayloads.push(record);
      while (this.withPayloads.length > (this.options.payloadRetention ?? 100)) {
        const oldest = this.withPayloads.shift()!;
        oldest.input = undefined;
        oldest.output = undefined;
        oldest.payloadsDropped = true;
      }
    }
    const cap = this.options.maxClosedExecutions ?? 10_000;
    // Trim in batches (a tenth of the cap), so the scan is rare.
    if (this.closedCount <= cap * 1.1) return;
    let excess = this.closedCount - cap;
    this.records = this.records.filter((candidate) => candidate.stoppedAt === undefined || excess-- <= 0);
    this.closedCount = this.records.filter((candidate) => candidate.stoppedAt !== undefined).length;
  }

  private trimClosed(now: number): void {
    if (now < this.nextTrimAt) return;
    this.nextTrimAt = now + 1000;
    const keepFrom = now - (this.options.historyRetentionMs ?? EXECUTION_HISTORY_RETENTION_MS);
    if (this.records.some((record) => record.stoppedAt !== undefined && record.stoppedAt < keepFrom)) {
      this.records = this.records.filter((record) => record.stoppedAt === undefined || record.stoppedAt >= keepFrom);
      this.closedCount = this.records.filter((record) => record.stoppedAt !== undefined).length;
    }
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  abortAll(): void {
    for (const abort of this.aborts) abort();
  }
}

/** ExecutionError wraps the Fail state's error; surface its Error/Cause like DescribeExecution. */
function describeFailure(error: { name?: string; message?: string; cause?: unknown }): { error: string; cause: string } {
  const inner = error.cause as { name?: string; message?: string } | undefined;
  const name = inner?.name ?? error.name ?? "Error";
  const message = inner?.message ?? error.message ?? "";
  return { error: name, cause: message };
}
