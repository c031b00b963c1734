/**
 * Moves dead letters back into the pipeline the way each queue's messages entered it:
 *
 * - Pipe DLQ: for a DynamoDB stream source Pipes writes where the failed batch is (shard and
 *   sequence-number range), not the records (EventBridge User Guide, "Amazon EventBridge Pipes
 *   error handling and troubleshooting"). The tool reads those records back from the stream,
 *   keeps those the Pipe's filter forwards, re-reads each EVENT item and puts it on the bus with
 *   the detail the Pipe's input template makes of it.
 * - Rule DLQ: the message body is the event the rule failed to deliver (EventBridge User Guide,
 *   "Using dead-letter queues to process undelivered events"); the tool starts the execution the
 *   rule target would have started, with that event as input.
 *
 * Only an event still RECEIVED is redriven: any other status means an execution already has it.
 * A message is deleted only once every event it names is redriven or found already handled;
 * otherwise it stays for the next run. Running twice is safe: a redriven event is no longer
 * RECEIVED once its execution claims it, a rule redrive asks for an execution name derived from
 * the event key (so Step Functions answers the same execution or ExecutionAlreadyExists), and
 * the workflow's conditional claim makes any duplicate execution end in a Skip state.
 */
import { GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message, type SQSClient } from "@aws-sdk/client-sqs";
import { WEBHOOK_EVENT_DETAIL_TYPE, WEBHOOK_EVENT_SOURCE, WORKFLOW_RULE_EVENT_PATTERN } from "../../contract/event-routing";
import { EVENT_PROCESSING_ATTRIBUTES } from "../../lib/workflow/definition";
import { compileEventPattern } from "../../local/eventbridge/event-pattern";
import type { StackResources } from "../shared/stack-resources";
import { describeKey, dynamoKey, executionName, keyOfItem, pipeForwards, webhookDetail, type EventKey, type Item } from "../shared/webhook-event";

export type DeadLetterSource = "pipe" | "rule";

export interface RedriveClients {
  sqs: SQSClient;
  dynamoDb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  events: EventBridgeClient;
  sfn: SFNClient;
}

export interface RedriveOptions {
  source: DeadLetterSource;
  resources: StackResources;
  /** Report what would be redriven; change nothing and leave every message in the queue. */
  dryRun?: boolean;
  /** Messages to take from the queue at most. @default 100 */
  max?: number;
  /** How long a received message stays hidden from other consumers while it is redriven. @default 300 */
  visibilityTimeoutSeconds?: number;
}

export type EventOutcome =
  | { kind: "redriven"; key: EventKey; via: string }
  | { kind: "already-handled"; key?: EventKey; reason: string }
  | { kind: "would-redrive"; key: EventKey; via: string }
  | { kind: "failed"; key?: EventKey; reason: string };

export interface MessageReport {
  messageId: string;
  events: EventOutcome[];
  deleted: boolean;
}

export interface RedriveSummary {
  source: DeadLetterSource;
  queueName: string;
  dryRun: boolean;
  messages: MessageReport[];
  counts: { messages: number; deleted: number; redriven: number; alreadyHandled: number; wouldRedrive: number; failed: number };
}

const matchesWorkflowRule = compileEventPattern(WORKFLOW_RULE_EVENT_PATTERN);
const STATUS = EVENT_PROCESSING_ATTRIBUTES.processingStatus;
/** GetRecords calls per dead letter at most: a batch is at most 10 records (the bus target's limit). */
const MAX_GET_RECORDS_CALLS = 20;

export async function redrive(clients: RedriveClients, options: RedriveOptions): Promise<RedriveSummary> {
  const { resources, source } = options;
  const dryRun = options.dryRun ?? false;
  const max = options.max ?? 100;
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max must be a positive integer; got ${max}.`);
  const queueName = source === "pipe" ? resources.pipeDlqName : resources.ruleDlqName;
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`GetQueueUrl answered no URL for ${queueName}.`);

  const reports: MessageReport[] = [];
  const toRelease: string[] = [];
  while (reports.length < max) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: Math.min(10, max - reports.length),
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 300,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const events = await redriveMessage(clients, resources, source, message, dryRun);
      const done = !dryRun && events.every((event) => event.kind === "redriven" || event.kind === "already-handled");
      if (done) await clients.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      // Hidden until this run ends, so the loop does not receive it again; visible for the next run.
      else if (message.ReceiptHandle) toRelease.push(message.ReceiptHandle);
      reports.push({ messageId: message.MessageId ?? "?", events, deleted: done });
    }
  }
  for (const handle of toRelease) {
    await clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }));
  }

  const all = reports.flatMap((report) => report.events);
  const count = (kind: EventOutcome["kind"]) => all.filter((event) => event.kind === kind).length;
  return {
    source,
    queueName,
    dryRun,
    messages: reports,
    counts: {
      messages: reports.length,
      deleted: reports.filter((report) => report.deleted).length,
      redriven: count("redriven"),
      alreadyHandled: count("already-handled"),
      wouldRedrive: count("would-redrive"),
      failed: count("failed"),
    },
  };
}

async function redriveMessage(clients: RedriveClients, resources: StackResources, source: DeadLetterSource, message: Message, dryRun: boolean): Promise<EventOutcome[]> {
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? "");
  } catch {
    return [{ kind: "failed", reason: "message body is not JSON" }];
  }
  try {
    return source === "pipe" ? await redrivePipeMessage(clients, resources, body, dryRun) : [await redriveRuleMessage(clients, resources, message.Body!, body, dryRun)];
  } catch (error) {
    return [{ kind: "failed", reason: `${(error as Error).name}: ${(error as Error).message}` }];
  }
}

interface BatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
}

async function redrivePipeMessage(clients: RedriveClients, resources: StackResources, body: unknown, dryRun: boolean): Promise<EventOutcome[]> {
  const info = (body as { DDBStreamBatchInfo?: Partial<BatchInfo> } | null)?.DDBStreamBatchInfo;
  if (!info?.shardId || !info.startSequenceNumber || !info.endSequenceNumber || !info.streamArn) {
    return [{ kind: "failed", reason: "not a Pipe dead letter of a DynamoDB stream (no DDBStreamBatchInfo with shardId, sequence numbers and streamArn)" }];
  }
  const records = await readBatch(clients.streams, info as BatchInfo);
  if (records.length === 0) {
    return [{ kind: "failed", reason: `no stream record in ${info.startSequenceNumber}..${info.endSequenceNumber} of ${info.shardId}: read nothing back` }];
  }
  const outcomes: EventOutcome[] = [];
  for (const record of records) {
    // Records the Pipe's filter drops were never meant for the bus (e.g. STATE item writes).
    if (!pipeForwards({ eventName: record.eventName, dynamodb: { NewImage: record.dynamodb?.NewImage } })) continue;
    const keys = record.dynamodb?.Keys as Item | undefined;
    if (!keys) {
      outcomes.push({ kind: "failed", reason: `stream record ${record.dynamodb?.SequenceNumber} has no Keys` });
      continue;
    }
    const key = keyOfItem(keys);
    const item = await readItem(clients.dynamoDb, resources, key);
    if (!item) {
      outcomes.push({ kind: "failed", key, reason: `the EVENT item ${describeKey(key)} is no longer in ${resources.tableName}` });
      continue;
    }
    const status = item[STATUS]?.S;
    if (status !== "RECEIVED") {
      outcomes.push({ kind: "already-handled", key, reason: `processingStatus is ${status}` });
      continue;
    }
    const via = `PutEvents to ${resources.busName}`;
    if (dryRun) {
      outcomes.push({ kind: "would-redrive", key, via });
      continue;
    }
    const response = await clients.events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: resources.busName, Source: WEBHOOK_EVENT_SOURCE, DetailType: WEBHOOK_EVENT_DETAIL_TYPE, Detail: JSON.stringify(webhookDetail(item)) }],
      }),
    );
    const entry = response.Entries?.[0];
    if ((response.FailedEntryCount ?? 0) > 0 || !entry?.EventId) {
      outcomes.push({ kind: "failed", key, reason: `PutEvents refused the entry: ${entry?.ErrorCode ?? "?"} ${entry?.ErrorMessage ?? ""}`.trim() });
      continue;
    }
    outcomes.push({ kind: "redriven", key, via: `${via} (event ${entry.EventId})` });
  }
  return outcomes.length > 0 ? outcomes : [{ kind: "already-handled", reason: "no record in the batch is one the Pipe forwards" }];
}

/** The records from start to end sequence number (inclusive) of one shard. */
async function readBatch(streams: DynamoDBStreamsClient, info: BatchInfo): Promise<StreamRecord[]> {
  const end = BigInt(info.endSequenceNumber);
  let { ShardIterator: iterator } = await streams.send(
    new GetShardIteratorCommand({ StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", SequenceNumber: info.startSequenceNumber }),
  );
  const records: StreamRecord[] = [];
  for (let call = 0; iterator && call < MAX_GET_RECORDS_CALLS; call += 1) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    for (const record of page.Records ?? []) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? "0") > end) return records;
      records.push(record);
    }
    // An open shard with nothing more yet answers an empty page: the batch is complete.
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}

async function redriveRuleMessage(clients: RedriveClients, resources: StackResources, rawBody: string, event: unknown, dryRun: boolean): Promise<EventOutcome> {
  if (!matchesWorkflowRule(event)) {
    return { kind: "failed", reason: `not an event the workflow rule matches (source ${WEBHOOK_EVENT_SOURCE}, detail-type ${WEBHOOK_EVENT_DETAIL_TYPE})` };
  }
  const detail = (event as { detail?: { paymentId?: unknown; timestamp?: unknown } }).detail ?? {};
  if (typeof detail.paymentId !== "string" || typeof detail.timestamp !== "string") {
    return { kind: "failed", reason: "the event's detail has no string paymentId/timestamp" };
  }
  const key = { paymentId: detail.paymentId, timestamp: detail.timestamp };
  const item = await readItem(clients.dynamoDb, resources, key);
  if (!item) return { kind: "failed", key, reason: `the EVENT item ${describeKey(key)} is not in ${resources.tableName}` };
  const status = item[STATUS]?.S;
  if (status !== "RECEIVED") return { kind: "already-handled", key, reason: `processingStatus is ${status}` };
  const name = executionName("redrive", key);
  if (dryRun) return { kind: "would-redrive", key, via: `StartExecution ${name}` };
  try {
    // The rule target passes the whole event (InputPath "$"): the message body, unchanged, so a
    // second run sends the same input under the same name.
    const started = await clients.sfn.send(new StartExecutionCommand({ stateMachineArn: resources.stateMachineArn, name, input: rawBody }));
    return { kind: "redriven", key, via: `execution ${started.executionArn}` };
  } catch (error) {
    if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
    const executionArn = `${resources.stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
    const existing = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    return { kind: "already-handled", key, reason: `execution ${name} already exists (${existing.status})` };
  }
}

async function readItem(dynamoDb: DynamoDBClient, resources: StackResources, key: EventKey): Promise<Item | undefined> {
  const { Item } = await dynamoDb.send(new GetItemCommand({ TableName: resources.tableName, Key: dynamoKey(key), ConsistentRead: true }));
  return Item;
}

export function formatRedriveSummary(summary: RedriveSummary): string[] {
  const lines = summary.messages.flatMap((report) =>
    report.events.map((event) => {
      const what = "key" in event && event.key ? describeKey(event.key) : `message ${report.messageId}`;
      const how = event.kind === "redriven" || event.kind === "would-redrive" ? event.via : event.reason;
      return `  ${event.kind.padEnd(16)} ${what}: ${how}`;
    }),
  );
  const { counts } = summary;
  return [
    `${summary.dryRun ? "Dry run: " : ""}${summary.source} DLQ ${summary.queueName}: ${counts.messages} message(s)`,
    ...lines,
    `redriven ${counts.redriven}, already handled ${counts.alreadyHandled}, ${summary.dryRun ? `would redrive ${counts.wouldRedrive}, ` : ""}failed ${counts.failed}; ` +
      `${counts.deleted} message(s) deleted, ${counts.messages - counts.deleted} left in the queue.`,
  ];
}
