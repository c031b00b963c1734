/**
 * The streams the local front keeps: one per stream-enabled table (a new one each time a table is
 * created again), one shard each, records appended in the order the writes committed.
 *
 * Records are kept for 24 hours, as DynamoDB Streams keeps them ("data in a stream is retained
 * for 24 hours": DynamoDB Developer Guide, "Change data capture for DynamoDB Streams"); older
 * ones are trimmed, so TRIM_HORIZON means "the oldest record still kept". With a journal file
 * every stream and record is also appended to disk before the write is acknowledged, and a new
 * store replays it: a restarted runtime keeps its stream ARN, sequence numbers and unread records.
 * Then memory holds only each record's sequence number, time and place in the journal (about a
 * hundred bytes, against a few kilobytes for the record), and GetRecords reads the records back
 * from the file: a day of retention at load must not be a day of records on the heap.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
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
  /** The records kept, oldest first; read them with StreamStore.read. */
  records: StoredRecord[];
  /** Records trimmed from the front so far: a record's position in the shard is trimmed + index. */
  trimmed: number;
}

/**
 * A kept record: its position fields, and either the record itself (no journal) or where its
 * journal line is (byte offset and length).
 */
export interface StoredRecord {
  dynamodb: { SequenceNumber: string; ApproximateCreationDateTime: number };
  record?: StreamRecord;
  offset?: number;
  length?: number;
}

/** DynamoDB Streams' retention. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface StreamStoreOptions {
  /** Append-only file of streams and records (JSON lines); absent: memory only. */
  journalFile?: string;
  /** @default STREAM_RETENTION_MS */
  retentionMs?: number;
  now?: () => number;
}

type JournalLine =
  | { kind: "stream"; stream: Omit<TableStream, "records" | "trimmed"> }
  | { kind: "disabled"; streamArn: string; endingSequenceNumber: string }
  | { kind: "record"; streamArn: string; record: StreamRecord };

export interface ItemChange {
  keys: WireItem;
  oldImage?: WireItem;
  newImage?: WireItem;
}

export class StreamStore {
  private readonly streams: TableStream[] = [];
  /** One counter for every shard: numbers only ever grow, as AWS's do within a shard. */
  private sequence = 0n;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private nextTrimAt = 0;
  /** Bytes in the journal file: the offset of the next line appended. */
  private journalBytes = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly options: StreamStoreOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? STREAM_RETENTION_MS;
    this.now = options.now ?? Date.now;
    if (options.journalFile !== undefined) this.replay(options.journalFile);
  }

  /** The records of `entries` (a slice of a stream's `records`), in order. */
  read(entries: readonly StoredRecord[]): StreamRecord[] {
    const onDisk = entries.filter((entry) => entry.record === undefined);
    if (onDisk.length === 0) return entries.map((entry) => entry.record!);
    // Entries are in journal order: one read spans them all (other streams' lines may sit between).
    const first = onDisk[0]!.offset!;
    const last = onDisk[onDisk.length - 1]!;
    const span = Buffer.alloc(last.offset! + last.length! - first);
    const descriptor = openSync(this.options.journalFile!, "r");
    try {
      for (let done = 0; done < span.length; ) {
        const read = readSync(descriptor, span, done, span.length - done, first + done);
        if (read === 0) throw new Error(`${this.options.journalFile}: ended before the record at byte ${first + done}.`);
        done += read;
      }
    } finally {
      closeSync(descriptor);
    }
    return entries.map(
      (entry) => entry.record ?? (JSON.parse(span.toString("utf8", entry.offset! - first, entry.offset! - first + entry.length!)) as { record: StreamRecord }).record,
    );
  }

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
      trimmed: 0,
    };
    this.streams.push(stream);
    const { records: _records, trimmed: _trimmed, ...meta } = stream;
    this.journal({ kind: "stream", stream: meta });
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
    this.journal({ kind: "disabled", streamArn: stream.streamArn, endingSequenceNumber: stream.endingSequenceNumber });
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
        ApproximateCreationDateTime: Math.floor(this.now() / 1000),
        Keys: change.keys,
        ...(newImage ? { NewImage: newImage } : {}),
        ...(oldImage ? { OldImage: oldImage } : {}),
        SequenceNumber: this.formatSequence(this.sequence),
        SizeBytes: itemSize(change.keys) + itemSize(newImage) + itemSize(oldImage),
        StreamViewType: stream.viewType,
      },
    };
    // On disk before the write is acknowledged: a crash right after loses no record.
    const place = this.journal({ kind: "record", streamArn: stream.streamArn, record });
    stream.records.push(stored(record, place));
    this.trimExpired();
    return record;
  }

  /** Drops records older than the retention (checked at most once a second). */
  trimExpired(): void {
    const now = this.now();
    if (now < this.nextTrimAt) return;
    this.nextTrimAt = now + 1000;
    const oldestKeptSeconds = (now - this.retentionMs) / 1000;
    for (const stream of this.streams) {
      const expired = stream.records.findIndex((record) => record.dynamodb.ApproximateCreationDateTime >= oldestKeptSeconds);
      const count = expired < 0 ? stream.records.length : expired;
      if (count === 0) continue;
      stream.records.splice(0, count);
      stream.trimmed += count;
    }
  }

  /** Appends the line to the journal, if any; returns where it went. */
  private journal(line: JournalLine): { offset: number; length: number } | undefined {
    if (this.options.journalFile === undefined) return undefined;
    const text = Buffer.from(`${JSON.stringify(line)}\n`);
    appendFileSync(this.options.journalFile, text);
    const offset = this.journalBytes;
    this.journalBytes += text.length;
    return { offset, length: text.length - 1 };
  }

  /** Rebuilds the streams from the journal, then rewrites it without the expired records. */
  private replay(file: string): void {
    if (!existsSync(file)) return;
    const lines = readFileSync(file, "utf8").split("\n");
    for (const [index, text] of lines.entries()) {
      if (text.trim() === "") continue;
      let line: JournalLine;
      try {
        line = JSON.parse(text) as JournalLine;
      } catch {
        // Only the last line can be torn (the process died mid-append); anything else is damage.
        if (index >= lines.length - 2) break;
        throw new Error(`${file}: line ${index + 1} is not JSON; delete the local data directory to start afresh.`);
      }
      if (line.kind === "stream") this.streams.push({ ...line.stream, records: [], trimmed: 0 });
      const stream = line.kind === "stream" ? undefined : this.byArn(line.streamArn);
      if (line.kind === "disabled" && stream) {
        stream.status = "DISABLED";
        stream.endingSequenceNumber = line.endingSequenceNumber;
      }
      if (line.kind === "record" && stream) {
        stream.records.push(stored(line.record));
        const sequence = BigInt(line.record.dynamodb.SequenceNumber) - 10n ** 20n;
        if (sequence > this.sequence) this.sequence = sequence;
      }
    }
    for (const stream of this.streams) {
      const starting = BigInt(stream.startingSequenceNumber) - 10n ** 20n - 1n;
      if (starting > this.sequence) this.sequence = starting;
    }
    this.trimExpired();
    // Rewritten without the expired records; the kept ones then point into the new file.
    const temporary = `${file}.compacting`;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const append = (line: JournalLine) => {
      const text = Buffer.from(`${JSON.stringify(line)}\n`);
      chunks.push(text);
      bytes += text.length;
      return { offset: bytes - text.length, length: text.length - 1 };
    };
    for (const stream of this.streams) {
      const { records, trimmed: _trimmed, ...meta } = stream;
      append({ kind: "stream", stream: meta });
      stream.records = records.map((entry) => stored(entry.record!, append({ kind: "record", streamArn: stream.streamArn, record: entry.record! })));
    }
    writeFileSync(temporary, Buffer.concat(chunks));
    renameSync(temporary, file);
    this.journalBytes = statSync(file).size;
  }

  /** 21 digits, like AWS's numeric sequence numbers; fixed width so they also sort as strings. */
  private formatSequence(value: bigint): string {
    return `1${value.toString().padStart(20, "0")}`;
  }
}

/** What memory keeps of a record: all of it without a journal, its place in the journal with one. */
function stored(record: StreamRecord, place?: { offset: number; length: number }): StoredRecord {
  const position = { SequenceNumber: record.dynamodb.SequenceNumber, ApproximateCreationDateTime: record.dynamodb.ApproximateCreationDateTime };
  return place === undefined ? { dynamodb: position, record } : { dynamodb: position, ...place };
}
