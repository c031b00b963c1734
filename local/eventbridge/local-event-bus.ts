/**
 * An in-process EventBridge bus: PutEvents wraps each entry in the EventBridge envelope, keeps
 * it in an archive (like the stack's archive, for inspection and replay), and delivers it to
 * every rule whose event pattern matches. Delivery is asynchronous like the service's: a
 * target failure is retried with backoff and then goes to the rule's DLQ, never dropped.
 *
 * The archive keeps events for the stack's archive retention and at most `archiveCapacity` of
 * them. With an archive file (the runtime's data directory) their text is on disk and memory
 * holds each event's time and place (a few dozen bytes, against ~700 bytes of text): a load of
 * thousands of webhooks must not leave the archive on the heap.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, closeSync, openSync, readSync, renameSync, writeFileSync } from "node:fs";
import { DeadLetterQueue } from "../pipe/dead-letter-queue";
import { withRetries } from "../support/retry";
import { compileEventPattern, type EventPattern } from "./event-pattern";

export interface BusEvent {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface PutEventsEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources?: string[];
}

export interface LocalRule {
  name: string;
  eventPattern: EventPattern;
  target: (event: BusEvent) => Promise<void>;
  /** Attempts before the event goes to the DLQ. @default 3 */
  maximumAttempts?: number;
}

export interface LocalEventBusOptions {
  name: string;
  region: string;
  account: string;
  deadLetterQueue: DeadLetterQueue<BusEvent>;
  retryBaseDelayMs?: number;
  /** Told about each event that matched a rule, before delivery. */
  onMatch?: (rule: string, event: BusEvent) => void;
  /** How long the archive keeps an event. @default 30 days, the stack's archive retention */
  archiveRetentionMs?: number;
  /**
   * Events the archive keeps at most, the oldest going first: a local run's memory bound on top
   * of the retention (an EventBridge archive has no count limit; locally it lives on the heap).
   * @default 10_000 (a webhook puts two events: its own and the processor's outcome)
   */
  archiveCapacity?: number;
  /**
   * A file for the archived events' text (JSON lines, started afresh by each bus); memory then
   * keeps only each event's time and place in it. Absent: the text stays on the heap.
   */
  archiveFile?: string;
  /**
   * The archive file is rewritten without the events dropped from the archive once they take at
   * least this many bytes and half the file. @default 16 MiB
   */
  archiveFileCompactionBytes?: number;
  now?: () => number;
}

/** The stack's default archive retention (lib/eventing/event-bus.ts, DEFAULT_ARCHIVE_RETENTION_DAYS). */
export const DEFAULT_ARCHIVE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export class InvalidPutEventsEntryError extends Error {
  override name = "InvalidPutEventsEntryError";
}

export class LocalEventBus {
  private readonly rules: Array<LocalRule & { matches: (event: unknown) => boolean }> = [];
  /**
   * Archived events, oldest first: as JSON text (a fraction of the heap the objects take), or
   * with an archive file, where that text is in the file.
   */
  private readonly archived: ArchivedEvent[] = [];
  private nextTrimAt = 0;
  private archiveFileBytes = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: LocalEventBusOptions) {
    if (options.archiveFile !== undefined) writeFileSync(options.archiveFile, "");
  }

  get name(): string {
    return this.options.name;
  }

  addRule(rule: LocalRule): void {
    this.rules.push({ ...rule, matches: compileEventPattern(rule.eventPattern) });
  }

  /** Accepts the entries (validated first, all or nothing) and returns their event ids. */
  putEvents(entries: PutEventsEntry[]): string[] {
    entries.forEach(validateEntry);
    return entries.map((entry) => {
      const event: BusEvent = {
        version: "0",
        id: randomUUID(),
        "detail-type": entry.detailType,
        source: entry.source,
        account: this.options.account,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        region: this.options.region,
        resources: entry.resources ?? [],
        // A copy, as the service serialises it: later changes by the sender cannot leak in.
        detail: JSON.parse(JSON.stringify(entry.detail)),
      };
      this.keepInArchive(event);
      for (const rule of this.rules) {
        if (rule.matches(event)) this.deliver(rule, event);
      }
      return event.id;
    });
  }

  hasRule(name: string): boolean {
    return this.rules.some((rule) => rule.name === name);
  }

  /**
   * An archive replay: delivers an archived event again to the named rules (all when none are
   * named) whose pattern matches, without archiving it a second time. Returns the deliveries.
   */
  replay(event: BusEvent, ruleNames: readonly string[] = []): number {
    let deliveries = 0;
    for (const rule of this.rules) {
      if ((ruleNames.length === 0 || ruleNames.includes(rule.name)) && rule.matches(event)) {
        this.deliver(rule, event);
        deliveries += 1;
      }
    }
    return deliveries;
  }

  get archive(): ReadonlyArray<BusEvent> {
    const inFile = this.archived.filter((entry) => entry.json === undefined);
    let span: Buffer | undefined;
    let spanStart = 0;
    if (inFile.length > 0) {
      // Entries are in file order: one read spans them all.
      spanStart = inFile[0]!.offset!;
      const last = inFile[inFile.length - 1]!;
      span = readSpan(this.options.archiveFile!, spanStart, last.offset! + last.length! - spanStart);
    }
    return this.archived.map(
      (entry) => JSON.parse(entry.json ?? span!.toString("utf8", entry.offset! - spanStart, entry.offset! - spanStart + entry.length!)) as BusEvent,
    );
  }

  /** Keeps the event for the archive's retention, as an EventBridge archive does. */
  private keepInArchive(event: BusEvent): void {
    const now = (this.options.now ?? Date.now)();
    const json = JSON.stringify(event);
    if (this.options.archiveFile === undefined) {
      this.archived.push({ at: now, json });
    } else {
      const line = Buffer.from(`${json}\n`);
      appendFileSync(this.options.archiveFile, line);
      this.archived.push({ at: now, offset: this.archiveFileBytes, length: line.length - 1 });
      this.archiveFileBytes += line.length;
    }
    const capacity = this.options.archiveCapacity ?? 10_000;
    // Trim in batches (a tenth of the capacity), so the splice is rare.
    if (this.archived.length > capacity * 1.1) {
      this.archived.splice(0, this.archived.length - capacity);
      this.compactArchiveFile();
    }
    if (now < this.nextTrimAt) return;
    this.nextTrimAt = now + 1000;
    const keepFrom = now - (this.options.archiveRetentionMs ?? DEFAULT_ARCHIVE_RETENTION_MS);
    const expired = this.archived.findIndex((entry) => entry.at >= keepFrom);
    this.archived.splice(0, expired < 0 ? this.archived.length : expired);
    this.compactArchiveFile();
  }

  /** Rewrites the archive file without the events dropped from it, once they are most of it. */
  private compactArchiveFile(): void {
    const file = this.options.archiveFile;
    if (file === undefined) return;
    const firstKept = this.archived[0]?.offset ?? this.archiveFileBytes;
    if (firstKept < Math.max(this.options.archiveFileCompactionBytes ?? 16 * 1024 * 1024, this.archiveFileBytes / 2)) return;
    const kept = readSpan(file, firstKept, this.archiveFileBytes - firstKept);
    writeFileSync(`${file}.compacting`, kept);
    renameSync(`${file}.compacting`, file);
    for (const entry of this.archived) entry.offset! -= firstKept;
    this.archiveFileBytes = kept.length;
  }

  /** Waits for every delivery started so far (including retries) to finish. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private deliver(rule: LocalRule, event: BusEvent): void {
    this.options.onMatch?.(rule.name, event);
    const attempts = rule.maximumAttempts ?? 3;
    // Deliver after PutEvents has returned, as the service does.
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => withRetries(() => rule.target(event), { attempts, baseDelayMs: this.options.retryBaseDelayMs ?? 200 }))
      .then(() => undefined)
      .catch((error: Error) => {
        this.options.deadLetterQueue.send(`rule:${rule.name}`, event, error.cause ?? error, attempts);
      })
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }
}

interface ArchivedEvent {
  at: number;
  json?: string;
  offset?: number;
  length?: number;
}

function readSpan(file: string, start: number, length: number): Buffer {
  const span = Buffer.alloc(length);
  const descriptor = openSync(file, "r");
  try {
    for (let done = 0; done < length; ) {
      const read = readSync(descriptor, span, done, length - done, start + done);
      if (read === 0) throw new Error(`${file}: ended before byte ${start + done}.`);
      done += read;
    }
  } finally {
    closeSync(descriptor);
  }
  return span;
}

function validateEntry(entry: PutEventsEntry, index: number): void {
  if (typeof entry.source !== "string" || entry.source.length === 0) {
    throw new InvalidPutEventsEntryError(`Entries[${index}].Source is required.`);
  }
  if (typeof entry.detailType !== "string" || entry.detailType.length === 0) {
    throw new InvalidPutEventsEntryError(`Entries[${index}].DetailType is required.`);
  }
  if (entry.detail === null || typeof entry.detail !== "object" || Array.isArray(entry.detail)) {
    throw new InvalidPutEventsEntryError(`Entries[${index}].Detail must be a JSON object.`);
  }
}
