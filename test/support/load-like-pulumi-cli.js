/**
 * Loads index.ts the way the Pulumi CLI's Node.js host does (@pulumi/pulumi cmd/run/run.js):
 * its vendored ts-node 7.0.1 driving the project's own TypeScript, with type-checking and the
 * project's tsconfig.json — then runs the program under the mocks harness and prints a JSON
 * summary. A program that compiles under jest but not under the CLI's loader fails here.
 * Run from the repository root: `node test/support/load-like-pulumi-cli.js`.
 */
const path = require("node:path");
const tsutils = require("@pulumi/pulumi/tsutils");

const tsConfigPath = "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const typescript = require(typescriptRequire);
const [major, minor] = typescript.version.split(".").map(Number);
const useNodeNext = major > 4 || (major === 4 && minor >= 7);
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: undefined, // the CLI's default: ts-node type-checks
  project: tsConfigPath,
  skipProject: false,
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
});

const { runProgramUnderMocks } = require(path.resolve("policy-pack/gate/mocked-program.ts"));
runProgramUnderMocks({
  config: { "aws:region": "us-east-1", "payment-webhooks:environmentSuffix": "dev" },
  program: () => require(path.resolve("index.ts")),
})
  .then((result) => {
    const summary = {
      tsNode: path.relative(process.cwd(), tsnodeRequire) || tsnodeRequire,
      typescriptVersion: typescript.version,
      types: [...new Set(result.resources.map((resource) => resource.type))].sort(),
      apiUrl: result.outputs.apiUrl,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error && error.message ? error.message : String(error)}\n`);
    process.exit(1);
  });
