/**
 * Bundles a Lambda handler with esbuild while the Pulumi program runs, so `pulumi up` needs no
 * separate build step and the deployed code is always built from the checked-out sources.
 *
 * AWS SDK v3 is BUNDLED, not left external to the runtime's copy: the runtime's SDK version
 * is chosen by AWS and changes under us, whereas the bundled one is exactly the version the
 * tests ran against (package-lock.json). Minified and tree-shaken, the DynamoDB/EventBridge
 * clients cost a few hundred KB, which we accept for reproducibility.
 *
 * The source map ships in the archive, linked from the bundle by a `sourceMappingURL` comment,
 * and the functions run with `--enable-source-maps`: a stack trace then names the TypeScript
 * file and line (`lambda/webhook-validator/...ts:42:11`) instead of a position in one minified
 * line. README.md ("Stack traces") has the measured cold-start cost.
 */
import * as path from "node:path";
import * as fs from "node:fs";
import { buildSync } from "esbuild";
import * as pulumi from "@pulumi/pulumi";

/** Repository root: entry points in contract/lambda-environment.ts are relative to it. */
export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

/** Handlers are built for Node 18 so they run unchanged on every runtime AWS still allows. */
export const BUNDLE_TARGET = "node18";
/** File name inside the archive; the function's handler is `<name without .js>.handler`. */
export const BUNDLE_FILE = "index.js";
export const BUNDLE_HANDLER = "index.handler";
export const SOURCE_MAP_FILE = `${BUNDLE_FILE}.map`;
/**
 * The functions' NODE_OPTIONS. Node applies source maps to `Error.stack` only with this flag
 * (Node.js CLI documentation, `--enable-source-maps`); Lambda passes NODE_OPTIONS to the runtime.
 */
export const LAMBDA_NODE_OPTIONS = "--enable-source-maps";

export interface LambdaBundle {
  /** The bundle; its last line links SOURCE_MAP_FILE. */
  code: string;
  sourceMap: string;
}

/** The absolute path of `entryPoint` (relative to the repository root); throws when it does not exist. */
export function resolveEntryPoint(entryPoint: string): string {
  const absoluteEntry = path.resolve(REPOSITORY_ROOT, entryPoint);
  if (!fs.existsSync(absoluteEntry)) {
    throw new Error(`Lambda entry point ${entryPoint} does not exist (looked for ${absoluteEntry}).`);
  }
  return absoluteEntry;
}

/** Builds `entryPoint` (relative to the repository root) into one minified CommonJS file plus its linked source map. */
export function buildLambdaBundle(entryPoint: string): LambdaBundle {
  const absoluteEntry = resolveEntryPoint(entryPoint);
  const result = buildSync({
    entryPoints: [absoluteEntry],
    outfile: path.join(REPOSITORY_ROOT, "bin", "lambda", BUNDLE_FILE),
    write: false,
    bundle: true,
    minify: true,
    // "linked": a separate map plus the `//# sourceMappingURL=index.js.map` comment Node
    // follows; "external" writes the map without the comment, so Node never finds it.
    sourcemap: "linked",
    // Sources stay out of the map: smaller archive, and stack traces only need names and lines.
    sourcesContent: false,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    absWorkingDir: REPOSITORY_ROOT,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"));
  const sourceMap = result.outputFiles.find((file) => file.path.endsWith(".js.map"));
  if (!code || !sourceMap) throw new Error(`esbuild produced no bundle for ${entryPoint}.`);
  return { code: code.text, sourceMap: sourceMap.text };
}

/**
 * Set to "1" by the compliance gate (`npm run policy:check`), whose policies never read the code
 * archive: the archive then holds a placeholder instead of a bundle, saving the esbuild builds.
 * `pulumi up`/`preview` never set it, so what they deploy is always the real bundle.
 */
export const SKIP_BUNDLING_ENV = "PAYMENT_WEBHOOKS_SKIP_LAMBDA_BUNDLE";

/**
 * Bundles already built in this process, by absolute entry point. A program builds each handler
 * once, so `pulumi up` is unaffected; a process that runs the program several times (the stack
 * tests, one run per stack config) builds each handler once instead of once per run. Kept on
 * the global object rather than in this module, because the tests load the program — and with
 * it this module — afresh for every run. Sources do not change while one process runs.
 */
const BUNDLE_MEMO = Symbol.for("payment-webhooks:lambda-bundles");

function memoisedBundle(entryPoint: string): LambdaBundle {
  const holder = globalThis as { [BUNDLE_MEMO]?: Map<string, LambdaBundle> };
  const memo = (holder[BUNDLE_MEMO] ??= new Map<string, LambdaBundle>());
  const key = resolveEntryPoint(entryPoint);
  let bundle = memo.get(key);
  if (bundle === undefined) {
    bundle = buildLambdaBundle(entryPoint);
    memo.set(key, bundle);
  }
  return bundle;
}

/** The bundle as the Lambda deployment archive (index.js + index.js.map). */
export function lambdaCodeArchive(entryPoint: string): pulumi.asset.AssetArchive {
  if (process.env[SKIP_BUNDLING_ENV] === "1") {
    resolveEntryPoint(entryPoint);
    return new pulumi.asset.AssetArchive({ [BUNDLE_FILE]: new pulumi.asset.StringAsset(`// ${entryPoint}: not bundled (${SKIP_BUNDLING_ENV}=1)\n`) });
  }
  const bundle = memoisedBundle(entryPoint);
  return new pulumi.asset.AssetArchive({
    [BUNDLE_FILE]: new pulumi.asset.StringAsset(bundle.code),
    [SOURCE_MAP_FILE]: new pulumi.asset.StringAsset(bundle.sourceMap),
  });
}
