/**
 * `npm start`: the whole payment-webhook pipeline on this machine (docs/local-runtime.md).
 * Ctrl-C stops everything it started (every engine runs inside this Node process).
 */
import "./support/promise-with-resolvers";
import { relative } from "node:path";
import { PROVIDERS } from "../contract/event-table";
import { readLocalRuntimeConfig } from "./runtime/config";
import { startLocalPipeline, type LocalPipeline } from "./runtime/pipeline";

async function main(): Promise<void> {
  const config = readLocalRuntimeConfig();
  console.log("Starting the local pipeline...");
  const startedAt = Date.now();
  const running: { pipeline?: LocalPipeline } = {};
  stopOnSignals(running);
  const pipeline = await startLocalPipeline({ config });
  running.pipeline = pipeline;

  console.log(
    [
      "",
      `payment-webhooks is running locally (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
      `  POST ${pipeline.url}/webhooks/{provider}    providers: ${PROVIDERS.join(", ")}`,
      `  POST ${pipeline.url}/webhooks               (provider detected from headers)`,
      `  signing secrets: ${config.signingSecretsSource}`,
      `  fault plan:      ${config.faultsFile ? relative(process.cwd(), config.faultsFile) : "none"} (LOCAL_FAULTS_FILE)`,
      `  workflow retry:  ${config.retryWaitMs === undefined ? "the definition's own exponential backoff" : `${config.retryWaitMs} ms between attempts`} (LOCAL_RETRY_WAIT_MS)`,
      `  table ${pipeline.tableName} on local DynamoDB (dynalite + streams front); bus ${pipeline.bus.name}`,
      "  Send the samples with `npm run demo` (it starts its own pipeline), or sign your own.",
      "  Ctrl-C stops everything.",
      "",
      `${"time".padEnd(12)}  ${"provider".padEnd(17)} ${"event id".padEnd(38)} ${"elapsed".padStart(9)}  stage`,
    ].join("\n"),
  );
}

function stopOnSignals(running: { pipeline?: LocalPipeline }): void {
  let stopping = false;
  const stop = (signal: string) => {
    const { pipeline } = running;
    if (!pipeline) {
      // Still starting: every engine lives in this process, so exiting stops them all.
      console.log(`\n${signal} during start-up: exiting.`);
      process.exit(130);
    }
    if (stopping) {
      console.log("Forced exit.");
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the API, the pipe, running executions and the local DynamoDB...`);
    pipeline
      .stop()
      .then(() => {
        const dlq = pipeline.deadLetters.pipe.messages.length + pipeline.deadLetters.rule.messages.length;
        console.log(`Stopped. ${pipeline.workflow.executions.length} execution(s) ran; ${dlq} dead letter(s).`);
        process.exit(0);
      })
      .catch((error: Error) => {
        console.error(`Stopping failed: ${error.message}`);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  process.exit(1);
});
