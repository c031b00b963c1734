/**
 * `npm run capacity [-- --stack-config Pulumi.<stack>.yaml --target N ...]`: the sustained rate
 * of each hop, which binds first, and what the stack needs for 10× and 100× its design rate
 * (the API stage's rate limit) or for `--target` webhooks per second.
 */
import { resolve } from "node:path";
import { numberOption, parseOptions } from "../shared/cli-options";
import { loadStackModel } from "../shared/stack-model";
import { defaultCostAssumptions } from "../cost/cost-model";
import { capacityAssumptionsFrom, capacityReport, changesForTarget } from "./capacity-model";
import { US_EAST_1_QUOTAS } from "./quotas";

const OPTIONS = { values: ["stack-config", "target", "validator-duration-ms", "processor-duration-ms", "stream-shards"], flags: ["help"] } as const;

function main(argv: string[]): void {
  const options = parseOptions(argv, OPTIONS);
  if (options.flags.has("help")) {
    console.log(`usage: npm run capacity -- [${OPTIONS.values.map((name) => `--${name} <value>`).join("] [")}]`);
    return;
  }
  const stackFile = resolve(options.values.get("stack-config") ?? "Pulumi.dev.yaml");
  const model = loadStackModel(stackFile);
  const base = capacityAssumptionsFrom(defaultCostAssumptions(model));
  const assumptions = {
    ...base,
    validatorDurationMs: numberOption(options, "validator-duration-ms", base.validatorDurationMs, { min: 1 }),
    processorDurationMs: numberOption(options, "processor-duration-ms", base.processorDurationMs, { min: 1 }),
    streamShards: numberOption(options, "stream-shards", base.streamShards, { integer: true, min: 1 }),
  };
  const report = capacityReport(model, assumptions, US_EAST_1_QUOTAS);
  console.log(`Stack config: ${stackFile}; default us-east-1 quotas (tools/capacity/quotas.ts has each source).`);
  console.log(`Assumptions: validator ${assumptions.validatorDurationMs} ms, processor ${assumptions.processorDurationMs} ms, ${assumptions.streamShards} stream shards, ${assumptions.pipeBatchRoundTripMs} ms per Pipe batch.\n`);
  for (const hop of report.hops) {
    const marker = hop === report.binding ? "  <- binds first" : "";
    console.log(`${hop.name.padEnd(40)} ${hop.webhooksPerSecond.toFixed(1).padStart(9)} webhooks/s   ${hop.derivation}${marker}`);
  }
  console.log(`\nBeyond ${report.binding.webhooksPerSecond.toFixed(1)}/s (${report.binding.name}): ${report.binding.beyond}`);

  const design = model.config.apiThrottling.rateLimit;
  const targets = options.values.has("target") ? [numberOption(options, "target", design, { integer: true, min: 1 })] : [10 * design, 100 * design];
  for (const target of targets) {
    console.log(`\nFor ${target} webhooks/s:`);
    const changes = changesForTarget(model, assumptions, US_EAST_1_QUOTAS, target);
    if (changes.length === 0) console.log("  nothing to change.");
    for (const change of changes) console.log(`  [${change.kind}] ${change.what}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`capacity: ${(error as Error).message}`);
  process.exit(1);
}
