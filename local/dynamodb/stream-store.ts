/**
 * The streams the local front keeps: one per stream-enabled table (a new one each time a table is
 * created again), one shard each, records appended in the order the writes committed.
 *
 * Records are retained in memory for the life of the process: there is no 24-hour trimming, so
 * TRIM_HORIZON always means "the first record".
 */
import { randomBytes, randomUUID } from "node:crypto";
import { itemSize } from "./item-size";
import type { KeySchemaElement, StreamViewType, WireItem } from "./wire-types";

export type StreamEventName = "INSERT" | "MODIFY" | "REMOVE";

export interface StreamRecord {
  eventID: string;
  eventName: StreamEventName;
  eventVersion: "1.1";
  eventSource: "aws:dynamodb";
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds, rounded down, as the Streams API sends it. */
    ApproximateCreationDateTime: number;
    Keys: WireItem;
    NewImage?: WireItem;
    OldImage?: WireItem;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
}

export interface TableStream {
  tableName: string;
  streamArn: string;
  streamLabel: string;
  viewType: StreamViewType;
  keySchema: KeySchemaElement[];
  /** Epoch seconds. */
  createdAt: number;
  status: "ENABLED" | "DISABLED";
  shardId: string;
  startingSequenceNumber: string;
  /** Set when the stream is disabled (its table deleted): the shard is closed. */
  endingSequenceNumber?: string;
  records: StreamRecord[];
}

export interface ItemChange {
  keys: WireItem;
  oldImage?: WireItem;
  newImage?: WireItem;
}

export class StreamStore {
  private readonly streams: TableStream[] = [];
  /** One counter for every shard: numbers only ever grow, as AWS's do within a shard. */
  private sequence = 0n;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Starts a new stream for a table that was just created with StreamEnabled. */
  enable(tableName: string, viewType: StreamViewType, keySchema: KeySchemaElement[]): TableStream {
    const now = Date.now();
    // AWS labels are the creation time, e.g. 2026-11-29T03:17:53.123; unique per table here.
    let label = new Date(now).toISOString().replace("Z", "");
    while (this.streams.some((stream) => stream.tableName === tableName && stream.streamLabel === label)) {
      label = new Date(Date.parse(`${label}Z`) + 1).toISOString().replace("Z", "");
    }
    const stream: TableStream = {
      tableName,
      streamArn: `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${tableName}/stream/${label}`,
      streamLabel: label,
      viewType,
      keySchema,
      createdAt: Math.floor(now / 1000),
      status: "ENABLED",
      shardId: `shardId-${String(now).padStart(20, "0")}-${randomBytes(4).toString("hex")}`,
      startingSequenceNumber: this.formatSequence(this.sequence + 1n),
      records: [],
    };
    this.streams.push(stream);
    return stream;
  }

  /** The table's stream that is still written to, if any. */
  enabledFor(tableName: string): TableStream | undefined {
    return this.streams.find((stream) => stream.tableName === tableName && stream.status === "ENABLED");
  }

  /** The table was deleted: its stream stays readable, its shard is closed. */
  disable(tableName: string): void {
    const stream = this.enabledFor(tableName);
    if (!stream) return;
    stream.status = "DISABLED";
    stream.endingSequenceNumber = stream.records.at(-1)?.dynamodb.SequenceNumber ?? stream.startingSequenceNumber;
  }

  byArn(streamArn: string): TableStream | undefined {
    return this.streams.find((stream) => stream.streamArn === streamArn);
  }

  all(): readonly TableStream[] {
    return this.streams;
  }

  /** Appends the record DynamoDB would write for this change; returns it. */
  append(stream: TableStream, eventName: StreamEventName, change: ItemChange): StreamRecord {
    const newImage = stream.viewType === "NEW_IMAGE" || stream.viewType === "NEW_AND_OLD_IMAGES" ? change.newImage : undefined;
    const oldImage = stream.viewType === "OLD_IMAGE" || stream.viewType === "NEW_AND_OLD_IMAGES" ? change.oldImage : undefined;
    this.sequence += 1n;
    const record: StreamRecord = {
      eventID: randomUUID().replace(/-/g, ""),
      eventName,
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: this.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: change.keys,
        ...(newImage ? { NewImage: newImage } : {}),
        ...(oldImage ? { OldImage: oldImage } : {}),
        SequenceNumber: this.formatSequence(this.sequence),
        SizeBytes: itemSize(change.keys) + itemSize(newImage) + itemSize(oldImage),
        StreamViewType: stream.viewType,
      },
    };
    stream.records.push(record);
    return record;
  }

  /** 21 digits, like AWS's numeric sequence numbers; fixed width so they also sort as strings. */
  private formatSequence(value: bigint): string {
    return `1${value.toString().padStart(20, "0")}`;
  }
}
