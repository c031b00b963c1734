/**
 * Drives signed webhooks at a running local pipeline the way providers deliver them: each
 * webhook is retried on 429, 5xx and no answer with exponential backoff and full jitter until it
 * is answered 2xx or its delivery deadline passes (a provider redelivers for a long time, not a
 * number of times: Stripe retries undelivered events for up to three days with exponential
 * backoff, Stripe docs "Receive Stripe events in your webhook endpoint", "Retry behavior"), and a
 * share of them is delivered a second time after success (a provider's duplicate). Then it
 * follows every event to its terminal stage, waiting as long as the workflow itself may legitimately
 * take, and counts what AWS would count as a failure.
 *
 * Used by `npm run bench:local` (full sizes, timings printed) and by the load test (reduced
 * sizes, only the correctness counts asserted).
 */
import { PROVIDERS, type ProviderId } from "../../contract/event-table";
import { rekeySample } from "../demo/samples";
import { signWebhook } from "../demo/signing";
import type { LocalPipeline } from "../runtime/pipeline";
import { squareNotificationUrl } from "../runtime/pipeline";
import { TERMINAL_STAGES, type Stage } from "../runtime/webhook-tracker";

export interface LoadOptions {
  webhooks: number;
  concurrency: number;
  /** Signing secret per provider (the pipeline's configured ones). */
  secrets: Record<ProviderId, string[]>;
  /** Share of webhooks delivered twice. @default 0.1 */
  duplicateRatio?: number;
  /**
   * How long the sender keeps redelivering one webhook, from its first attempt. Scaled down from
   * a provider's days to what a benchmark can wait. @default 3_600_000 (one hour)
   */
  deliveryDeadlineMs?: number;
  /** First backoff ceiling of the sender's retries. @default 100 */
  retryBaseMs?: number;
  /** Largest backoff ceiling of the sender's retries. @default 30_000 */
  retryMaxDelayMs?: number;
  /**
   * Longest wait, after the last webhook was accepted, for every event to reach a terminal stage:
   * anything not terminal by then is counted lost. Pass the longest an execution may run (every
   * Retry used to its last attempt, see `longestExecutionMs`) plus a margin. @default 600_000
   */
  settleTimeoutMs?: number;
  /** Distinguishes the event ids of this run from earlier ones on the same pipeline. */
  runId: string;
}

export interface LoadReport {
  webhooks: number;
  concurrency: number;
  /** Deliveries answered 2xx (first deliveries + duplicates). */
  accepted: number;
  duplicatesAnswered: number;
  throttled429: number;
  serverErrors5xx: number;
  /** Requests that got no HTTP answer at all (connection refused or reset), retried like a 5xx. */
  connectionErrors: number;
  /** Webhooks never answered 2xx before the sender's delivery deadline. */
  undelivered: number;
  acceptSeconds: number;
  /** Latency of every HTTP exchange, ms. */
  httpLatencyMs: number[];
  /** First send → PROCESSED/FAILED, ms, per event. */
  endToEndMs: number[];
  processed: number;
  failed: number;
  /** Accepted events that never reached a terminal stage. */
  lost: number;
  /** Events with more than one execution. */
  executedTwice: number;
}

interface Delivery {
  provider: ProviderId;
  eventId: string;
  body: string;
  duplicate: boolean;
}

export async function driveWebhooks(pipeline: LocalPipeline, options: LoadOptions): Promise<LoadReport> {
  if (!Number.isInteger(options.webhooks) || options.webhooks < 1) throw new Error(`webhooks must be a positive integer; got ${options.webhooks}.`);
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error(`concurrency must be a positive integer; got ${options.concurrency}.`);
  const duplicateRatio = options.duplicateRatio ?? 0.1;
  const deliveries: Delivery[] = Array.from({ length: options.webhooks }, (_, index) => {
    const provider = PROVIDERS[index % PROVIDERS.length]!;
    const eventId = `evt_load_${options.runId}_${index}`;
    // Several events per payment, so the processor's ordering guard works under load too.
    const paymentId = `pay_load_${options.runId}_${index % Math.max(1, Math.floor(options.webhooks / 3))}`;
    const occurredAt = new Date(Date.UTC(2026, 10, 29, 7, 0, 0) + index * 1000).toISOString();
    return { provider, eventId, body: rekeySample(provider, { eventId, paymentId, occurredAt }), duplicate: false };
  });
  const duplicateEvery = duplicateRatio > 0 ? Math.round(1 / duplicateRatio) : 0;
  const queue: Delivery[] = [...deliveries];
  const report: LoadReport = {
    webhooks: options.webhooks,
    concurrency: options.concurrency,
    accepted: 0,
    duplicatesAnswered: 0,
    throttled429: 0,
    serverErrors5xx: 0,
    connectionErrors: 0,
    undelivered: 0,
    acceptSeconds: 0,
    httpLatencyMs: [],
    endToEndMs: [],
    processed: 0,
    failed: 0,
    lost: 0,
    executedTwice: 0,
  };
  // Counted as the stages happen rather than read back from the tracker at the end: the tracker
  // keeps only the console's latest timelines, and a load run is many more events than that.
  const terminal = new Map<string, { stage: Stage; at: number }>();
  const executionsOf = new Map<string, number>();
  const pending = new Set<string>();
  let allTerminal: (() => void) | undefined;
  const stopListening = pipeline.tracker.onStage((eventId, stage, at) => {
    if (stage === "executing") executionsOf.set(eventId, (executionsOf.get(eventId) ?? 0) + 1);
    if (!TERMINAL_STAGES.has(stage)) return;
    terminal.set(eventId, { stage, at });
    if (pending.delete(eventId) && pending.size === 0) allTerminal?.();
  });
  const firstSentAt = new Map<string, number>();
  /** The event ids each webhook was stored under, as the API answered them (Adyen's carry the event code). */
  const storedAs = new Map<string, string[]>();
  const started = Date.now();

  const deliveryDeadlineMs = options.deliveryDeadlineMs ?? 3_600_000;
  const deliver = async (delivery: Delivery): Promise<void> => {
    const giveUpAt = Date.now() + deliveryDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      const signed = signWebhook(delivery.provider, delivery.body, {
        secret: options.secrets[delivery.provider][0]!,
        squareNotificationUrl: squareNotificationUrl(Number(new URL(pipeline.url).port)),
        messageId: delivery.eventId,
      });
      if (!firstSentAt.has(delivery.eventId)) firstSentAt.set(delivery.eventId, Date.now());
      const sentAt = Date.now();
      let response: Response | undefined;
      let body: { events?: Array<{ eventId: string; result: string }> } = {};
      try {
        response = await fetch(`${pipeline.url}/webhooks/${delivery.provider}`, { method: "POST", body: signed.body, headers: signed.headers });
        body = (await response.json()) as typeof body;
        report.httpLatencyMs.push(Date.now() - sentAt);
      } catch {
        report.connectionErrors++;
      }
      if (response && response.status >= 200 && response.status < 300) {
        report.accepted++;
        for (const event of body.events ?? []) if (event.result === "duplicate") report.duplicatesAnswered++;
        if (!delivery.duplicate) storedAs.set(delivery.eventId, (body.events ?? []).map((event) => event.eventId));
        return;
      }
      if (!response) {
        // Counted above; a provider retries a delivery that got no answer.
      } else if (response.status === 429) report.throttled429++;
      else if (response.status >= 500) report.serverErrors5xx++;
      else throw new Error(`${delivery.provider} webhook ${delivery.eventId} answered ${response.status}: a load run sends only valid webhooks.`);
      const ceiling = Math.min((options.retryBaseMs ?? 100) * 2 ** Math.min(attempt - 1, 30), options.retryMaxDelayMs ?? 30_000);
      const wait = Math.random() * ceiling;
      if (Date.now() + wait > giveUpAt) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    report.undelivered++;
  };

  let sent = 0;
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
          await deliver(delivery);
          sent++;
          if (!delivery.duplicate && duplicateEvery > 0 && sent % duplicateEvery === 0) queue.push({ ...delivery, duplicate: true });
        }
      }),
    );
    report.acceptSeconds = (Date.now() - started) / 1000;

    const sentAtOf = new Map<string, number>();
    for (const [webhookId, eventIds] of storedAs) for (const eventId of eventIds) sentAtOf.set(eventId, firstSentAt.get(webhookId)!);
    for (const eventId of sentAtOf.keys()) if (!terminal.has(eventId)) pending.add(eventId);
    if (pending.size > 0) {
      // Whatever is still pending when the wait ends is counted as lost below.
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        allTerminal = resolve;
        timer = setTimeout(resolve, options.settleTimeoutMs ?? 600_000);
      });
      clearTimeout(timer);
    }
    for (const [eventId, sentAt] of sentAtOf) {
      const outcome = terminal.get(eventId);
      if (outcome === undefined) report.lost++;
      else if (outcome.stage === "PROCESSED") report.processed++;
      else report.failed++;
      if ((executionsOf.get(eventId) ?? 0) > 1) report.executedTwice++;
      if (outcome !== undefined) report.endToEndMs.push(outcome.at - sentAt);
    }
    return report;
  } finally {
    stopListening();
  }
}

/** The p-th percentile (0-100) of the values, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
