/** `npm run demo` as a user runs it: every scenario ends as expected and the table is printed. */
import { spawn } from "node:child_process";
import { join } from "node:path";

it("npm run demo sends every scenario and prints a summary table in which each row is as expected", async () => {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "local/demo.ts"], {
    cwd: join(__dirname, "..", ".."),
    // Short retry waits keep the transient scenario quick; everything else is the default demo.
    env: { ...process.env, LOCAL_RETRY_WAIT_MS: "10", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));

  if (code !== 0) throw new Error(`demo exited with ${code}:\n${output}`);
  const table = output.slice(output.indexOf("#  scenario"));
  const rows = table.split("\n").filter((line) => /^\d+  \S/.test(line));
  expect(rows).toHaveLength(9);
  expect(rows.filter((row) => !row.trimEnd().endsWith("✓"))).toEqual([]);
  expect(rows.find((row) => row.includes("checkout: transient"))).toMatch(/PROCESSED\s+APPLIED → SUCCEEDED\s+1\s+2\s/);
  expect(rows.find((row) => row.includes("square: permanent"))).toMatch(/FAILED\s+Payment\.Permanent/);
  expect(rows.find((row) => row.includes("older (success)"))).toMatch(/STALE → REFUNDED/);
  expect(rows.find((row) => row.includes("forged"))).toMatch(/401 signature_mismatch/);
  expect(output).toContain("0 dead letters.");
}, 120_000);
