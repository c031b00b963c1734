/**
 * Stands for @pulumi/pulumi's `typescript-shim.js` (see policy-pack/gate/lazy-module.ts): the
 * shim itself, and with it the TypeScript it chooses, loaded on first use. Required by its file
 * path, which the mapping does not match.
 */
const path = require("node:path");
// The gate defers the same modules the same way (policy-pack/gate/closure-serialisation-modules.ts).
const { lazyModule } = require("../../../policy-pack/gate/lazy-module");

const shim = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "typescript-shim.js");
module.exports = lazyModule(() => require(shim));
