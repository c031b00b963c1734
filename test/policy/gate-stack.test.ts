/**
 * The gate over the real program (index.ts): with the sample stack config, and with a stack
 * file whose signing secrets were set the way the README says (`--secret --path`), whose
 * encrypted leaves cannot be read offline. Both must pass every mandatory policy, every
 * mandatory policy must have had something to check, and no ciphertext may reach a report.
 */
import * as path from "node:path";
import { runGate } from "../../policy-pack/gate/gate";
import { readStackConfig } from "../../policy-pack/gate/stack-config";
import { isolatedProgram } from "../support/isolated-program";

const ROOT = path.join(__dirname, "..", "..");

async function gateOverStackFile(stackFile: string) {
  const stack = readStackConfig(path.join(ROOT, stackFile), "payment-webhooks");
  const result = await runGate({
    // A fresh module registry per run (a cached index.ts would register no resources), sharing the Pulumi SDKs.
    program: isolatedProgram(path.join(ROOT, "index.ts")),
    config: stack.config,
    secretKeys: stack.secretKeys,
    stack: stack.stack,
  });
  return { stack, result };
}

describe("gate over the real stack (index.ts)", () => {
  it("Pulumi.dev.yaml: no mandatory violation and no mandatory policy without resources to check", async () => {
    const { result } = await gateOverStackFile("Pulumi.dev.yaml");
    expect(result.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
    expect(result.runs.filter((r) => r.configuredLevel === "mandatory" && r.applicableUrns.length === 0).map((r) => r.policy)).toEqual([]);
    const types = new Set(result.runs.flatMap((r) => r.applicableUrns).map((urn) => urn.split("::")[2]?.split("$").pop()));
    for (const type of ["aws:lambda/function:Function", "aws:dynamodb/table:Table", "aws:pipes/pipe:Pipe", "aws:sfn/stateMachine:StateMachine", "aws:apigateway/stage:Stage", "aws:kms/key:Key"]) {
      expect(types).toContain(type);
    }
  });

  it("path-set secrets (test/fixtures/stacks/Pulumi.pr42.yaml): runs, passes, and never exposes a ciphertext", async () => {
    const { stack, result } = await gateOverStackFile("test/fixtures/stacks/Pulumi.pr42.yaml");
    expect(stack.secretKeys).toEqual(["payment-webhooks:signingSecrets"]);
    expect(result.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
    const applicable = result.runs.flatMap((r) => r.applicableUrns);
    expect(applicable.some((urn) => urn.includes("webhook-validator"))).toBe(true);
    expect(applicable.every((urn) => urn.startsWith("urn:pulumi:pr42::payment-webhooks::"))).toBe(true);
    expect(JSON.stringify(result)).not.toContain("fakeciphertext");
  });
});
