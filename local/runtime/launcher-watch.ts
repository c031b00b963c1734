/**
 * `npm start` is a chain of processes (npm → sh → tsx → node running the pipeline). A SIGKILL
 * of npm or tsx cannot be caught, and nothing tells the pipeline that its launcher is gone, so
 * it would keep running and holding the port. The pipeline therefore watches its launchers and
 * exits as soon as one disappears; a SIGKILL of the pipeline itself ends tsx, sh and npm, which
 * wait on it. Either way the whole tree goes.
 */
import { spawnSync } from "node:child_process";

export interface Launcher {
  pid: number;
  command: string;
}

/** Launcher-like commands: what npm, npx and tsx look like in the process table. */
const LAUNCHER = /(^|[\s/])(npm|npx|tsx)([\s/.]|$)|local\/start\.ts/;

/**
 * The chain of launchers above this process, nearest first: each ancestor while its command
 * looks like npm, npx or tsx (or a shell running them). Stops at the first other process (the
 * user's shell, a test runner), which the pipeline must not outlive-check.
 */
export function findLaunchers(startPid = process.ppid, describe: (pid: number) => { ppid: number; command: string } | undefined = describeProcess): Launcher[] {
  const launchers: Launcher[] = [];
  let pid = startPid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const entry = describe(pid);
    if (!entry || !LAUNCHER.test(entry.command)) break;
    launchers.push({ pid, command: entry.command });
    pid = entry.ppid;
  }
  return launchers;
}

function describeProcess(pid: number): { ppid: number; command: string } | undefined {
  const result = spawnSync("ps", ["-o", "ppid=", "-o", "args=", "-p", String(pid)], { encoding: "utf8" });
  const match = /^\s*(\d+)\s+(.*)$/.exec(result.stdout.trim());
  return match ? { ppid: Number(match[1]), command: match[2]! } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal (a reused pid): treat as gone is wrong, keep watching.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `onOrphaned` once when any launcher has exited (checked every `intervalMs`, and when
 * the parent changes: a reparented process's ppid becomes 1 or a subreaper). Returns a stop function.
 */
export function watchLaunchers(launchers: readonly Launcher[], onOrphaned: (gone: Launcher) => void, intervalMs = 200): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = launchers.find((launcher) => !isAlive(launcher.pid)) ?? (process.ppid !== parent ? launchers[0] : undefined);
    if (gone) {
      clearInterval(timer);
      onOrphaned(gone);
    }
  }, intervalMs);
  // The watch alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
