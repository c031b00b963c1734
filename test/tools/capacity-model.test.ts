/**
 * The capacity model against hand-computed rates: a Lambda hop takes reserved concurrency ÷
 * duration (Little's law); the other hops are the documented default quotas (tools/capacity/
 * quotas.ts names each page) divided by what one webhook uses of them.
 */
import { buildStackModel, loadStackModel, type StackModel } from "../../tools/shared/stack-model";
import { configSourceOf } from "../../lib/config-rules";
import { capacityReport, changesForTarget, type CapacityAssumptions } from "../../tools/capacity/capacity-model";
import { US_EAST_1_QUOTAS } from "../../tools/capacity/quotas";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function model(overrides: Record<string, string> = {}): StackModel {
  const values: Record<string, string> = { "payment-webhooks:environmentSuffix": "test" };
  for (const [key, value] of Object.entries(overrides)) values[`payment-webhooks:${key}`] = value;
  return buildStackModel(configSourceOf(values));
}

const assumptions: CapacityAssumptions = { validatorDurationMs: 100, processorDurationMs: 200, streamShards: 4, pipeBatchRoundTripMs: 50 };
const rate = (report: ReturnType<typeof capacityReport>, name: string) => report.hops.find((hop) => hop.name === name)?.webhooksPerSecond;

describe("capacityReport at the defaults", () => {
  const report = capacityReport(model(), assumptions, US_EAST_1_QUOTAS);

  it("computes each hop", () => {
    expect(rate(report, "API stage throttle")).toBe(100); // apiThrottlingRateLimit default
    expect(rate(report, "validator Lambda")).toBe(100); // 10 reserved ÷ 0.1 s
    expect(rate(report, "processor Lambda")).toBe(25); // 5 reserved ÷ 0.2 s
    expect(rate(report, "DynamoDB on-demand (new table)")).toBe(800); // 4,000 WRU/s ÷ 5 writes
    expect(rate(report, "Pipe (stream → bus)")).toBe(800); // 4 shards × 10 records ÷ 0.05 s
    expect(rate(report, "EventBridge PutEvents")).toBe(5000); // 10,000 entries/s ÷ 2 events
    expect(rate(report, "Step Functions Standard")).toBe(300); // min(300 starts/s, 5,000 ÷ 6 = 833.3)
  });

  it("names the processor as the binding hop, where the provider already has its 2xx", () => {
    expect(report.binding.name).toBe("processor Lambda");
    expect(report.binding.beyond).toMatch(/already 2xx/);
  });
});

describe("capacityReport with other settings", () => {
  it("moves the bottleneck to the API stage (429s) when the processor gets 50 reserved: 50 ÷ 0.2 s = 250/s", () => {
    const report = capacityReport(model({ processorReservedConcurrency: "50" }), assumptions, US_EAST_1_QUOTAS);
    expect(rate(report, "processor Lambda")).toBe(250);
    expect(report.binding.name).toBe("API stage throttle");
    expect(report.binding.beyond).toMatch(/429/);
  });

  it("uses Express's 6,000 starts/s when the workflow is Express", () => {
    const report = capacityReport(model({ workflowType: "EXPRESS" }), assumptions, US_EAST_1_QUOTAS);
    expect(rate(report, "Step Functions Express StartExecution")).toBe(6000);
  });
});

describe("changesForTarget", () => {
  it("needs nothing at the design rate once the processor can keep up", () => {
    const kinds = changesForTarget(model({ processorReservedConcurrency: "20" }), assumptions, US_EAST_1_QUOTAS, 100);
    expect(kinds).toEqual([]); // 100/s × 0.2 s = 20 processor environments; validator 100 × 0.1 = 10.
  });

  it("at 1,000/s: settings, a Pipe change and Express, but no Lambda quota (100 + 200 + 100 ≤ 1,000)", () => {
    const whats = changesForTarget(model(), assumptions, US_EAST_1_QUOTAS, 1000).map((change) => `${change.kind}: ${change.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^setting: apiThrottlingRateLimit 1000/),
        "setting: validatorReservedConcurrency 100", // 1,000 × 0.1 s
        "setting: processorReservedConcurrency 200", // 1,000 × 0.2 s
        expect.stringMatching(/^setting: DynamoDB warm throughput ≥ 5000/), // 1,000 × 5 writes
        expect.stringMatching(/^code change: Pipe parallelizationFactor 2/), // 1,000 ÷ 800
        expect.stringMatching(/^switch: workflowType EXPRESS/),
      ]),
    );
    expect(whats.some((what) => what.includes("Lambda concurrent executions"))).toBe(false);
  });

  it("at 10,000/s asks for Lambda concurrency 1,000 + 2,000 + 100 = 3,100 and flags the 900 cap", () => {
    const whats = changesForTarget(model(), assumptions, US_EAST_1_QUOTAS, 10_000).map((change) => change.what);
    expect(whats).toContain("Lambda concurrent executions ≥ 3100 (1000 + 2000 reserved + 100 unreserved)");
    expect(whats.filter((what) => what.includes("above the config's cap of 900"))).toHaveLength(2);
    expect(whats).toContain("EventBridge PutEvents throttle limit ≥ 20000/s");
  });
});

describe("loadStackModel", () => {
  it("reads a stack file's settings and leaves secrets unread", () => {
    const dir = mkdtempSync(join(tmpdir(), "tools-stack-"));
    const file = join(dir, "Pulumi.ops.yaml");
    writeFileSync(
      file,
      [
        "config:",
        "  payment-webhooks:environmentSuffix: ops",
        "  payment-webhooks:processorReservedConcurrency: 40",
        "  payment-webhooks:workflowType: EXPRESS",
        "  payment-webhooks:signingSecrets:",
        "    secure: AAABAKc2NOTREALCIPHERTEXT",
      ].join("\n"),
    );
    const loaded = loadStackModel(file);
    expect(loaded.config.processor.reservedConcurrency).toBe(40);
    expect(loaded.config.workflowType).toBe("EXPRESS");
    expect(rate(capacityReport(loaded, assumptions, US_EAST_1_QUOTAS), "processor Lambda")).toBe(200); // 40 ÷ 0.2 s
  });
});
