/**
 * Jest transform for TypeScript with esbuild (already a dependency: the stack bundles the
 * handlers with it). Type-checking is `tsc`'s job in `npm test`, so jest only needs the types
 * stripped; esbuild does that per file in about a millisecond, where ts-jest's isolatedModules
 * mode spends tens of milliseconds, which a cold cache (every CI run) pays for each of the
 * ~1,000 files a run loads. esbuild does not hoist `jest.mock(...)` above imports the way
 * ts-jest does, so a file that calls `jest.mock` still goes through ts-jest.
 */
const { transformSync } = require("esbuild");
const crypto = require("node:crypto");
const tsJest = require("ts-jest").default.createTransformer({ tsconfig: "<rootDir>/tsconfig.jest.json" });

const ESBUILD_OPTIONS = { loader: "ts", format: "cjs", target: "node20", sourcemap: "inline", sourcesContent: false };
const usesJestMock = (source) => /\bjest\.mock\(/.test(source);

module.exports = {
  process(source, filename, options) {
    if (usesJestMock(source)) return tsJest.process(source, filename, options);
    const { code } = transformSync(source, { ...ESBUILD_OPTIONS, sourcefile: filename });
    return { code };
  },
  getCacheKey(source, filename, options) {
    if (usesJestMock(source)) return tsJest.getCacheKey(source, filename, options);
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
