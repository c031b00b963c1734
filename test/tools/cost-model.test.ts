/**
 * The cost model against cases computed by hand from the price table's list prices (each line
 * shows its arithmetic), and against AWS's billing rules: one Standard transition per state
 * entered and per retry; Express duration in 100 ms steps at 64 MB; X-Ray's default sampling
 * of one trace a second plus 5 %.
 */
import { buildStackModel, type StackModel } from "../../tools/shared/stack-model";
import { configSourceOf } from "../../lib/config-rules";
import { defaultCostAssumptions, estimateMonthlyCost, xraySampledFraction, type CostEstimate } from "../../tools/cost/cost-model";
import { US_EAST_1_PRICES } from "../../tools/cost/price-table";

function model(overrides: Record<string, string> = {}): StackModel {
  const values: Record<string, string> = { "payment-webhooks:environmentSuffix": "test" };
  for (const [key, value] of Object.entries(overrides)) values[`payment-webhooks:${key}`] = value;
  return buildStackModel(configSourceOf(values));
}

function line(estimate: CostEstimate, service: string, itemStart: string) {
  const found = estimate.lines.filter((candidate) => candidate.service === service && candidate.item.startsWith(itemStart));
  expect(found).toHaveLength(1);
  return found[0];
}

const defaults = model();
const million = defaultCostAssumptions(defaults, 1_000_000);

describe("estimateMonthlyCost at the defaults, 1,000,000 webhooks a month", () => {
  const standard = estimateMonthlyCost(defaults, million, US_EAST_1_PRICES, "STANDARD");
  const express = estimateMonthlyCost(defaults, million, US_EAST_1_PRICES, "EXPRESS");

  it("bills six Standard transitions per webhook: 6 × 1,000,000 × $0.025 / 1,000 = $150", () => {
    const transitions = line(standard, "Step Functions", "Standard transitions");
    expect(transitions.quantity).toBe(6_000_000);
    expect(transitions.monthlyUsd).toBeCloseTo(150, 6);
  });

  it("bills Express as $1 per million starts plus 300 ms at 64 MB: 20 + (200 + 30) + 20 ms = 270 ms → 300 ms", () => {
    expect(line(express, "Step Functions", "Express executions").monthlyUsd).toBeCloseTo(1, 6);
    // 1,000,000 × 0.3 s × 0.0625 GB = 18,750 GB-s × $0.06 / 3,600 = $0.3125
    const duration = line(express, "Step Functions", "Express duration");
    expect(duration.quantity).toBeCloseTo(18_750, 6);
    expect(duration.monthlyUsd).toBeCloseTo(0.3125, 6);
  });

  it("bills arm64 Lambda duration: (0.25 GB × 0.1 s + 0.25 GB × 0.2 s) × 1,000,000 = 75,000 GB-s", () => {
    const duration = line(standard, "Lambda", "arm64 duration");
    expect(duration.quantity).toBeCloseTo(75_000, 6);
    expect(duration.monthlyUsd).toBeCloseTo(75_000 * 0.0000133334, 6);
    expect(line(standard, "Lambda", "requests").quantity).toBe(2_000_000);
  });

  it("bills five table writes per webhook (validator 1, processor 2, workflow claim + mark processed) and one read", () => {
    // 5,000,000 WRU × $0.625 / 1,000,000 = $3.125
    expect(line(standard, "DynamoDB", "writes").monthlyUsd).toBeCloseTo(3.125, 6);
    expect(line(standard, "DynamoDB", "reads").quantity).toBe(1_000_000);
  });

  it("bills the Pipe's polling whatever the traffic: 4 shards × 4 calls/s × 2,592,000 s × $0.02 / 100,000 = $8.2944", () => {
    const polling = line(standard, "DynamoDB", "stream reads");
    expect(polling.fixed).toBe(true);
    expect(polling.monthlyUsd).toBeCloseTo(8.2944, 6);
  });

  it("ingests 22,200 log bytes per webhook: 800 + 2 × 500 + 1,000 + 1,000 + 23 history events × 800", () => {
    // 23 history events = 2 (start, end) + 2 × 6 states + 3 × 3 Tasks.
    const ingestion = line(standard, "CloudWatch", "log ingestion");
    expect(ingestion.quantity).toBeCloseTo((22_200 * 1_000_000) / 1024 ** 3, 6);
  });

  it("records every trace at 0.77 traces/s (under the one-a-second reservoir): 2,000,000 × $5 / 1,000,000 = $10", () => {
    expect(line(standard, "X-Ray", "traces").monthlyUsd).toBeCloseTo(10, 6);
  });

  it("bills one alarm per spec the stack creates: 11 × $0.10", () => {
    // webhook-api-5xx; errors + throttles for 2 functions; failed + timed-out executions; 2 DLQs; pipe; rule.
    expect(line(standard, "CloudWatch", "alarms").quantity).toBe(1 + 4 + 2 + 2 + 1 + 1);
  });

  it("totals its lines, and Express is cheaper than Standard by the transitions minus Express's own bill", () => {
    expect(standard.monthlyUsd).toBeCloseTo(standard.lines.reduce((sum, l) => sum + l.monthlyUsd, 0), 9);
    expect(standard.monthlyUsd - express.monthlyUsd).toBeCloseTo(150 - 1.3125, 6);
  });
});

describe("what the configuration changes", () => {
  it("a retry on every webhook adds one transition each: +1,000,000 × $0.025 / 1,000 = +$25 of Step Functions", () => {
    const once = estimateMonthlyCost(defaults, { ...million, transientRetriesPerWebhook: 1 }, US_EAST_1_PRICES, "STANDARD");
    expect(line(once, "Step Functions", "Standard transitions").monthlyUsd).toBeCloseTo(175, 6);
    expect(line(once, "Lambda", "requests").quantity).toBe(3_000_000);
  });

  it("a retry under Express adds the mean first wait (2 s ceiling → 1 s) and one more invocation: 270 + 1,000 + 230 = 1,500 ms", () => {
    const once = estimateMonthlyCost(defaults, { ...million, transientRetriesPerWebhook: 1 }, US_EAST_1_PRICES, "EXPRESS");
    // 1,000,000 × 1.5 s × 0.0625 GB = 93,750 GB-s
    expect(line(once, "Step Functions", "Express duration").quantity).toBeCloseTo(93_750, 6);
  });

  it("memory sizes and log retention come from the stack config", () => {
    const bigger = model({ validatorMemorySize: "1024", processorMemorySize: "512", logRetentionDays: "90" });
    const estimate = estimateMonthlyCost(bigger, defaultCostAssumptions(bigger, 1_000_000), US_EAST_1_PRICES);
    // (1 GB × 0.1 s + 0.5 GB × 0.2 s) × 1,000,000 = 200,000 GB-s
    expect(line(estimate, "Lambda", "arm64 duration").quantity).toBeCloseTo(200_000, 6);
    const ingestion = line(estimate, "CloudWatch", "log ingestion").quantity;
    expect(line(estimate, "CloudWatch", "log storage").quantity).toBeCloseTo(ingestion * 3, 9);
  });

  it("uses the configured workflow type unless told otherwise", () => {
    const expressStack = model({ workflowType: "EXPRESS" });
    expect(estimateMonthlyCost(expressStack, defaultCostAssumptions(expressStack), US_EAST_1_PRICES).workflowType).toBe("EXPRESS");
  });
});

describe("xraySampledFraction", () => {
  it("records everything up to one trace a second, then 1 + 5 % of the rest", () => {
    expect(xraySampledFraction(0.5)).toBe(1);
    expect(xraySampledFraction(1)).toBe(1);
    // 21 traces/s: 1 + 0.05 × 20 = 2 recorded, 2 / 21.
    expect(xraySampledFraction(21)).toBeCloseTo(2 / 21, 12);
  });
});
