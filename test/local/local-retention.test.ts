/**
 * What the local runtime keeps, and for how long: the stream's records for 24 hours (DynamoDB
 * Developer Guide, "Change data capture for DynamoDB Streams"), the bus archive for its
 * retention, the tracker up to its capacity; and, with a journal, the stream across a restart.
 */
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamsApi } from "../../local/dynamodb/streams-api";
import { StreamStore } from "../../local/dynamodb/stream-store";
import { LocalEventBus } from "../../local/eventbridge/local-event-bus";
import { DeadLetterQueue } from "../../local/pipe/dead-letter-queue";
import { FileCheckpoint } from "../../local/pipe/file-checkpoint";
import { WebhookTracker } from "../../local/runtime/webhook-tracker";

const HOUR = 60 * 60 * 1000;
const KEY_SCHEMA = [{ AttributeName: "pk", KeyType: "HASH" as const }];
const item = (pk: string) => ({ pk: { S: pk } });

describe("stream records", () => {
  it("are trimmed after 24 hours; TRIM_HORIZON starts at the oldest kept, an old iterator gets TrimmedDataAccessException", () => {
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
    let now = 0;
    const bus = new LocalEventBus({ name: "b", region: "us-east-1", account: "000000000000", deadLetterQueue: new DeadLetterQueue(), archiveRetentionMs: HOUR, now: () => now });
    bus.putEvents([{ source: "s", detailType: "first", detail: {} }]);
    now += 2 * HOUR;
    bus.putEvents([{ source: "s", detailType: "second", detail: {} }]);
    expect(bus.archive.map((event) => event["detail-type"])).toEqual(["second"]);
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
});
