/**
 * Follows each webhook through the local pipeline and prints one console line per stage:
 * received → verified → stored → routed → executing → PROCESSED / FAILED, with the time since
 * the request arrived. Keyed by the provider event id (the correlation id of the logs).
 */
import type { ObservedPut } from "../dynamodb/write-observer";
import type { ExecutionRecord } from "../state-machine/local-workflow";

export type Stage = "verified" | "stored" | "duplicate" | "rejected" | "routed" | "dead-lettered" | "executing" | "PROCESSED" | "FAILED" | "skipped";

export interface WebhookTimeline {
  eventId: string;
  provider: string;
  receivedAt: number;
  stages: Array<{ stage: Stage; at: number; note?: string }>;
  executions: ExecutionRecord[];
}

export const TERMINAL_STAGES: ReadonlySet<Stage> = new Set(["PROCESSED", "FAILED", "dead-lettered"]);

/**
 * Timelines kept at most: the oldest finished ones go first (the console has printed them). The
 * tracker is the console's, not an AWS history: what has to be counted over a whole load (the
 * benchmark, the load test) is counted from `onStage` as it happens, so this stays small.
 */
export const DEFAULT_TRACKER_CAPACITY = 1_000;

/** Told about every stage as it is recorded, whether or not its timeline is still kept afterwards. */
export type StageListener = (eventId: string, stage: Stage, at: number) => void;

export class WebhookTracker {
  private readonly timelines = new Map<string, WebhookTimeline>();
  private evictedCount = 0;
  private readonly waiters: Array<() => void> = [];
  /** Stages seen before the write was reported stored (the stream can beat the acknowledgement). */
  private readonly early = new Map<string, Array<(timeline: WebhookTimeline) => void>>();
  private readonly stageListeners = new Set<StageListener>();

  constructor(
    private readonly print: (line: string) => void,
    private readonly capacity = DEFAULT_TRACKER_CAPACITY,
  ) {}

  /** Finished timelines dropped to stay within the capacity. */
  get evicted(): number {
    return this.evictedCount;
  }

  /** Calls `listener` for every stage recorded from now on; returns the function that stops it. */
  onStage(listener: StageListener): () => void {
    this.stageListeners.add(listener);
    return () => this.stageListeners.delete(listener);
  }

  /** The validator is writing the event, so its signature checked out (seen by the write observer). */
  verified(put: ObservedPut): void {
    // A redelivery writes again (and is refused); accepted() reports it as a duplicate.
    if (this.timelines.has(put.eventId)) return;
    const timeline: WebhookTimeline = { eventId: put.eventId, provider: put.provider, receivedAt: put.receivedAt, stages: [], executions: [] };
    this.remember(timeline);
    this.record(timeline, "verified", Math.max(Date.now(), put.receivedAt), "received → verified");
  }

  /** DynamoDB acknowledged the write. */
  stored(eventId: string): void {
    const timeline = this.timelines.get(eventId);
    if (!timeline || isStored(timeline)) return;
    this.record(timeline, "stored", Date.now(), "stored");
    this.flushEarly(timeline);
  }

  /** The API answered 200; the fallback for writes the observer did not see. */
  accepted(provider: string, receivedAt: number, respondedAt: number, events: Array<{ eventId: string; result: string }>): void {
    for (const { eventId, result } of events) {
      const existing = this.timelines.get(eventId);
      if (result === "duplicate") {
        if (existing && isStored(existing)) {
          this.line(provider, eventId, "received → verified → duplicate (already stored; no new stream record)", respondedAt - receivedAt);
          continue;
        }
      } else if (existing && isStored(existing)) {
        continue;
      }
      const timeline = existing ?? { eventId, provider, receivedAt, stages: [], executions: [] };
      this.remember(timeline);
      const stage = result === "duplicate" ? "duplicate" : "stored";
      this.record(timeline, stage, respondedAt, existing ? stage : `received → verified → ${stage}`);
      this.flushEarly(timeline);
    }
  }

  rejected(provider: string | undefined, receivedAt: number, respondedAt: number, statusCode: number, error: string): void {
    this.line(provider ?? "?", "-", `received → rejected ${statusCode} ${error}`, respondedAt - receivedAt);
  }

  routed(eventId: string): void {
    this.advance(eventId, "routed", "routed (stream → pipe → bus)");
  }

  deadLettered(eventId: string, error: string): void {
    this.advance(eventId, "dead-lettered", `dead-lettered by the pipe: ${error}`);
  }

  executionStarted(execution: ExecutionRecord): void {
    this.withTimeline(eventIdOf(execution), (timeline) => {
      timeline.executions.push(execution);
      this.record(timeline, "executing", execution.startedAt, `executing ${execution.name.slice(0, 8)}`);
    });
  }

  executionFinished(execution: ExecutionRecord): void {
    this.withTimeline(eventIdOf(execution), (timeline) => this.finished(timeline, execution));
  }

  private finished(timeline: WebhookTimeline, execution: ExecutionRecord): void {
    const retries = execution.retries > 0 ? `, ${execution.retries} retr${execution.retries === 1 ? "y" : "ies"}` : "";
    const finalState = execution.statesEntered[execution.statesEntered.length - 1] ?? "";
    if (execution.status === "SUCCEEDED" && finalState.startsWith("Skip")) {
      this.record(timeline, "skipped", execution.stoppedAt!, `skipped: ${finalState}`);
      return;
    }
    if (execution.status === "ABORTED") {
      this.line(timeline.provider, timeline.eventId, "aborted: the runtime is stopping (the event item keeps its status)", Date.now() - timeline.receivedAt);
      return;
    }
    if (execution.status === "SUCCEEDED") {
      const decision = (execution.output as { processing?: { decision?: { disposition?: string; paymentStatus?: string } } } | undefined)?.processing?.decision;
      this.record(timeline, "PROCESSED", execution.stoppedAt!, `PROCESSED ${decision?.disposition ?? ""} payment ${decision?.paymentStatus ?? "?"}${retries}`);
    } else {
      this.record(timeline, "FAILED", execution.stoppedAt!, `FAILED ${execution.error ?? ""}${retries}`);
    }
  }

  timeline(eventId: string): WebhookTimeline | undefined {
    return this.timelines.get(eventId);
  }

  get all(): ReadonlyArray<WebhookTimeline> {
    return [...this.timelines.values()];
  }

  terminalStage(eventId: string): Stage | undefined {
    const stages = this.timelines.get(eventId)?.stages ?? [];
    for (let index = stages.length - 1; index >= 0; index--) if (TERMINAL_STAGES.has(stages[index]!.stage)) return stages[index]!.stage;
    return undefined;
  }

  /**
   * Resolves when every listed event has reached a terminal stage. Checks only the events still
   * pending, a few times a second: a burst of thousands must not turn each stage into a rescan.
   * It reads the kept timelines, so it suits a few events; a load larger than the capacity
   * counts its events with `onStage` (local/load/webhook-load.ts).
   */
  async waitForTerminal(eventIds: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(eventIds);
    for (;;) {
      for (const eventId of pending) if (this.terminalStage(eventId) !== undefined) pending.delete(eventId);
      if (pending.size === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`${pending.size} webhook(s) did not reach a terminal state within ${timeoutMs} ms: ${[...pending].slice(0, 5).join(", ")}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  private withTimeline(eventId: string | undefined, action: (timeline: WebhookTimeline) => void): void {
    if (eventId === undefined) return;
    const timeline = this.timelines.get(eventId);
    if (timeline && isStored(timeline)) action(timeline);
    else if (timeline) this.early.set(eventId, [...(this.early.get(eventId) ?? []), action]);
    else action(this.storedBeforeRestart(eventId));
  }

  /**
   * No timeline for the event: either nothing in this process wrote it (every write is seen
   * before it reaches the table), so an earlier run on the same durable data stored it and the
   * stream or crash recovery is delivering it now; or its finished timeline was dropped at the
   * capacity and an operator tool is running it again. Only when nothing was dropped yet is the
   * first certain.
   */
  private storedBeforeRestart(eventId: string): WebhookTimeline {
    const now = Date.now();
    const timeline: WebhookTimeline = { eventId, provider: "?", receivedAt: now, stages: [], executions: [] };
    const note = this.evictedCount === 0 ? "stored before the restart" : `stored earlier (before the restart, or before the last ${this.capacity} timelines the console keeps)`;
    this.remember(timeline);
    this.record(timeline, "stored", now, note);
    return timeline;
  }

  private remember(timeline: WebhookTimeline): void {
    this.timelines.set(timeline.eventId, timeline);
    // Evict in batches (a tenth of the capacity) so the scan is rare.
    if (this.timelines.size <= this.capacity * 1.1) return;
    for (const [eventId, candidate] of this.timelines) {
      if (this.timelines.size <= this.capacity) break;
      if (!isFinished(candidate)) continue;
      this.timelines.delete(eventId);
      this.evictedCount++;
    }
  }

  private flushEarly(timeline: WebhookTimeline): void {
    const early = this.early.get(timeline.eventId) ?? [];
    this.early.delete(timeline.eventId);
    early.forEach((replay) => replay(timeline));
  }

  private advance(eventId: string, stage: Stage, note: string): void {
    const at = Date.now();
    this.withTimeline(eventId, (timeline) => this.record(timeline, stage, at, note));
  }

  private record(timeline: WebhookTimeline, stage: Stage, at: number, note: string): void {
    // Stages replayed after a late acknowledgement keep the timeline monotonic.
    at = Math.max(at, timeline.stages.at(-1)?.at ?? at);
    timeline.stages.push({ stage, at, note });
    this.line(timeline.provider, timeline.eventId, note, at - timeline.receivedAt);
    for (const listener of this.stageListeners) listener(timeline.eventId, stage, at);
    // A finished timeline keeps when each stage happened; its lines are printed, so the notes go.
    if (TERMINAL_STAGES.has(stage)) timeline.stages = timeline.stages.map((entry) => ({ stage: entry.stage, at: entry.at }));
    if (TERMINAL_STAGES.has(stage)) this.waiters.splice(0).forEach((wake) => wake());
  }

  private line(provider: string, eventId: string, note: string, elapsedMs: number): void {
    const clock = new Date().toISOString().slice(11, 23);
    this.print(`${clock}  ${provider.padEnd(17)} ${eventId.padEnd(38)} ${`+${elapsedMs} ms`.padStart(9)}  ${note}`);
  }
}

function eventIdOf(execution: ExecutionRecord): string | undefined {
  return execution.eventId;
}

function isFinished(timeline: WebhookTimeline): boolean {
  return timeline.stages.some((entry) => TERMINAL_STAGES.has(entry.stage) || entry.stage === "duplicate" || entry.stage === "skipped");
}

function isStored(timeline: WebhookTimeline): boolean {
  return timeline.stages.some((entry) => entry.stage === "stored" || entry.stage === "duplicate");
}
