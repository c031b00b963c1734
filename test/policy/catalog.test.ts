import * as fs from "node:fs";
import { createPolicies } from "../../policy-pack/policies";
import { CATALOG_PATH, currentCatalog } from "../../policy-pack/gate/docs-cli";
import { resolvePolicyConfig } from "../../policy-pack/gate/policy-config";
import { judgeWaiver } from "../../policy-pack/policies/waivers";

describe("docs/policies.md", () => {
  it("is up to date with the policies' metadata (run `npm run policy:docs`)", () => {
    expect(fs.readFileSync(CATALOG_PATH, "utf8")).toBe(currentCatalog());
  });
});

describe("policy metadata", () => {
  const policies = createPolicies();
  it("has unique kebab-case names", () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
  it.each(policies.map((p) => [p.name, p] as const))("%s is documented and mapped with well-formed IDs", (_name, p) => {
    expect(p.description.length).toBeGreaterThan(20);
    expect(p.metadata.rationale.length).toBeGreaterThan(20);
    expect(p.metadata.levelRationale.length).toBeGreaterThan(10);
    expect(p.remediationSteps.length).toBeGreaterThan(10);
    expect(p.metadata.resourceTypes.length).toBeGreaterThan(0);
    for (const id of p.metadata.mappings.checkov) expect(id).toMatch(/^CKV_AWS_\d+$/);
    for (const id of p.metadata.mappings.cdkNag) expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+$/);
    for (const id of p.metadata.mappings.pciDss) expect(id).toMatch(/^\d+(\.\d+)+$/);
    expect(p.configSchema?.properties?.waivers).toBeDefined();
  });
  it("keeps every rule the stack is required to meet mandatory", () => {
    const mandatory = [
      "lambda-arm64",
      "lambda-reserved-concurrency",
      "lambda-environment-cmk",
      "lambda-xray-active",
      "apigateway-stage-xray",
      "sfn-xray",
      "dynamodb-point-in-time-recovery",
      "dynamodb-encrypted-with-cmk",
      "iam-no-wildcard-actions",
    ];
    const levels = new Map(policies.map((p) => [p.name, p.enforcementLevel]));
    expect(mandatory.map((name) => [name, levels.get(name)])).toEqual(mandatory.map((name) => [name, "mandatory"]));
  });
});

describe("policy-pack/policy-config.example.json (shown in README.md, section Compliance)", () => {
  it("is a valid policy config whose waivers are well-formed", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require("../../policy-pack/policy-config.example.json") as Record<string, { waivers?: unknown[] }>;
    const resolved = resolvePolicyConfig(createPolicies(), example, "advisory");
    expect(resolved.get("iam-no-aws-managed-policies")?.enforcementLevel).toBe("advisory");
    expect(resolved.get("lambda-arm64")?.enforcementLevel).toBe("mandatory");
    expect(resolved.get("log-group-retention")?.properties.minimumRetentionDays).toBe(30);
    const waivers = example["lambda-reserved-concurrency"]?.waivers ?? [];
    expect(waivers.map((w) => judgeWaiver(w as object, new Date("2026-11-29T00:00:00Z")).status)).toEqual(["active"]);
  });
});
