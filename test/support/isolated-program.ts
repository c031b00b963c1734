/**
 * Loads a Pulumi program module (index.ts, a fixture program) in a fresh jest module registry,
 * so its top-level code runs again and registers its resources again, while every installed
 * package (node_modules: @pulumi/pulumi, @pulumi/aws, grpc, protobuf, ...) stays the single
 * instance this test file already loaded.
 *
 * Why: `jest.isolateModules` alone re-evaluates every module the program reaches, including
 * @pulumi/aws (thousands of generated files): seconds of CPU per run, repeated for each run of
 * each file. Sharing only the package entry points is not enough: @pulumi/aws loads each
 * resource class on first access (`aws.iam.Role` requires `./iam/role` then), and inside an
 * isolated registry that require — with `../utilities` and `@pulumi/pulumi/runtime` behind it —
 * is evaluated afresh on every run, ~200 ms per small program. So every package module loaded so
 * far, in the file's registry or by an earlier run, is handed to later runs as it is. The
 * packages hold no per-run state of their own — Pulumi's runtime keeps config, mocks and the
 * stack in one process-global store, which every copy shares — so sharing them changes nothing
 * the program registers. One instance of each package per process is also what the Pulumi CLI's
 * Node.js host gives a program.
 */
import * as path from "node:path";

/** The SDK packages every program run shares (resolved from this file, as the program resolves them). */
const SDK_PACKAGES = ["@pulumi/pulumi", "@pulumi/aws"] as const;
const PACKAGE_MODULE = `${path.sep}node_modules${path.sep}`;

/** Package modules already handed to isolated registries. */
const sharedModules = new Set<string>();

/**
 * Registers every package module in the registry `require.cache` shows (the file's own, or the
 * isolated one when called inside `isolateModules`) so that isolated registries reuse it.
 */
function sharePackageModules(): void {
  for (const modulePath of Object.keys(require.cache)) {
    if (sharedModules.has(modulePath) || !modulePath.includes(PACKAGE_MODULE)) continue;
    const loaded = require.cache[modulePath];
    // A module still being evaluated (a require cycle) has incomplete exports; take it next time.
    if (loaded === undefined || !loaded.loaded) continue;
    sharedModules.add(modulePath);
    jest.setMock(modulePath, loaded.exports as object);
  }
}

/**
 * Returns a loader for `modulePath` (absolute, or relative to the repository root) that
 * requires it in a fresh module registry each time it is called, sharing installed packages.
 */
export function isolatedProgram(modulePath: string): () => unknown {
  const absolute = path.isAbsolute(modulePath) ? modulePath : path.join(__dirname, "..", "..", modulePath);
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const name of SDK_PACKAGES) require(name);
    sharePackageModules();
    let exported: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(absolute);
      sharePackageModules();
    });
    return exported;
  };
}
