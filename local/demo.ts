/**
 * `npm run demo`: starts its own local pipeline (on PORT, default: a free port, so it never
 * clashes with a running `npm start`), sends the signed samples of examples/webhooks/ for every
 * provider plus a duplicate, a forged one, an out-of-order pair, a transiently failing and a
 * permanently failing one (examples/local-faults.json), waits for every webhook to finish and
 * prints a summary table. Exits non-zero if any scenario ends differently than expected.
 *
 * With DEMO_TARGET_URL=http://localhost:3000 it sends the same webhooks to a running
 * `npm start` instead and prints only the HTTP answers: watch that console for the rest.
 */
import "./support/promise-with-resolvers";
import type { ProviderId } from "../contract/event-table";
import { readSample } from "./demo/samples";
import { signWebhook } from "./demo/signing";
import { readLocalRuntimeConfig } from "./runtime/config";
import { squareNotificationUrl, startLocalPipeline, type LocalPipeline } from "./runtime/pipeline";

interface Scenario {
  name: string;
  provider: ProviderId;
  sample: string;
  /** Sign with a secret the pipeline does not know. */
  forged?: boolean;
  /** Standard Webhooks carries its event id in the webhook-id header. */
  messageId?: string;
  /** Wait for the webhook to finish before sending the next one (ordering scenarios). */
  waitAfter?: boolean;
  expected: string;
}

const SCENARIOS: Scenario[] = [
  { name: "stripe sample", provider: "stripe", sample: "stripe", expected: "PROCESSED" },
  { name: "standard-webhooks sample", provider: "standard-webhooks", sample: "standard-webhooks", messageId: "msg_demo_sw_succeeded", expected: "PROCESSED" },
  { name: "adyen sample", provider: "adyen", sample: "adyen", expected: "PROCESSED" },
  { name: "checkout: transient fault ×2", provider: "checkout", sample: "checkout", expected: "PROCESSED" },
  { name: "square: permanent fault", provider: "square", sample: "square", expected: "FAILED" },
  { name: "out-of-order 1/2: newer (refund)", provider: "generic", sample: "generic-refunded-later", waitAfter: true, expected: "PROCESSED" },
  { name: "out-of-order 2/2: older (success)", provider: "generic", sample: "generic", expected: "PROCESSED" },
  { name: "duplicate of the stripe sample", provider: "stripe", sample: "stripe", expected: "duplicate" },
  { name: "forged stripe webhook", provider: "stripe", sample: "stripe", forged: true, expected: "401" },
];

interface Row {
  scenario: Scenario;
  status: number;
  response: string;
  eventId?: string;
}

async function main(): Promise<void> {
  if (process.env.DEMO_TARGET_URL) return sendToRunningPipeline(process.env.DEMO_TARGET_URL);
  const config = readLocalRuntimeConfig({ ...process.env, PORT: process.env.PORT ?? "0" });
  const secrets = JSON.parse(config.signingSecretsJson) as Record<ProviderId, string[]>;
  console.log("Starting a local pipeline for the demo...");
  // Its own pipeline in memory: the demo never touches (or locks) the data of a running `npm start`.
  const pipeline = await startLocalPipeline({ config: { ...config, dataDir: undefined } });
  try {
    console.log(`Sending ${SCENARIOS.length} webhooks to ${pipeline.url}/webhooks/{provider}\n`);
    const rows: Row[] = [];
    for (const scenario of SCENARIOS) {
      const row = await send(pipeline.url, scenario, secrets);
      rows.push(row);
      if (scenario.waitAfter && row.eventId) await pipeline.tracker.waitForTerminal([row.eventId], 120_000);
    }
    const stored = rows.filter((row) => row.response === "stored").map((row) => row.eventId!);
    await pipeline.tracker.waitForTerminal(stored, 180_000);
    await pipeline.settle();
    const ok = printSummary(pipeline, rows);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await pipeline.stop();
  }
}

async function send(baseUrl: string, scenario: Scenario, secrets: Record<ProviderId, string[]>): Promise<Row> {
  const secret = scenario.forged ? "whsec_not_the_configured_secret" : secrets[scenario.provider]![0]!;
  const signed = signWebhook(scenario.provider, readSample(scenario.sample), {
    secret,
    squareNotificationUrl: squareNotificationUrl(Number(new URL(baseUrl).port || 80)),
    messageId: scenario.messageId,
  });
  const response = await fetch(`${baseUrl}/webhooks/${scenario.provider}`, { method: "POST", body: signed.body, headers: signed.headers });
  const json = (await response.json()) as { result?: string; error?: string; events?: Array<{ eventId: string }> };
  return { scenario, status: response.status, response: json.result ?? json.error ?? "", eventId: json.events?.[0]?.eventId };
}

/** Against a running `npm start` (same sample secrets and fault plan by default). */
async function sendToRunningPipeline(target: string): Promise<void> {
  const baseUrl = target.replace(/\/+$/, "").replace(/\/webhooks$/, "");
  const secrets = JSON.parse(readLocalRuntimeConfig().signingSecretsJson) as Record<ProviderId, string[]>;
  console.log(`Sending ${SCENARIOS.length} webhooks to ${baseUrl}/webhooks/{provider}; watch the npm start console for each one's journey.\n`);
  for (const scenario of SCENARIOS) {
    const row = await send(baseUrl, scenario, secrets);
    console.log(`${scenario.name.padEnd(36)} ${String(row.status)} ${row.response.padEnd(20)} ${row.eventId ?? ""}`);
    // Give the older half of the out-of-order pair time to arrive second at the processor.
    if (scenario.waitAfter) await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

function printSummary(pipeline: LocalPipeline, rows: Row[]): boolean {
  const table = rows.map((row, index) => {
    const executions = row.eventId ? pipeline.workflow.executions.filter((e) => e.eventId === row.eventId) : [];
    const terminal = row.eventId ? pipeline.tracker.terminalStage(row.eventId) : undefined;
    const outcome = row.status !== 200 ? String(row.status) : row.response === "duplicate" ? "duplicate" : (terminal ?? "?");
    const last = executions.at(-1);
    const decision = (last?.output as { processing?: { decision?: { disposition?: string; paymentStatus?: string } } } | undefined)?.processing?.decision;
    return {
      "#": String(index + 1),
      scenario: row.scenario.name,
      HTTP: `${row.status} ${row.response}`,
      "event id": row.eventId ?? "-",
      outcome: row.status === 200 && row.response === "duplicate" ? "duplicate (no new execution)" : outcome,
      detail: last?.status === "FAILED" ? `${last.error}` : decision ? `${decision.disposition} → ${decision.paymentStatus}` : "-",
      executions: row.response === "duplicate" ? "0 new" : String(executions.length),
      retries: String(executions.reduce((sum, e) => sum + e.retries, 0)),
      ms: row.response === "stored" && last?.stoppedAt ? String(last.stoppedAt - pipeline.tracker.timeline(row.eventId!)!.receivedAt) : "-",
      expected: row.scenario.expected,
      ok: outcome === row.scenario.expected || (row.scenario.expected === "duplicate" && row.response === "duplicate") ? "✓" : "✗",
    };
  });
  const columns = Object.keys(table[0]!) as Array<keyof (typeof table)[number]>;
  const widths = columns.map((column) => Math.max(column.length, ...table.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  console.log("\n" + line(columns));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of table) console.log(line(columns.map((column) => row[column])));
  const dlq = pipeline.deadLetters.pipe.messages.length + pipeline.deadLetters.rule.messages.length;
  console.log(`\n${pipeline.workflow.executions.length} executions, ${pipeline.bus.archive.length} events on the bus, ${dlq} dead letters.`);
  return table.every((row) => row.ok === "✓");
}


main().catch((error: Error) => {
  console.error(`npm run demo failed: ${error.message}`);
  process.exit(1);
});
