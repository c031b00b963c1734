/**
 * Reads a DynamoDB stream through the Streams API the way a Pipe's poller does: every shard
 * from TRIM_HORIZON, parents before children, records of a shard strictly in order, and the
 * position only advanced after the handler has finished with a record (at-least-once).
 */
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
  type DynamoDBStreamsClient,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /** Called once per record, in shard order; must not throw (route failures to a DLQ). */
  handleRecord: (record: StreamsRecord) => Promise<void>;
  /** Pause between polls of a shard that returned nothing. @default 100 */
  idlePollMs?: number;
  /** Reports poller errors (they are retried, never fatal). */
  onError?: (error: unknown) => void;
  /** Where each shard's position is kept across restarts; absent: every start reads from TRIM_HORIZON. */
  checkpoint?: ShardCheckpoint;
}

/** A shard's last handled sequence number, kept like a Pipe keeps its position in the stream. */
export interface ShardCheckpoint {
  load(shardId: string): string | undefined;
  save(shardId: string, sequenceNumber: string): void;
}

interface ShardCursor {
  shard: Shard;
  iterator?: string;
  lastSequenceNumber?: string;
  finished: boolean;
}

export class StreamPoller {
  private readonly shards = new Map<string, ShardCursor>();
  private running = false;
  private loop?: Promise<void>;
  private idleWaiters: Array<() => void> = [];
  private sleepTimer?: { wake: () => void };

  constructor(private readonly options: StreamPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.sleepTimer?.wake();
    await this.loop;
    // Nothing more will be read: release anyone waiting for an idle round.
    this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  /** Resolves after the next poll round in which no shard returned records. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    let round = 0;
    while (this.running) {
      let received = 0;
      try {
        // Shards close and split over time; look for new ones every few rounds.
        if (round++ % 10 === 0) await this.discoverShards();
        for (const cursor of this.readyShards()) {
          received += await this.pollShard(cursor);
          if (!this.running) return;
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      if (received === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((wake) => wake());
        await this.pause(this.options.idlePollMs ?? 100);
      }
    }
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.sleepTimer = {
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    this.sleepTimer = undefined;
  }

  private async discoverShards(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !this.shards.has(shard.ShardId)) {
        this.shards.set(shard.ShardId, { shard, finished: false, lastSequenceNumber: this.options.checkpoint?.load(shard.ShardId) });
      }
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  /** Open shards whose parent (if we know it) has been read to its end. */
  private readyShards(): ShardCursor[] {
    return [...this.shards.values()].filter((cursor) => {
      if (cursor.finished) return false;
      const parent = cursor.shard.ParentShardId ? this.shards.get(cursor.shard.ParentShardId) : undefined;
      return !parent || parent.finished;
    });
  }

  private async pollShard(cursor: ShardCursor): Promise<number> {
    cursor.iterator ??= await this.iteratorFor(cursor);
    let response;
    try {
      response = await this.options.client.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 100 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        cursor.iterator = undefined;
        return 0;
      }
      throw error;
    }
    const records = response.Records ?? [];
    for (const record of records) {
      await this.options.handleRecord(record);
      cursor.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? cursor.lastSequenceNumber;
      if (cursor.lastSequenceNumber !== undefined) this.options.checkpoint?.save(cursor.shard.ShardId!, cursor.lastSequenceNumber);
    }
    if (response.NextShardIterator) cursor.iterator = response.NextShardIterator;
    else cursor.finished = true;
    return records.length;
  }

  private async iteratorFor(cursor: ShardCursor): Promise<string> {
    const position = cursor.lastSequenceNumber
      ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER" as const, SequenceNumber: cursor.lastSequenceNumber }
      : { ShardIteratorType: "TRIM_HORIZON" as const };
    const { ShardIterator } = await this.options.client.send(
      new GetShardIteratorCommand({ StreamArn: this.options.streamArn, ShardId: cursor.shard.ShardId, ...position }),
    );
    if (!ShardIterator) throw new Error(`No shard iterator for ${cursor.shard.ShardId}.`);
    return ShardIterator;
  }
}
