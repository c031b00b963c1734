/**
 * A burst through the whole local pipeline with AWS's limits on, sized to stay quick (the full
 * sizes, with the stack's own limits, are `npm run bench:local`): the sender retries 429 and 5xx
 * as a provider does and redelivers a tenth of the webhooks; every webhook must end PROCESSED,
 * none lost, none executed or claimed twice, while the API, the validator and the processor all
 * throttle. Throughput is printed, not asserted.
 */
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { readStackLimits, type StackLimits } from "../../local/limits/stack-limits";
import { driveWebhooks } from "../../local/load/webhook-load";
import type { LocalPipeline } from "../../local/runtime/pipeline";
import { SAMPLE_SECRETS, startTestPipeline } from "./support/pipeline-harness";

const WEBHOOKS = 80;
const CONCURRENCY = 24;

/**
 * The stack's limits scaled down with the burst, so each one is exceeded: a small API bucket, three
 * validators, two processors. The throttling Retry keeps its shape but caps its waits at 2 s (the
 * stack's 16 s would only make the test wait after the backlog is gone) and has attempts to spare.
 */
const LIMITS: StackLimits = {
  ...readStackLimits(),
  source: "test",
  api: { rateLimit: 60, burstLimit: 10 },
  validatorReservedConcurrency: 3,
  processorReservedConcurrency: 2,
  throttleRetry: { intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 2, maxAttempts: 60 },
};

let pipeline: LocalPipeline;
beforeAll(async () => {
  pipeline = await startTestPipeline([], { awsLimits: true }, LIMITS);
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
});

it(`a burst of ${WEBHOOKS} webhooks at concurrency ${CONCURRENCY} under AWS's limits: all PROCESSED, none lost, none executed twice`, async () => {
  const started = Date.now();
  const report = await driveWebhooks(pipeline, {
    webhooks: WEBHOOKS,
    concurrency: CONCURRENCY,
    secrets: SAMPLE_SECRETS,
    runId: Math.random().toString(36).slice(2, 8),
    retryBaseMs: 20,
    retryMaxDelayMs: 500,
    deliveryDeadlineMs: 60_000,
    settleTimeoutMs: 120_000,
  });
  await pipeline.settle();
  const finished = Date.now();

  expect(report).toMatchObject({ undelivered: 0, processed: WEBHOOKS, failed: 0, lost: 0, executedTwice: 0 });
  // Every kind of throttling happened, and none of it became a failure.
  expect(report.throttled429).toBeGreaterThan(0);
  expect(pipeline.throttling.validator.stats.throttled).toBeGreaterThan(0);
  expect(pipeline.throttling.processor.stats.throttled).toBeGreaterThan(0);
  expect(pipeline.throttling.processor.stats.peakConcurrency).toBeLessThanOrEqual(2);
  // Redeliveries were answered `duplicate` and started nothing.
  expect(report.duplicatesAnswered).toBeGreaterThan(0);

  // Each EVENT item was claimed once (the workflow's conditional claim counts attempts) and is PROCESSED.
  const items = await scanAll(pipeline);
  const eventItems = items.filter((item) => item.itemType?.S === "EVENT");
  expect(eventItems).toHaveLength(WEBHOOKS);
  expect(eventItems.filter((item) => item.processingStatus?.S !== "PROCESSED" || item.processingAttempts?.N !== "1")).toEqual([]);
  expect(pipeline.workflow.executions).toHaveLength(WEBHOOKS);
  expect(pipeline.deadLetters.pipe.messages).toEqual([]);
  expect(pipeline.deadLetters.rule.messages).toEqual([]);

  // Outcome publishing is at-least-once (publish, then mark published; a retry after a lost
  // race may publish again): reported, not asserted.
  const outcomes = pipeline.bus.archive.filter((event) => event.source === "payment-webhooks.processor");
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `load: ${WEBHOOKS} webhooks, concurrency ${CONCURRENCY}: accepted in ${seconds(report.acceptSeconds * 1000)} s, all processed in ${seconds(finished - started)} s; ` +
      `${report.throttled429} × 429, ${report.serverErrors5xx} × 5xx, processor throttled ${pipeline.throttling.processor.stats.throttled} times; ` +
      `${outcomes.length} outcome events for ${new Set(outcomes.map((event) => String(event.detail.eventId))).size} distinct event ids.`,
  );
}, 180_000);

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
