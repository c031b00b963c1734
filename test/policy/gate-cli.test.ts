/** `npm run policy:check` end to end: exit codes, the printed table and the report files. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function gate(args: string[]): { status: number | null; stdout: string; stderr: string; reports: string } {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "policy-gate-"));
  const run = spawnSync(TSX, ["policy-pack/gate/cli.ts", "--reports", reports, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, reports };
}

describe("policy:check CLI", () => {
  it("exits 1 on a mandatory violation, prints the failing row and writes the three reports", () => {
    const run = gate(["--program", "test/fixtures/policy/lambda-x86.ts", "--as-of", "2026-11-29"]);
    expect(run.status).toBe(1);
    const failRows = run.stdout.split("\n").filter((line) => / FAIL /.test(line));
    expect(failRows).toHaveLength(1);
    expect(failRows[0]).toMatch(/^lambda-arm64 +mandatory +webhook-validator +FAIL +Lambda function 'webhook-validator' must use the arm64 architecture/);
    expect(fs.readdirSync(run.reports).sort()).toEqual(["policy-report.json", "policy-report.junit.xml", "policy-report.sarif"]);
  });

  it("exits 0 on the real stack with the sample stack config", () => {
    const run = gate([]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/payment-webhooks-guard@0\.1\.0 on stack 'dev': \d+ resources, \d+ policies, 0 mandatory violation\(s\)\./);
  });

  it("exits 2 and names the key on a bad policy config", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const file = path.join(dir, "policy-config.json");
    fs.writeFileSync(file, JSON.stringify({ "log-group-retention": { minimumRetentionDays: "a year" } }));
    const run = gate(["--program", "test/fixtures/policy/compliant.ts", "--policy-config", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('policy:check failed: policy config "log-group-retention.minimumRetentionDays": must be of type integer; got "a year".\n');
  });
});
