/** API Gateway stage rules: X-Ray tracing and access logging. */
import { resourceRule } from "./define";
import type { GuardPolicy, PolicyContext } from "./types";

const STAGE = "aws:apigateway/stage:Stage";

export function apigatewayPolicies(ctx: PolicyContext): GuardPolicy[] {
  const xray = resourceRule(ctx, {
    name: "apigateway-stage-xray",
    description: "API Gateway REST API stages have X-Ray tracing enabled.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "apigateway",
      severity: "medium",
      resourceTypes: [STAGE],
      rationale: "The trace of a webhook starts at the stage; without it latency and 5xx cannot be attributed to the gateway or the validator.",
      levelRationale: "Mandatory: a product requirement.",
      remediation: "Set xrayTracingEnabled: true on the stage.",
      mappings: { checkov: ["CKV_AWS_73"], cdkNag: [], pciDss: [] },
    },
    check: (args) => (args.props.xrayTracingEnabled === true ? [] : [`API Gateway stage '${args.name}' must enable X-Ray tracing (xrayTracingEnabled: true).`]),
  });

  const accessLogs = resourceRule(ctx, {
    name: "apigateway-stage-access-logs",
    description: "API Gateway stages write access logs (destination and format) to CloudWatch Logs.",
    enforcementLevel: "mandatory",
    metadata: {
      area: "apigateway",
      severity: "high",
      resourceTypes: [STAGE],
      rationale: "Access logs are the audit record of who called the webhook endpoint, when, and with what result — the first thing an investigation asks for.",
      levelRationale: "Mandatory: audit logging of the system's entry point (PCI DSS 10.2.1).",
      remediation: "Set accessLogSettings: { destinationArn: logGroup.arn, format: <JSON format with $context.requestId> }.",
      mappings: { checkov: ["CKV_AWS_76"], cdkNag: ["AwsSolutions-APIG1"], pciDss: ["10.2.1"] },
    },
    check: (args) => {
      const settings = args.props.accessLogSettings as { destinationArn?: unknown; format?: unknown } | undefined;
      const missing = [
        typeof settings?.destinationArn === "string" && settings.destinationArn !== "" ? undefined : "accessLogSettings.destinationArn",
        typeof settings?.format === "string" && settings.format !== "" ? undefined : "accessLogSettings.format",
      ].filter((m): m is string => m !== undefined);
      return missing.length === 0 ? [] : [`API Gateway stage '${args.name}' must write access logs; set ${missing.join(" and ")}.`];
    },
  });

  return [xray, accessLogs];
}
