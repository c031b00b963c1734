/**
 * Jest runs TypeScript without type-checking (isolatedModules) because `npm run typecheck`
 * type-checks the whole tree once; ts-jest with full checking builds a TypeScript program per
 * test file, seconds each. One worker per core: jest's default (cores - 1) would run the suite
 * on one of two cores; tsc and eslint, which `npm test` runs alongside, finish early and then
 * leave both cores to jest.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/policy-pack"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
  setupFiles: ["<rootDir>/test/setup/polyfills.ts", "<rootDir>/test/setup/pulumi-stack-traces.ts"],
  // @pulumi/pulumi's typescript-shim loads the TypeScript compiler (~7 s of CPU per test file
  // under jest) for closure serialisation, which nothing here uses: load it on first use instead.
  moduleNameMapper: { "^(\\./|(\\.\\./)+)typescript-shim$": "<rootDir>/test/setup/lazy-typescript.js" },
  testTimeout: 60000,
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/test/setup/closing-line-reporter.js"],
};
