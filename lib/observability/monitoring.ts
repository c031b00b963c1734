/**
 * Alarms on everything that means "a payment event is stuck or lost", an SNS topic they notify,
 * and a dashboard. The alarm set and the dashboard are built by pure functions
 * (buildAlarmSpecs, buildDashboardBody); this component only turns them into resources.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, validateEnvironmentSuffix } from "../../contract/naming";
import { denyInsecureTransport, TOPIC_ACTIONS_REQUIRING_TLS } from "../eventing/trigger-policies";
import { allow, policyJson } from "../security/policy-document";
import { buildAlarmSpecs, type AlarmSpec, type MonitoredResources } from "./alarms";
import { buildDashboardBody } from "./dashboard";

type Named = { label: string; name: pulumi.Input<string> };

export interface MonitoringArgs {
  /** Validated suffix (validateEnvironmentSuffix) every physical name carries. */
  environmentSuffix: string;
  /** CMK encrypting the alarm topic. Its key policy must let cloudwatch.amazonaws.com use it. */
  kmsKeyArn: pulumi.Input<string>;
  /** Address subscribed to the alarm topic (it must confirm the subscription). @default none */
  alarmEmail?: string;
  api: { name: pulumi.Input<string>; stageName: pulumi.Input<string> };
  /** Each Lambda function with a kebab-case label used in alarm names, e.g. `webhook-validator`. */
  functions: Named[];
  stateMachine: { arn: pulumi.Input<string> };
  /** Each DLQ with a kebab-case label, e.g. `payment-events-pipe-dlq`. */
  deadLetterQueues: Named[];
  /** The Pipe (alarm on ExecutionFailed). @default none */
  pipeName?: pulumi.Input<string>;
  /** The workflow rule (alarm on FailedInvocations). @default none */
  rule?: { name: pulumi.Input<string>; eventBusName: pulumi.Input<string> };
  /** Alarm period, a multiple of 60. @default 300 */
  alarmPeriodSeconds?: number;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The type token stacks already run under. A new token would give every alarm, the topic and
 * the dashboard a new URN (a child's URN carries its parent's type), and `pulumi up` would
 * replace them all; keeping it keeps their identity.
 */
export const MONITORING_TYPE_TOKEN = "payments:observability:Observability";

/** MonitoringArgs after checkMonitoringArgs, with what the build needs derived from them. */
export interface CheckedMonitoringArgs extends MonitoringArgs {
  monitored: MonitoredResources<pulumi.Input<string>>;
  alarmSpecs: AlarmSpec<pulumi.Input<string>>[];
}

/**
 * Checks every argument (throwing a message that names it) and builds the alarm set, whose own
 * checks (kebab-case, unique labels, whole-minute period) then fail here too.
 */
export function checkMonitoringArgs(args: MonitoringArgs): CheckedMonitoringArgs {
  validateEnvironmentSuffix(args.environmentSuffix);
  if (args.alarmEmail !== undefined && !EMAIL_PATTERN.test(args.alarmEmail)) {
    throw new Error(`Monitoring.alarmEmail must be an e-mail address; got ${JSON.stringify(args.alarmEmail)}.`);
  }
  const monitored: MonitoredResources<pulumi.Input<string>> = {
    api: { name: args.api.name, stage: args.api.stageName },
    functions: args.functions,
    stateMachine: { label: "payment-processing", arn: args.stateMachine.arn },
    deadLetterQueues: args.deadLetterQueues,
    ...(args.pipeName !== undefined ? { pipe: { label: "payment-events-pipe", name: args.pipeName } } : {}),
    ...(args.rule ? { rule: { label: "payment-webhook-received", ...args.rule } } : {}),
  };
  return { ...args, monitored, alarmSpecs: buildAlarmSpecs(monitored, { periodSeconds: args.alarmPeriodSeconds }) };
}

export class Monitoring extends pulumi.ComponentResource {
  /** `payment-webhooks-alarms-<suffix>`. */
  public readonly alarmTopicArn: pulumi.Output<string>;
  /** Physical names of every alarm. */
  public readonly alarmNames: string[];
  /** `payment-webhooks-<suffix>`. */
  public readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, rawArgs: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a rejected argument registers nothing.
    const args = checkMonitoringArgs(rawArgs);
    const suffix = args.environmentSuffix;
    const { monitored, alarmSpecs: specs } = args;
    super(MONITORING_TYPE_TOKEN, name, {}, opts);

    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;

    const topic = new aws.sns.Topic(
      `${name}-alarm-topic`,
      { name: physicalName("payment-webhooks-alarms", suffix), kmsMasterKeyId: args.kmsKeyArn },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      `${name}-alarm-topic-policy`,
      {
        arn: topic.arn,
        policy: policyJson(
          pulumi.all([topic.arn, account, region, partition]).apply(([topicArn, accountId, regionName, partitionName]) => [
            {
              ...allow(["sns:Publish"], [topicArn], "CloudWatchAlarmsOfThisAccount"),
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": `arn:${partitionName}:cloudwatch:${regionName}:${accountId}:alarm:*` },
              },
            },
            denyInsecureTransport(topicArn, TOPIC_ACTIONS_REQUIRING_TLS),
          ]),
        ),
      },
      { parent: this },
    );
    if (args.alarmEmail !== undefined) {
      new aws.sns.TopicSubscription(`${name}-alarm-email`, { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail }, { parent: this });
    }

    this.alarmNames = specs.map((spec) => physicalName(spec.what, suffix));
    specs.forEach((spec, index) => {
      new aws.cloudwatch.MetricAlarm(
        `${name}-${spec.what}`,
        {
          name: this.alarmNames[index],
          alarmDescription: spec.description,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions: spec.dimensions,
          statistic: spec.statistic,
          comparisonOperator: spec.comparisonOperator,
          threshold: spec.threshold,
          period: spec.periodSeconds,
          evaluationPeriods: spec.evaluationPeriods,
          // No datapoint means no traffic, not a failure.
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        { parent: this },
      );
    });

    const dashboardName = physicalName("payment-webhooks", suffix);
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([
            pulumi.output(monitored),
            region,
          ])
          .apply(([resolved, regionName]) => JSON.stringify(buildDashboardBody(resolved as MonitoredResources<string>, regionName, `Payment webhooks (${suffix})`))),
      },
      { parent: this },
    );

    this.alarmTopicArn = topic.arn;
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn, alarmNames: this.alarmNames, dashboardName: this.dashboardName });
  }
}
