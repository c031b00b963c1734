/**
 * `npm start` as a user runs it: the banner shows the URL, a signed webhook shows up on the
 * console as it moves, and Ctrl-C (SIGINT) stops everything: no process left, the port closed.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { rekeySample } from "../../local/demo/samples";
import { signWebhook } from "../../local/demo/signing";
import { SAMPLE_SECRETS } from "./support/pipeline-harness";

const REPO = join(__dirname, "..", "..");

function descendants(pid: number): Array<{ pid: number; command: string }> {
  const rows = spawnSync("ps", ["-e", "-o", "pid=,ppid=,comm="], { encoding: "utf8" })
    .stdout.split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((row) => row.length >= 3)
    .map(([child, parent, command]) => ({ pid: Number(child), ppid: Number(parent), command: command! }));
  const found: Array<{ pid: number; command: string }> = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of rows.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, command: row.command });
      queue.push(row.pid);
    }
  }
  return found;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it("npm start prints the URL, follows a webhook to PROCESSED, and Ctrl-C leaves no process behind", async () => {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "local/start.ts"], {
    cwd: REPO,
    // In memory: this test must neither read nor leave data in the default .local-data directory.
    env: { ...process.env, PORT: "0", LOCAL_DATA_DIR: "memory" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, what: string) => {
    const deadline = Date.now() + 90_000;
    while (!pattern.test(output)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return pattern.exec(output)!;
  };

  let started: Array<{ pid: number; command: string }> = [];
  try {
    const [, baseUrl] = await waitFor(/POST (http:\/\/localhost:\d+)\/webhooks\/\{provider\}/, "the banner");
    expect(output).toContain("signing secrets: examples/local-signing-secrets.json");
    // The runtime mutes the SDK's Node-version notice itself (local/support/sdk-node-notice.ts).
    expect(output).not.toContain("NodeVersionSupportWarning");
    // Every engine runs in-process: the only descendants are tsx's own (node, its esbuild
    // service), no JVM or other server.
    started = descendants(child.pid!);
    expect(started.map((process) => process.command).filter((command) => command !== "node" && command !== "esbuild")).toEqual([]);

    const body = rekeySample("stripe", { eventId: "evt_start_script", paymentId: "pi_start_script" });
    const signed = signWebhook("stripe", body, { secret: SAMPLE_SECRETS.stripe[0]!, squareNotificationUrl: "" });
    const response = await fetch(`${baseUrl}/webhooks/stripe`, { method: "POST", body: signed.body, headers: signed.headers });
    expect(response.status).toBe(200);
    await waitFor(/evt_start_script .*PROCESSED APPLIED payment SUCCEEDED/, "the PROCESSED line");
    for (const stage of ["received → verified", "stored", "routed", "executing"]) {
      expect(output).toMatch(new RegExp(`evt_start_script .*${stage}`));
    }

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("Stopped. 1 execution(s) ran; 0 dead letter(s).");
    // tsx's esbuild service exits when its stdin closes, a moment after node: allow it that moment.
    const deadline = Date.now() + 5_000;
    while (started.some((process) => isAlive(process.pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started.filter((process) => isAlive(process.pid))).toEqual([]);
    await expect(fetch(`${baseUrl}/webhooks/stripe`, { method: "POST", body: "{}" })).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    // A failed run must not leave tsx's children holding the output pipes (jest would hang).
    for (const process of started.filter((candidate) => isAlive(candidate.pid))) killQuietly(process.pid);
  }
}, 120_000);
