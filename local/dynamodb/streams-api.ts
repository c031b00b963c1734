/**
 * The DynamoDB Streams API (X-Amz-Target `DynamoDBStreams_20120810.*`) over the front's own
 * records: ListStreams, DescribeStream, GetShardIterator (TRIM_HORIZON, LATEST,
 * AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER) and GetRecords (Limit, NextShardIterator).
 *
 * A shard iterator is an opaque token naming the stream, the shard and a position in it. Unlike
 * AWS's, it never expires; one pointing at records trimmed since (older than 24 hours) gets
 * TrimmedDataAccessException, as in AWS.
 */
import { DynamoDbApiError, notFound, validation } from "./api-error";
import type { StreamStore, TableStream } from "./stream-store";

const ITERATOR_PREFIX = "local-shard-iterator:";
const SEQUENCE_NUMBER = /^\d{1,40}$/;

interface IteratorPosition {
  streamArn: string;
  shardId: string;
  /** Index of the next record to return. */
  index: number;
}

export type StreamsOperation = (input: Record<string, unknown>) => object;

export function streamsApi(store: StreamStore): Record<string, StreamsOperation> {
  return {
    ListStreams: (input) => listStreams(store, input),
    DescribeStream: (input) => describeStream(store, input),
    GetShardIterator: (input) => getShardIterator(store, input),
    GetRecords: (input) => getRecords(store, input),
  };
}

function listStreams(store: StreamStore, input: Record<string, unknown>): object {
  const limit = optionalLimit(input.Limit, 100);
  let streams = store.all().filter((stream) => input.TableName === undefined || stream.tableName === input.TableName);
  if (input.ExclusiveStartStreamArn !== undefined) {
    const start = streams.findIndex((stream) => stream.streamArn === input.ExclusiveStartStreamArn);
    if (start < 0) throw notFound(`Stream ${String(input.ExclusiveStartStreamArn)} not found.`);
    streams = streams.slice(start + 1);
  }
  const page = streams.slice(0, limit);
  return {
    Streams: page.map((stream) => ({ StreamArn: stream.streamArn, TableName: stream.tableName, StreamLabel: stream.streamLabel })),
    ...(streams.length > limit ? { LastEvaluatedStreamArn: page.at(-1)!.streamArn } : {}),
  };
}

function describeStream(store: StreamStore, input: Record<string, unknown>): object {
  const stream = streamNamed(store, input.StreamArn);
  optionalLimit(input.Limit, 100);
  // One shard: any ExclusiveStartShardId leaves nothing after it.
  const shards = input.ExclusiveStartShardId === undefined ? [shardOf(stream)] : [];
  return {
    StreamDescription: {
      StreamArn: stream.streamArn,
      StreamLabel: stream.streamLabel,
      StreamStatus: stream.status,
      StreamViewType: stream.viewType,
      CreationRequestDateTime: stream.createdAt,
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: shards,
    },
  };
}

function shardOf(stream: TableStream): object {
  return {
    ShardId: stream.shardId,
    SequenceNumberRange: {
      StartingSequenceNumber: stream.startingSequenceNumber,
      ...(stream.endingSequenceNumber ? { EndingSequenceNumber: stream.endingSequenceNumber } : {}),
    },
  };
}

function getShardIterator(store: StreamStore, input: Record<string, unknown>): object {
  const stream = streamNamed(store, input.StreamArn);
  if (input.ShardId !== stream.shardId) throw notFound(`Shard ${String(input.ShardId)} not found in stream ${stream.streamArn}.`);
  const type = input.ShardIteratorType;
  const sequence = input.SequenceNumber;
  const needsSequence = type === "AT_SEQUENCE_NUMBER" || type === "AFTER_SEQUENCE_NUMBER";
  if (needsSequence && (typeof sequence !== "string" || !SEQUENCE_NUMBER.test(sequence))) {
    throw validation(`${String(type)} needs a numeric SequenceNumber; got ${JSON.stringify(sequence)}.`);
  }
  if (!needsSequence && sequence !== undefined) {
    throw validation(`SequenceNumber is only allowed with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER, not ${String(type)}.`);
  }
  let index: number;
  switch (type) {
    case "TRIM_HORIZON":
      index = stream.trimmed;
      break;
    case "LATEST":
      index = stream.trimmed + stream.records.length;
      break;
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER": {
      const wanted = BigInt(sequence as string);
      const last = stream.records.at(-1)?.dynamodb.SequenceNumber;
      if (last === undefined || wanted < BigInt(stream.startingSequenceNumber) || wanted > BigInt(last)) {
        throw validation(`Sequence number ${String(sequence)} is outside the records of shard ${stream.shardId}.`);
      }
      // Numbers are shared by all shards, so any number in the range is a valid position.
      const after = (record: { dynamodb: { SequenceNumber: string } }) => BigInt(record.dynamodb.SequenceNumber) > wanted;
      const atOrAfter = (record: { dynamodb: { SequenceNumber: string } }) => BigInt(record.dynamodb.SequenceNumber) >= wanted;
      const found = stream.records.findIndex(type === "AT_SEQUENCE_NUMBER" ? atOrAfter : after);
      index = stream.trimmed + (found < 0 ? stream.records.length : found);
      break;
    }
    default:
      throw validation(
        `Value ${JSON.stringify(type)} at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST]`,
      );
  }
  return { ShardIterator: encodeIterator({ streamArn: stream.streamArn, shardId: stream.shardId, index }) };
}

function getRecords(store: StreamStore, input: Record<string, unknown>): object {
  const position = decodeIterator(input.ShardIterator);
  const stream = store.byArn(position.streamArn);
  if (!stream || stream.shardId !== position.shardId) throw notFound(`Shard ${position.shardId} of ${position.streamArn} not found.`);
  const limit = optionalLimit(input.Limit, 1000);
  const start = position.index - stream.trimmed;
  if (start < 0) {
    throw new DynamoDbApiError("TrimmedDataAccessException", `The iterator points at records of ${stream.shardId} older than the stream's 24-hour retention.`);
  }
  const records = store.read(stream.records.slice(start, start + limit));
  const next = position.index + records.length;
  // A closed shard read to its end has no next iterator: that is how readers learn it is done.
  const finished = stream.status === "DISABLED" && next >= stream.trimmed + stream.records.length;
  return {
    Records: records,
    ...(finished ? {} : { NextShardIterator: encodeIterator({ ...position, index: next }) }),
  };
}

function streamNamed(store: StreamStore, streamArn: unknown): TableStream {
  if (typeof streamArn !== "string" || streamArn === "") throw validation("StreamArn is required.");
  const stream = store.byArn(streamArn);
  if (!stream) throw notFound(`Requested resource not found: Stream: ${streamArn} not found`);
  return stream;
}

function optionalLimit(limit: unknown, max: number): number {
  if (limit === undefined) return max;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > max) {
    throw validation(`Limit must be an integer from 1 to ${max}; got ${JSON.stringify(limit)}.`);
  }
  return limit;
}

function encodeIterator(position: IteratorPosition): string {
  return ITERATOR_PREFIX + Buffer.from(JSON.stringify(position)).toString("base64url");
}

function decodeIterator(iterator: unknown): IteratorPosition {
  if (typeof iterator === "string" && iterator.startsWith(ITERATOR_PREFIX)) {
    try {
      const position = JSON.parse(Buffer.from(iterator.slice(ITERATOR_PREFIX.length), "base64url").toString("utf8")) as Partial<IteratorPosition>;
      if (typeof position.streamArn === "string" && typeof position.shardId === "string" && Number.isInteger(position.index) && position.index! >= 0) {
        return position as IteratorPosition;
      }
    } catch {
      // Falls through to the error below.
    }
  }
  throw validation(`Invalid ShardIterator: ${JSON.stringify(iterator)}.`);
}
