/**
 * Replays the bus archive for a time window to the workflow rule only (StartReplay with the
 * rule's ARN as the destination filter: EventBridge User Guide, "Replaying archived events"),
 * and waits for the replay to finish.
 *
 * Idempotent in two ways. The replay name is derived from the stack and the window, and
 * EventBridge refuses a second replay of the same name (ResourceAlreadyExistsException): the
 * tool then reports the existing replay instead of starting another. And every execution a
 * replay starts claims its event conditionally: an event already PROCESSED (or being processed)
 * ends in the workflow's Skip state, so only events still RECEIVED — or FAILED, which a replay
 * retries like a re-run — are processed, once.
 */
import { DescribeReplayCommand, StartReplayCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { StackResources } from "../shared/stack-resources";

export interface ReplayOptions {
  resources: StackResources;
  environmentSuffix: string;
  from: Date;
  to: Date;
  /** Wait until the replay is COMPLETED, FAILED or CANCELLED. @default true */
  wait?: boolean;
  /** @default 600_000 */
  timeoutMs?: number;
  /** @default 2_000 */
  pollMs?: number;
  now?: () => number;
}

export interface ReplaySummary {
  replayName: string;
  replayArn: string | undefined;
  /** False when a replay of this name existed already and was only reported. */
  started: boolean;
  state: string | undefined;
  stateReason: string | undefined;
  from: Date;
  to: Date;
  lastReplayed: Date | undefined;
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

/** `replay-<suffix>-<from>-<to>`, with compact UTC times: at most 61 of the 64 characters allowed. */
export function replayName(environmentSuffix: string, from: Date, to: Date): string {
  const compact = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `replay-${environmentSuffix}-${compact(from)}-${compact(to)}`;
}

export function parseWindow(fromText: string | undefined, toText: string | undefined, now: number = Date.now()): { from: Date; to: Date } {
  if (fromText === undefined || toText === undefined) throw new Error("--from and --to are required (ISO-8601, e.g. 2025-01-31T10:00:00Z).");
  const from = new Date(fromText);
  const to = new Date(toText);
  if (Number.isNaN(from.getTime())) throw new Error(`--from is not an ISO-8601 time: ${JSON.stringify(fromText)}.`);
  if (Number.isNaN(to.getTime())) throw new Error(`--to is not an ISO-8601 time: ${JSON.stringify(toText)}.`);
  if (from.getTime() >= to.getTime()) throw new Error(`--from (${from.toISOString()}) must be before --to (${to.toISOString()}).`);
  if (to.getTime() > now) throw new Error(`--to (${to.toISOString()}) is in the future: a replay only covers archived events.`);
  return { from, to };
}

export async function replay(events: EventBridgeClient, options: ReplayOptions): Promise<ReplaySummary> {
  const { resources, from, to } = options;
  const name = replayName(options.environmentSuffix, from, to);
  let started = true;
  let replayArn: string | undefined;
  try {
    const response = await events.send(
      new StartReplayCommand({
        ReplayName: name,
        Description: `payment-webhooks replay of ${from.toISOString()}..${to.toISOString()} to ${resources.ruleName}`,
        EventSourceArn: resources.archiveArn,
        EventStartTime: from,
        EventEndTime: to,
        Destination: { Arn: resources.busArn, FilterArns: [resources.ruleArn] },
      }),
    );
    replayArn = response.ReplayArn;
  } catch (error) {
    if ((error as Error).name !== "ResourceAlreadyExistsException") throw error;
    started = false;
  }
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 600_000);
  let described = await events.send(new DescribeReplayCommand({ ReplayName: name }));
  while ((options.wait ?? true) && !TERMINAL.has(described.State ?? "") && now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2_000));
    described = await events.send(new DescribeReplayCommand({ ReplayName: name }));
  }
  return {
    replayName: name,
    replayArn: replayArn ?? described.ReplayArn,
    started,
    state: described.State,
    stateReason: described.StateReason,
    from,
    to,
    lastReplayed: described.EventLastReplayedTime,
  };
}

export function formatReplaySummary(summary: ReplaySummary): string[] {
  return [
    `${summary.started ? "Started" : "Already existed (not started again)"}: replay ${summary.replayName}`,
    `  window ${summary.from.toISOString()} .. ${summary.to.toISOString()}, to the workflow rule only`,
    `  state ${summary.state ?? "?"}${summary.stateReason ? ` (${summary.stateReason})` : ""}` +
      (summary.lastReplayed ? `, last event replayed was from ${summary.lastReplayed.toISOString()}` : ""),
    "  Every replayed event starts an execution; events already PROCESSED end in the workflow's Skip state,",
    "  RECEIVED and FAILED events are processed. Check the result with the 'failed executions' alarm and npm run rerun.",
  ];
}
