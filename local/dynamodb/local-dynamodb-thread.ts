/**
 * The local DynamoDB (dynalite + the Streams front) on its own worker thread.
 *
 * Why a thread: under load the pipeline's process is CPU-bound (SDK, handlers, workflow engine);
 * storage on a second thread uses the machine's other core, as DynamoDB Local's JVM process did,
 * while staying inside this process: the thread cannot outlive it, so nothing is ever orphaned.
 * Clients reach it over loopback HTTP exactly as before.
 */
import type { EventLoopUtilization } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { LocalDynamoDbOptions } from "./local-dynamodb";

export interface RunningLocalDynamoDbThread {
  endpoint: string;
  port: number;
  /** The thread's heap (after a full collection of it when `collect`), in bytes. */
  heap(options?: { collect?: boolean }): Promise<{ usedHeapSize: number; totalHeapSize: number }>;
  /** Share of the time the thread's event loop was busy since `previous` (or since it started). */
  eventLoopUtilization(previous?: EventLoopUtilization): EventLoopUtilization;
  stop(): Promise<void>;
}

/**
 * The thread's young generation at most. V8 grows it under a burst of requests (up to 32 MiB of
 * semi-spaces on 64-bit) and keeps it after the load; the thread's objects are short-lived
 * requests and responses, which a young generation of this size still collects cheaply.
 */
export const STORAGE_THREAD_YOUNG_GENERATION_MB = 16;

export async function startLocalDynamoDbThread(options: LocalDynamoDbOptions = {}): Promise<RunningLocalDynamoDbThread> {
  // The thread loads TypeScript through tsx's CommonJS hook, whoever started us (tsx or jest).
  const bootstrap = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(require.resolve("./thread-main"))});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: STORAGE_THREAD_YOUNG_GENERATION_MB } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (message: { ready: boolean; port?: number; message?: string }) =>
      message.ready ? resolve(message.port!) : reject(new Error(`The local DynamoDB did not start: ${message.message}`)),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`The local DynamoDB thread exited (code ${code}) before it was ready.`)));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    heap: (heapOptions = {}) =>
      new Promise((resolve) => {
        const onMessage = (message: { kind?: string; usedHeapSize: number; totalHeapSize: number }) => {
          if (message.kind !== "heap") return;
          worker.off("message", onMessage);
          resolve({ usedHeapSize: message.usedHeapSize, totalHeapSize: message.totalHeapSize });
        };
        worker.on("message", onMessage);
        worker.postMessage({ kind: "heap", collect: heapOptions.collect === true });
      }),
    eventLoopUtilization: (previous) => worker.performance.eventLoopUtilization(previous),
    stop: () => (stopping ??= worker.terminate().then(() => undefined)),
  };
}
