/**
 * Stands for @pulumi/pulumi's `typescript-shim.js` (see policy-pack/gate/lazy-module.ts): the
 * same TypeScript module, with the shim's fallback to Pulumi's vendored copy, loaded on first use.
 */
const path = require("node:path");
// The gate defers the same modules the same way (policy-pack/gate/closure-serialisation-modules.ts).
const { lazyModule } = require("../../../policy-pack/gate/lazy-module");

module.exports = lazyModule(() => {
  try {
    return require("typescript");
  } catch {
    return require(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "vendor", "typescript@3.8.3", "typescript.js"));
  }
});
