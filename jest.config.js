/**
 * Jest runs TypeScript without type-checking because `npm run typecheck` type-checks the whole
 * tree once; ts-jest with full checking builds a TypeScript program per test file, seconds each. One worker per core: jest's default (cores - 1) would run the suite
 * on one of two cores; tsc and eslint, which `npm test` runs alongside, finish early and then
 * leave both cores to jest.
 */
/** @type {import('jest').Config} */
module.exports = {
  // jest's Node environment sharing the Lambda bundles within a worker (the file says why).
  testEnvironment: "<rootDir>/test/setup/node-environment.js",
  roots: ["<rootDir>/test", "<rootDir>/policy-pack"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  transform: {
    // esbuild strips the types (test/setup/esbuild-transformer.js says why); tsc checks them.
    "^.+\\.ts$": "<rootDir>/test/setup/esbuild-transformer.js",
  },
  setupFiles: ["<rootDir>/test/setup/polyfills.ts", "<rootDir>/test/setup/pulumi-stack-traces.ts"],
  // What @pulumi/pulumi loads up front only to serialise closures (the TypeScript compiler, npm's
  // Arborist), which nothing here does, is loaded on first use instead: each test file has its own
  // module registry, so loading them eagerly would cost every file that loads @pulumi/pulumi ~0.7 s
  // of CPU (policy-pack/gate/lazy-module.ts; the gate CLI defers the same two modules).
  moduleNameMapper: {
    "^(\\./|(\\.\\./)+)typescript-shim$": "<rootDir>/test/setup/lazy/typescript-shim.js",
    "^@npmcli/arborist$": "<rootDir>/test/setup/lazy/npmcli-arborist.js",
  },
  testTimeout: 60000,
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/test/setup/closing-line-reporter.js"],
};
