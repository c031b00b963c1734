/**
 * The alarm set as data: which metric, which dimensions, which threshold. Pure and generic over
 * the dimension value type, so the component passes Pulumi Outputs and the tests pass strings.
 * Every alarm fires on the first bad datapoint: each of these metrics is zero in a healthy
 * pipeline (a 5xx means an event was not stored; a message in a DLQ is an event that stopped).
 */

export interface AlarmSpec<T> {
  /** Resource-type part of the physical name; the alarm is `<what>-<suffix>`. */
  what: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, T>;
  statistic: "Sum" | "Maximum";
  comparisonOperator: "GreaterThanThreshold";
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
}

export interface MonitoredResources<T> {
  /** REST API name and stage (API Gateway metrics are keyed by ApiName + Stage). */
  api: { name: T; stage: T };
  /** Each function with a kebab-case label used in alarm names, e.g. `webhook-validator`. */
  functions: Array<{ label: string; name: T }>;
  stateMachine: { label: string; arn: T };
  /** Each dead-letter queue with a kebab-case label, e.g. `payment-events-pipe-dlq`. */
  deadLetterQueues: Array<{ label: string; name: T }>;
  pipe?: { label: string; name: T };
  rule?: { label: string; name: T; eventBusName: T };
}

export interface AlarmOptions {
  /** @default 300 */
  periodSeconds?: number;
}

const LABEL_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function assertLabels<T>(resources: MonitoredResources<T>): void {
  const labels = [
    ...resources.functions.map((f) => f.label),
    resources.stateMachine.label,
    ...resources.deadLetterQueues.map((q) => q.label),
    ...(resources.pipe ? [resources.pipe.label] : []),
    ...(resources.rule ? [resources.rule.label] : []),
  ];
  for (const label of labels) {
    if (!LABEL_PATTERN.test(label)) throw new Error(`alarm label ${JSON.stringify(label)} must be kebab-case (lower-case letters, digits, single hyphens).`);
  }
  const duplicate = labels.find((label, index) => labels.indexOf(label) !== index);
  if (duplicate !== undefined) throw new Error(`alarm label ${JSON.stringify(duplicate)} is used twice; alarm names would clash.`);
}

export function buildAlarmSpecs<T>(resources: MonitoredResources<T>, options: AlarmOptions = {}): AlarmSpec<T>[] {
  assertLabels(resources);
  const periodSeconds = options.periodSeconds ?? 300;
  if (!Number.isInteger(periodSeconds) || periodSeconds < 60 || periodSeconds % 60 !== 0) {
    throw new Error(`alarm periodSeconds must be a whole number of minutes (a multiple of 60); got ${String(periodSeconds)}.`);
  }
  const spec = (fields: Omit<AlarmSpec<T>, "comparisonOperator" | "threshold" | "periodSeconds" | "evaluationPeriods">): AlarmSpec<T> => ({
    ...fields,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    periodSeconds,
    evaluationPeriods: 1,
  });

  const specs: AlarmSpec<T>[] = [
    spec({
      what: "webhook-api-5xx",
      description: "The webhook API answered 5xx: an event was not stored and the provider will redeliver.",
      namespace: "AWS/ApiGateway",
      metricName: "5XXError",
      dimensions: { ApiName: resources.api.name, Stage: resources.api.stage },
      statistic: "Sum",
    }),
  ];
  for (const fn of resources.functions) {
    specs.push(
      spec({
        what: `${fn.label}-errors`,
        description: `Lambda ${fn.label} raised errors.`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: fn.name },
        statistic: "Sum",
      }),
      spec({
        what: `${fn.label}-throttles`,
        description: `Lambda ${fn.label} was throttled: its reserved concurrency is exhausted.`,
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions: { FunctionName: fn.name },
        statistic: "Sum",
      }),
    );
  }
  const sm = resources.stateMachine;
  specs.push(
    spec({
      what: `${sm.label}-failed`,
      description: "Payment-processing executions failed (permanent error or retries exhausted).",
      namespace: "AWS/States",
      metricName: "ExecutionsFailed",
      dimensions: { StateMachineArn: sm.arn },
      statistic: "Sum",
    }),
    spec({
      what: `${sm.label}-timed-out`,
      description: "Payment-processing executions timed out.",
      namespace: "AWS/States",
      metricName: "ExecutionsTimedOut",
      dimensions: { StateMachineArn: sm.arn },
      statistic: "Sum",
    }),
  );
  for (const queue of resources.deadLetterQueues) {
    specs.push(
      spec({
        what: `${queue.label}-depth`,
        description: `Dead-letter queue ${queue.label} holds messages: events stopped on their way to the workflow. Inspect and redrive.`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queue.name },
        statistic: "Maximum",
      }),
    );
  }
  if (resources.pipe) {
    specs.push(
      spec({
        what: `${resources.pipe.label}-failed`,
        description: "Pipe executions failed (stream batches not put on the bus; retried, then dead-lettered).",
        namespace: "AWS/EventBridge/Pipes",
        metricName: "ExecutionFailed",
        dimensions: { PipeName: resources.pipe.name },
        statistic: "Sum",
      }),
    );
  }
  if (resources.rule) {
    specs.push(
      spec({
        what: `${resources.rule.label}-failed-invocations`,
        description: "The workflow rule could not start executions after its retries.",
        namespace: "AWS/Events",
        metricName: "FailedInvocations",
        dimensions: { EventBusName: resources.rule.eventBusName, RuleName: resources.rule.name },
        statistic: "Sum",
      }),
    );
  }
  return specs;
}
