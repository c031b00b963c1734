/**
 * `npm run cost [-- --webhooks-per-month N --stack-config Pulumi.<stack>.yaml ...]`: monthly
 * cost by service for the stack's configuration, Standard vs Express, and what retries add.
 */
import { resolve } from "node:path";
import { numberOption, parseOptions } from "../shared/cli-options";
import { loadStackModel } from "../shared/stack-model";
import { defaultCostAssumptions, estimateMonthlyCost, exhaustedRetryTransitions, type CostEstimate } from "./cost-model";
import { US_EAST_1_PRICES } from "./price-table";
import { processorFailurePath } from "./workflow-paths";

const OPTIONS = {
  values: ["webhooks-per-month", "stack-config", "validator-duration-ms", "processor-duration-ms", "retries-per-webhook", "stream-shards"],
  flags: ["help"],
} as const;

function usd(value: number): string {
  return value >= 100 ? `$${value.toFixed(0)}` : value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;
}

function printEstimate(estimate: CostEstimate): void {
  console.log(`\n${estimate.workflowType} workflow, ${estimate.webhooksPerMonth.toLocaleString("en-US")} webhooks/month`);
  console.log(`${"service".padEnd(18)} ${"item".padEnd(64)} ${"quantity".padStart(16)} ${"per month".padStart(10)}`);
  for (const line of estimate.lines) {
    const quantity = `${Number(line.quantity.toPrecision(4)).toLocaleString("en-US")} ${line.unit}`;
    console.log(`${line.service.padEnd(18)} ${(line.item + (line.fixed ? " [fixed]" : "")).padEnd(64)} ${quantity.padStart(16)} ${usd(line.monthlyUsd).padStart(10)}`);
  }
  console.log(`${"total".padEnd(18)} ${"".padEnd(64)} ${"".padStart(16)} ${usd(estimate.monthlyUsd).padStart(10)}`);
  console.log(`per million webhooks at this volume: ${usd(estimate.perMillionWebhooksUsd)}`);
}

function main(argv: string[]): void {
  const options = parseOptions(argv, OPTIONS);
  if (options.flags.has("help")) {
    console.log(`usage: npm run cost -- [${OPTIONS.values.map((name) => `--${name} <value>`).join("] [")}]`);
    return;
  }
  const stackFile = resolve(options.values.get("stack-config") ?? "Pulumi.dev.yaml");
  const model = loadStackModel(stackFile);
  const defaults = defaultCostAssumptions(model, numberOption(options, "webhooks-per-month", 1_000_000, { integer: true }));
  const assumptions = {
    ...defaults,
    validatorDurationMs: numberOption(options, "validator-duration-ms", defaults.validatorDurationMs, { min: 1 }),
    processorDurationMs: numberOption(options, "processor-duration-ms", defaults.processorDurationMs, { min: 1 }),
    transientRetriesPerWebhook: numberOption(options, "retries-per-webhook", defaults.transientRetriesPerWebhook),
    streamShards: numberOption(options, "stream-shards", defaults.streamShards, { integer: true, min: 1 }),
  };

  console.log(`Stack config: ${stackFile} (workflowType ${model.config.workflowType})`);
  console.log(`Prices: ${US_EAST_1_PRICES.region} list prices checked ${US_EAST_1_PRICES.apiGatewayRestRequest.checkedOn}, no free tier (tools/cost/price-table.ts has each source).`);
  console.log(
    `Assumptions: validator ${assumptions.validatorDurationMs} ms, processor ${assumptions.processorDurationMs} ms, ` +
      `${assumptions.transientRetriesPerWebhook} transient retries per webhook, ${assumptions.streamShards} stream shards; change them with flags (--help).`,
  );
  const configured = estimateMonthlyCost(model, assumptions, US_EAST_1_PRICES);
  printEstimate(configured);

  const standard = estimateMonthlyCost(model, assumptions, US_EAST_1_PRICES, "STANDARD");
  const express = estimateMonthlyCost(model, assumptions, US_EAST_1_PRICES, "EXPRESS");
  const workflowCost = (estimate: CostEstimate) => estimate.lines.filter((line) => line.service === "Step Functions").reduce((sum, line) => sum + line.monthlyUsd, 0);
  console.log("\nStandard vs Express (Step Functions only, then the whole stack):");
  console.log(`  STANDARD  ${usd(workflowCost(standard)).padStart(10)} / month  (${standard.happyPathTransitions} transitions per execution)   stack ${usd(standard.perMillionWebhooksUsd)} per million`);
  console.log(`  EXPRESS   ${usd(workflowCost(express)).padStart(10)} / month  (request + duration)                  stack ${usd(express.perMillionWebhooksUsd)} per million`);

  const oneRetryEach = estimateMonthlyCost(model, { ...assumptions, transientRetriesPerWebhook: assumptions.transientRetriesPerWebhook + 1 }, US_EAST_1_PRICES);
  const failure = processorFailurePath(model.definition);
  console.log("\nEffect of retries:");
  console.log(`  one more processor retry on every webhook adds ${usd(oneRetryEach.perMillionWebhooksUsd - configured.perMillionWebhooksUsd)} per million webhooks (${configured.workflowType}).`);
  console.log(
    `  an event whose processor fails every attempt takes ${exhaustedRetryTransitions(model, failure.states.length)} transitions ` +
      `(${failure.states.length} states + ${model.config.retry.maxAttempts} retries) instead of ${configured.happyPathTransitions}.`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`cost: ${(error as Error).message}`);
  process.exit(1);
}
