/**
 * `npm start` on durable local state, killed the hard way (SIGKILL cannot be caught) while
 * webhooks are in flight: first npm itself, then the pipeline's own node process. After each
 * kill the port is freed and no process of the tree is left; after the restarts
 * every accepted webhook ends PROCESSED (0 lost), none already processed runs again (0
 * re-executed), and redeliveries are still answered as duplicates.
 *
 * Oracles: the OS process table and the port (is anything left?), each run's console lines
 * (which events executed and finished in which run), and the table itself, read with the
 * AWS SDK after the last run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { rekeySample } from "../../local/demo/samples";
import { signWebhook } from "../../local/demo/signing";
import { startTestPipeline, SAMPLE_SECRETS } from "./support/pipeline-harness";

const REPO = join(__dirname, "..", "..");
const PER_RUN = 20;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function treeOf(pid: number): number[] {
  const rows = spawnSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .stdout.split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row) => row.length === 2);
  const found = [pid];
  for (let index = 0; index < found.length; index++) found.push(...rows.filter(([, parent]) => parent === found[index]).map(([child]) => child!));
  return found;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

function npmStart(port: number, dataDir: string): Run {
  const child = spawn("npm", ["start"], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, LOCAL_AWS_LIMITS: "off", LOCAL_FAULTS_FILE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once("exit", () => resolve())) };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number, run?: Run): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${run ? `; output:\n${run.output()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function send(port: number, eventId: string): Promise<{ status: number; result?: string }> {
  const body = rekeySample("stripe", { eventId, paymentId: `pay_${eventId}` });
  const signed = signWebhook("stripe", body, { secret: SAMPLE_SECRETS.stripe[0]!, squareNotificationUrl: "" });
  const response = await fetch(`http://127.0.0.1:${port}/webhooks/stripe`, { method: "POST", body: signed.body, headers: signed.headers });
  const json = (await response.json()) as { events?: Array<{ result: string }> };
  return { status: response.status, result: json.events?.[0]?.result };
}

/** Event ids with a console line of the given stage in a run's output. */
function eventsAt(output: string, stage: RegExp): Set<string> {
  return new Set([...output.matchAll(new RegExp(`(evt_crash_\\w+)\\s+\\+\\d+ ms\\s+${stage.source}`, "g"))].map((match) => match[1]!));
}

/**
 * SIGKILLs `victim`, then waits for the whole tree to be gone and the port closed. How fast is
 * for the benchmark to say; here the bound only keeps the test from hanging.
 */
async function killHard(run: Run, victim: number, port: number): Promise<void> {
  const tree = treeOf(run.child.pid!);
  process.kill(victim, "SIGKILL");
  await waitFor(async () => tree.every((pid) => !isAlive(pid)) && !(await portAnswers(port)), "the tree to exit and the port to close", 10_000, run);
}

it("kill -9 of npm, then of the server, under load: nothing left running, nothing lost, nothing re-executed", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "payment-webhooks-crash-"));
  const port = await freePort();
  const runs: Run[] = [];
  const sent: string[] = [];
  try {
    for (const [index, victim] of (["npm", "server"] as const).entries()) {
      const run = npmStart(port, dataDir);
      runs.push(run);
      await waitFor(() => run.output().includes("Ctrl-C stops everything"), "the banner", 60_000, run);
      if (index === 1) {
        // Deduplication survived the first crash: every webhook of run 1 is a duplicate now.
        const again = await Promise.all(sent.map((eventId) => send(port, eventId)));
        expect(again.filter((answer) => answer.status !== 200 || answer.result !== "duplicate")).toEqual([]);
      }
      const batch = Array.from({ length: PER_RUN }, (_, n) => `evt_crash_${index}_${n}`);
      const answers = await Promise.all(batch.map((eventId) => send(port, eventId)));
      expect(answers.map((answer) => answer.status)).toEqual(batch.map(() => 200));
      sent.push(...batch);
      // Kill while some of this batch is still on its way through the pipeline.
      const serverPid = treeOf(run.child.pid!).find((pid) => spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).stdout.includes("local/start.ts") && !spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).stdout.includes("sh -c"));
      await killHard(run, victim === "npm" ? run.child.pid! : serverPid!, port);
    }

    // Last restart, in-process, to read what it does.
    const pipeline = await startTestPipeline([], { dataDir });
    try {
      await pipeline.tracker.waitForTerminal([...(pipeline.recovery?.redelivered ?? [])], 60_000);
      await pipeline.settle();
      const items: Array<Record<string, AttributeValue>> = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await pipeline.dynamoDb.send(new ScanCommand({ TableName: pipeline.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      const status = new Map(items.filter((item) => item.itemType?.S === "EVENT").map((item) => [item.eventId!.S!, item.processingStatus?.S]));

      // 0 lost: every accepted webhook is PROCESSED.
      expect(sent.filter((eventId) => status.get(eventId) !== "PROCESSED")).toEqual([]);
      // 0 re-executed: an event finished in one run never executes in a later one.
      const laterExecutions = (runIndex: number) => [
        ...runs.slice(runIndex + 1).flatMap((run) => [...eventsAt(run.output(), /executing/)]),
        ...pipeline.workflow.executions.flatMap((execution) => (execution.eventId === undefined ? [] : [execution.eventId])),
      ];
      for (const [runIndex, run] of runs.entries()) {
        const processed = eventsAt(run.output(), /PROCESSED/);
        expect(laterExecutions(runIndex).filter((eventId) => processed.has(eventId))).toEqual([]);
      }
    } finally {
      await pipeline.stop();
    }
  } finally {
    for (const run of runs) for (const pid of treeOf(run.child.pid!)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
