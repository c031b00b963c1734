/**
 * Starts and stops DynamoDB Local (Java) on a free loopback port, in memory.
 *
 * No orphaned Java process, whichever way we end:
 * - stop() (Ctrl-C handler, test teardown) kills the child's whole process group;
 * - a normal exit of this process runs a synchronous kill from process.on("exit");
 * - if this process dies without running any code (SIGKILL, OOM, a killed jest worker), a
 *   tiny shell watchdog between us and java sees its stdin pipe close and kills java.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { createServer } from "node:net";
import { ensureDynamoDbLocal, type DynamoDbLocalArtifact } from "./artifact";

export const JAVA_INSTALL_HINT =
  "DynamoDB Local needs a Java runtime (17 or newer) on the PATH. Install one, e.g. `sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), then retry.";

export class JavaMissingError extends Error {
  override name = "JavaMissingError";
  constructor(cause?: unknown) {
    super(`java was not found. ${JAVA_INSTALL_HINT}`, { cause });
  }
}

export interface DynamoDbLocalOptions {
  /** Fixed port; default: a free port chosen by the OS. */
  port?: number;
  artifact?: DynamoDbLocalArtifact;
  /** Java executable. @default "java" from the PATH */
  java?: string;
  /** How long to wait for the first answer. @default 60000 (JVM start on a busy 2-core CI box) */
  startTimeoutMs?: number;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  /** Process id of the watchdog shell; java runs in its process group. */
  pid: number;
  stop(): Promise<void>;
}

// Runs java in the background and waits for stdin EOF (= the parent is gone) to kill it.
const WATCHDOG = [
  '"$@" </dev/null &',
  "child=$!",
  "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP",
  "while read -r _; do :; done",
  "kill $child 2>/dev/null",
  "wait $child",
].join("\n");

export function assertJavaAvailable(java = "java"): void {
  const probe = spawnSync(java, ["-version"], { stdio: "ignore" });
  if (probe.error) throw new JavaMissingError(probe.error);
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const java = options.java ?? "java";
  assertJavaAvailable(java);
  const artifact = options.artifact ?? ensureDynamoDbLocal();
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await launch(java, artifact, port, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      // A free port can be taken between probing and java binding it: try another.
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(java: string, artifact: DynamoDbLocalArtifact, port: number, startTimeoutMs: number): Promise<RunningDynamoDbLocal> {
  const javaArgs = [
    `-Djava.library.path=${artifact.nativeLibraryDir}`,
    "-jar",
    artifact.jar,
    "-inMemory",
    // One database regardless of the caller's credentials/region: the handlers and the
    // runtime may resolve different dummy credentials.
    "-sharedDb",
    // DynamoDB Local 2.x+ reports usage to AWS unless told not to; a dev tool must not phone home.
    "-disableTelemetry",
    "-port",
    String(port),
  ];
  const child = spawn("/bin/sh", ["-c", WATCHDOG, "dynamodb-local-watchdog", java, ...javaArgs], {
    cwd: artifact.home,
    detached: true,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  // Keep the pipe open but never let it hold this process alive.
  child.stdin?.on("error", () => undefined);
  unref(child);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killGroupNow = (): void => killGroup(child, "SIGKILL");
  process.on("exit", killGroupNow);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener("exit", killGroupNow);
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Hold the event loop until Java is really gone (the child is unref'd while it runs).
      child.ref();
      killGroup(child, "SIGTERM");
      let timeout: NodeJS.Timeout | undefined;
      const timer = new Promise<"timeout">((resolve) => (timeout = setTimeout(() => resolve("timeout"), 5_000)));
      if ((await Promise.race([exited, timer])) === "timeout") {
        killGroup(child, "SIGKILL");
        await exited;
      }
      clearTimeout(timeout);
    })();
    return stopping;
  };

  try {
    await waitUntilAnswering(port, startTimeoutMs, exited, () => stderr.join(""));
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid!, stop };
}

function unref(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilAnswering(
  port: number,
  timeoutMs: number,
  exited: Promise<number | null>,
  diagnostics: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let processExit: number | null | undefined;
  void exited.then((code) => (processExit = code));
  while (Date.now() < deadline) {
    if (processExit !== undefined) {
      throw new Error(`DynamoDB Local exited (code ${processExit}) before answering on port ${port}: ${diagnostics() || "no output"}`);
    }
    if (await answers(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`DynamoDB Local did not answer on port ${port} within ${timeoutMs} ms: ${diagnostics() || "no output"}`);
}

/** Any HTTP response (DynamoDB answers 400 to a bare GET) means the server is up. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request({ host: "127.0.0.1", port, method: "GET", path: "/", timeout: 1_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    probe.on("error", () => resolve(false));
    probe.on("timeout", () => probe.destroy());
    probe.end();
  });
}
