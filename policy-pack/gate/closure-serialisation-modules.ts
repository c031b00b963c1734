/**
 * Keeps the gate CLI and the CrossGuard analyzer (policy-pack/index.ts) from loading what
 * @pulumi/pulumi needs only to serialise JavaScript closures: its TypeScript shim (the 9 MB
 * compiler) and npm's Arborist, required when @pulumi/pulumi loads: about 0.65 s of CPU, a third
 * of a gate run and half of the analyzer's start. Neither serialises a closure (the programs
 * bundle their Lambda code with esbuild; policies only read resources). Node lets a program add
 * entries to `require.cache`, which every `require` checks first (Node.js documentation,
 * "Modules: require.cache"): this adds, before @pulumi/pulumi loads, entries whose exports load
 * the real module on first use (./lazy-module.ts). Import it before anything that imports
 * @pulumi/pulumi.
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

/** The file `request` resolves to from @pulumi/pulumi's own directory; undefined where it cannot be found. */
function resolvedFromPulumi(request: (pulumiDir: string) => string): string | undefined {
  try {
    return request(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
  } catch {
    // Another layout (a package manager that does not hoist): nothing is deferred, all still works.
    return undefined;
  }
}

const typescriptShim = resolvedFromPulumi((pulumiDir) => require.resolve(path.join(pulumiDir, "typescript-shim.js")));
if (typescriptShim !== undefined) deferUntilUsed(typescriptShim);
// runtime/closure/codePaths.js takes it through `__importStar`, and only calls `new Arborist(...)`.
const arborist = resolvedFromPulumi((pulumiDir) => require.resolve("@npmcli/arborist", { paths: [pulumiDir] }));
if (arborist !== undefined) deferUntilUsed(arborist, { esModule: true });
