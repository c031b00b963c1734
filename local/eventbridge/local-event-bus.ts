/**
 * An in-process EventBridge bus: PutEvents wraps each entry in the EventBridge envelope, keeps
 * it in an archive (like the stack's archive, for inspection and replay), and delivers it to
 * every rule whose event pattern matches. Delivery is asynchronous like the service's: a
 * target failure is retried with backoff and then goes to the rule's DLQ, never dropped.
 */
import { randomUUID } from "node:crypto";
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
}

export class InvalidPutEventsEntryError extends Error {
  override name = "InvalidPutEventsEntryError";
}

export class LocalEventBus {
  private readonly rules: Array<LocalRule & { matches: (event: unknown) => boolean }> = [];
  private readonly archived: BusEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: LocalEventBusOptions) {}

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
      this.archived.push(event);
      for (const rule of this.rules) {
        if (rule.matches(event)) this.deliver(rule, event);
      }
      return event.id;
    });
  }

  get archive(): ReadonlyArray<BusEvent> {
    return this.archived;
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
