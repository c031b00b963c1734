import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "**/node_modules/**", "bin/**", "dist/**", "coverage/**", "reports/**", ".cache/**", "jest.config.js"] },
  ...tseslint.configs.recommended,
  {
    // Plain CommonJS scripts (jest reporter, the Pulumi-host loader) cannot use `import`.
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // The architecture's one boundary: the Pulumi program (lib/) and the handlers (lambda/) both
  // build on contract/ and never import each other; contract/ imports neither. A handler bundle
  // that pulled in @pulumi/*, or a program that pulled in provider code, would break this silently.
  {
    files: ["lib/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/lambda/**", "**/lambda"], message: "lib/ (the Pulumi program) must not import lambda/ (the handlers); share through contract/." }] }] },
  },
  {
    files: ["lambda/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/lib/**", "**/lib", "@pulumi/*"], message: "lambda/ (the handlers) must not import lib/ (the Pulumi program) or @pulumi/*; share through contract/." }] }] },
  },
  {
    files: ["contract/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/lib/**", "**/lambda/**", "**/local/**", "@pulumi/*"], message: "contract/ is what lib/ and lambda/ agree on: it imports neither of them, nor the local runtime, nor Pulumi." }] }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
);
