/**
 * Converts a record from the DynamoDB Streams API (SDK v3 shapes) into the JSON event an
 * EventBridge Pipe sees for a DynamoDB source, so the filter pattern and input template are
 * applied to the same document locally as in AWS: epoch-seconds ApproximateCreationDateTime,
 * base64 binary attributes, `eventSourceARN` set to the stream.
 */
import type { _Record as StreamsRecord } from "@aws-sdk/client-dynamodb-streams";

export interface PipeDynamoDbEvent {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: Record<string, unknown> & { SequenceNumber: string };
}

export function toPipeEvent(record: StreamsRecord, streamArn: string, region: string): PipeDynamoDbEvent {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return toJson({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? "1.1",
    eventSource: record.eventSource ?? "aws:dynamodb",
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...dynamodb,
    },
  }) as PipeDynamoDbEvent;
}

/** JSON view of SDK values: Uint8Array (B/BS attributes) becomes base64, undefined disappears. */
function toJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, toJson(item)]),
    );
  }
  return value;
}
