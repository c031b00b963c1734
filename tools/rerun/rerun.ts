/**
 * Re-runs one FAILED payment event by its table key: starts the workflow with the event the rule
 * would have delivered (the detail the Pipe's template makes of the item), and waits for the
 * result. The workflow's claim accepts FAILED as well as RECEIVED for exactly this.
 *
 * Only a FAILED event is re-run: RECEIVED means its execution has not started yet, PROCESSING
 * that one is running, PROCESSED that there is nothing to do. The execution name is derived from
 * the key and the attempt count the item records, and the input from the item alone, so asking
 * twice for the same failure asks Step Functions for the same execution (the same answer while it
 * runs, ExecutionAlreadyExists after: Step Functions API Reference, StartExecution), while a
 * later failure of the re-run itself gets a new name.
 */
import { createHash } from "node:crypto";
import { GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { WEBHOOK_EVENT_DETAIL_TYPE, WEBHOOK_EVENT_SOURCE } from "../../contract/event-routing";
import { EVENT_PROCESSING_ATTRIBUTES } from "../../lib/workflow/definition";
import type { StackResources } from "../shared/stack-resources";
import { describeKey, dynamoKey, executionName, webhookDetail, type EventKey, type Item } from "../shared/webhook-event";

const A = EVENT_PROCESSING_ATTRIBUTES;

export interface RerunOptions {
  resources: StackResources;
  key: EventKey;
  /** Wait for the execution to end and report the item's new status. @default true */
  wait?: boolean;
  /** @default 300_000 */
  timeoutMs?: number;
  /** @default 1_000 */
  pollMs?: number;
}

export type RerunSummary =
  | { outcome: "refused"; key: EventKey; reason: string }
  | {
      outcome: "started" | "already-started";
      key: EventKey;
      previousError: string | undefined;
      executionName: string;
      executionArn: string;
      executionStatus: string | undefined;
      itemStatus: string | undefined;
    };

export class RerunError extends Error {
  override name = "RerunError";
}

export async function rerun(clients: { dynamoDb: DynamoDBClient; sfn: SFNClient }, options: RerunOptions): Promise<RerunSummary> {
  const { resources, key } = options;
  const item = await readItem(clients.dynamoDb, resources, key);
  if (!item) throw new RerunError(`no item ${describeKey(key)} in ${resources.tableName}: check the key (timestamp is the full sort key, <occurredAt>#<eventId>).`);
  if (item.itemType?.S !== "EVENT") return { outcome: "refused", key, reason: `the item is a ${item.itemType?.S ?? "?"} item, not an EVENT` };
  const status = item[A.processingStatus]?.S;
  if (status !== "FAILED") {
    const why: Record<string, string> = {
      RECEIVED: "it has not been processed yet (an execution will claim it, or redrive it from the DLQs)",
      PROCESSING: `an execution is processing it (${item[A.executionId]?.S ?? "?"})`,
      PROCESSED: "it was processed successfully; nothing to re-run",
    };
    return { outcome: "refused", key, reason: `processingStatus is ${status}: ${why[status ?? ""] ?? "only FAILED events are re-run"}` };
  }
  const attempts = Number(item[A.attempts]?.N ?? "0");
  const name = executionName("rerun", key, attempts);
  const input = JSON.stringify(rerunEvent(item, resources, name));
  const executionArn = `${resources.stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
  let outcome: "started" | "already-started" = "started";
  try {
    await clients.sfn.send(new StartExecutionCommand({ stateMachineArn: resources.stateMachineArn, name, input }));
  } catch (error) {
    if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
    outcome = "already-started";
  }
  let described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while ((options.wait ?? true) && described.status === "RUNNING" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
    described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
  }
  const after = await readItem(clients.dynamoDb, resources, key);
  return {
    outcome,
    key,
    previousError: item[A.error]?.S,
    executionName: name,
    executionArn,
    executionStatus: described.status,
    itemStatus: after?.[A.processingStatus]?.S,
  };
}

/**
 * The bus event the rule would deliver for this item. Every field comes from the item (none from
 * the clock), so a second request for the same failure has the same input.
 */
function rerunEvent(item: Item, resources: StackResources, name: string): Record<string, unknown> {
  const hex = createHash("sha256").update(name).digest("hex");
  const at = item[A.failedAt]?.S ?? item.receivedAt?.S ?? new Date(0).toISOString();
  return {
    version: "0",
    id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
    "detail-type": WEBHOOK_EVENT_DETAIL_TYPE,
    source: WEBHOOK_EVENT_SOURCE,
    account: resources.account,
    time: new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: resources.region,
    resources: [],
    detail: webhookDetail(item),
  };
}

async function readItem(dynamoDb: DynamoDBClient, resources: StackResources, key: EventKey): Promise<Item | undefined> {
  const { Item } = await dynamoDb.send(new GetItemCommand({ TableName: resources.tableName, Key: dynamoKey(key), ConsistentRead: true }));
  return Item;
}

export function formatRerunSummary(summary: RerunSummary): string[] {
  if (summary.outcome === "refused") return [`Not re-run: ${describeKey(summary.key)}`, `  ${summary.reason}`];
  return [
    `${summary.outcome === "started" ? "Re-run started" : "Re-run already requested (not started again)"}: ${describeKey(summary.key)}`,
    `  previous failure: ${summary.previousError ?? "?"}`,
    `  execution ${summary.executionArn}: ${summary.executionStatus ?? "?"}`,
    `  event processingStatus now: ${summary.itemStatus ?? "?"}`,
  ];
}
