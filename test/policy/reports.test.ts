/** Report formats: SARIF 2.1.0 required fields, JUnit XML that parses, waivers everywhere. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { runGate, type GateResult } from "../../policy-pack/gate/gate";
import { renderJson } from "../../policy-pack/gate/report-formats/json";
import { renderJunit } from "../../policy-pack/gate/report-formats/junit";
import { renderSarif } from "../../policy-pack/gate/report-formats/sarif";
import { renderTable } from "../../policy-pack/gate/report-formats/table";
import { compliantStack } from "../fixtures/policy/compliant-stack";

const ACTIVE = { resource: "webhook-validator", reason: "Benchmarking x86 cold starts <PAY-321> & comparing costs.", expires: "2026-12-31" };
const EXPIRED = { resource: "payment-events", reason: "PITR was off during the table migration in PAY-77.", expires: "2026-06-30" };

let result: GateResult;

beforeAll(async () => {
  result = await runGate({
    // x86 Lambda (waived) and a table without PITR (expired waiver → still mandatory).
    program: () => compliantStack({ lambda: { architectures: ["x86_64"] }, table: { pointInTimeRecovery: { enabled: false } } }),
    config: { "aws:region": "us-east-1", "payment-webhooks:environmentSuffix": "dev" },
    policyConfig: { "lambda-arm64": { waivers: [ACTIVE] }, "dynamodb-point-in-time-recovery": { waivers: [EXPIRED] } },
    context: { now: () => new Date("2026-11-29T12:00:00Z") },
  });
});

describe("SARIF 2.1.0", () => {
  it("has the required top-level, tool and result fields", () => {
    const sarif = JSON.parse(renderSarif(result, "index.ts"));
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe("payment-webhooks-guard");
    expect(run.tool.driver.rules).toHaveLength(result.policies.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    }
    const levelOf = (id: string) => run.tool.driver.rules.find((r: { id: string }) => r.id === id).defaultConfiguration.level;
    expect([levelOf("lambda-arm64"), levelOf("iam-no-aws-managed-policies")]).toEqual(["error", "warning"]);
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(run.results.length).toBe(result.findings.length);
    for (const r of run.results) {
      expect(ruleIds).toContain(r.ruleId);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(["error", "warning", "note", "none"]).toContain(r.level);
      expect(typeof r.message.text).toBe("string");
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe("index.ts");
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^urn:pulumi:dev::payment-webhooks::/);
    }
  });

  it("marks the waived result as an accepted suppression and lists every waiver", () => {
    const [run] = JSON.parse(renderSarif(result)).runs;
    const waived = run.results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0].ruleId).toBe("lambda-arm64");
    expect(waived[0].level).toBe("warning");
    expect(waived[0].suppressions).toEqual([{ kind: "external", status: "accepted", justification: `${ACTIVE.reason} (expires 2026-12-31)` }]);
    expect(run.properties.waivers.map((w: { policy: string; status: string }) => [w.policy, w.status])).toEqual([
      ["lambda-arm64", "active"],
      ["dynamodb-point-in-time-recovery", "expired"],
    ]);
    const errors = run.results.filter((r: { level: string }) => r.level === "error").map((r: { ruleId: string }) => r.ruleId);
    expect(errors).toEqual(["dynamodb-point-in-time-recovery", "dynamodb-point-in-time-recovery"]);
  });
});

describe("JUnit XML", () => {
  const xml = () => renderJunit(result);
  it("is well-formed and counts failures per suite", () => {
    expect(XMLValidator.validate(xml())).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(xml());
    const suites = parsed.testsuites.testsuite as Array<{ name: string; tests: string; failures: string; skipped: string; testcase: Array<Record<string, unknown>> }>;
    expect(suites.map((s) => s.name)).toContain("waivers");
    const pitr = suites.find((s) => s.name === "dynamodb-point-in-time-recovery");
    expect(pitr?.failures).toBe("1");
    expect(pitr?.testcase.find((c) => c.failure)?.name).toBe("payment-events");
    const arm64 = suites.find((s) => s.name === "lambda-arm64");
    expect(arm64?.failures).toBe("0");
    expect(arm64?.skipped).toBe("1");
    expect((arm64?.testcase.find((c) => c.skipped)?.skipped as { message: string }).message).toBe(`waived until 2026-12-31: ${ACTIVE.reason}`);
    const totals = suites.reduce((n, s) => n + Number(s.tests), 0);
    expect(Number(parsed.testsuites.tests)).toBe(totals);
    expect(Number(parsed.testsuites.failures)).toBe(suites.reduce((n, s) => n + Number(s.failures), 0));
  });

  it("lists every waiver as a test case, failing the expired one", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(xml());
    const waivers = (parsed.testsuites.testsuite as Array<{ name: string; testcase: Array<{ name: string; failure?: { message: string } }> }>).find((s) => s.name === "waivers");
    expect(waivers?.testcase.map((c) => [c.name, c.failure?.message])).toEqual([
      [`lambda-arm64 webhook-validator (expires 2026-12-31; matches 1; reason: ${ACTIVE.reason})`, undefined],
      [`dynamodb-point-in-time-recovery payment-events (expires 2026-06-30; matches 1; reason: ${EXPIRED.reason})`, "waiver expired on 2026-06-30"],
    ]);
  });
});

describe("JSON report and table", () => {
  it("JSON carries the summary, every finding and every waiver", () => {
    const json = JSON.parse(renderJson(result));
    expect(json.summary).toEqual({ resources: result.resourceCount, policies: result.policies.length, findings: 3, mandatoryViolations: 2 });
    expect(json.waivers.map((w: { policy: string; status: string; reason: string }) => [w.policy, w.status, w.reason])).toEqual([
      ["lambda-arm64", "active", ACTIVE.reason],
      ["dynamodb-point-in-time-recovery", "expired", EXPIRED.reason],
    ]);
    expect(json.findings.map((f: { policy: string; verdict: string; enforcementLevel: string }) => [f.policy, f.verdict, f.enforcementLevel])).toEqual([
      ["lambda-arm64", "waived", "advisory"],
      ["dynamodb-point-in-time-recovery", "violation", "mandatory"],
      ["dynamodb-point-in-time-recovery", "violation", "mandatory"],
    ]);
  });

  it("the printed table shows waived and failing rows and the waiver list", () => {
    const table = renderTable(result);
    expect(table).toMatch(/^lambda-arm64 +advisory +webhook-validator +WAIVED +WAIVED until 2026-12-31/m);
    expect(table).toMatch(/^dynamodb-point-in-time-recovery +mandatory +payment-events +FAIL +DynamoDB table 'payment-events' must enable point-in-time recovery/m);
    expect(table).toContain("Waivers (2):");
    expect(table).toContain(`  dynamodb-point-in-time-recovery  payment-events  expires 2026-06-30  EXPIRED (expired on 2026-06-30)  matches 1  reason: ${EXPIRED.reason}`);
  });
});
