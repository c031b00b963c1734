/**
 * The local stand-in for the stack's EventBridge Pipe: DynamoDB stream -> filter (the same
 * PIPE_FILTER_PATTERN) -> input template (the same PIPE_INPUT_TEMPLATE) -> bus entry with the
 * contract's source and detail-type. A record that cannot be shaped or delivered goes to the
 * pipe's DLQ with the reason; filtered-out records are dropped on purpose, as Pipes does.
 */
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { compileEventPattern, type EventPattern } from "../eventbridge/event-pattern";
import { DeadLetterQueue } from "./dead-letter-queue";
import { renderJsonInputTemplate } from "./input-template";
import { StreamPoller, type ShardCheckpoint } from "./stream-poller";
import { toPipeEvent, type PipeDynamoDbEvent } from "./stream-record";
import { withRetries } from "../support/retry";

export interface BusEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

export interface LocalPipeOptions {
  name: string;
  streams: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  filterPattern: EventPattern;
  inputTemplate: string;
  source: string;
  detailType: string;
  /** Puts one entry on the bus (the Pipe's EventBridge target). */
  putEvent: (entry: BusEntry) => Promise<void>;
  deadLetterQueue: DeadLetterQueue<PipeDynamoDbEvent>;
  /** Delivery attempts before a record goes to the DLQ. @default 3 */
  maximumAttempts?: number;
  retryBaseDelayMs?: number;
  idlePollMs?: number;
  /** Told about each record after its fate is known. */
  onRecord?: (outcome: PipeRecordOutcome) => void;
  onError?: (error: unknown) => void;
  /** Keeps the stream position across restarts (see FileCheckpoint). */
  checkpoint?: ShardCheckpoint;
}

export type PipeRecordOutcome =
  | { kind: "filtered"; event: PipeDynamoDbEvent }
  | { kind: "delivered"; event: PipeDynamoDbEvent; entry: BusEntry }
  | { kind: "dead-lettered"; event: PipeDynamoDbEvent; error: string };

export class LocalPipe {
  private readonly poller: StreamPoller;
  private readonly matchesFilter: (event: unknown) => boolean;

  constructor(private readonly options: LocalPipeOptions) {
    this.matchesFilter = compileEventPattern(options.filterPattern);
    this.poller = new StreamPoller({
      client: options.streams,
      streamArn: options.streamArn,
      idlePollMs: options.idlePollMs,
      onError: options.onError,
      checkpoint: options.checkpoint,
      handleRecord: (record) => this.handleEvent(toPipeEvent(record, options.streamArn, options.region)),
    });
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** Resolves once the stream has been read to its current end. */
  whenIdle(): Promise<void> {
    return this.poller.whenIdle();
  }

  /**
   * Delivers one event in the shape the stream gives the Pipe: the poller's records and, after a
   * restart, the INSERT of an item whose execution the crash interrupted (see crash-recovery.ts).
   */
  async handleEvent(event: PipeDynamoDbEvent): Promise<void> {
    const { options } = this;
    if (!this.matchesFilter(event)) {
      options.onRecord?.({ kind: "filtered", event });
      return;
    }
    let entry: BusEntry;
    try {
      const detail = renderJsonInputTemplate(options.inputTemplate, event, {
        "aws.pipes.pipe-name": options.name,
        "aws.pipes.source-arn": options.streamArn,
        "aws.pipes.event.ingestion-time": new Date().toISOString(),
      });
      if (detail === null || typeof detail !== "object" || Array.isArray(detail)) {
        throw new Error("the input template must render a JSON object to be an EventBridge detail");
      }
      entry = { source: options.source, detailType: options.detailType, detail: detail as Record<string, unknown> };
    } catch (error) {
      // Shaping is deterministic: retrying cannot help.
      this.deadLetter(event, error, 1);
      return;
    }
    try {
      await withRetries(() => options.putEvent(entry), {
        attempts: options.maximumAttempts ?? 3,
        baseDelayMs: options.retryBaseDelayMs ?? 100,
      });
      options.onRecord?.({ kind: "delivered", event, entry });
    } catch (error) {
      this.deadLetter(event, (error as Error).cause ?? error, options.maximumAttempts ?? 3);
    }
  }

  private deadLetter(event: PipeDynamoDbEvent, error: unknown, attempts: number): void {
    const message = this.options.deadLetterQueue.send(`pipe:${this.options.name}`, event, error, attempts);
    this.options.onRecord?.({ kind: "dead-lettered", event, error: message.error });
  }
}
