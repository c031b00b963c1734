/**
 * `npm test`: type-check, lint and jest at the same time, since none needs another's output and
 * each alone leaves a core idle. tsc and eslint keep their caches in .cache/ (content-hashed, so
 * a changed file is always re-checked). Their output is printed once they are done; jest's
 * output streams as usual, except its closing line (`jest: N passed, N failed`), which stays
 * the last line of the run. Exits non-zero if any of the three fails.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const CLOSING_LINE = /^jest: \d+ passed, \d+ failed/;

/** Runs a command with its output held back; resolves with its exit code and output. */
function quiet(label, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ label, code: code ?? 1, output }));
  });
}

/** Runs jest with its output passed through, keeping back its closing line. */
function jest(args) {
  return new Promise((resolve) => {
    const child = spawn(bin("jest"), args, { cwd: root, stdio: ["ignore", "inherit", "pipe"] });
    const closing = [];
    let pending = "";
    child.stderr.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (CLOSING_LINE.test(line)) closing.push(line);
        else process.stderr.write(`${line}\n`);
      }
    });
    child.on("close", (code) => {
      if (CLOSING_LINE.test(pending)) closing.push(pending);
      else if (pending) process.stderr.write(`${pending}\n`);
      resolve({ code: code ?? 1, closing });
    });
  });
}

const started = Date.now();
const checks = Promise.all([
  quiet("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", ".cache/tsc/tsconfig.tsbuildinfo"]),
  quiet("lint", bin("eslint"), ["--cache", "--cache-strategy", "content", "--cache-location", ".cache/eslint/", "."]),
]);
const jestResult = await jest(process.argv.slice(2));
const results = await checks;

for (const { label, code, output } of results) {
  if (output.trim()) process.stderr.write(`\n${label}:\n${output.trimEnd()}\n`);
  process.stderr.write(`${label}: ${code === 0 ? "ok" : `failed (exit ${code})`}\n`);
}
process.stderr.write(`npm test: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
for (const line of jestResult.closing) process.stderr.write(`${line}\n`);
process.exitCode = results.some((r) => r.code !== 0) || jestResult.code !== 0 ? 1 : 0;
