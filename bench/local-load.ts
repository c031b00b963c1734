/**
 * `npm run bench:local`: the local pipeline under load, with the stack's AWS limits (API
 * throttling, reserved concurrency, the throttling Retry) and durable state as `npm start` runs
 * it. Prints one row per run and a soak line: RSS after the load has stopped and the heap has
 * been collected, against the RSS before the first run.
 *
 *   npm run bench:local                       # the full sizes below
 *   BENCH_RUNS=1x50,256x500 npm run bench:local   # concurrency x webhooks, comma-separated
 */
import "../local/support/sdk-node-notice";
import "../local/support/promise-with-resolvers";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { ProviderId } from "../contract/event-table";
import { driveWebhooks, percentile, type LoadReport } from "../local/load/webhook-load";
import { readLocalRuntimeConfig } from "../local/runtime/config";
import { startLocalPipeline } from "../local/runtime/pipeline";

const DEFAULT_RUNS = "1x200,8x1000,64x2000,256x5000";
const IDLE_BEFORE_SOAK_MS = 10_000;

function parseRuns(text: string): Array<{ concurrency: number; webhooks: number }> {
  return text.split(",").map((entry) => {
    const match = /^(\d+)x(\d+)$/.exec(entry.trim());
    if (!match) throw new Error(`BENCH_RUNS entries look like <concurrency>x<webhooks> (e.g. 256x5000); got ${JSON.stringify(entry)}.`);
    return { concurrency: Number(match[1]), webhooks: Number(match[2]) };
  });
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const runs = parseRuns(process.env.BENCH_RUNS ?? DEFAULT_RUNS);
  const dataDir = mkdtempSync(join(tmpdir(), "payment-webhooks-bench-"));
  const config = { ...readLocalRuntimeConfig({ PORT: "0", LOCAL_DATA_DIR: process.env.BENCH_DATA_DIR ?? dataDir }), lambdaLogLevel: "SILENT" };
  const secrets = JSON.parse(config.signingSecretsJson) as Record<ProviderId, string[]>;
  const pipeline = await startLocalPipeline({ config, print: () => undefined });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await collectGarbage();
    const baselineRss = process.memoryUsage().rss;
    const limits = pipeline.limits!;
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${mib(totalmem())} MiB, Node ${process.version}, ${process.platform}`);
    console.log(
      `limits (${limits.source}): API ${limits.api.rateLimit} req/s burst ${limits.api.burstLimit}; reserved concurrency validator ${limits.validatorReservedConcurrency}, processor ${limits.processorReservedConcurrency}; throttling Retry ${limits.throttleRetry.maxAttempts} attempts ≤ ${limits.throttleRetry.maxDelaySeconds} s`,
    );
    console.log(`durable state in ${dataDir}; baseline RSS ${mib(baselineRss)} MiB${(globalThis as { gc?: unknown }).gc ? "" : " (run with --expose-gc for a collected baseline)"}\n`);
    const header = ["concurrency", "webhooks", "accepted/s", "HTTP p50", "HTTP p99", "e2e p50", "e2e p99", "429", "5xx", "no answer", "peak RSS", "PROCESSED", "FAILED", "lost", "executed twice", "undelivered"];
    const rows: string[][] = [header];
    console.log(header.join(" | "));
    for (const [index, run] of runs.entries()) {
      peakRss = process.memoryUsage().rss;
      const report: LoadReport = await driveWebhooks(pipeline, { ...run, secrets, runId: `b${Date.now().toString(36)}${index}` });
      const row = [
        String(run.concurrency),
        String(run.webhooks),
        (run.webhooks / report.acceptSeconds).toFixed(0),
        `${percentile(report.httpLatencyMs, 50)} ms`,
        `${percentile(report.httpLatencyMs, 99)} ms`,
        `${(percentile(report.endToEndMs, 50) / 1000).toFixed(1)} s`,
        `${(percentile(report.endToEndMs, 99) / 1000).toFixed(1)} s`,
        String(report.throttled429),
        String(report.serverErrors5xx),
        String(report.connectionErrors),
        `${mib(peakRss)} MiB`,
        String(report.processed),
        String(report.failed),
        String(report.lost),
        String(report.executedTwice),
        String(report.undelivered),
      ];
      rows.push(row);
      console.log(row.join(" | "));
    }
    await pipeline.settle();
    await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_SOAK_MS));
    await collectGarbage();
    const afterRss = process.memoryUsage().rss;
    const events = runs.reduce((total, run) => total + run.webhooks, 0);
    console.log(
      `\nsoak: ${events} events; RSS ${mib(baselineRss)} MiB before, ${mib(afterRss)} MiB ${IDLE_BEFORE_SOAK_MS / 1000} s after the load (${afterRss - baselineRss >= 0 ? "+" : ""}${mib(afterRss - baselineRss)} MiB); ` +
        `processor throttled ${pipeline.throttling.processor.stats.throttled} invocations, validator ${pipeline.throttling.validator.stats.throttled}, API ${pipeline.throttling.apiThrottled()} requests`,
    );
    console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n${rows.slice(1).map((row) => `| ${row.join(" | ")} |`).join("\n")}`);
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench:local failed: ${error.message}`);
  process.exit(1);
});
