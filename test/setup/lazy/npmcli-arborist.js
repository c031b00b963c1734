/**
 * Stands for `@npmcli/arborist` (see policy-pack/gate/lazy-module.ts), which @pulumi/pulumi's
 * closure serialiser (runtime/closure/codePaths.js) requires up front and uses only as
 * `new arborist.Arborist(...)`. Required by its file path, which the mapping does not match.
 */
const path = require("node:path");
// The gate defers the same modules the same way (policy-pack/gate/closure-serialisation-modules.ts).
const { lazyModule } = require("../../../policy-pack/gate/lazy-module");

const packageDir = path.dirname(require.resolve("@npmcli/arborist/package.json"));
module.exports = lazyModule(() => require(path.join(packageDir, require(path.join(packageDir, "package.json")).main ?? "index.js")), { esModule: true });
