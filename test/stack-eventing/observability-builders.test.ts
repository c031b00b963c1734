import fc from "fast-check";
import { buildAlarmSpecs, type MonitoredResources } from "../../lib/observability/alarms";
import { buildDashboardBody, DASHBOARD_COLUMNS, type DashboardWidget } from "../../lib/observability/dashboard";

const RESOURCES: MonitoredResources<string> = {
  api: { name: "payment-webhooks-api-dev", stage: "v1" },
  functions: [
    { label: "webhook-validator", name: "webhook-validator-dev" },
    { label: "payment-processor", name: "payment-processor-dev" },
  ],
  stateMachine: { label: "payment-processing", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:payment-processing-dev" },
  deadLetterQueues: [
    { label: "payment-events-pipe-dlq", name: "payment-events-pipe-dlq-dev" },
    { label: "payment-webhook-received-dlq", name: "payment-webhook-received-dlq-dev" },
  ],
  pipe: { label: "payment-events-pipe", name: "payment-events-pipe-dev" },
  rule: { label: "payment-webhook-received", name: "payment-webhook-received-dev", eventBusName: "payment-events-dev" },
};

describe("buildAlarmSpecs", () => {
  const specs = buildAlarmSpecs(RESOURCES);

  it("has one alarm per failure signal: API 5xx, errors+throttles per function, failed+timed-out executions, each DLQ, pipe, rule", () => {
    expect(specs.map((s) => s.what)).toEqual([
      "webhook-api-5xx",
      "webhook-validator-errors",
      "webhook-validator-throttles",
      "payment-processor-errors",
      "payment-processor-throttles",
      "payment-processing-failed",
      "payment-processing-timed-out",
      "payment-events-pipe-dlq-depth",
      "payment-webhook-received-dlq-depth",
      "payment-events-pipe-failed",
      "payment-webhook-received-failed-invocations",
    ]);
  });

  it("alarms on the first non-zero datapoint of a 5-minute period by default", () => {
    for (const spec of specs) expect(spec).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: 0, periodSeconds: 300, evaluationPeriods: 1 });
  });

  it("reads DLQ depth as Maximum (a gauge) and the rest as Sum (counts)", () => {
    const dlq = specs.filter((s) => s.metricName === "ApproximateNumberOfMessagesVisible");
    expect(dlq.map((s) => [s.statistic, s.dimensions])).toEqual([
      ["Maximum", { QueueName: "payment-events-pipe-dlq-dev" }],
      ["Maximum", { QueueName: "payment-webhook-received-dlq-dev" }],
    ]);
    expect(specs.filter((s) => s.metricName !== "ApproximateNumberOfMessagesVisible").every((s) => s.statistic === "Sum")).toBe(true);
  });

  it("omits the pipe and rule alarms when they are not given", () => {
    const { pipe: _pipe, rule: _rule, ...withoutEventing } = RESOURCES;
    expect(buildAlarmSpecs(withoutEventing).map((s) => s.namespace)).not.toEqual(expect.arrayContaining(["AWS/EventBridge/Pipes"]));
    expect(buildAlarmSpecs(withoutEventing)).toHaveLength(9);
  });

  it("honours the period", () => {
    expect(buildAlarmSpecs(RESOURCES, { periodSeconds: 60 }).every((s) => s.periodSeconds === 60)).toBe(true);
  });

  it.each([["Webhook-Validator"], ["webhook--validator"], ["-x"], [""]])("refuses label %p", (label) => {
    expect(() => buildAlarmSpecs({ ...RESOURCES, functions: [{ label, name: "f" }] })).toThrow(`alarm label ${JSON.stringify(label)} must be kebab-case`);
  });

  it("gives every alarm a distinct name for any set of distinct kebab-case labels", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);
    fc.assert(
      fc.property(fc.uniqueArray(label, { minLength: 1, maxLength: 6 }), fc.uniqueArray(label, { minLength: 1, maxLength: 3 }), (fnLabels, queueLabels) => {
        const reserved = new Set(["payment-processing", "payment-events-pipe", "payment-webhook-received"]);
        const all = [...fnLabels, ...queueLabels];
        fc.pre(new Set(all).size === all.length && all.every((l) => !reserved.has(l)));
        const names = buildAlarmSpecs({
          ...RESOURCES,
          functions: fnLabels.map((l) => ({ label: l, name: `${l}-fn` })),
          deadLetterQueues: queueLabels.map((l) => ({ label: l, name: `${l}-q` })),
        }).map((s) => s.what);
        expect(new Set(names).size).toBe(names.length);
      }),
    );
  });
});

describe("buildDashboardBody", () => {
  const body = buildDashboardBody(RESOURCES, "us-east-1", "Payment webhooks (dev)");
  const metrics = body.widgets.filter((w) => w.type === "metric");
  const lines = metrics.flatMap((w) => w.properties.metrics as unknown[][]);

  it("starts with a full-width title and lays out graphs in two columns", () => {
    expect(body.widgets[0]).toEqual({ type: "text", x: 0, y: 0, width: 24, height: 1, properties: { markdown: "# Payment webhooks (dev)" } });
    expect(metrics.map((w) => [w.x, w.y])).toEqual([
      [0, 1],
      [12, 1],
      [0, 7],
      [12, 7],
      [0, 13],
      [12, 13],
      [0, 19],
      [12, 19],
      [0, 25],
    ]);
  });

  it("graphs every alarmed metric of every resource, in the given region", () => {
    expect(metrics.every((w) => w.properties.region === "us-east-1")).toBe(true);
    const has = (namespace: string, metric: string, ...dims: string[]) =>
      lines.some((line) => line[0] === namespace && line[1] === metric && dims.every((d, i) => line[2 + i] === d));
    expect(has("AWS/ApiGateway", "5XXError", "ApiName", "payment-webhooks-api-dev", "Stage", "v1")).toBe(true);
    for (const fn of RESOURCES.functions) {
      expect(has("AWS/Lambda", "Errors", "FunctionName", fn.name)).toBe(true);
      expect(has("AWS/Lambda", "Throttles", "FunctionName", fn.name)).toBe(true);
    }
    expect(has("AWS/States", "ExecutionsFailed", "StateMachineArn", RESOURCES.stateMachine.arn)).toBe(true);
    for (const queue of RESOURCES.deadLetterQueues) expect(has("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue.name)).toBe(true);
    expect(has("AWS/EventBridge/Pipes", "ExecutionFailed", "PipeName", "payment-events-pipe-dev")).toBe(true);
    expect(has("AWS/Events", "FailedInvocations", "EventBusName", "payment-events-dev", "RuleName", "payment-webhook-received-dev")).toBe(true);
  });

  it("graphs each function's own Powertools metrics by its service dimension", () => {
    const expressions = lines.filter((line) => line.length === 1).map((line) => (line[0] as { expression: string }).expression);
    expect(expressions).toEqual([
      `SEARCH('Namespace="PaymentWebhooks" service="webhook-validator-dev"', 'Sum', 60)`,
      `SEARCH('Namespace="PaymentWebhooks" service="payment-processor-dev"', 'Sum', 60)`,
    ]);
  });

  it("ends each metric line with its rendering options, after name/value dimension pairs", () => {
    for (const line of lines.filter((l) => l.length > 1)) {
      const options = line[line.length - 1] as { stat?: string };
      expect(typeof options.stat).toBe("string");
      expect((line.length - 3) % 2).toBe(0);
    }
  });

  it("never overlaps widgets or leaves the 24-column grid, for any number of functions and queues", () => {
    const overlap = (a: DashboardWidget, b: DashboardWidget) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (functionCount, queueCount, withEventing) => {
        const resources: MonitoredResources<string> = {
          ...RESOURCES,
          functions: Array.from({ length: functionCount }, (_, i) => ({ label: `fn${i}`, name: `fn-${i}` })),
          deadLetterQueues: Array.from({ length: queueCount }, (_, i) => ({ label: `q${i}`, name: `q-${i}` })),
          ...(withEventing ? {} : { pipe: undefined, rule: undefined }),
        };
        const widgets = buildDashboardBody(resources, "us-east-1", "t").widgets;
        for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(DASHBOARD_COLUMNS);
        widgets.forEach((a, i) => widgets.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
        // No empty graphs: a graph without metrics is an error in the CloudWatch console.
        for (const w of widgets.filter((x) => x.type === "metric")) expect((w.properties.metrics as unknown[]).length).toBeGreaterThan(0);
      }),
    );
  });

  it("is JSON CloudWatch can store (round-trips unchanged)", () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});
