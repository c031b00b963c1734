/**
 * The Pipe's stream position on disk: one small JSON file per stream, replaced atomically
 * (write, then rename) after each handled record, so a crash leaves either the old or the new
 * position, never a torn one.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ShardCheckpoint } from "./stream-poller";

interface CheckpointFile {
  streamArn: string;
  shards: Record<string, string>;
}

export class FileCheckpoint implements ShardCheckpoint {
  private readonly shards: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly streamArn: string,
  ) {
    const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CheckpointFile) : undefined;
    // A position in another stream (the table was created again) means nothing here.
    this.shards = saved?.streamArn === streamArn ? { ...saved.shards } : {};
  }

  load(shardId: string): string | undefined {
    return this.shards[shardId];
  }

  save(shardId: string, sequenceNumber: string): void {
    this.shards[shardId] = sequenceNumber;
    const temporary = `${this.file}.next`;
    writeFileSync(temporary, JSON.stringify({ streamArn: this.streamArn, shards: this.shards } satisfies CheckpointFile));
    renameSync(temporary, this.file);
  }
}
