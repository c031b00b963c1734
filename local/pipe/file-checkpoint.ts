/**
 * The Pipe's stream position on disk, saved after each handled record. The file is a log: each
 * save appends one line (`{"shardId","sequenceNumber"}`) with a single write to an open file, and
 * the last line per shard wins. A crash leaves at most a torn last line, which loading ignores
 * (the position before it stands). Loading rewrites the log to one line per shard (write, then
 * rename), and so does a save once the log passes COMPACT_AT_BYTES. One append per record costs
 * a fraction of the write + rename of a whole file, on the thread that also runs the pipeline.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import type { ShardCheckpoint } from "./stream-poller";

interface HeaderLine {
  streamArn: string;
}

interface PositionLine {
  shardId: string;
  sequenceNumber: string;
}

const COMPACT_AT_BYTES = 1 << 20;

export class FileCheckpoint implements ShardCheckpoint {
  private readonly shards: Record<string, string> = {};
  private descriptor: number | undefined;
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly streamArn: string,
  ) {
    const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
    const parsed: unknown[] = [];
    for (const [index, text] of lines.entries()) {
      if (text.trim() === "") continue;
      try {
        parsed.push(JSON.parse(text));
      } catch {
        // Only the last line can be torn (the process died mid-append).
        if (index >= lines.length - 2) break;
        throw new Error(`${file}: line ${index + 1} is not JSON; delete the local data directory to start afresh.`);
      }
    }
    const header = parsed[0] as (HeaderLine & { shards?: Record<string, string> }) | undefined;
    // A position in another stream (the table was created again) means nothing here.
    if (header?.streamArn === streamArn) {
      Object.assign(this.shards, header.shards ?? {});
      for (const line of parsed.slice(1) as PositionLine[]) this.shards[line.shardId] = line.sequenceNumber;
    }
    this.compact();
  }

  load(shardId: string): string | undefined {
    return this.shards[shardId];
  }

  save(shardId: string, sequenceNumber: string): void {
    this.shards[shardId] = sequenceNumber;
    if (this.bytes > COMPACT_AT_BYTES) return this.compact();
    const line = Buffer.from(`${JSON.stringify({ shardId, sequenceNumber } satisfies PositionLine)}\n`);
    this.descriptor ??= openSync(this.file, "a");
    writeSync(this.descriptor, line);
    this.bytes += line.length;
  }

  /** Closes the log (a later save reopens it). */
  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }

  /** Rewrites the log as its header with every shard's position: atomic, old or new. */
  private compact(): void {
    this.close();
    const text = `${JSON.stringify({ streamArn: this.streamArn, shards: this.shards })}\n`;
    const temporary = `${this.file}.next`;
    writeFileSync(temporary, text);
    renameSync(temporary, this.file);
    this.bytes = Buffer.byteLength(text);
  }
}
