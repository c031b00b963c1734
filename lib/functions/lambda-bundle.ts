/**
 * Bundles a Lambda handler with esbuild while the Pulumi program runs, so `pulumi up` needs no
 * separate build step and the deployed code is always built from the checked-out sources.
 *
 * AWS SDK v3 is BUNDLED, not left external to the runtime's copy: the runtime's SDK version
 * is chosen by AWS and changes under us, whereas the bundled one is exactly the version the
 * tests ran against (package-lock.json). Minified and tree-shaken, the DynamoDB/EventBridge
 * clients cost a few hundred KB, which we accept for reproducibility.
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

export interface LambdaBundle {
  code: string;
  sourceMap: string;
}

/** Builds `entryPoint` (relative to the repository root) into one minified CommonJS file plus its source map. */
export function buildLambdaBundle(entryPoint: string): LambdaBundle {
  const absoluteEntry = path.resolve(REPOSITORY_ROOT, entryPoint);
  if (!fs.existsSync(absoluteEntry)) {
    throw new Error(`Lambda entry point ${entryPoint} does not exist (looked for ${absoluteEntry}).`);
  }
  const result = buildSync({
    entryPoints: [absoluteEntry],
    outfile: path.join(REPOSITORY_ROOT, "bin", "lambda", BUNDLE_FILE),
    write: false,
    bundle: true,
    minify: true,
    sourcemap: "external",
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

/** The bundle as the Lambda deployment archive (index.js + index.js.map). */
export function lambdaCodeArchive(entryPoint: string): pulumi.asset.AssetArchive {
  const bundle = buildLambdaBundle(entryPoint);
  return new pulumi.asset.AssetArchive({
    [BUNDLE_FILE]: new pulumi.asset.StringAsset(bundle.code),
    [`${BUNDLE_FILE}.map`]: new pulumi.asset.StringAsset(bundle.sourceMap),
  });
}
