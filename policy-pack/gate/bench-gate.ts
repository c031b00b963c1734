/**
 * `tsx policy-pack/gate/bench-gate.ts [runs]` — how long `npm run policy:check` takes against a
 * bare `tsx` start measured in the same run (same machine, same load), so the ratio is
 * comparable across machines. Prints min and median of each and the ratio of the medians.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function timeOf(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(TSX, args, { cwd: ROOT, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`tsx ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

function summary(times: number[]): { min: number; median: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 5);
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "bench-gate-"));
  const bare: number[] = [];
  const gate: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timeOf(["-e", ""]));
    gate.push(timeOf(["policy-pack/gate/cli.ts", "--reports", reports]));
  }
  const b = summary(bare);
  const g = summary(gate);
  const ms = (n: number) => `${Math.round(n)} ms`;
  process.stdout.write(`bare tsx start: min ${ms(b.min)}, median ${ms(b.median)} (${runs} runs)\n`);
  process.stdout.write(`policy:check:   min ${ms(g.min)}, median ${ms(g.median)} (${runs} runs)\n`);
  process.stdout.write(`ratio (medians): ${(g.median / b.median).toFixed(1)}x; (mins): ${(g.min / b.min).toFixed(1)}x\n`);
}
