/**
 * The local DynamoDB (dynalite + the Streams front) on its own worker thread.
 *
 * Why a thread: under load the pipeline's process is CPU-bound (SDK, handlers, workflow engine);
 * storage on a second thread uses the machine's other core, as DynamoDB Local's JVM process did,
 * while staying inside this process: the thread cannot outlive it, so nothing is ever orphaned.
 * Clients reach it over loopback HTTP exactly as before.
 */
import { Worker } from "node:worker_threads";
import type { LocalDynamoDbOptions } from "./local-dynamodb";

export interface RunningLocalDynamoDbThread {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startLocalDynamoDbThread(options: LocalDynamoDbOptions = {}): Promise<RunningLocalDynamoDbThread> {
  // The thread loads TypeScript through tsx's CommonJS hook, whoever started us (tsx or jest).
  const bootstrap = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(require.resolve("./thread-main"))});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options, execArgv: [] });
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
    stop: () => (stopping ??= worker.terminate().then(() => undefined)),
  };
}
