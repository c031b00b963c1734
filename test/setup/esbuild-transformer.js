/**
 * Jest transform for TypeScript with esbuild (already a dependency: the stack bundles the
 * handlers with it). Type-checking is `tsc`'s job in `npm test`, so jest only needs the types
 * stripped; esbuild does that per file in about a millisecond, where ts-jest's isolatedModules
 * mode spends tens of milliseconds, which a cold cache (every CI run) pays for each of the
 * ~1,000 files a run loads. Two differences from ts-jest's CommonJS output are closed here:
 * `import()` is lowered to `require` (as TypeScript's CommonJS emit does; jest's CommonJS registry
 * cannot run a native dynamic import without --experimental-vm-modules), and a file that calls
 * `jest.mock` still goes through ts-jest, because esbuild does not hoist those calls above imports.
 */
const { transformSync } = require("esbuild");
const crypto = require("node:crypto");
// ts-jest takes ~0.45 s to load and serves one file, so it loads when that file is transformed.
let tsJestTransformer;
const tsJest = () => (tsJestTransformer ??= require("ts-jest").default.createTransformer({ tsconfig: "<rootDir>/tsconfig.jest.json" }));

const ESBUILD_OPTIONS = {
  loader: "ts",
  format: "cjs",
  target: "node20",
  supported: { "dynamic-import": false },
  sourcemap: "inline",
  sourcesContent: false,
};
const usesJestMock = (source) => /\bjest\.mock\(/.test(source);

module.exports = {
  process(source, filename, options) {
    if (usesJestMock(source)) return tsJest().process(source, filename, options);
    const { code } = transformSync(source, { ...ESBUILD_OPTIONS, sourcefile: filename });
    return { code };
  },
  getCacheKey(source, filename, options) {
    if (usesJestMock(source)) return tsJest().getCacheKey(source, filename, options);
    return crypto
      .createHash("sha256")
      .update(source)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(JSON.stringify(ESBUILD_OPTIONS))
      .update(require("esbuild/package.json").version)
      .digest("hex");
  },
};
