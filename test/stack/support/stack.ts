/**
 * Runs index.ts under Pulumi mocks (policy-pack/gate/mocked-program.ts) with a stack config and
 * offers lookups over what it registered. index.ts is loaded inside jest.isolateModules so the
 * same test file can run it again with another config.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { runProgramUnderMocks, type CapturedResource, type MockedProgramResult } from "../../../policy-pack/gate/mocked-program";

export const SUFFIX = "ci";

/** Plain text of a signing secret used in tests; it must never show up outside the secret wrapper. */
export const TEST_SIGNING_SECRET = "whsec_cGF5bWVudC13ZWJob29rcy10ZXN0LXNpZ25pbmc=";

export const BASE_CONFIG: Record<string, string> = {
  "aws:region": "us-east-1",
  "payment-webhooks:environmentSuffix": SUFFIX,
  "payment-webhooks:signingSecrets": JSON.stringify({ "standard-webhooks": [TEST_SIGNING_SECRET] }),
};
export const BASE_SECRET_KEYS = ["payment-webhooks:signingSecrets"];

export class Stack {
  constructor(readonly result: MockedProgramResult) {}

  get resources(): CapturedResource[] {
    return this.result.resources;
  }

  ofType(type: string): CapturedResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  /** The single resource of `type` whose logical name is `name`; fails loudly otherwise. */
  named(type: string, name: string): CapturedResource {
    const matches = this.resources.filter((resource) => resource.type === type && resource.name === name);
    if (matches.length !== 1) {
      throw new Error(`expected one ${type} named ${name}, found ${matches.length} (have: ${this.ofType(type).map((r) => r.name).join(", ")})`);
    }
    return matches[0];
  }

  /** The resource whose URN is `urn`. */
  byUrn(urn: string): CapturedResource | undefined {
    return this.resources.find((resource) => resource.urn === urn);
  }
}

export async function runStack(config: Record<string, string> = {}, secretKeys: string[] = BASE_SECRET_KEYS): Promise<Stack> {
  const result = await runProgramUnderMocks({
    config: { ...BASE_CONFIG, ...config },
    secretKeys,
    program: () => {
      let exports: unknown;
      jest.isolateModules(() => {
        // A fresh module registry per run: index.ts reads its config when it is loaded.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        exports = require("../../../index");
      });
      return exports;
    },
  });
  return new Stack(result);
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
