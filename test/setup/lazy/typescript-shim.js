/**
 * Stands for @pulumi/pulumi's `typescript-shim.js` (see ./lazy-module.js): the same TypeScript
 * module, with the shim's fallback to Pulumi's vendored copy, loaded on first use.
 */
const path = require("node:path");
const lazyModule = require("./lazy-module");

module.exports = lazyModule(() => {
  try {
    return require("typescript");
  } catch {
    return require(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "vendor", "typescript@3.8.3", "typescript.js"));
  }
});
