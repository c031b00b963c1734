/**
 * The one way tests run a Pulumi program: under Pulumi's runtime mocks, through the compliance
 * gate's runner (policy-pack/gate/mocked-program.ts), so the stack tests and the gate see the
 * very same resources. `runStack` runs index.ts itself with a stack config; `runComponents`
 * runs a hand-written program for the few tests that need component args index.ts cannot
 * produce (invalid args, two instances of one component).
 *
 * index.ts reads its config when it is loaded, so each run loads it in a fresh module registry
 * (./isolated-program.ts; installed packages are loaded once per file and shared by every run;
 * the two esbuild bundles are built once per jest worker: test/setup/node-environment.js). Runs
 * still cost CPU, so they are shared per configuration within a test file; jest gives every file
 * its own registry, so nothing leaks between files.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { isolatedProgram } from "./isolated-program";
import { runProgramUnderMocks, type CapturedResource, type MockedProgramOptions, type MockedProgramResult } from "../../policy-pack/gate/mocked-program";

export { MOCK_ACCOUNT_ID, MOCK_REGION, runProgramUnderMocks, type CapturedResource, type MockedProgramResult } from "../../policy-pack/gate/mocked-program";

export const SUFFIX = "ci";

/** Plain text of a signing secret used in tests; it must never show up outside the secret wrapper. */
export const TEST_SIGNING_SECRET = "whsec_cGF5bWVudC13ZWJob29rcy10ZXN0LXNpZ25pbmc=";

export const BASE_CONFIG: Record<string, string> = {
  "aws:region": "us-east-1",
  "payment-webhooks:environmentSuffix": SUFFIX,
  "payment-webhooks:signingSecrets": JSON.stringify({ "standard-webhooks": [TEST_SIGNING_SECRET] }),
};
export const BASE_SECRET_KEYS = ["payment-webhooks:signingSecrets"];

/** Stack config with every optional component switched on (account CloudWatch role, alarm e-mail). */
export const FULL_CONFIG: Record<string, string> = {
  "payment-webhooks:manageApiGatewayAccount": "true",
  "payment-webhooks:alarmEmail": "oncall@example.com",
};

/** What a program registered, with lookups that fail loudly and name what exists instead. */
export class Stack {
  constructor(
    readonly result: MockedProgramResult,
    /** The stack config the program ran with (full keys). */
    readonly config: Record<string, string> = {},
  ) {}

  get resources(): CapturedResource[] {
    return this.result.resources;
  }

  get outputs(): Record<string, unknown> {
    return this.result.outputs;
  }

  ofType(type: string): CapturedResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  /** The single resource of `type` whose logical name is `name`. */
  named(type: string, name: string): CapturedResource {
    const matches = this.resources.filter((resource) => resource.type === type && resource.name === name);
    if (matches.length !== 1) {
      throw new Error(`expected one ${type} named ${name}, found ${matches.length} (have: ${this.ofType(type).map((r) => r.name).join(", ")})`);
    }
    return matches[0];
  }

  /** The single resource of `type` (whose logical name contains `namePart`, when given). */
  one(type: string, namePart?: string): CapturedResource {
    const matches = this.ofType(type).filter((r) => namePart === undefined || r.name.includes(namePart));
    if (matches.length !== 1) {
      throw new Error(`expected one ${type}${namePart ? ` named *${namePart}*` : ""}, found ${matches.length} (have: ${this.ofType(type).map((r) => r.name).join(", ")})`);
    }
    return matches[0];
  }

  /** The resource whose logical name is `name`, whatever its type. */
  byLogicalName(name: string): CapturedResource {
    const matches = this.resources.filter((r) => r.name === name);
    if (matches.length !== 1) throw new Error(`expected one resource named ${name}, found ${matches.length}`);
    return matches[0];
  }

  /** The resource whose URN is `urn`. */
  byUrn(urn: string): CapturedResource | undefined {
    return this.resources.find((resource) => resource.urn === urn);
  }
}

export interface RunStackOptions {
  /** Extra secret config keys, on top of the signing secrets. */
  secretKeys?: string[];
  /** Run the program again instead of sharing an earlier run with the same config (e.g. to compare two runs). */
  fresh?: boolean;
}

const runsByConfig = new Map<string, Promise<Stack>>();

/** Runs index.ts under mocks with BASE_CONFIG overlaid by `config`. */
export function runStack(config: Record<string, string> = {}, options: RunStackOptions = {}): Promise<Stack> {
  const fullConfig = { ...BASE_CONFIG, ...config };
  const secretKeys = [...new Set([...BASE_SECRET_KEYS, ...(options.secretKeys ?? [])])].sort();
  const key = JSON.stringify([Object.entries(fullConfig).sort(), secretKeys]);
  const shared = runsByConfig.get(key);
  if (shared && !options.fresh) return shared;
  const run = runIndex(fullConfig, secretKeys);
  // A failed run is not shared: the next caller gets its own error from its own run.
  run.catch(() => runsByConfig.delete(key));
  runsByConfig.set(key, run);
  return run;
}

/** index.ts in a fresh module registry (it reads its config when loaded), sharing the Pulumi SDKs. */
const loadIndex = isolatedProgram("index.ts");

let queue: Promise<unknown> = Promise.resolve();

/** Pulumi's runtime config and mocks are process-global: runs must never overlap. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

function runIndex(config: Record<string, string>, secretKeys: string[]): Promise<Stack> {
  return serialised(async () => {
    const result = await runProgramUnderMocks({
      config,
      secretKeys,
      program: loadIndex,
    });
    return new Stack(result, config);
  });
}

/**
 * Runs a hand-written program (components instantiated directly) under mocks. Only for args
 * index.ts cannot produce; everything index.ts can express goes through `runStack`.
 */
export function runComponents(program: () => unknown, options: Partial<Omit<MockedProgramOptions, "program">> = {}): Promise<Stack> {
  const config = options.config ?? { "payment-webhooks:environmentSuffix": SUFFIX };
  return serialised(async () => new Stack(await runProgramUnderMocks({ ...options, config, program }), config));
}

/** Parses a JSON string input (policy, pattern, definition) and fails clearly if it is not one. */
export function parseJsonInput(resource: CapturedResource, key: string): unknown {
  const value = resource.inputs[key];
  if (typeof value !== "string") throw new Error(`${resource.name}.${key} is not a JSON string: ${typeof value}`);
  return JSON.parse(value);
}

/** A secret as the engine receives it: Pulumi's signature key marking `{ value }` as secret. */
export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/** A copy of `value` with every secret replaced by "[secret]": what a report may show. */
export function withoutSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutSecrets(inner)]));
  }
  return value;
}
