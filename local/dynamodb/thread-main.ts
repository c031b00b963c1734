/** Entry point of the local DynamoDB's worker thread (see local-dynamodb-thread.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { startLocalDynamoDb, type LocalDynamoDbOptions } from "./local-dynamodb";

startLocalDynamoDb(workerData as LocalDynamoDbOptions).then(
  (running) => parentPort!.postMessage({ ready: true, port: running.port }),
  (error: Error) => parentPort!.postMessage({ ready: false, message: error.message }),
);
