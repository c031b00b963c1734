/**
 * The gate CLI defers what @pulumi/pulumi needs only to serialise closures (its TypeScript shim,
 * npm's Arborist) through require.cache entries that load the real module on first use. Proven
 * in a plain Node process (jest's own registry has no writable require.cache): Node's
 * require.cache lists what was loaded, and the deferred modules must still be the real ones when
 * used — the shim's TypeScript is the installed `typescript` package (its package.json version),
 * Arborist's `Arborist` is the class its package's own module exports.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { lazyModule } from "../../policy-pack/gate/lazy-module";

const ROOT = path.join(__dirname, "..", "..");

/** Runs `script` with tsx in a fresh Node process and returns what it printed as JSON. */
function inFreshProcess(script: string): Record<string, unknown> {
  const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Files of a package in require.cache (the deferred entry itself is one file, the real Arborist dozens). */
function typescriptVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
}

const LOADED = `const loaded = (part) => Object.keys(require.cache).filter((file) => file.includes(part)).length;`;

describe("the gate's deferred closure-serialisation modules", () => {
  it("keep the TypeScript compiler and Arborist unloaded while @pulumi/pulumi loads", () => {
    const result = inFreshProcess(`
      require("./policy-pack/gate/closure-serialisation-modules");
      const pulumi = require("@pulumi/pulumi");
      ${LOADED}
      console.log(JSON.stringify({ pulumi: typeof pulumi.Config, typescript: loaded("/node_modules/typescript/"), arborist: loaded("/@npmcli/arborist/") }));
    `);
    // Only the deferred entry for Arborist's main file; nothing of TypeScript.
    expect(result).toEqual({ pulumi: "function", typescript: 0, arborist: 1 });
  });

  it("without it, loading @pulumi/pulumi loads both (what it saves)", () => {
    const result = inFreshProcess(`
      require("@pulumi/pulumi");
      ${LOADED}
      console.log(JSON.stringify({ typescript: loaded("/node_modules/typescript/"), arborist: loaded("/@npmcli/arborist/") }));
    `);
    expect(result.typescript).toBeGreaterThan(0);
    expect(result.arborist).toBeGreaterThan(10);
  });

  it("give the real modules on first use", () => {
    const result = inFreshProcess(`
      require("./policy-pack/gate/closure-serialisation-modules");
      const path = require("node:path");
      const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
      const shim = require(path.join(pulumiDir, "typescript-shim.js"));
      const arboristMain = require.resolve("@npmcli/arborist", { paths: [pulumiDir] });
      const arborist = require(arboristMain);
      console.log(JSON.stringify({
        shimVersion: shim.version,
        createsSourceFiles: typeof shim.createSourceFile,
        // The class Arborist's own module exports (lib/arborist/index.js, re-exported by its main).
        arboristIsClass: typeof arborist.Arborist === "function" && arborist.Arborist === require(path.join(path.dirname(arboristMain), "arborist", "index.js")),
      }));
    `);
    expect(result).toEqual({ shimVersion: typescriptVersion(), createsSourceFiles: "function", arboristIsClass: true });
  });
});

describe("lazyModule", () => {
  it("loads once, on the first access, and then behaves as the module", () => {
    let loads = 0;
    const real = { answer: 42, nested: { deep: true } };
    const lazy = lazyModule(() => (loads++, real)) as typeof real;
    expect(loads).toBe(0);
    expect(lazy.answer).toBe(42);
    expect({ ...lazy }).toEqual(real);
    expect("nested" in lazy).toBe(true);
    expect(loads).toBe(1);
  });

  it("answers __esModule without loading when asked to, as TypeScript's __importStar checks it first", () => {
    let loads = 0;
    const lazy = lazyModule(() => (loads++, { Arborist: class {} }), { esModule: true }) as { __esModule?: boolean; Arborist: unknown };
    expect(lazy.__esModule).toBe(true);
    expect(loads).toBe(0);
    expect(typeof lazy.Arborist).toBe("function");
    expect(loads).toBe(1);
  });
});
