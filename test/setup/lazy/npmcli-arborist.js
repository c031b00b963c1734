/**
 * Stands for `@npmcli/arborist` (see ./lazy-module.js), which @pulumi/pulumi's closure
 * serialiser (runtime/closure/codePaths.js) requires up front and uses only as
 * `new arborist.Arborist(...)`. Required by its file path, which the mapping does not match.
 */
const path = require("node:path");
const lazyModule = require("./lazy-module");

const packageDir = path.dirname(require.resolve("@npmcli/arborist/package.json"));
module.exports = lazyModule(() => require(path.join(packageDir, require(path.join(packageDir, "package.json")).main ?? "index.js")), { esModule: true });
