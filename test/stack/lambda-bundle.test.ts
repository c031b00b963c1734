/**
 * The in-program esbuild bundling: each real entry point becomes one minified CommonJS file
 * exporting `handler`, with a linked source map, built for Node 18. Robust to the handlers'
 * content: only the bundle's shape is asserted, and stack traces are read by Node itself.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { LAMBDA_ENTRY_POINTS } from "../../contract/lambda-environment";
import {
  BUNDLE_FILE,
  BUNDLE_TARGET,
  buildLambdaBundle,
  LAMBDA_NODE_OPTIONS,
  lambdaCodeArchive,
  REPOSITORY_ROOT,
  SOURCE_MAP_FILE,
} from "../../lib/functions/lambda-bundle";

/**
 * Requires the SDK makes inside try/catch for optional features, left unresolved on purpose:
 * the CRT signer is only for SigV4a (multi-region access points), which we never call.
 */
const OPTIONAL_REQUIRES = new Set(["@aws-sdk/signature-v4-crt"]);

describe.each(Object.entries(LAMBDA_ENTRY_POINTS))("%s bundle", (_name, entryPoint) => {
  const bundle = buildLambdaBundle(entryPoint);

  it("is minified CommonJS exporting a handler function", () => {
    // Minified: far fewer lines than characters.
    expect(bundle.code.split("\n").length).toBeLessThan(bundle.code.length / 500);
    const module = { exports: {} as Record<string, unknown> };
    // Load the bundle as Lambda's Node runtime would (CommonJS), without running the handler.
    const load = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${bundle.code}\n})`) as (
      exports: unknown,
      require: NodeRequire,
      module: unknown,
      filename: string,
      dirname: string,
    ) => void;
    const previous = { ...process.env };
    try {
      load(module.exports, require, module, "/var/task/index.js", "/var/task");
    } catch {
      // Cold-start configuration errors (missing env vars) are the handler's business, not the bundle's.
    } finally {
      process.env = previous;
    }
    expect(Object.keys(module.exports)).toContain("handler");
  });

  it("needs no node_modules at runtime except Node built-ins (AWS SDK v3 is bundled)", () => {
    const required = [...bundle.code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    const external = required.filter((name) => !name.startsWith("node:") && !builtinModules.includes(name) && !OPTIONAL_REQUIRES.has(name));
    expect(external).toEqual([]);
  });

  it("has a source map (v3) naming the TypeScript sources", () => {
    const map = JSON.parse(bundle.sourceMap) as { version: number; sources: string[]; sourcesContent?: unknown };
    expect(map.version).toBe(3);
    expect(map.sources.some((source) => source.endsWith(entryPoint.split("/").slice(-2).join("/")))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  it("links its map with a sourceMappingURL comment on its last line", () => {
    expect(bundle.code.trimEnd().split("\n").pop()).toBe(`//# sourceMappingURL=${SOURCE_MAP_FILE}`);
  });
});

describe("stack traces of the deployed archive", () => {
  // The processor fails at cold start without EVENTS_TABLE_NAME: requireEnv throws.
  const throwingSource = "lambda/shared/environment.ts";
  const sourceLines = fs.readFileSync(path.join(REPOSITORY_ROOT, throwingSource), "utf8").split("\n");
  const throwLine = sourceLines.findIndex((line) => line.includes("is required but not set")) + 1;
  let taskDir: string;

  beforeAll(async () => {
    // Lay the archive out as Lambda does in /var/task.
    taskDir = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-task-"));
    const assets = (await lambdaCodeArchive(LAMBDA_ENTRY_POINTS.paymentProcessor).assets) as Record<string, { text: Promise<string> }>;
    for (const [file, asset] of Object.entries(assets)) fs.writeFileSync(path.join(taskDir, file), await asset.text);
  });
  afterAll(() => fs.rmSync(taskDir, { recursive: true, force: true }));

  /** The stack of the cold-start error, as Node prints it in a fresh process. */
  const coldStartStack = (nodeOptions: string[]): string => {
    const probe = "try { require(process.argv[1]); } catch (error) { process.stdout.write(String(error.stack)); }";
    const child = spawnSync(process.execPath, [...nodeOptions, "-e", probe, path.join(taskDir, BUNDLE_FILE)], { env: { PATH: process.env.PATH }, encoding: "utf8" });
    expect(child.status).toBe(0);
    return child.stdout;
  };

  it("name the TypeScript file and line that threw when run with the functions' NODE_OPTIONS", () => {
    expect(throwLine).toBeGreaterThan(0);
    const stack = coldStartStack([LAMBDA_NODE_OPTIONS]);
    expect(stack).toMatch(/^ConfigurationError: Environment variable EVENTS_TABLE_NAME is required but not set\./);
    const frames = stack.split("\n").filter((line) => line.trimStart().startsWith("at "));
    expect(frames[0]).toContain(`${throwingSource}:${throwLine}:`);
    expect(frames.some((frame) => frame.includes("lambda/payment-processor/index.ts:"))).toBe(true);
  });

  it("name only the minified bundle without them (what the map fixes)", () => {
    const stack = coldStartStack([]);
    expect(stack).not.toMatch(/\.ts:\d+:\d+/);
    expect(stack).toContain(`${BUNDLE_FILE}:`);
  });
});

it("targets Node 18 so every runtime AWS still allows can run it", () => {
  expect(BUNDLE_TARGET).toBe("node18");
  // `await using` is newer than Node 18: esbuild keeps it for esnext but must lower it for node18.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-target-"));
  const entry = path.join(dir, "handler.ts");
  fs.writeFileSync(entry, "export const handler = async () => { await using resource = { async [Symbol.asyncDispose]() {} }; return resource; };\n");
  try {
    const bundled = buildLambdaBundle(path.relative(REPOSITORY_ROOT, entry));
    expect(bundled.code).toContain("handler");
    expect(bundled.code).not.toMatch(/await using/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("fails with the entry point named when it does not exist", () => {
  expect(() => buildLambdaBundle("lambda/missing/index.ts")).toThrow(/Lambda entry point lambda\/missing\/index\.ts does not exist/);
});

it("archives index.js and its map for the Lambda function", async () => {
  const archive = lambdaCodeArchive(LAMBDA_ENTRY_POINTS.webhookValidator);
  const assets = (await archive.assets) as Record<string, { text: Promise<string> }>;
  expect(Object.keys(assets).sort()).toEqual(["index.js", "index.js.map"]);
  expect(await assets["index.js"].text).toBe(buildLambdaBundle(LAMBDA_ENTRY_POINTS.webhookValidator).code);
});
