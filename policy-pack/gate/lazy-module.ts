/**
 * A module that stands for another one and loads it on first use: for what @pulumi/pulumi requires
 * up front but uses only to serialise JavaScript closures into function code, which the programs
 * the gate and the tests run never do (their Lambda code is bundled with esbuild): the TypeScript
 * compiler and npm's Arborist. The gate installs it through `require.cache`
 * (./closure-serialisation-modules.ts), the tests through jest's `moduleNameMapper`
 * (test/setup/lazy/). Anything that does use them gets the real module on its first access.
 */
export function lazyModule(load: () => object, { esModule = false }: { esModule?: boolean } = {}): object {
  let real: object | undefined;
  const target = (): object => (real ??= load());
  return new Proxy(
    {},
    {
      // `__importStar` (TypeScript's CommonJS interop) asks this first; answering it without
      // loading lets the caller keep this proxy instead of copying every export right away.
      get: (_proxy, key) => (esModule && key === "__esModule" ? true : Reflect.get(target(), key)),
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
}
