/** Step Functions state machine rules: X-Ray tracing and full logging. */
import { resourceRule } from "./define";
import type { GuardPolicy, PolicyContext } from "./types";

const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";

export function stepfunctionsPolicies(ctx: PolicyContext): GuardPolicy[] {
  const xray = resourceRule(ctx, {
    name: "sfn-xray",
    description: "Step Functions state machines have X-Ray tracing enabled.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "stepfunctions",
      severity: "medium",
      resourceTypes: [STATE_MACHINE],
      rationale: "Connects the processing workflow and its Lambda task to the webhook's trace.",
      levelRationale: "Mandatory: a product requirement.",
      remediation: "Set tracingConfiguration: { enabled: true }.",
      mappings: { checkov: ["CKV_AWS_284"], cdkNag: ["AwsSolutions-SF2"], pciDss: [] },
    },
    check: (args) =>
      (args.props.tracingConfiguration as { enabled?: unknown } | undefined)?.enabled === true
        ? []
        : [`State machine '${args.name}' must enable X-Ray tracing (tracingConfiguration.enabled: true).`],
  });

  const logging = resourceRule(ctx, {
    name: "sfn-logging-all",
    description: "Step Functions state machines log level ALL with execution data to a CloudWatch log group.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "stepfunctions",
      severity: "high",
      resourceTypes: [STATE_MACHINE],
      rationale: "Level ALL with execution data records every state's input and output, which is how a failed payment event is diagnosed and replayed.",
      levelRationale: "Mandatory: a product requirement. Execution data must therefore never contain cardholder data — the events carry provider references only.",
      remediation: "Set loggingConfiguration: { level: \"ALL\", includeExecutionData: true, logDestination: `${logGroup.arn}:*` }.",
      mappings: { checkov: ["CKV_AWS_285"], cdkNag: ["AwsSolutions-SF1"], pciDss: ["10.2.1"] },
    },
    check: (args) => {
      const cfg = args.props.loggingConfiguration as { level?: unknown; includeExecutionData?: unknown; logDestination?: unknown } | undefined;
      const problems: string[] = [];
      if (cfg?.level !== "ALL") problems.push(`loggingConfiguration.level must be "ALL" (it is ${cfg?.level === undefined ? "unset" : JSON.stringify(cfg.level)})`);
      if (cfg?.includeExecutionData !== true) problems.push("loggingConfiguration.includeExecutionData must be true");
      if (typeof cfg?.logDestination !== "string" || cfg.logDestination === "") problems.push("loggingConfiguration.logDestination must name a log group");
      return problems.length === 0 ? [] : [`State machine '${args.name}' must log everything: ${problems.join("; ")}.`];
    },
  });

  return [xray, logging];
}
