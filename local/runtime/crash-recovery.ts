/**
 * After a restart on durable local state: finds the stored events whose processing the crash
 * interrupted and hands each to the Pipe once more, so nothing accepted is lost and nothing
 * already processed runs again.
 *
 * Why this exists locally only: on AWS a Step Functions execution survives any one machine;
 * here executions live in the process, so a `kill -9` ends them mid-way. Events come in three
 * kinds after a restart:
 * - its INSERT record is after the Pipe's checkpoint: the Pipe reads and delivers it as usual;
 * - PROCESSED or FAILED: done, left alone (deduplication keeps holding: the items are on disk);
 * - RECEIVED or PROCESSING with its record already checkpointed: its execution died with the
 *   process. A PROCESSING claim is released (conditionally: only if still PROCESSING) and the
 *   event is delivered again, starting exactly one new execution. The processor is idempotent
 *   per event id, so one that had already applied the event answers DUPLICATE.
 */
import { ScanCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY, ITEM_TYPE_ATTRIBUTE } from "../../contract/event-table";
import { EVENT_PROCESSING_ATTRIBUTES } from "../../lib/workflow/definition";
import type { LocalPipe } from "../pipe/local-pipe";
import type { ShardCheckpoint } from "../pipe/stream-poller";
import type { PipeDynamoDbEvent } from "../pipe/stream-record";

export interface CrashRecoveryInput {
  dynamoDb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  streamArn: string;
  region: string;
  checkpoint: ShardCheckpoint;
  pipe: LocalPipe;
}

export interface CrashRecoveryReport {
  /** Events delivered again because their execution died with the previous process. */
  redelivered: string[];
  /** PROCESSING claims released before redelivery. */
  releasedClaims: number;
  /** Events the Pipe will deliver from the stream (after its checkpoint). */
  pendingInStream: number;
}

export async function recoverInterruptedEvents(input: CrashRecoveryInput): Promise<CrashRecoveryReport> {
  const pending = await eventIdsAfterCheckpoint(input);
  const interrupted = await unfinishedEventItems(input);
  let releasedClaims = 0;
  const redelivered: string[] = [];
  for (const item of interrupted) {
    const eventId = item.eventId?.S ?? "";
    if (item[EVENT_PROCESSING_ATTRIBUTES.processingStatus]?.S === "PROCESSING") {
      releasedClaims += (await releaseClaim(input, item)) ? 1 : 0;
    }
    if (pending.has(eventId)) continue;
    await input.pipe.handleEvent(asInsertEvent(input, item));
    redelivered.push(eventId);
  }
  return { redelivered, releasedClaims, pendingInStream: pending.size };
}

async function eventIdsAfterCheckpoint(input: CrashRecoveryInput): Promise<Set<string>> {
  const eventIds = new Set<string>();
  const { StreamDescription } = await input.streams.send(new DescribeStreamCommand({ StreamArn: input.streamArn }));
  for (const shard of StreamDescription?.Shards ?? []) {
    const after = input.checkpoint.load(shard.ShardId!);
    let { ShardIterator: iterator } = await input.streams.send(
      new GetShardIteratorCommand({
        StreamArn: input.streamArn,
        ShardId: shard.ShardId,
        ...(after === undefined ? { ShardIteratorType: "TRIM_HORIZON" } : { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: after }),
      }),
    );
    while (iterator) {
      const page = await input.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      for (const record of page.Records ?? []) {
        const eventId = record.dynamodb?.NewImage?.eventId?.S;
        if (record.eventName === "INSERT" && eventId !== undefined) eventIds.add(eventId);
      }
      // An open shard always has a next iterator: an empty page means we reached its end.
      iterator = (page.Records ?? []).length > 0 ? page.NextShardIterator : undefined;
    }
  }
  return eventIds;
}

async function unfinishedEventItems(input: CrashRecoveryInput): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await input.dynamoDb.send(
      new ScanCommand({
        TableName: input.tableName,
        ConsistentRead: true,
        FilterExpression: "#type = :event AND #status IN (:received, :processing)",
        ExpressionAttributeNames: { "#type": ITEM_TYPE_ATTRIBUTE, "#status": EVENT_PROCESSING_ATTRIBUTES.processingStatus },
        ExpressionAttributeValues: { ":event": { S: "EVENT" }, ":received": { S: "RECEIVED" }, ":processing": { S: "PROCESSING" } },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function releaseClaim(input: CrashRecoveryInput, item: Record<string, AttributeValue>): Promise<boolean> {
  try {
    await input.dynamoDb.send(
      new UpdateItemCommand({
        TableName: input.tableName,
        Key: keyOf(item),
        UpdateExpression: "SET #status = :received",
        ConditionExpression: "#status = :processing",
        ExpressionAttributeNames: { "#status": EVENT_PROCESSING_ATTRIBUTES.processingStatus },
        ExpressionAttributeValues: { ":received": { S: "RECEIVED" }, ":processing": { S: "PROCESSING" } },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

function keyOf(item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return { [EVENT_TABLE_PARTITION_KEY]: item[EVENT_TABLE_PARTITION_KEY]!, [EVENT_TABLE_SORT_KEY]: item[EVENT_TABLE_SORT_KEY]! };
}

/** The INSERT record the stream wrote for the item (its image as stored), as the Pipe sees it. */
function asInsertEvent(input: CrashRecoveryInput, item: Record<string, AttributeValue>): PipeDynamoDbEvent {
  const image = { ...item };
  // The image the stream recorded at INSERT time: before any claim was written.
  image[EVENT_PROCESSING_ATTRIBUTES.processingStatus] = { S: "RECEIVED" };
  return {
    eventID: `recovered-${item.eventId?.S ?? ""}`,
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: input.region,
    eventSourceARN: input.streamArn,
    dynamodb: { Keys: keyOf(item), NewImage: image, SequenceNumber: "0", StreamViewType: "NEW_IMAGE" },
  };
}
