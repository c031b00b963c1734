import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "**/node_modules/**", "bin/**", "dist/**", "coverage/**", "reports/**", ".cache/**", "jest.config.js"] },
  ...tseslint.configs.recommended,
  {
    // Plain CommonJS scripts (jest reporter, the Pulumi-host loader) cannot use `import`.
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
);
