/**
 * What the local runtime keeps, and for how long: the stream's records for 24 hours (DynamoDB
 * Developer Guide, "Change data capture for DynamoDB Streams"), the bus archive for its
 * retention, the tracker up to its capacity; and, with a journal, the stream across a restart.
 *
 * The "retained heap" tests are the reduced-size soak of `npm run bench:local`: they drive many
 * times a structure's cap through it and check, after full collections, that the heap stopped
 * growing at the cap (no timing, and byte bounds far from what an unbounded history would keep).
 */
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { streamsApi } from "../../local/dynamodb/streams-api";
import { STREAM_RETENTION_MS, StreamStore } from "../../local/dynamodb/stream-store";
import { DEFAULT_ARCHIVE_RETENTION_MS, LocalEventBus } from "../../local/eventbridge/local-event-bus";
import { DEFAULT_ARCHIVE_RETENTION_DAYS } from "../../lib/eventing/event-bus";
import { DeadLetterQueue } from "../../local/pipe/dead-letter-queue";
import { FileCheckpoint } from "../../local/pipe/file-checkpoint";
import { DEFAULT_TRACKER_CAPACITY, WebhookTracker, type Stage } from "../../local/runtime/webhook-tracker";
import type { ExecutionRecord } from "../../local/state-machine/local-workflow";

const MIB = 1024 * 1024;

// V8's gc() for this isolate (jest does not start Node with --expose-gc).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Heap used after full collections, in bytes. */
function heapUsedAfterCollection(): number {
  for (let round = 0; round < 3; round++) collectGarbage();
  return process.memoryUsage().heapUsed;
}

const HOUR = 60 * 60 * 1000;
const KEY_SCHEMA = [{ AttributeName: "pk", KeyType: "HASH" as const }];
const item = (pk: string) => ({ pk: { S: pk } });

describe("stream records", () => {
  it("are trimmed after 24 hours; TRIM_HORIZON starts at the oldest kept, an old iterator gets TrimmedDataAccessException", () => {
    // Oracle: "All data in DynamoDB Streams is subject to a 24-hour lifetime" (DynamoDB Developer
    // Guide, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html).
    expect(STREAM_RETENTION_MS).toBe(24 * HOUR);
    let now = Date.UTC(2026, 0, 1);
    const store = new StreamStore("us-east-1", "000000000000", { now: () => now });
    const stream = store.enable("t", "NEW_IMAGE", KEY_SCHEMA);
    const api = streamsApi(store);
    store.append(stream, "INSERT", { keys: item("old"), newImage: item("old") });
    const { ShardIterator: oldIterator } = api.GetShardIterator!({ StreamArn: stream.streamArn, ShardId: stream.shardId, ShardIteratorType: "TRIM_HORIZON" }) as { ShardIterator: string };
    now += 25 * HOUR;
    store.append(stream, "INSERT", { keys: item("new"), newImage: item("new") });

    const { ShardIterator } = api.GetShardIterator!({ StreamArn: stream.streamArn, ShardId: stream.shardId, ShardIteratorType: "TRIM_HORIZON" }) as { ShardIterator: string };
    const { Records } = api.GetRecords!({ ShardIterator }) as { Records: Array<{ dynamodb: { Keys: unknown } }> };
    expect(Records.map((record) => record.dynamodb.Keys)).toEqual([item("new")]);
    expect(() => api.GetRecords!({ ShardIterator: oldIterator })).toThrow(expect.objectContaining({ name: "TrimmedDataAccessException" }));
  });

  it("survive a restart through the journal: same stream, same sequence numbers, numbering continues", () => {
    const journalFile = join(mkdtempSync(join(tmpdir(), "streams-")), "streams.jsonl");
    const first = new StreamStore("us-east-1", "000000000000", { journalFile });
    const stream = first.enable("t", "NEW_IMAGE", KEY_SCHEMA);
    const written = [first.append(stream, "INSERT", { keys: item("a"), newImage: item("a") }), first.append(stream, "INSERT", { keys: item("b"), newImage: item("b") })];

    const second = new StreamStore("us-east-1", "000000000000", { journalFile });
    const reopened = second.enabledFor("t")!;
    expect(reopened.streamArn).toBe(stream.streamArn);
    expect(second.read(reopened.records)).toEqual(written);
    // With a journal, memory keeps where each record is, not the record.
    expect(reopened.records.every((entry) => entry.record === undefined && entry.offset !== undefined)).toBe(true);
    const next = second.append(reopened, "INSERT", { keys: item("c"), newImage: item("c") });
    expect(BigInt(next.dynamodb.SequenceNumber)).toBeGreaterThan(BigInt(written[1]!.dynamodb.SequenceNumber));
  });

  it("a torn last journal line (the process died mid-append) is ignored", () => {
    const journalFile = join(mkdtempSync(join(tmpdir(), "streams-")), "streams.jsonl");
    const first = new StreamStore("us-east-1", "000000000000", { journalFile });
    first.append(first.enable("t", "NEW_IMAGE", KEY_SCHEMA), "INSERT", { keys: item("a"), newImage: item("a") });
    appendFileSync(journalFile, '{"kind":"record","streamArn":');
    expect(new StreamStore("us-east-1", "000000000000", { journalFile }).enabledFor("t")!.records).toHaveLength(1);
    expect(readFileSync(journalFile, "utf8").trim().split("\n")).toHaveLength(2);
  });
});

describe("stream records with a journal", () => {
  it("keep a fixed, small amount of heap per record for the 24-hour retention, not the record", () => {
    const journalFile = join(mkdtempSync(join(tmpdir(), "streams-")), "streams.jsonl");
    const store = new StreamStore("us-east-1", "000000000000", { journalFile });
    const stream = store.enable("t", "NEW_IMAGE", KEY_SCHEMA);
    const append = (count: number) => {
      for (let index = 0; index < count; index++) store.append(stream, "INSERT", { keys: item(`evt_${index}`), newImage: webhookItem(`evt_${index}`) });
    };
    append(1_000);
    const before = heapUsedAfterCollection();
    append(20_000);
    const perRecord = (heapUsedAfterCollection() - before) / 20_000;
    // Each record here is about 1 KB of JSON; kept as objects they would take several times that.
    expect(stream.records).toHaveLength(21_000);
    expect(perRecord).toBeLessThan(300);
  });
});

describe("the Pipe's checkpoint", () => {
  it("is read back after a restart, and ignored for another stream", () => {
    const file = join(mkdtempSync(join(tmpdir(), "checkpoint-")), "pipe-checkpoint.json");
    new FileCheckpoint(file, "arn:stream/1").save("shard-1", "100000000000000000042");
    expect(new FileCheckpoint(file, "arn:stream/1").load("shard-1")).toBe("100000000000000000042");
    expect(new FileCheckpoint(file, "arn:stream/2").load("shard-1")).toBeUndefined();
    // Saves append; a torn last line (a crash mid-append) leaves the position before it.
    const checkpoint = new FileCheckpoint(file, "arn:stream/1");
    checkpoint.save("shard-1", "100000000000000000043");
    checkpoint.close();
    appendFileSync(file, '{"shardId":"shard-1","sequ');
    expect(new FileCheckpoint(file, "arn:stream/1").load("shard-1")).toBe("100000000000000000043");
  });
});

describe("the bus archive", () => {
  it("keeps events for the archive's retention", () => {
    // Oracle: the stack's own archive retention (what the deployed EventBridge archive is given).
    expect(DEFAULT_ARCHIVE_RETENTION_MS).toBe(DEFAULT_ARCHIVE_RETENTION_DAYS * 24 * HOUR);
    let now = 0;
    const bus = new LocalEventBus({ name: "b", region: "us-east-1", account: "000000000000", deadLetterQueue: new DeadLetterQueue(), archiveRetentionMs: HOUR, now: () => now });
    bus.putEvents([{ source: "s", detailType: "first", detail: {} }]);
    now += 2 * HOUR;
    bus.putEvents([{ source: "s", detailType: "second", detail: {} }]);
    expect(bus.archive.map((event) => event["detail-type"])).toEqual(["second"]);
  });

  it("retained heap stops growing at its capacity", () => {
    const bus = new LocalEventBus({ name: "b", region: "us-east-1", account: "000000000000", deadLetterQueue: new DeadLetterQueue(), archiveCapacity: 2_000 });
    const put = (from: number, count: number) => {
      for (let index = from; index < from + count; index++) bus.putEvents([{ source: "payment-webhooks.ingest", detailType: "PaymentWebhookReceived", detail: webhookDetail(`evt_${index}`) }]);
    };
    put(0, 2_500);
    const atCapacity = heapUsedAfterCollection();
    put(2_500, 20_000);
    // Unbounded, 20,000 more events would keep about 10 MiB.
    expect(heapUsedAfterCollection() - atCapacity).toBeLessThan(2 * MIB);
    expect(bus.archive.length).toBeLessThanOrEqual(2_200);
  });

  it("with an archive file keeps a few dozen bytes per event on the heap and reads the events back, also after compacting the file", () => {
    const archiveFile = join(mkdtempSync(join(tmpdir(), "archive-")), "bus-archive.jsonl");
    const bus = new LocalEventBus({ name: "b", region: "us-east-1", account: "000000000000", deadLetterQueue: new DeadLetterQueue(), archiveCapacity: 10_000, archiveFile, archiveFileCompactionBytes: 64 * 1024 });
    const put = (from: number, count: number) => {
      for (let index = from; index < from + count; index++) bus.putEvents([{ source: "s", detailType: "T", detail: webhookDetail(`evt_${index}`) }]);
    };
    put(0, 1_000);
    const before = heapUsedAfterCollection();
    put(1_000, 9_000);
    expect((heapUsedAfterCollection() - before) / 9_000).toBeLessThan(150);
    // Past the capacity the oldest go.
    put(10_000, 20_000);
    const archive = bus.archive;
    expect(archive.length).toBeLessThanOrEqual(11_000);
    expect(archive.at(-1)!.detail).toEqual(webhookDetail("evt_29999"));
    expect(archive[0]!.detail.eventId).toBe(`evt_${30_000 - archive.length}`);
    // Dropped events are rewritten away once they are half the file: it never holds twice what is kept.
    expect(readFileSync(archiveFile, "utf8").trim().split("\n").length).toBeLessThan(2 * archive.length);
  });

  it("keeps at most its capacity, the newest events", () => {
    const bus = new LocalEventBus({ name: "b", region: "us-east-1", account: "000000000000", deadLetterQueue: new DeadLetterQueue(), archiveCapacity: 10 });
    for (let index = 0; index < 30; index++) bus.putEvents([{ source: "s", detailType: `e${index}`, detail: {} }]);
    expect(bus.archive.length).toBeLessThanOrEqual(11);
    expect(bus.archive.at(-1)!["detail-type"]).toBe("e29");
  });
});

describe("the console tracker", () => {
  it("keeps at most its capacity, dropping the oldest finished timelines and never an unfinished one", () => {
    const tracker = new WebhookTracker(() => undefined, 10);
    const put = (eventId: string) => tracker.verified({ eventId, provider: "stripe", receivedAt: Date.now() });
    put("unfinished");
    tracker.stored("unfinished");
    for (let index = 0; index < 30; index++) {
      put(`evt_${index}`);
      tracker.stored(`evt_${index}`);
      tracker.deadLettered(`evt_${index}`, "finished for this test");
    }
    expect(tracker.all.length).toBeLessThanOrEqual(11);
    expect(tracker.timeline("unfinished")).toBeDefined();
    expect(tracker.timeline("evt_29")).toBeDefined();
    expect(tracker.timeline("evt_0")).toBeUndefined();
    expect(tracker.evicted).toBeGreaterThan(0);
  });

  it("holds at most 1,000 timelines by default, and its retained heap stops growing there", () => {
    const tracker = new WebhookTracker(() => undefined);
    const finishWebhooks = (from: number, count: number) => {
      for (let index = from; index < from + count; index++) finishWebhook(tracker, `evt_${index}`);
    };
    finishWebhooks(0, DEFAULT_TRACKER_CAPACITY * 1.2);
    const atCapacity = heapUsedAfterCollection();
    finishWebhooks(DEFAULT_TRACKER_CAPACITY * 1.2, 20_000);
    // Unbounded, 20,000 more timelines (with their execution summaries) would keep over 10 MiB.
    expect(heapUsedAfterCollection() - atCapacity).toBeLessThan(2 * MIB);
    expect(DEFAULT_TRACKER_CAPACITY).toBeLessThanOrEqual(1_000);
    expect(tracker.all.length).toBeLessThanOrEqual(DEFAULT_TRACKER_CAPACITY * 1.1);
  });

  it("reports every stage to onStage listeners, also of timelines it no longer keeps", () => {
    const tracker = new WebhookTracker(() => undefined, 10);
    const terminal = new Map<string, Stage>();
    const stop = tracker.onStage((eventId, stage) => {
      if (stage === "PROCESSED" || stage === "FAILED") terminal.set(eventId, stage);
    });
    for (let index = 0; index < 100; index++) finishWebhook(tracker, `evt_${index}`);
    stop();
    finishWebhook(tracker, "evt_after_stop");
    expect(terminal.size).toBe(100);
    expect(tracker.all.length).toBeLessThanOrEqual(11);
    expect(terminal.has("evt_after_stop")).toBe(false);
  });
});

describe("the console tracker, for an event it has no timeline of", () => {
  const linesFor = (tracker: WebhookTracker, lines: string[], eventId: string) => {
    tracker.routed(eventId);
    return lines.filter((line) => line.includes(eventId));
  };

  it("says it was stored before the restart while it has dropped nothing", () => {
    const lines: string[] = [];
    const tracker = new WebhookTracker((line) => lines.push(line), 10);
    expect(linesFor(tracker, lines, "evt_from_disk").join("\n")).toContain("stored before the restart");
  });

  it("does not claim a restart once it has dropped timelines: the event may be one of them", () => {
    const lines: string[] = [];
    const tracker = new WebhookTracker((line) => lines.push(line), 10);
    for (let index = 0; index < 30; index++) finishWebhook(tracker, `evt_${index}`);
    expect(tracker.timeline("evt_0")).toBeUndefined();
    const replayed = linesFor(tracker, lines, "evt_0").join("\n");
    expect(replayed).toContain("stored earlier (before the restart, or before the last 10 timelines the console keeps)");
    expect(replayed).not.toContain("stored before the restart");
  });
});

/** A webhook's stages as the pipeline reports them, through to a succeeded execution. */
function finishWebhook(tracker: WebhookTracker, eventId: string): void {
  tracker.verified({ eventId, provider: "stripe", receivedAt: Date.now() });
  tracker.stored(eventId);
  tracker.routed(eventId);
  const execution: ExecutionRecord = {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:payment-processing-local:${eventId}`,
    name: eventId,
    eventId,
    input: undefined,
    status: "RUNNING",
    startedAt: Date.now(),
    retries: 0,
    statesEntered: ["ClaimEvent", "ProcessPayment", "RecordProcessed", "Done"],
  };
  tracker.executionStarted(execution);
  Object.assign(execution, { status: "SUCCEEDED", stoppedAt: Date.now(), payloadsDropped: true });
  tracker.executionFinished(execution);
}

/** The detail the Pipe puts on the bus for a webhook (the fields of contract/event-routing.ts's input template). */
function webhookDetail(eventId: string): Record<string, unknown> {
  return {
    paymentId: `pay_${eventId}`,
    timestamp: "2026-11-29T07:00:01.000Z",
    provider: "stripe",
    eventId,
    eventType: "payment_intent.succeeded",
    status: "succeeded",
    amount: 1999,
    currency: "EUR",
    failureCode: "",
    declineSignals: "",
    occurredAt: "2026-11-29T07:00:00.000Z",
  };
}

/** An EVENT item about the size the validator writes. */
function webhookItem(eventId: string): Record<string, { S: string }> {
  return Object.fromEntries([...Object.entries(webhookDetail(eventId)).map(([name, value]) => [name, { S: String(value) }]), ["payload", { S: "x".repeat(600) }]]);
}
