/**
 * @pulumi/pulumi records a stack trace on every promise it creates while registering resources
 * (runtime/debuggable.js: `_debugStackTrace = new Error().stack`), read only by its diagnostic
 * for promises still pending when the process exits. Under jest every `.stack` goes through
 * jest's source-map formatter, which copies and maps each frame: about 1 s of CPU per run of
 * index.ts, a third of the run.
 *
 * Node formats an error with `Error.prepareStackTrace` of the realm that created it, falling back
 * to the main realm's, where jest installs its formatter. This installs one in the test file's
 * realm that leaves exactly those Pulumi bookkeeping traces unformatted until something reads
 * them (an object whose `toString` gives V8's plain frame text, no source mapping: formatting
 * every frame of every promise's trace cost a third of a program run even without jest's
 * mapping) and hands every other stack to jest's formatter, so test failures read as before.
 */
type Formatter = (error: Error, frames: NodeJS.CallSite[]) => unknown;

// A function object of the main realm (jest passes its own `process` functions into the test
// environment); its Function constructor evaluates in the main realm, where jest's formatter is.
const mainRealmError = (process.cpuUsage.constructor as FunctionConstructor)("return Error")() as ErrorConstructor;

function isPulumiPromiseBookkeeping(frames: NodeJS.CallSite[]): boolean {
  const top = frames[0];
  return top !== undefined && top.getFunctionName() === "debuggablePromise" && (top.getFileName() ?? "").endsWith("/@pulumi/pulumi/runtime/debuggable.js");
}

function plainFormat(error: Error, frames: NodeJS.CallSite[]): string {
  return `${error.name}: ${error.message}${frames.map((frame) => `\n    at ${String(frame)}`).join("")}`;
}

const formatter: Formatter = (error, frames) => {
  if (isPulumiPromiseBookkeeping(frames)) return { toString: () => plainFormat(error, frames) };
  const jestFormatter = mainRealmError.prepareStackTrace as Formatter | undefined;
  return jestFormatter && jestFormatter !== formatter ? jestFormatter(error, frames) : plainFormat(error, frames);
};

if (Error.prepareStackTrace === undefined && mainRealmError !== Error) {
  Error.prepareStackTrace = formatter as typeof Error.prepareStackTrace;
}
