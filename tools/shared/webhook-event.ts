/**
 * A stored EVENT item seen the way the pipeline sees it: whether the Pipe's filter lets it
 * through, the detail the Pipe's input template makes of it, and the execution name a tool uses
 * for it. The filter and the template are the contract's own values, applied by the same engines
 * the local Pipe uses, so a tool puts on the bus exactly what the Pipe would have put there.
 */
import { createHash } from "node:crypto";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { PIPE_FILTER_PATTERN, PIPE_INPUT_TEMPLATE, type WebhookEventDetail } from "../../contract/event-routing";
import { EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY } from "../../contract/event-table";
import { compileEventPattern } from "../../local/eventbridge/event-pattern";
import { renderJsonInputTemplate } from "../../local/pipe/input-template";

export type Item = Record<string, AttributeValue>;

export interface EventKey {
  paymentId: string;
  timestamp: string;
}

const passesPipeFilter = compileEventPattern(PIPE_FILTER_PATTERN);

/** True when the Pipe would forward this stream record (an INSERT of an EVENT item). */
export function pipeForwards(streamEvent: { eventName?: string; dynamodb?: { NewImage?: unknown } }): boolean {
  return passesPipeFilter(JSON.parse(JSON.stringify(streamEvent)));
}

/** The detail the Pipe's input template renders for the INSERT of `item`. */
export function webhookDetail(item: Item): WebhookEventDetail {
  const streamEvent = { eventName: "INSERT", dynamodb: { NewImage: JSON.parse(JSON.stringify(item)) } };
  return renderJsonInputTemplate(PIPE_INPUT_TEMPLATE, streamEvent) as WebhookEventDetail;
}

export function keyOfItem(item: Item): EventKey {
  const paymentId = item[EVENT_TABLE_PARTITION_KEY]?.S;
  const timestamp = item[EVENT_TABLE_SORT_KEY]?.S;
  if (paymentId === undefined || timestamp === undefined) throw new Error("item has no string paymentId/timestamp key");
  return { paymentId, timestamp };
}

export function dynamoKey(key: EventKey): Item {
  return { [EVENT_TABLE_PARTITION_KEY]: { S: key.paymentId }, [EVENT_TABLE_SORT_KEY]: { S: key.timestamp } };
}

/**
 * An execution name derived from the event's table key (and, for a re-run, the attempt it
 * follows), so running a tool twice asks for the same name: Step Functions then answers the
 * same execution or ExecutionAlreadyExists instead of starting a second one (Step Functions API
 * Reference, StartExecution). Names allow 1-80 characters of letters, digits, `-` and `_`.
 */
export function executionName(kind: "redrive" | "rerun", key: EventKey, attempt?: number): string {
  const digest = createHash("sha256").update(`${key.paymentId}\n${key.timestamp}`).digest("hex").slice(0, 40);
  return attempt === undefined ? `${kind}-${digest}` : `${kind}-${digest}-${attempt}`;
}

export function describeKey(key: EventKey): string {
  return `paymentId=${key.paymentId} timestamp=${key.timestamp}`;
}
