/**
 * The gate over the real program with a stack file whose signing secrets were set the way the
 * README says (`--secret --path`): the encrypted leaves cannot be read offline, yet the program
 * must run, pass every mandatory policy, and keep the validator's secrets secret.
 */
import * as path from "node:path";
import { runGate } from "../../policy-pack/gate/gate";
import { readStackConfig } from "../../policy-pack/gate/stack-config";

const ROOT = path.join(__dirname, "..", "..");

describe("gate over the real stack with path-set secrets", () => {
  it("runs the program, finds no mandatory violation and never exposes a ciphertext", async () => {
    const stack = readStackConfig(path.join(ROOT, "test", "fixtures", "stacks", "Pulumi.pr42.yaml"), "payment-webhooks");
    expect(stack.secretKeys).toEqual(["payment-webhooks:signingSecrets"]);
    const result = await runGate({
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      program: () => require(path.join(ROOT, "index.ts")),
      config: stack.config,
      secretKeys: stack.secretKeys,
      stack: stack.stack,
    });
    expect(result.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
    const applicable = result.runs.flatMap((r) => r.applicableUrns);
    expect(applicable.some((urn) => urn.includes("webhook-validator"))).toBe(true);
    expect(applicable.every((urn) => urn.startsWith("urn:pulumi:pr42::payment-webhooks::"))).toBe(true);
    expect(JSON.stringify(result)).not.toContain("fakeciphertext");
  });
});
