/**
 * `npm start`: the whole payment-webhook pipeline on this machine (docs/local-runtime.md).
 * Ctrl-C stops everything it started (every engine runs inside this Node process), and so does
 * the death of npm or tsx above it (launcher-watch.ts).
 */
// First import: it must run before any AWS SDK module loads.
import "./support/sdk-node-notice";
import "./support/promise-with-resolvers";
import { relative } from "node:path";
import { PROVIDERS } from "../contract/event-table";
import { readLocalRuntimeConfig } from "./runtime/config";
import { findLaunchers, watchLaunchers } from "./runtime/launcher-watch";
import { startLocalPipeline, type LocalPipeline } from "./runtime/pipeline";
import { startOperatorEndpointFor } from "./aws-endpoint/operator-endpoint";

async function main(): Promise<void> {
  const config = readLocalRuntimeConfig();
  console.log("Starting the local pipeline...");
  const startedAt = Date.now();
  const running: { pipeline?: LocalPipeline } = {};
  stopOnSignals(running);
  watchLaunchers(findLaunchers(), (gone) => {
    console.error(`\n${gone.command} (pid ${gone.pid}) is gone: exiting so nothing is left running.`);
    // No graceful stop: the launcher died abruptly, and durable state is built to survive exactly that.
    process.exit(129);
  });
  const pipeline = await startLocalPipeline({ config });
  running.pipeline = pipeline;
  // The operator tools (redrive, replay, rerun) reach the local DLQs, archive and state machine here.
  const operator = await startOperatorEndpointFor(pipeline, Number(process.env.LOCAL_AWS_ENDPOINT_PORT ?? 4010));
  const { limits, recovery } = pipeline;

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
      `  data:            ${config.dataDir ? `${relative(process.cwd(), config.dataDir) || config.dataDir} (kept across restarts; delete it to start afresh; LOCAL_DATA_DIR=memory for none)` : "in memory (LOCAL_DATA_DIR)"}`,
      ...(recovery ? [`  after restart:   ${recovery.redelivered.length} interrupted event(s) redelivered, ${recovery.pendingInStream} waiting in the stream`] : []),
      limits
        ? `  AWS limits:      API ${limits.api.rateLimit} req/s, burst ${limits.api.burstLimit}; reserved concurrency validator ${limits.validatorReservedConcurrency}, processor ${limits.processorReservedConcurrency} (${limits.source}; LOCAL_AWS_LIMITS=off lifts them)`
        : "  AWS limits:      off (LOCAL_AWS_LIMITS)",
      `  operator tools:  AWS_ENDPOINT_URL=${operator.endpoint} npm run redrive -- pipe --environment-suffix local   (also replay, rerun; LOCAL_AWS_ENDPOINT_PORT)`,
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
