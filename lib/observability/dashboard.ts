/**
 * The CloudWatch dashboard body as a pure function of resolved names, so its JSON can be
 * tested without Pulumi. Layout: a title row, then two 12-column graphs per row.
 */
import { METRICS_NAMESPACE } from "../../contract/lambda-environment";
import type { MonitoredResources } from "./alarms";

/**
 * A graph line in CloudWatch's format: [namespace, metric, ...dimension name/value pairs,
 * rendering options], or a single math/search expression.
 */
type MetricLine = Array<string | { stat: string; label?: string }> | [{ expression: string; label: string; id: string }];

export interface DashboardWidget {
  type: "metric" | "text";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

export interface DashboardBody {
  widgets: DashboardWidget[];
}

export const DASHBOARD_COLUMNS = 24;
const GRAPH_WIDTH = 12;
const GRAPH_HEIGHT = 6;
const TITLE_HEIGHT = 1;

interface Graph {
  title: string;
  metrics: MetricLine[];
}

function graphs(resources: MonitoredResources<string>): Graph[] {
  const { api, functions, stateMachine, deadLetterQueues, pipe, rule } = resources;
  const apiDims = ["ApiName", api.name, "Stage", api.stage];
  const list: Graph[] = [
    {
      title: "Webhook API responses",
      metrics: [
        ["AWS/ApiGateway", "Count", ...apiDims, { stat: "Sum", label: "requests" }],
        ["AWS/ApiGateway", "4XXError", ...apiDims, { stat: "Sum", label: "4xx (sender errors)" }],
        ["AWS/ApiGateway", "5XXError", ...apiDims, { stat: "Sum", label: "5xx (not stored)" }],
      ],
    },
    {
      title: "Webhook API latency",
      metrics: [["AWS/ApiGateway", "Latency", ...apiDims, { stat: "p99", label: "p99" }], ["AWS/ApiGateway", "Latency", ...apiDims, { stat: "p50", label: "p50" }]],
    },
    {
      title: "Lambda errors and throttles",
      metrics: functions.flatMap((fn) => [
        ["AWS/Lambda", "Errors", "FunctionName", fn.name, { stat: "Sum", label: `${fn.label} errors` }],
        ["AWS/Lambda", "Throttles", "FunctionName", fn.name, { stat: "Sum", label: `${fn.label} throttles` }],
      ]),
    },
    {
      title: "Lambda duration p99",
      metrics: functions.map((fn) => ["AWS/Lambda", "Duration", "FunctionName", fn.name, { stat: "p99", label: fn.label }]),
    },
    {
      title: "Payment-processing executions",
      metrics: ["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut"].map((metric) => [
        "AWS/States",
        metric,
        "StateMachineArn",
        stateMachine.arn,
        { stat: "Sum" },
      ]),
    },
    {
      title: "Dead-letter queue depth",
      metrics: deadLetterQueues.map((queue) => ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue.name, { stat: "Maximum", label: queue.label }]),
    },
  ];
  const eventing: MetricLine[] = [];
  if (pipe) {
    eventing.push(["AWS/EventBridge/Pipes", "EventCount", "PipeName", pipe.name, { stat: "Sum", label: "pipe events" }]);
    eventing.push(["AWS/EventBridge/Pipes", "ExecutionFailed", "PipeName", pipe.name, { stat: "Sum", label: "pipe failures" }]);
  }
  if (rule) {
    eventing.push(["AWS/Events", "TriggeredRules", "EventBusName", rule.eventBusName, "RuleName", rule.name, { stat: "Sum", label: "rule matches" }]);
    eventing.push(["AWS/Events", "FailedInvocations", "EventBusName", rule.eventBusName, "RuleName", rule.name, { stat: "Sum", label: "rule failed starts" }]);
  }
  if (eventing.length > 0) list.push({ title: "Stream to workflow", metrics: eventing });
  // The handlers' own Powertools metrics (accepted/duplicate/rejected by provider and reason;
  // events by disposition, declines, error classes). Their `service` dimension is the
  // function's physical name, so a SEARCH finds exactly this stack's series, whatever the
  // other dimensions are.
  functions.forEach((fn, index) =>
    list.push({
      title: `${fn.label} application metrics`,
      metrics: [[{ expression: applicationMetricsSearch(fn.name), label: "", id: `app${index}` }]],
    }),
  );
  return list.filter((graph) => graph.metrics.length > 0);
}

/** Every series in the handlers' namespace whose `service` dimension is `serviceName`, summed per minute. */
export function applicationMetricsSearch(serviceName: string): string {
  return `SEARCH('Namespace="${METRICS_NAMESPACE}" service="${serviceName}"', 'Sum', 60)`;
}

export function buildDashboardBody(resources: MonitoredResources<string>, region: string, title: string): DashboardBody {
  const widgets: DashboardWidget[] = [
    { type: "text", x: 0, y: 0, width: DASHBOARD_COLUMNS, height: TITLE_HEIGHT, properties: { markdown: `# ${title}` } },
  ];
  graphs(resources).forEach((graph, index) => {
    widgets.push({
      type: "metric",
      x: (index % 2) * GRAPH_WIDTH,
      y: TITLE_HEIGHT + Math.floor(index / 2) * GRAPH_HEIGHT,
      width: GRAPH_WIDTH,
      height: GRAPH_HEIGHT,
      properties: { title: graph.title, region, view: "timeSeries", stacked: false, period: 60, metrics: graph.metrics },
    });
  });
  return { widgets };
}
