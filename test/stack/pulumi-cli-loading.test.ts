/**
 * `pulumi up` loads index.ts with the CLI's vendored ts-node and the project's TypeScript, not
 * with ts-jest: prove that path compiles (type-checked) and synthesises the whole stack.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

describe("index.ts loaded as the Pulumi CLI loads it", () => {
  it("compiles with the CLI's ts-node and the project's TypeScript, and builds every component", () => {
    const output = execFileSync(process.execPath, [path.join("test", "support", "load-like-pulumi-cli.js")], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    const summary = JSON.parse(output.trim().split("\n").pop() as string) as { tsNode: string; typescriptVersion: string; types: string[]; apiUrl: string };
    expect(summary.tsNode).toContain("vendor/ts-node@7.0.1");
    expect(summary.typescriptVersion).toBe("5.9.3");
    for (const type of [
      "aws:kms/key:Key",
      "aws:dynamodb/table:Table",
      "aws:lambda/function:Function",
      "aws:apigateway/stage:Stage",
      "aws:pipes/pipe:Pipe",
      "aws:cloudwatch/eventRule:EventRule",
      "aws:sfn/stateMachine:StateMachine",
      "aws:cloudwatch/dashboard:Dashboard",
    ]) {
      expect(summary.types).toContain(type);
    }
    expect(summary.apiUrl).toMatch(/^https:\/\/.+\/dev\/webhooks$/);
  });
});
