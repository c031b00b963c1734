/** Entry point of the local DynamoDB's worker thread (see local-dynamodb-thread.ts). */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { startLocalDynamoDb, type LocalDynamoDbOptions } from "./local-dynamodb";

startLocalDynamoDb(workerData as LocalDynamoDbOptions).then(
  (running) => parentPort!.postMessage({ ready: true, port: running.port }),
  (error: Error) => parentPort!.postMessage({ ready: false, message: error.message }),
);

/**
 * The thread's own heap, for the benchmark's memory figures: `process.memoryUsage()` on the main
 * thread reports only the main isolate's heap, and a collection there does not reach this one.
 */
parentPort!.on("message", (message: { kind?: string; collect?: boolean }) => {
  if (message.kind !== "heap") return;
  if (message.collect) {
    // V8's gc() for this isolate only; the flag is set here, never for the process's main thread.
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
  }
  const { used_heap_size: usedHeapSize, total_heap_size: totalHeapSize } = getHeapStatistics();
  parentPort!.postMessage({ kind: "heap", usedHeapSize, totalHeapSize });
});
