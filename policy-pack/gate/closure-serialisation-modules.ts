/**
 * Keeps the gate from loading what @pulumi/pulumi needs only to serialise JavaScript closures:
 * its TypeScript shim (the 9 MB compiler) and npm's Arborist, required when @pulumi/pulumi loads
 * and about 0.65 s of CPU, a third of a gate run. The programs the gate runs bundle their Lambda
 * code with esbuild and never serialise a closure. Node lets a program add entries to
 * `require.cache`, which every `require` checks first (Node.js documentation, "Modules:
 * require.cache"): this adds, before @pulumi/pulumi loads, entries whose exports load the real
 * module on first use (./lazy-module.ts). Import it before anything that imports @pulumi/pulumi.
 */
import Module from "node:module";
import * as path from "node:path";
import { lazyModule } from "./lazy-module";

function deferUntilUsed(filename: string, options: { esModule?: boolean } = {}): void {
  if (require.cache[filename] !== undefined) return;
  const entry = new Module(filename, module);
  entry.filename = filename;
  entry.loaded = true;
  entry.exports = lazyModule(() => {
    // The real module replaces this entry in the cache as it loads.
    if (require.cache[filename] === entry) delete require.cache[filename];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(filename) as object;
  }, options);
  require.cache[filename] = entry;
}

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
deferUntilUsed(path.join(pulumiDir, "typescript-shim.js"));
// runtime/closure/codePaths.js takes it through `__importStar`, and only calls `new Arborist(...)`.
deferUntilUsed(require.resolve("@npmcli/arborist", { paths: [pulumiDir] }), { esModule: true });
