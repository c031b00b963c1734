/**
 * A load run through the whole local pipeline, sized to stay quick (the full sizes, with AWS's
 * limits, are `npm run bench:local`): every webhook must reach a terminal state, none may be
 * lost, none processed twice. Throughput is printed, not asserted.
 */
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { PROVIDERS } from "../../contract/event-table";
import { rekeySample } from "../../local/demo/samples";
import type { LocalPipeline } from "../../local/runtime/pipeline";
import { sendWebhook, startTestPipeline } from "./support/pipeline-harness";

const WEBHOOKS = 150;
const CONCURRENCY = 16;

let pipeline: LocalPipeline;
beforeAll(async () => {
  pipeline = await startTestPipeline();
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
});

it(`${WEBHOOKS} webhooks at concurrency ${CONCURRENCY}: all terminal, none lost, none processed twice`, async () => {
  const run = Math.random().toString(36).slice(2, 8);
  const sent = Array.from({ length: WEBHOOKS }, (_, index) => {
    const provider = PROVIDERS[index % PROVIDERS.length]!;
    const eventId = `evt_load_${run}_${index}`;
    // A few payments receive several events, so the processor's ordering guard is exercised too.
    const paymentId = `pay_load_${run}_${index % 200}`;
    const occurredAt = new Date(Date.UTC(2026, 10, 29, 7, 0, 0) + index * 1000).toISOString();
    return { provider, eventId, body: rekeySample(provider, { eventId, paymentId, occurredAt }) };
  });

  const started = Date.now();
  const storedEventIds: string[] = [];
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < sent.length) {
        const { provider, eventId, body } = sent[next++]!;
        const response = await sendWebhook(pipeline, provider, body, { messageId: eventId });
        statuses.push(response.status);
        storedEventIds.push(...response.eventIds);
      }
    }),
  );
  const accepted = Date.now();
  await pipeline.tracker.waitForTerminal(storedEventIds, 150_000);
  await pipeline.settle();
  const finished = Date.now();

  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  expect(new Set(storedEventIds).size).toBe(WEBHOOKS);
  const terminal = storedEventIds.map((eventId) => pipeline.tracker.terminalStage(eventId));
  expect(terminal.filter((stage) => stage !== "PROCESSED")).toEqual([]);

  const executionsPerEvent = new Map<string, number>();
  for (const execution of pipeline.workflow.executions) {
    const eventId = (execution.input as { detail: { eventId: string } }).detail.eventId;
    executionsPerEvent.set(eventId, (executionsPerEvent.get(eventId) ?? 0) + 1);
  }
  expect(storedEventIds.filter((eventId) => executionsPerEvent.get(eventId) !== 1)).toEqual([]);
  // Each EVENT item was claimed once (the workflow's conditional claim counts attempts) and is PROCESSED.
  const items = await scanAll(pipeline);
  const eventItems = items.filter((item) => item.itemType?.S === "EVENT");
  expect(eventItems).toHaveLength(WEBHOOKS);
  expect(eventItems.filter((item) => item.processingStatus?.S !== "PROCESSED" || item.processingAttempts?.N !== "1")).toEqual([]);
  expect(pipeline.deadLetters.pipe.messages).toEqual([]);
  expect(pipeline.deadLetters.rule.messages).toEqual([]);

  // Outcome publishing is at-least-once (publish, then mark published; a retry after a lost
  // race may publish again): reported, not asserted.
  const outcomes = pipeline.bus.archive.filter((event) => event.source === "payment-webhooks.processor");
  const retried = pipeline.workflow.executions.filter((execution) => execution.retries > 0).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `load: ${WEBHOOKS} webhooks, concurrency ${CONCURRENCY}: accepted in ${seconds(accepted - started)} s ` +
      `(${Math.round(WEBHOOKS / ((accepted - started) / 1000))}/s), all processed in ${seconds(finished - started)} s ` +
      `(${Math.round(WEBHOOKS / ((finished - started) / 1000))}/s end to end); ${retried} executions retried a task; ` +
      `${outcomes.length} outcome events for ${new Set(outcomes.map((event) => String(event.detail.eventId))).size} distinct event ids ` +
      `(${pipeline.putEventsStats.requests} PutEvents calls, ${pipeline.putEventsStats.sdkRetries} of them SDK retries).`,
  );
}, 240_000);

async function scanAll(pipeline: LocalPipeline): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await pipeline.dynamoDb.send(new ScanCommand({ TableName: pipeline.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
