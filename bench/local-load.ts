/**
 * `npm run bench:local`: the local pipeline under load, with the stack's AWS limits (API
 * throttling, reserved concurrency, the throttling Retry) and durable state as `npm start` runs
 * it. Prints one row per run, what each run cost (processor duration, busy threads, CPU, load
 * average), and soak lines: RSS once the load has stopped and both heaps have been collected
 * (10 s and 60 s after, BENCH_SOAK_IDLE_S), against the RSS before the first run.
 *
 *   npm run bench:local                       # the full sizes below
 *   BENCH_RUNS=1x50,256x500 npm run bench:local   # concurrency x webhooks, comma-separated
 *   BENCH_HEAP_SNAPSHOT_DIR=/tmp/snapshots npm run bench:local   # main-thread heap snapshots too
 */
import "../local/support/sdk-node-notice";
import "../local/support/promise-with-resolvers";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";
import type { ProviderId } from "../contract/event-table";
import { retryWaitCeilings } from "../lib/workflow/retry-tuning";
import { driveWebhooks, percentile, type LoadReport } from "../local/load/webhook-load";
import { readLocalRuntimeConfig } from "../local/runtime/config";
import { startLocalPipeline, type LocalPipeline } from "../local/runtime/pipeline";
import type { StackLimits } from "../local/limits/stack-limits";

const DEFAULT_RUNS = "1x200,8x1000,64x2000,256x5000";

function parseRuns(text: string): Array<{ concurrency: number; webhooks: number }> {
  return text.split(",").map((entry) => {
    const match = /^(\d+)x(\d+)$/.exec(entry.trim());
    if (!match) throw new Error(`BENCH_RUNS entries look like <concurrency>x<webhooks> (e.g. 256x5000); got ${JSON.stringify(entry)}.`);
    return { concurrency: Number(match[1]), webhooks: Number(match[2]) };
  });
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Where the main thread's memory is: each heap space's reserved/used size, memory V8 tracks
 * outside its heap, and (on Linux) RSS split into anonymous memory and mapped files.
 */
function memoryDetail(): string {
  const spaces = getHeapSpaceStatistics()
    .filter((space) => space.space_size > 0)
    .map((space) => `${space.space_name.replace(/_space$/, "")} ${mib(space.space_size)}/${mib(space.space_used_size)}`);
  const { external, arrayBuffers } = process.memoryUsage();
  const status = existsSync("/proc/self/status") ? readFileSync("/proc/self/status", "utf8") : "";
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  const rssSplit = status ? `; RSS anonymous ${Math.round(kib("RssAnon") / 1024)} MiB, files ${Math.round(kib("RssFile") / 1024)} MiB` : "";
  return `main heap spaces reserved/used MiB: ${spaces.join(", ")}; external ${mib(external)} MiB (array buffers ${mib(arrayBuffers)})${rssSplit}`;
}

/** Collects both isolates: the main thread's (needs --expose-gc) and the local DynamoDB thread's. */
async function collectGarbage(pipeline: LocalPipeline): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    await pipeline.storageThread.heap({ collect: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * How long after the last acceptance an event may legitimately still be running: its execution
 * starts at once, and the processor Task may use every throttling retry and then every transient
 * retry at their longest waits (FULL jitter draws each wait in [0, ceiling]). An event not
 * terminal by then is lost, not slow. One minute on top for the stream, the bus and the other states.
 */
function longestExecutionMs(limits: StackLimits): number {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return (sum(retryWaitCeilings(limits.throttleRetry)) + sum(retryWaitCeilings(limits.retry)) + 60) * 1000;
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
    await collectGarbage(pipeline);
    const baselineRss = process.memoryUsage().rss;
    const baselineStorageHeap = await pipeline.storageThread.heap();
    // BENCH_HEAP_SNAPSHOT_DIR: main-thread heap snapshots before the load and after the soak, to
    // compare in Chrome DevTools (Memory → Comparison) when the soak figure grows. Writing one
    // costs RSS itself, so leave it unset for the soak figure.
    const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
    if (snapshotDir) {
      mkdirSync(snapshotDir, { recursive: true });
      writeHeapSnapshot(join(snapshotDir, "baseline.heapsnapshot"));
    }
    const limits = pipeline.limits!;
    const settleTimeoutMs = longestExecutionMs(limits);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${mib(totalmem())} MiB, Node ${process.version}, ${process.platform}`);
    console.log(
      `limits (${limits.source}): API ${limits.api.rateLimit} req/s burst ${limits.api.burstLimit}; reserved concurrency validator ${limits.validatorReservedConcurrency}, processor ${limits.processorReservedConcurrency}; throttling Retry ${limits.throttleRetry.maxAttempts} attempts ≤ ${limits.throttleRetry.maxDelaySeconds} s`,
    );
    console.log(`durable state in ${dataDir}; baseline RSS ${mib(baselineRss)} MiB (heaps used/reserved: main ${mib(process.memoryUsage().heapUsed)}/${mib(process.memoryUsage().heapTotal)} MiB, storage thread ${mib(baselineStorageHeap.usedHeapSize)}/${mib(baselineStorageHeap.totalHeapSize)} MiB)${(globalThis as { gc?: unknown }).gc ? "" : " (run with --expose-gc for a collected baseline)"}`);
    console.log(`  ${memoryDetail()}`);
    console.log(`an event not terminal ${(settleTimeoutMs / 1000).toFixed(0)} s after the last acceptance counts as lost (every Retry at its longest, + 60 s); load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}\n`);
    const header = ["concurrency", "webhooks", "accepted/s", "HTTP p50", "HTTP p99", "e2e p50", "e2e p99", "429", "5xx", "no answer", "peak RSS", "PROCESSED", "FAILED", "lost", "executed twice", "undelivered"];
    const rows: string[][] = [header];
    const diagnostics: string[] = [];
    console.log(header.join(" | "));
    for (const [index, run] of runs.entries()) {
      peakRss = process.memoryUsage().rss;
      const processorBefore = pipeline.throttling.processor.stats;
      const mainBefore = performance.eventLoopUtilization();
      const storageBefore = pipeline.storageThread.eventLoopUtilization();
      const cpuBefore = process.cpuUsage();
      const startedAt = Date.now();
      const report: LoadReport = await driveWebhooks(pipeline, { ...run, secrets, runId: `b${Date.now().toString(36)}${index}`, settleTimeoutMs });
      const processorAfter = pipeline.throttling.processor.stats;
      const invocations = processorAfter.invocations - processorBefore.invocations;
      const meanMs = invocations === 0 ? 0 : (processorAfter.meanDurationMs * processorAfter.invocations - processorBefore.meanDurationMs * processorBefore.invocations) / invocations;
      const cpu = process.cpuUsage(cpuBefore);
      const wallSeconds = (Date.now() - startedAt) / 1000;
      diagnostics.push(
        `${run.concurrency}x${run.webhooks}: ${wallSeconds.toFixed(0)} s; processor ${invocations} invocations, mean ${meanMs.toFixed(0)} ms, ` +
          `${processorAfter.throttled - processorBefore.throttled} throttled; event loop busy: main ${(performance.eventLoopUtilization(mainBefore).utilization * 100).toFixed(0)} %, ` +
          `storage thread ${(pipeline.storageThread.eventLoopUtilization(storageBefore).utilization * 100).toFixed(0)} %; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s; load average at the end ${loadavg()[0]!.toFixed(2)}`,
      );
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
    // RSS at 10 s and again after a longer idle: V8 gives back the heap it grew under load only
    // once its memory reducer sees the process idle, so both figures are printed.
    const soakAt = (process.env.BENCH_SOAK_IDLE_S ?? "10,60").split(",").map(Number);
    const events = runs.reduce((total, run) => total + run.webhooks, 0);
    let idleSoFar = 0;
    for (const seconds of soakAt) {
      await new Promise((resolve) => setTimeout(resolve, (seconds - idleSoFar) * 1000));
      idleSoFar = seconds;
      await collectGarbage(pipeline);
      const afterRss = process.memoryUsage().rss;
      const storageHeap = await pipeline.storageThread.heap();
      console.log(
        `\nsoak: ${events} events; RSS ${mib(baselineRss)} MiB before, ${mib(afterRss)} MiB ${seconds} s after the load (${afterRss - baselineRss >= 0 ? "+" : ""}${mib(afterRss - baselineRss)} MiB); ` +
          `heaps used/reserved: main ${mib(process.memoryUsage().heapUsed)}/${mib(process.memoryUsage().heapTotal)} MiB, storage thread ${mib(storageHeap.usedHeapSize)}/${mib(storageHeap.totalHeapSize)} MiB; ` +
          `processor throttled ${pipeline.throttling.processor.stats.throttled} invocations, validator ${pipeline.throttling.validator.stats.throttled}, API ${pipeline.throttling.apiThrottled()} requests`,
      );
      console.log(`  ${memoryDetail()}`);
    }
    if (snapshotDir) console.log(`\nheap snapshots: ${writeHeapSnapshot(join(snapshotDir, "after-soak.heapsnapshot"))} and baseline.heapsnapshot`);
    console.log(`\n${diagnostics.join("\n")}`);
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
