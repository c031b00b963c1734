/**
 * Jest runs TypeScript without type-checking (isolatedModules) because `npm run typecheck`
 * type-checks the whole tree once; ts-jest with full checking costs ~10 s per file (FACTS.md).
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
  setupFiles: ["<rootDir>/test/setup/polyfills.ts"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/setup/closing-line-reporter.js"],
};
