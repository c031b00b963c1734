/**
 * `npm run policy:check` — the compliance gate. Runs the program under Pulumi mocks with a
 * stack config, evaluates the policy pack in-process, prints a table, writes JSON, SARIF and
 * JUnit reports, and exits 1 on any mandatory violation (2 on a usage/config/program error).
 *
 *   tsx policy-pack/gate/cli.ts [--stack-config Pulumi.dev.yaml] [--policy-config policy-config.json]
 *                               [--program index.ts] [--reports reports] [--as-of YYYY-MM-DD]
 */
// First: it must be in place before anything loads @pulumi/pulumi.
import "./closure-serialisation-modules";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { load } from "js-yaml";
import { exitCodeFor, runGate, type GateResult } from "./gate";
import { renderJson } from "./report-formats/json";
import { renderJunit } from "./report-formats/junit";
import { renderSarif } from "./report-formats/sarif";
import { renderTable } from "./report-formats/table";
import { readStackConfig } from "./stack-config";

export const REPORT_FILES = { json: "policy-report.json", sarif: "policy-report.sarif", junit: "policy-report.junit.xml" };

export interface CliOptions {
  root: string;
  stackConfig: string;
  policyConfig?: string;
  program: string;
  reports: string;
  asOf?: string;
}

export function parseCliArgs(argv: string[], root: string): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      "stack-config": { type: "string", default: "Pulumi.dev.yaml" },
      "policy-config": { type: "string" },
      program: { type: "string", default: "index.ts" },
      reports: { type: "string", default: "reports" },
      "as-of": { type: "string" },
    },
    strict: true,
  });
  if (values["as-of"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["as-of"])) throw new Error(`--as-of must be YYYY-MM-DD; got ${JSON.stringify(values["as-of"])}`);
  return {
    root,
    stackConfig: path.resolve(root, values["stack-config"] ?? "Pulumi.dev.yaml"),
    policyConfig: values["policy-config"] === undefined ? undefined : path.resolve(root, values["policy-config"]),
    program: path.resolve(root, values.program ?? "index.ts"),
    reports: path.resolve(root, values.reports ?? "reports"),
    asOf: values["as-of"],
  };
}

function projectName(root: string): string {
  const file = path.join(root, "Pulumi.yaml");
  if (!fs.existsSync(file)) return "payment-webhooks";
  const parsed = load(fs.readFileSync(file, "utf8")) as { name?: unknown } | null;
  return typeof parsed?.name === "string" ? parsed.name : "payment-webhooks";
}

function readPolicyConfig(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`policy config ${file} is not readable JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`policy config ${file} must be a JSON object keyed by policy name`);
  return parsed as Record<string, unknown>;
}

/**
 * Tells the program it runs under the gate, where the Lambda code archive is no policy input,
 * so it may skip bundling (lib/functions/lambda-bundle.ts honours it; `pulumi up` never sets it).
 */
export const SKIP_BUNDLING_ENV = "PAYMENT_WEBHOOKS_SKIP_LAMBDA_BUNDLE";

export async function runCli(options: CliOptions): Promise<{ result: GateResult; exitCode: number }> {
  const project = projectName(options.root);
  const stack = readStackConfig(options.stackConfig, project);
  const now = options.asOf ? new Date(`${options.asOf}T12:00:00Z`) : undefined;
  process.env[SKIP_BUNDLING_ENV] = "1";
  const result = await runGate({
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program: () => require(options.program),
    config: stack.config,
    secretKeys: stack.secretKeys,
    project,
    stack: stack.stack,
    policyConfig: readPolicyConfig(options.policyConfig),
    ...(now ? { context: { now: () => now } } : {}),
  });
  fs.mkdirSync(options.reports, { recursive: true });
  const programUri = path.relative(options.root, options.program).split(path.sep).join("/");
  fs.writeFileSync(path.join(options.reports, REPORT_FILES.json), renderJson(result));
  fs.writeFileSync(path.join(options.reports, REPORT_FILES.sarif), renderSarif(result, programUri));
  fs.writeFileSync(path.join(options.reports, REPORT_FILES.junit), renderJunit(result));
  return { result, exitCode: exitCodeFor(result) };
}

async function main(): Promise<void> {
  const started = Date.now();
  // The CLI reports an error by its message and never prints a stack, while @pulumi/pulumi
  // records a stack for every promise it creates (runtime/debuggable.js); with tsx's source maps
  // on, Node maps every one of them through the source maps: ~0.35 s of a ~1.7 s run.
  process.setSourceMapsEnabled(false);
  try {
    const options = parseCliArgs(process.argv.slice(2), process.cwd());
    const { result, exitCode } = await runCli(options);
    process.stdout.write(`${renderTable(result)}\n`);
    process.stdout.write(`Reports: ${Object.values(REPORT_FILES).map((f) => path.relative(options.root, path.join(options.reports, f))).join(", ")} (${Date.now() - started} ms)\n`);
    process.exit(exitCode);
  } catch (e) {
    process.stderr.write(`policy:check failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}

if (require.main === module) void main();
