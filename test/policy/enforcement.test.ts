import { unknownCheckingProxy, UnknownValueError, type ResourceValidationArgs } from "@pulumi/policy";
import { createPolicies } from "../../policy-pack/policies";
import { evaluatePolicies } from "../../policy-pack/gate/evaluate";
import { resolvePolicyConfig } from "../../policy-pack/gate/policy-config";
import { resource, runPolicy, TODAY } from "./support/policy-harness";

// CrossGuard's sentinel for an unknown string at preview (@pulumi/policy/proxy, @internal).
const { unknownStringValue } = jest.requireActual<{ unknownStringValue: string }>("@pulumi/policy/proxy");

const x86 = resource("aws:lambda/function:Function", "webhook-validator", { name: "webhook-validator-dev", architectures: ["x86_64"] });

async function levelsFor(config: Record<string, unknown>): Promise<string[]> {
  return (await runPolicy("lambda-arm64", [x86], { config })).map((f) => f.enforcementLevel);
}

describe("enforcement levels (policy config > all > policy > pack)", () => {
  it("uses the policy's own level without config", async () => {
    expect(await levelsFor({})).toEqual(["mandatory"]);
  });
  it("lets `all` override the policy's own level", async () => {
    expect(await levelsFor({ all: "advisory" })).toEqual(["advisory"]);
    expect(await levelsFor({ all: { enforcementLevel: "advisory" } })).toEqual(["advisory"]);
  });
  it("lets the policy's config entry override `all`", async () => {
    expect(await levelsFor({ all: "advisory", "lambda-arm64": "mandatory" })).toEqual(["mandatory"]);
    expect(await levelsFor({ all: "mandatory", "lambda-arm64": { enforcementLevel: "advisory" } })).toEqual(["advisory"]);
  });
  it("reports remediate as mandatory", async () => {
    expect(await levelsFor({ "lambda-arm64": "remediate" })).toEqual(["mandatory"]);
  });
  it("skips disabled policies entirely", async () => {
    const policies = createPolicies({ now: () => TODAY }).filter((p) => p.name === "lambda-arm64");
    const result = await evaluatePolicies({ policies, resources: [x86], config: resolvePolicyConfig(policies, { "lambda-arm64": "disabled" }, "advisory") });
    expect(result.findings).toEqual([]);
    expect(result.runs).toEqual([{ policy: "lambda-arm64", configuredLevel: "disabled", applicableUrns: [] }]);
  });
  it("falls back to the pack's level for a policy without one", () => {
    const [policy] = createPolicies({ now: () => TODAY }).filter((p) => p.name === "lambda-arm64");
    const levelless = { ...policy!, enforcementLevel: undefined as never };
    expect(resolvePolicyConfig([levelless], {}, "advisory").get("lambda-arm64")?.enforcementLevel).toBe("advisory");
  });
});

describe("policy config errors name the offending key", () => {
  const policies = createPolicies({ now: () => TODAY });
  it.each([
    [{ "lambda-arm65": "mandatory" }, /^policy config "lambda-arm65" names no policy of this pack/],
    [{ "lambda-arm64": "blocking" }, /^policy config "lambda-arm64": enforcementLevel must be one of advisory, mandatory, remediate, disabled; got "blocking"\.$/],
    [{ "log-group-retention": { minimumRetentionDay: 365 } }, /^policy config "log-group-retention.minimumRetentionDay" is not a setting of this policy \(settings: minimumRetentionDays, waivers\)\.$/],
    [{ "log-group-retention": { minimumRetentionDays: "365" } }, /^policy config "log-group-retention.minimumRetentionDays": must be of type integer; got "365"\.$/],
    [{ "log-group-retention": { minimumRetentionDays: 0 } }, /^policy config "log-group-retention.minimumRetentionDays": must be at least 1\.$/],
    [{ "lambda-arm64": { waivers: [{ resource: 1 }] } }, /^policy config "lambda-arm64.waivers"\[0\]\.resource: must be of type string; got 1\.$/],
    [{ "lambda-runtime-supported": { additionalDeprecations: { "nodejs22.x": "soon" } } }, /^policy config "lambda-runtime-supported.additionalDeprecations"\.nodejs22\.x: must match/],
  ])("rejects %j", (config, message) => {
    expect(() => resolvePolicyConfig(policies, config, "advisory")).toThrow(message);
  });
  it("fills configSchema defaults", () => {
    const resolved = resolvePolicyConfig(policies, {}, "advisory");
    expect(resolved.get("log-group-retention")?.properties).toEqual({ minimumRetentionDays: 1, waivers: [] });
    expect(resolved.get("aws-region-us-east-1")?.properties).toEqual({ allowedRegions: ["us-east-1"], waivers: [] });
  });
});

describe("preview unknowns", () => {
  const table = resource("aws:dynamodb/table:Table", "payment-events", { name: "payment-events-dev", serverSideEncryption: { enabled: true, kmsKeyArn: unknownStringValue } });

  it("a policy reading an unknown value throws CrossGuard's UnknownValueError (so CrossGuard re-runs it at up)", async () => {
    const [policy] = createPolicies({ now: () => TODAY }).filter((p) => p.name === "dynamodb-encrypted-with-cmk");
    const args = {
      type: table.type,
      name: table.name,
      urn: table.urn,
      props: unknownCheckingProxy(table.inputs),
      getConfig: () => ({}),
      notApplicable: () => {
        throw new Error("not applicable");
      },
    } as unknown as ResourceValidationArgs;
    const validate = (policy as { validateResource: (a: ResourceValidationArgs, r: () => void) => Promise<void> }).validateResource;
    await expect(validate(args, () => undefined)).rejects.toBeInstanceOf(UnknownValueError);
  });

  it("the gate reports it as an advisory 'can't run during preview', as CrossGuard does", async () => {
    const findings = await runPolicy("dynamodb-encrypted-with-cmk", [table]);
    expect(findings.map((f) => [f.verdict, f.enforcementLevel, f.message])).toEqual([
      ["preview-unknown", "advisory", "can't run policy 'dynamodb-encrypted-with-cmk' during preview: string value at .serverSideEncryption.kmsKeyArn can't be known during preview"],
    ]);
  });

  it("a stack policy needing an unknown key ARN is advisory at preview too", async () => {
    const key = resource("aws:kms/key:Key", "k", {}, { outputs: { arn: unknownStringValue } });
    const fn = resource("aws:lambda/function:Function", "webhook-validator", { environment: { variables: { A: "b" } }, kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k" });
    const findings = await runPolicy("lambda-environment-cmk", [key, fn]);
    expect(findings.map((f) => [f.verdict, f.enforcementLevel, f.message])).toEqual([
      ["preview-unknown", "advisory", "can't run policy 'lambda-environment-cmk' during preview: string value at .arn can't be known during preview"],
    ]);
  });
});
