import { judgeWaiver, waiverMatches } from "../../policy-pack/policies/waivers";
import { resource, runPolicy, urnOf } from "./support/policy-harness";

const NOW = new Date("2026-11-29T12:00:00Z");
const REASON = "Load test on pr42 needs x86 images until PAY-123 ships.";

describe("judgeWaiver", () => {
  it("accepts a reasoned waiver through the end of its expiry day (UTC)", () => {
    expect(judgeWaiver({ resource: "a", reason: REASON, expires: "2026-11-29" }, new Date("2026-11-29T23:59:59Z"))).toEqual({ status: "active", problem: "" });
  });
  it("expires the day after", () => {
    expect(judgeWaiver({ resource: "a", reason: REASON, expires: "2026-11-28" }, NOW)).toEqual({ status: "expired", problem: "expired on 2026-11-28" });
  });
  it.each([
    [{ resource: "a", expires: "2027-01-01" }, "has no reason (a waiver must say why the exception is acceptable)"],
    [{ resource: "a", reason: "   ", expires: "2027-01-01" }, "has no reason (a waiver must say why the exception is acceptable)"],
    [{ resource: "a", reason: "temporary", expires: "2027-01-01" }, 'has a trivial reason "temporary" (at least 20 characters saying why the exception is acceptable)'],
    [{ resource: "a", reason: "TODO TODO TODO TODO TODO", expires: "2027-01-01" }, 'has a trivial reason "TODO TODO TODO TODO TODO" (at least 20 characters saying why the exception is acceptable)'],
    [{ resource: "a", reason: REASON }, "has no valid expiry date (set `expires` to YYYY-MM-DD; got null)"],
    [{ resource: "a", reason: REASON, expires: "2027-02-30" }, 'has no valid expiry date (set `expires` to YYYY-MM-DD; got "2027-02-30")'],
    [{ resource: "a", reason: REASON, expires: "31/12/2027" }, 'has no valid expiry date (set `expires` to YYYY-MM-DD; got "31/12/2027")'],
    [{ reason: REASON, expires: "2027-01-01" }, "names no resource (set `resource` to a URN or a name glob)"],
  ])("rejects %j", (waiver, problem) => {
    expect(judgeWaiver(waiver, NOW)).toEqual({ status: "invalid", problem });
  });
});

describe("waiverMatches", () => {
  const target = { name: "webhook-validator", urn: urnOf("aws:lambda/function:Function", "webhook-validator") };
  it.each([[target.urn], ["webhook-validator"], ["webhook-*"], ["webhook-validato?"], ["urn:pulumi:dev::payment-webhooks::*::webhook-validator"]])("matches %s", (pattern) => {
    expect(waiverMatches(pattern, target)).toBe(true);
  });
  it.each([["payment-processor"], ["webhook"], ["*-processor"]])("does not match %s", (pattern) => {
    expect(waiverMatches(pattern, target)).toBe(false);
  });
});

describe("waivers applied by policies", () => {
  const x86 = resource("aws:lambda/function:Function", "webhook-validator", { name: "webhook-validator-dev", architectures: ["x86_64"] });
  const arm = resource("aws:lambda/function:Function", "payment-processor", { name: "payment-processor-dev", architectures: ["arm64"] });
  const violation = `Lambda function 'webhook-validator' must use the arm64 architecture (architectures: ["arm64"]); it is ["x86_64"].`;
  const summary = (findings: Awaited<ReturnType<typeof runPolicy>>) => findings.map((f) => [f.verdict, f.enforcementLevel, f.resourceName, f.message]);

  it("an active waiver turns the violation into an advisory WAIVED finding that names it", async () => {
    const waiver = { resource: "webhook-*", reason: REASON, expires: "2026-12-31" };
    const findings = await runPolicy("lambda-arm64", [x86, arm], { now: NOW, config: { "lambda-arm64": { waivers: [waiver] } } });
    expect(summary(findings)).toEqual([["waived", "advisory", "webhook-validator", `WAIVED until 2026-12-31 (${REASON}): ${violation}`]]);
    expect(findings[0]?.waiver).toEqual(waiver);
  });

  it("a waiver for another resource leaves the violation mandatory", async () => {
    const findings = await runPolicy("lambda-arm64", [x86], { now: NOW, config: { "lambda-arm64": { waivers: [{ resource: "payment-processor", reason: REASON, expires: "2026-12-31" }] } } });
    expect(summary(findings)).toEqual([["violation", "mandatory", "webhook-validator", violation]]);
  });

  it("an expired waiver is itself a violation and waives nothing", async () => {
    const findings = await runPolicy("lambda-arm64", [x86], { now: NOW, config: { "lambda-arm64": { waivers: [{ resource: x86.urn, reason: REASON, expires: "2026-11-01" }] } } });
    expect(summary(findings)).toEqual([
      [
        "violation",
        "mandatory",
        "webhook-validator",
        `Waiver of 'lambda-arm64' for resource 'webhook-validator' (${JSON.stringify(x86.urn)}) expired on 2026-11-01; renew it with a reason and a future expiry, or remove it.`,
      ],
      ["violation", "mandatory", "webhook-validator", violation],
    ]);
  });

  it("a reason-less waiver is a violation even when the resource complies", async () => {
    const findings = await runPolicy("lambda-arm64", [arm], { now: NOW, config: { "lambda-arm64": { waivers: [{ resource: "payment-processor", expires: "2027-01-01" }] } } });
    expect(summary(findings)).toEqual([
      [
        "violation",
        "mandatory",
        "payment-processor",
        `Waiver of 'lambda-arm64' for resource 'payment-processor' ("payment-processor") has no reason (a waiver must say why the exception is acceptable); renew it with a reason and a future expiry, or remove it.`,
      ],
    ]);
  });

  it("stack policies honour waivers too", async () => {
    const fn = resource("aws:lambda/function:Function", "webhook-validator", { environment: { variables: { A: "b" } } });
    const findings = await runPolicy("lambda-environment-cmk", [fn], { now: NOW, config: { "lambda-environment-cmk": { waivers: [{ resource: "webhook-validator", reason: REASON, expires: "2026-12-31" }] } } });
    expect(summary(findings)).toEqual([
      [
        "waived",
        "advisory",
        "webhook-validator",
        `WAIVED until 2026-12-31 (${REASON}): Lambda function 'webhook-validator' must encrypt its environment variables with a customer-managed KMS key created in this stack; kmsKeyArn is unset, so AWS encrypts them with the AWS-managed aws/lambda key.`,
      ],
    ]);
  });
});
