/**
 * Redrive, replay and re-run against the local pipeline, through the SDK calls the CLIs make
 * (SQS, DynamoDB Streams, DynamoDB, EventBridge, Step Functions) on the local operator endpoint.
 * The oracle is the local engines themselves: the entries the local Pipe tried to deliver, the
 * executions aws-local-stepfunctions ran, and the items in the local DynamoDB.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { WEBHOOK_EVENT_DETAIL_TYPE, WEBHOOK_EVENT_SOURCE } from "../../contract/event-routing";
import { eventSortKey, type EventItem } from "../../contract/event-table";
import type { BusEvent, PutEventsEntry } from "../../local/eventbridge/local-event-bus";
import type { LocalPipeline } from "../../local/runtime/pipeline";
import { redrive } from "../../tools/redrive/redrive";
import { replay } from "../../tools/replay/replay";
import { rerun } from "../../tools/rerun/rerun";
import { executionName } from "../../tools/shared/webhook-event";
import { eventItems, executionsFor, startTestPipeline } from "../local/support/pipeline-harness";
import { applications, startOperatorHarness, waitFor, type OperatorHarness } from "./support/operator-harness";

let pipeline: LocalPipeline;
let harness: OperatorHarness;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  harness = await startOperatorHarness(pipeline);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pipeline?.stop();
});

const unique = (label: string) => `${label}_${Math.random().toString(36).slice(2, 10)}`;

interface Sent {
  eventId: string;
  paymentId: string;
}

/**
 * Stores EVENT items the way the validator does (the contract's EventItem, conditional put), so
 * the stream, the Pipe, the bus, the rule and the workflow take them from there; the tools act
 * from the table on, and the validator's own path is covered by the pipeline's tests.
 */
async function send(count: number, label: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let index = 0; index < count; index += 1) {
    const event = { eventId: unique(`evt_${label}`), paymentId: unique(`pay_${label}`) };
    const occurredAt = new Date().toISOString();
    const item: EventItem = {
      paymentId: event.paymentId,
      timestamp: eventSortKey(occurredAt, event.eventId),
      itemType: "EVENT",
      provider: "generic",
      eventId: event.eventId,
      eventType: "payment.succeeded",
      status: "SUCCEEDED",
      amount: 1250,
      currency: "EUR",
      failureCode: "",
      declineSignals: "",
      occurredAt,
      receivedAt: occurredAt,
      payload: JSON.stringify({ id: event.eventId, paymentId: event.paymentId, type: "payment.succeeded" }),
      processingStatus: "RECEIVED",
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    };
    const marshalled = Object.fromEntries(Object.entries(item).map(([name, value]) => [name, typeof value === "number" ? { N: String(value) } : { S: value }]));
    await pipeline.dynamoDb.send(new PutItemCommand({ TableName: pipeline.tableName, Item: marshalled, ConditionExpression: "attribute_not_exists(paymentId)" }));
    sent.push(event);
  }
  return sent;
}

async function itemOf(event: Sent) {
  const [item] = await eventItems(pipeline, event.paymentId, event.eventId);
  return item!;
}

async function statusOf(event: Sent): Promise<string | undefined> {
  return (await itemOf(event)).processingStatus?.S;
}

async function queueDepth(queueName: string): Promise<number> {
  const { QueueUrl } = await harness.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const { Attributes } = await harness.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

/** Runs `during` while the bus refuses the Pipe's entries; returns the entries it refused. */
async function withPipeDeliveryFailing(during: () => Promise<void>): Promise<PutEventsEntry[]> {
  const refused: PutEventsEntry[] = [];
  const original = pipeline.bus.putEvents.bind(pipeline.bus);
  pipeline.bus.putEvents = (entries) => {
    if (entries.some((entry) => entry.source === WEBHOOK_EVENT_SOURCE)) {
      refused.push(...entries);
      throw new Error("bus unavailable (test)");
    }
    return original(entries);
  };
  try {
    await during();
  } finally {
    pipeline.bus.putEvents = original;
  }
  return refused;
}

/** Runs `during` while the rule's target (StartExecution) fails, so its events go to the rule DLQ. */
async function withRuleTargetFailing(during: () => Promise<void>): Promise<void> {
  const original = pipeline.workflow.start.bind(pipeline.workflow);
  pipeline.workflow.start = () => {
    throw new Error("state machine unavailable (test)");
  };
  try {
    await during();
  } finally {
    pipeline.workflow.start = original;
  }
}

describe("redrive pipe", () => {
  it("puts each dead-lettered event on the bus with the detail the Pipe made, deletes the messages, and each event is processed exactly once", async () => {
    let sent: Sent[] = [];
    const refused = await withPipeDeliveryFailing(async () => {
      sent = await send(2, "pipe");
      await waitFor("pipe dead letters", () => sent.every((event) => pipeline.deadLetters.pipe.messages.some((entry) => entry.item.dynamodb.NewImage && JSON.stringify(entry.item).includes(event.eventId))));
    });
    await harness.endpoint.settled();
    expect(await queueDepth(harness.resources.pipeDlqName)).toBe(2);
    expect(await Promise.all(sent.map(statusOf))).toEqual(["RECEIVED", "RECEIVED"]);

    const dryRun = await redrive(harness.clients, { source: "pipe", resources: harness.resources, dryRun: true });
    expect(dryRun.counts).toMatchObject({ messages: 2, wouldRedrive: 2, deleted: 0, redriven: 0 });
    expect(await queueDepth(harness.resources.pipeDlqName)).toBe(2);

    const summary = await redrive(harness.clients, { source: "pipe", resources: harness.resources });
    expect(summary.counts).toMatchObject({ messages: 2, redriven: 2, deleted: 2, failed: 0 });
    expect(await queueDepth(harness.resources.pipeDlqName)).toBe(0);
    await pipeline.settle();

    for (const event of sent) {
      expect(await statusOf(event)).toBe("PROCESSED");
      expect(applications(pipeline, event.eventId)).toBe(1);
      // The bus event the redrive put carries the detail the local Pipe rendered before the bus refused it.
      const pipeDetail = refused.find((entry) => entry.detail.eventId === event.eventId)!.detail;
      const onBus = pipeline.bus.archive.filter((archived) => archived.source === WEBHOOK_EVENT_SOURCE && archived.detail.eventId === event.eventId);
      expect(onBus.map((archived) => archived.detail)).toEqual([pipeDetail]);
    }

    // Run again: nothing left. The same dead letter delivered twice: found already handled, deleted.
    expect((await redrive(harness.clients, { source: "pipe", resources: harness.resources })).counts.messages).toBe(0);
    const again = pipeline.deadLetters.pipe.messages.find((entry) => JSON.stringify(entry.item).includes(sent[0]!.eventId))!;
    pipeline.deadLetters.pipe.send(again.source, again.item, new Error("duplicate dead letter (test)"), 3);
    await harness.endpoint.settled();
    const duplicate = await redrive(harness.clients, { source: "pipe", resources: harness.resources });
    expect(duplicate.counts).toMatchObject({ messages: 1, redriven: 0, alreadyHandled: 1, deleted: 1 });
    await pipeline.settle();
    expect(applications(pipeline, sent[0]!.eventId)).toBe(1);
  });
});

describe("redrive rule", () => {
  it("starts one execution per dead-lettered event under a name derived from its key; an interrupted run repeated starts nothing more", async () => {
    let sent: Sent[] = [];
    await withRuleTargetFailing(async () => {
      sent = await send(2, "rule");
      await waitFor("rule dead letters", () => sent.every((event) => pipeline.deadLetters.rule.messages.some((entry) => entry.item.detail.eventId === event.eventId)));
    });
    await harness.endpoint.settled();
    expect(sent.map((event) => executionsFor(pipeline, event.eventId).length)).toEqual([0, 0]);

    // The first run dies after starting the first execution and before deleting its message.
    const sqs = harness.clients.sqs;
    const interrupted = {
      ...harness.clients,
      sqs: Object.assign(Object.create(sqs), {
        send: (command: { constructor: { name: string } }) => {
          if (command.constructor.name === "DeleteMessageCommand") return Promise.reject(new Error("operator's laptop went to sleep (test)"));
          return sqs.send(command as never);
        },
      }),
    };
    await expect(redrive(interrupted, { source: "rule", resources: harness.resources, max: 1, visibilityTimeoutSeconds: 0 })).rejects.toThrow("laptop");

    const summary = await redrive(harness.clients, { source: "rule", resources: harness.resources });
    expect(summary.counts).toMatchObject({ messages: 2, failed: 0, deleted: 2 });
    expect(summary.counts.redriven + summary.counts.alreadyHandled).toBe(2);
    expect(await queueDepth(harness.resources.ruleDlqName)).toBe(0);
    await pipeline.settle();

    for (const event of sent) {
      const item = await itemOf(event);
      expect(item.processingStatus?.S).toBe("PROCESSED");
      expect(applications(pipeline, event.eventId)).toBe(1);
      const names = executionsFor(pipeline, event.eventId).map((execution) => execution.name);
      expect(names).toEqual([executionName("redrive", { paymentId: event.paymentId, timestamp: item.timestamp!.S! })]);
    }
  });

  it("leaves a message it cannot redrive in the queue and says why", async () => {
    const stray: BusEvent = {
      version: "0",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      "detail-type": WEBHOOK_EVENT_DETAIL_TYPE,
      source: WEBHOOK_EVENT_SOURCE,
      account: harness.resources.account,
      time: new Date().toISOString(),
      region: harness.resources.region,
      resources: [],
      detail: { paymentId: unique("pay_missing"), timestamp: "2020-01-01T00:00:00Z#evt_missing" },
    };
    pipeline.deadLetters.rule.send("rule:test", stray, new Error("test"), 3);
    const summary = await redrive(harness.clients, { source: "rule", resources: harness.resources });
    expect(summary.counts).toMatchObject({ messages: 1, failed: 1, deleted: 0 });
    expect(summary.messages[0]!.events[0]).toMatchObject({ kind: "failed", reason: expect.stringContaining("is not in payment-events-local") });
    expect(await queueDepth(harness.resources.ruleDlqName)).toBe(1);
  });
});

describe("replay", () => {
  it("replays the archive window to the workflow rule: the lost events are processed once, processed ones are skipped, a second request starts nothing", async () => {
    const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
    const [processed] = await send(1, "replay_done");
    await pipeline.settle();
    let lost: Sent[] = [];
    await withRuleTargetFailing(async () => {
      lost = await send(2, "replay_lost");
      await waitFor("rule dead letters", () => lost.every((event) => pipeline.deadLetters.rule.messages.some((entry) => entry.item.detail.eventId === event.eventId)));
    });
    const to = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    await new Promise((resolve) => setTimeout(resolve, to.getTime() - Date.now()));

    const summary = await replay(harness.clients.events, { resources: harness.resources, environmentSuffix: "local", from, to, pollMs: 20 });
    expect(summary).toMatchObject({ started: true, state: "COMPLETED" });
    await pipeline.settle();
    for (const event of [processed!, ...lost]) {
      expect(await statusOf(event)).toBe("PROCESSED");
      expect(applications(pipeline, event.eventId)).toBe(1);
    }
    // The processed event got a replayed execution too, which ended in the Skip state.
    expect(executionsFor(pipeline, processed!.eventId)).toHaveLength(2);

    const executionsBefore = pipeline.workflow.executions.length;
    const again = await replay(harness.clients.events, { resources: harness.resources, environmentSuffix: "local", from, to, pollMs: 20 });
    expect(again).toMatchObject({ started: false, state: "COMPLETED", replayName: summary.replayName });
    await pipeline.settle();
    expect(pipeline.workflow.executions.length).toBe(executionsBefore);
  });
});

describe("rerun", () => {
  it("re-runs a FAILED event once per request, refuses other statuses, and ends PROCESSED once the cause is fixed", async () => {
    const [event] = await send(1, "rerun");
    pipeline.faults.set(event!.eventId, { kind: "permanent" });
    await pipeline.settle();
    await waitFor("FAILED", async () => (await statusOf(event!)) === "FAILED");
    const key = { paymentId: event!.paymentId, timestamp: (await itemOf(event!)).timestamp!.S! };

    // Two operators at once, cause not fixed yet: one execution, which fails again.
    const [first, second] = await Promise.all([
      rerun(harness.clients, { resources: harness.resources, key, pollMs: 20 }),
      rerun(harness.clients, { resources: harness.resources, key, pollMs: 20 }),
    ]);
    expect(first.outcome === "refused" || second.outcome === "refused").toBe(false);
    expect([first, second].map((summary) => "executionArn" in summary && summary.executionArn)).toEqual([
      "executionArn" in first && first.executionArn,
      "executionArn" in first && first.executionArn,
    ]);
    expect(executionsFor(pipeline, event!.eventId)).toHaveLength(2);
    expect(await statusOf(event!)).toBe("FAILED");

    pipeline.faults.delete(event!.eventId);
    const fixed = await rerun(harness.clients, { resources: harness.resources, key, pollMs: 20 });
    expect(fixed).toMatchObject({ outcome: "started", executionStatus: "SUCCEEDED", itemStatus: "PROCESSED" });
    expect(applications(pipeline, event!.eventId)).toBe(3);
    expect(executionsFor(pipeline, event!.eventId).filter((execution) => execution.status === "SUCCEEDED")).toHaveLength(1);

    const refused = await rerun(harness.clients, { resources: harness.resources, key, pollMs: 20 });
    expect(refused).toMatchObject({ outcome: "refused", reason: expect.stringContaining("processingStatus is PROCESSED") });
    expect(executionsFor(pipeline, event!.eventId)).toHaveLength(3);
  });
});
