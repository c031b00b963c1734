/**
 * Loads a Pulumi program module (index.ts, a fixture program) in a fresh jest module registry,
 * so its top-level code runs again and registers its resources again, while the Pulumi SDKs
 * (@pulumi/pulumi, @pulumi/aws) stay the single instances this test file already loaded.
 *
 * Why: `jest.isolateModules` alone re-evaluates every module the program reaches, including
 * @pulumi/aws (thousands of generated files): seconds of CPU per run, repeated for each run of
 * each file. The SDKs hold no per-run state of their own — Pulumi's runtime keeps config, mocks
 * and the stack in one process-global store, which every copy shares — so re-loading them
 * changes nothing the program registers. One SDK instance per process is also what the Pulumi
 * CLI's Node.js host gives a program.
 */
import * as path from "node:path";

/** The SDK packages every program run shares (resolved from this file, as the program resolves them). */
const SHARED_PACKAGES = ["@pulumi/pulumi", "@pulumi/aws"] as const;

let shared = false;

/** Registers the already-loaded SDK instances so that isolated registries reuse them. */
function shareSdks(): void {
  if (shared) return;
  shared = true;
  for (const name of SHARED_PACKAGES) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const instance: unknown = require(name);
    jest.setMock(name, instance as object);
  }
}

/**
 * Returns a loader for `modulePath` (absolute, or relative to the repository root) that
 * requires it in a fresh module registry each time it is called, sharing the Pulumi SDKs.
 */
export function isolatedProgram(modulePath: string): () => unknown {
  const absolute = path.isAbsolute(modulePath) ? modulePath : path.join(__dirname, "..", "..", modulePath);
  return () => {
    shareSdks();
    let exported: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(absolute);
    });
    return exported;
  };
}
