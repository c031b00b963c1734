/**
 * Stands in (through jest.config.js `moduleNameMapper`) for @pulumi/pulumi's
 * `typescript-shim.js`, which requires the whole TypeScript compiler as soon as @pulumi/pulumi
 * is loaded, although Pulumi only uses it to serialise JavaScript closures — which this
 * project's programs never do (the Lambda code is bundled with esbuild).
 *
 * Inside jest, compiling typescript.js (9 MB) costs about 7 s of CPU in every test file that
 * loads @pulumi/pulumi, because each file has its own module registry. This module exports the
 * same TypeScript module, loaded on first use instead of up front, with the shim's own fallback
 * (Pulumi's vendored TypeScript) when the package is missing. Outside jest (`pulumi up`, the
 * gate CLI, test/support/load-like-pulumi-cli.js) the real shim is used.
 */
const path = require("node:path");

let typescript;
function load() {
  if (typescript === undefined) {
    try {
      typescript = require("typescript");
    } catch {
      typescript = require(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "vendor", "typescript@3.8.3", "typescript.js"));
    }
  }
  return typescript;
}

module.exports = new Proxy(
  {},
  {
    get: (_target, key) => load()[key],
    has: (_target, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    // Reported as configurable: the (empty, extensible) proxy target must not be asked to hold them.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
  },
);
