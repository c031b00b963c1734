/**
 * The gate over the real program (index.ts) with the sample stack config: zero mandatory
 * violations, and every mandatory policy actually had something to check.
 */
import * as path from "node:path";
import { runGate } from "../../policy-pack/gate/gate";
import { readStackConfig } from "../../policy-pack/gate/stack-config";

const ROOT = path.join(__dirname, "..", "..");

describe("gate over the real stack (index.ts, Pulumi.dev.yaml)", () => {
  it("has no mandatory violation and no mandatory policy without resources to check", async () => {
    const stack = readStackConfig(path.join(ROOT, "Pulumi.dev.yaml"), "payment-webhooks");
    const result = await runGate({
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      program: () => require(path.join(ROOT, "index.ts")),
      config: stack.config,
      secretKeys: stack.secretKeys,
      stack: stack.stack,
    });
    expect(result.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
    expect(result.runs.filter((r) => r.configuredLevel === "mandatory" && r.applicableUrns.length === 0).map((r) => r.policy)).toEqual([]);
    const types = new Set(result.runs.flatMap((r) => r.applicableUrns).map((urn) => urn.split("::")[2]?.split("$").pop()));
    for (const type of ["aws:lambda/function:Function", "aws:dynamodb/table:Table", "aws:pipes/pipe:Pipe", "aws:sfn/stateMachine:StateMachine", "aws:apigateway/stage:Stage", "aws:kms/key:Key"]) {
      expect(types).toContain(type);
    }
  });
});
