import type { PolicyDocument } from "../../lib/security/policy-document";
import type { DashboardBody } from "../../lib/observability/dashboard";
import { FAKE, parseJsonInput, runEventingProgram, SUFFIX, type EventingStack } from "./support/eventing-program";

const ACCOUNT = "123456789012";
const BUS_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/payment-events-${SUFFIX}`;
const STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:payment-processing-${SUFFIX}`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:sns/topic/payment-webhooks-alarms-${SUFFIX}`;

let stack: EventingStack;
beforeAll(async () => {
  stack = await runEventingProgram();
});

describe("PaymentEventBus", () => {
  it("creates payment-events-<suffix> and exports its name", () => {
    expect(stack.one("aws:cloudwatch/eventBus:EventBus").inputs.name).toBe(`payment-events-${SUFFIX}`);
    expect(stack.outputs.busName).toBe(`payment-events-${SUFFIX}`);
  });

  it("archives everything on the bus for 30 days by default", () => {
    const archive = stack.one("aws:cloudwatch/eventArchive:EventArchive");
    expect(archive.inputs).toMatchObject({ name: `payment-events-archive-${SUFFIX}`, eventSourceArn: BUS_ARN, retentionDays: 30 });
    expect(archive.inputs.eventPattern).toBeUndefined();
  });

  it("honours archiveRetentionDays", async () => {
    const custom = await runEventingProgram({ bus: { archiveRetentionDays: 7 } });
    expect(custom.one("aws:cloudwatch/eventArchive:EventArchive").inputs.retentionDays).toBe(7);
  });
});

describe("Observability alarm topic", () => {
  it("is payment-webhooks-alarms-<suffix>, encrypted with the CMK", () => {
    expect(stack.one("aws:sns/topic:Topic").inputs).toMatchObject({ name: `payment-webhooks-alarms-${SUFFIX}`, kmsMasterKeyId: FAKE.kmsKeyArn });
  });

  it("lets only this account's CloudWatch alarms publish, and only over TLS", () => {
    const policy = parseJsonInput(stack.one("aws:sns/topicPolicy:TopicPolicy"), "policy") as PolicyDocument;
    expect(policy.Statement.filter((s) => s.Effect === "Deny")).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"],
        Resource: TOPIC_ARN,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(policy.Statement.filter((s) => s.Effect === "Allow")).toEqual([
      {
        Sid: "CloudWatchAlarmsOfThisAccount",
        Effect: "Allow",
        Action: ["sns:Publish"],
        Resource: [TOPIC_ARN],
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } },
      },
    ]);
  });

  it("subscribes the alarm e-mail, and nothing without one", async () => {
    expect(stack.one("aws:sns/topicSubscription:TopicSubscription").inputs).toMatchObject({ protocol: "email", endpoint: "oncall@example.com", topic: TOPIC_ARN });
    const withoutEmail = await runEventingProgram({ observability: { alarmEmail: undefined } });
    expect(withoutEmail.ofType("aws:sns/topicSubscription:TopicSubscription")).toHaveLength(0);
  });
});

describe("Observability alarms", () => {
  const alarm = (name: string) => {
    const matches = stack.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.name === name);
    if (matches.length !== 1) throw new Error(`expected one alarm ${name}, found ${matches.length}`);
    return matches[0].inputs;
  };

  it.each<[string, string, string, Record<string, string>, string]>([
    [`webhook-api-5xx-${SUFFIX}`, "AWS/ApiGateway", "5XXError", { ApiName: FAKE.apiName, Stage: FAKE.stageName }, "Sum"],
    [`webhook-validator-errors-${SUFFIX}`, "AWS/Lambda", "Errors", { FunctionName: FAKE.validatorName }, "Sum"],
    [`webhook-validator-throttles-${SUFFIX}`, "AWS/Lambda", "Throttles", { FunctionName: FAKE.validatorName }, "Sum"],
    [`payment-processor-errors-${SUFFIX}`, "AWS/Lambda", "Errors", { FunctionName: FAKE.processorName }, "Sum"],
    [`payment-processor-throttles-${SUFFIX}`, "AWS/Lambda", "Throttles", { FunctionName: FAKE.processorName }, "Sum"],
    [`payment-processing-failed-${SUFFIX}`, "AWS/States", "ExecutionsFailed", { StateMachineArn: STATE_MACHINE_ARN }, "Sum"],
    [`payment-processing-timed-out-${SUFFIX}`, "AWS/States", "ExecutionsTimedOut", { StateMachineArn: STATE_MACHINE_ARN }, "Sum"],
    [`payment-events-pipe-dlq-depth-${SUFFIX}`, "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: `payment-events-pipe-dlq-${SUFFIX}` }, "Maximum"],
    [`payment-webhook-received-dlq-depth-${SUFFIX}`, "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: `payment-webhook-received-dlq-${SUFFIX}` }, "Maximum"],
    [`payment-events-pipe-failed-${SUFFIX}`, "AWS/EventBridge/Pipes", "ExecutionFailed", { PipeName: `payment-events-pipe-${SUFFIX}` }, "Sum"],
    [
      `payment-webhook-received-failed-invocations-${SUFFIX}`,
      "AWS/Events",
      "FailedInvocations",
      { EventBusName: `payment-events-${SUFFIX}`, RuleName: `payment-webhook-received-${SUFFIX}` },
      "Sum",
    ],
  ])("%s watches %s %s with the resource's dimensions", (name, namespace, metricName, dimensions, statistic) => {
    expect(alarm(name)).toMatchObject({
      namespace,
      metricName,
      dimensions,
      statistic,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      period: 300,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
    });
  });

  it("has no alarm beyond those (11), and exports their names", () => {
    expect(stack.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(11);
    expect(stack.outputs.alarmNames).toHaveLength(11);
  });
});

describe("Observability dashboard", () => {
  it("is payment-webhooks-<suffix> and graphs the pipeline's resources in us-east-1", () => {
    const dashboard = stack.one("aws:cloudwatch/dashboard:Dashboard");
    expect(dashboard.inputs.dashboardName).toBe(`payment-webhooks-${SUFFIX}`);
    const body = parseJsonInput(dashboard, "dashboardBody") as DashboardBody;
    const metricWidgets = body.widgets.filter((w) => w.type === "metric");
    expect(metricWidgets.every((w) => w.properties.region === "us-east-1")).toBe(true);
    const text = JSON.stringify(body);
    for (const name of [FAKE.apiName, FAKE.validatorName, FAKE.processorName, STATE_MACHINE_ARN, `payment-events-pipe-dlq-${SUFFIX}`, `payment-events-pipe-${SUFFIX}`]) {
      expect(text).toContain(name);
    }
  });
});

describe("every eventing resource", () => {
  it("is a child of its component, and nothing is protected or retained", () => {
    const components = new Set(stack.resources.filter((r) => r.type.startsWith("payments:")).map((r) => r.urn));
    for (const resource of stack.resources.filter((r) => r.custom)) {
      expect({ name: resource.name, parentIsComponent: components.has(resource.parent) }).toEqual({ name: resource.name, parentIsComponent: true });
      expect({ name: resource.name, protect: resource.protect, retainOnDelete: resource.retainOnDelete }).toEqual({ name: resource.name, protect: false, retainOnDelete: false });
    }
  });

  it("has a physical name carrying the suffix", () => {
    const nameKeys = ["name", "dashboardName"];
    for (const resource of stack.resources.filter((r) => r.custom)) {
      const physical = nameKeys.map((key) => resource.inputs[key]).find((value) => typeof value === "string") as string | undefined;
      if (physical === undefined) continue; // policies, targets, subscriptions: named by their parent
      expect({ name: resource.name, physical, carriesSuffix: physical.endsWith(`-${SUFFIX}`) }).toMatchObject({ carriesSuffix: true });
    }
  });

  it("uses component type tokens payments:<module>:<Type>", () => {
    const types = stack.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack").map((r) => r.type).sort();
    expect(types).toEqual([
      "payments:eventing:PaymentEventBus",
      "payments:eventing:WorkflowTrigger",
      "payments:observability:Observability",
      "payments:workflow:ProcessingWorkflow",
    ]);
  });
});
