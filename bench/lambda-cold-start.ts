/**
 * Cold-start cost of shipping the source map with the Lambda bundles. For each handler and
 * each variant, a fresh `node --enable-source-maps` process (the functions' NODE_OPTIONS)
 * requires the bundle from a temporary directory laid out like /var/task and reports the
 * require time and its RSS afterwards. Variants: no map (the bundle without its link), the
 * map linked from the bundle and shipped beside it (what the stack deploys), and the map
 * inlined as a data URL. Runs are interleaved so background load hits every variant alike.
 * Run: `npx tsx bench/lambda-cold-start.ts [runs per variant, default 25]`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LAMBDA_ENTRY_POINTS } from "../contract/lambda-environment";
import { BUNDLE_FILE, buildLambdaBundle, LAMBDA_NODE_OPTIONS, SOURCE_MAP_FILE } from "../lib/functions/lambda-bundle";

const RUNS = Number(process.argv[2] ?? 25);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`runs per variant must be a positive integer; got ${process.argv[2]}`);

// What the handlers read at cold start; no value here is a secret.
const HANDLER_ENVIRONMENT = {
  AWS_REGION: "us-east-1",
  EVENTS_TABLE_NAME: "payment-events-bench",
  EVENT_BUS_NAME: "payment-events-bench",
  WEBHOOK_SIGNING_SECRETS: "{}",
  WEBHOOK_PROVIDER_SETTINGS: "{}",
  EVENT_RETENTION_DAYS: "90",
  POWERTOOLS_SERVICE_NAME: "bench",
  POWERTOOLS_LOG_LEVEL: "ERROR",
};

// Runs in the child: time the require, then report RSS.
const PROBE = `const t=process.hrtime.bigint();require(process.argv[1]);const ms=Number(process.hrtime.bigint()-t)/1e6;process.stdout.write(JSON.stringify({ms,rss:process.memoryUsage().rss}));`;

const LINK = `//# sourceMappingURL=${SOURCE_MAP_FILE}`;

function writeVariants(entryPoint: string): Record<string, string> {
  const bundle = buildLambdaBundle(entryPoint);
  if (!bundle.code.trimEnd().endsWith(LINK)) throw new Error(`the ${entryPoint} bundle does not end with ${LINK}`);
  const unlinked = bundle.code.trimEnd().slice(0, -LINK.length);
  const inline = `${unlinked}//# sourceMappingURL=data:application/json;base64,${Buffer.from(bundle.sourceMap).toString("base64")}\n`;
  const variants: Record<string, { code: string; map?: string }> = { "no map": { code: unlinked }, "linked map": { code: bundle.code, map: bundle.sourceMap }, "inline map": { code: inline } };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cold-start-"));
  return Object.fromEntries(
    Object.entries(variants).map(([variant, files]) => {
      const dir = path.join(root, variant.replace(/ /g, "-"));
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, BUNDLE_FILE), files.code);
      if (files.map) fs.writeFileSync(path.join(dir, SOURCE_MAP_FILE), files.map);
      return [variant, path.join(dir, BUNDLE_FILE)];
    }),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

for (const [name, entryPoint] of Object.entries(LAMBDA_ENTRY_POINTS)) {
  const files = writeVariants(entryPoint);
  const samples: Record<string, Array<{ ms: number; rss: number }>> = Object.fromEntries(Object.keys(files).map((variant) => [variant, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const [variant, file] of Object.entries(files)) {
      const output = execFileSync(process.execPath, [LAMBDA_NODE_OPTIONS, "-e", PROBE, file], {
        env: { PATH: process.env.PATH, ...HANDLER_ENVIRONMENT },
        encoding: "utf8",
        // The bundled AWS SDK warns about the Node version on stderr; only the probe's stdout counts.
        stdio: ["ignore", "pipe", "ignore"],
      });
      samples[variant].push(JSON.parse(output) as { ms: number; rss: number });
    }
  }
  const baseline = samples["no map"];
  const baseMs = median(baseline.map((s) => s.ms));
  const baseRss = median(baseline.map((s) => s.rss));
  console.log(`\n${name} (${fs.statSync(files["no map"]).size} B bundle, ${RUNS} runs per variant, medians)`);
  for (const [variant, values] of Object.entries(samples)) {
    const ms = median(values.map((s) => s.ms));
    const rss = median(values.map((s) => s.rss));
    const size = fs.statSync(files[variant]).size + (fs.existsSync(`${files[variant]}.map`) ? fs.statSync(`${files[variant]}.map`).size : 0);
    console.log(
      `  ${variant.padEnd(11)} require ${ms.toFixed(1).padStart(6)} ms (x${(ms / baseMs).toFixed(2)})  RSS ${(rss / 2 ** 20).toFixed(1).padStart(6)} MiB (+${((rss - baseRss) / 2 ** 20).toFixed(1)} MiB)  files ${(size / 1024).toFixed(0)} KiB`,
    );
  }
}
