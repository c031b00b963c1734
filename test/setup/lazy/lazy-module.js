/**
 * A module that stands for another one and loads it on first use. Used (through jest.config.js
 * `moduleNameMapper`) for what @pulumi/pulumi requires up front but uses only to serialise
 * JavaScript closures, which this project's programs never do (the Lambda code is bundled
 * with esbuild): the TypeScript compiler and npm's Arborist. Each test file has its own module
 * registry, so loading them eagerly costs every file that loads @pulumi/pulumi (~0.7 s of CPU,
 * more than the rest of @pulumi/pulumi); outside jest (`pulumi up`, the gate CLI,
 * test/support/load-like-pulumi-cli.js) the real modules load as usual.
 */
module.exports = function lazyModule(load, { esModule = false } = {}) {
  let real;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      // `__importStar` (TypeScript's CommonJS interop) asks this first; answering it without
      // loading lets the caller keep this proxy instead of copying every export right away.
      get: (_proxy, key) => (esModule && key === "__esModule" ? true : target()[key]),
      has: (_proxy, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      // Reported as configurable: the (empty, extensible) proxy target must not be asked to hold them.
      getOwnPropertyDescriptor: (_proxy, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    },
  );
};
