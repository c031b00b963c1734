/**
 * Small pure builders for IAM policy documents. Every statement names explicit actions; the
 * builders refuse wildcards at construction so a "temporary" `dynamodb:*` cannot be written
 * at all, and `Resource: "*"` is only accepted for actions on the documented allow-list of
 * actions AWS offers no resource-level permission for.
 */
import * as pulumi from "@pulumi/pulumi";

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** X-Ray trace upload and sampling, as Step Functions uses it (Lambda needs only the first two). */
export const XRAY_TRACING_ACTIONS = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"] as const;

/** CloudWatch Logs vended-log delivery, which Step Functions and Pipes logging go through. */
export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
] as const;

/**
 * Actions that support no resource-level permission, so `Resource: "*"` is the only valid
 * form (AWS Service Authorization Reference). Keep each entry justified; a test
 * checks every entry against AWS's action data.
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: ReadonlySet<string> = new Set([
  ...XRAY_TRACING_ACTIONS,
  ...LOG_DELIVERY_ACTIONS,
  // The Pipe's DynamoDB stream source lists the table's streams; ListStreams has no
  // resource type in the Service Authorization Reference, so it only matches Resource "*".
  "dynamodb:ListStreams",
]);

const ACTION_PATTERN = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/** Throws unless `action` is one explicit `service:Action` with no wildcard. */
export function assertExplicitAction(action: string): void {
  if (!ACTION_PATTERN.test(action)) {
    throw new Error(`IAM action ${JSON.stringify(action)} must be one explicit "service:Action" without wildcards.`);
  }
}

/** An Allow statement over explicit actions scoped to resource ARNs (never "*"). */
export function allow(actions: string[], resources: string[], sid?: string): PolicyStatement {
  if (actions.length === 0) throw new Error("an IAM statement needs at least one action");
  if (resources.length === 0) throw new Error(`IAM statement for ${actions.join(", ")} needs at least one resource ARN`);
  actions.forEach(assertExplicitAction);
  if (resources.some((resource) => resource === "*")) {
    throw new Error(`IAM statement for ${actions.join(", ")} must be scoped to ARNs; use allowOnAnyResource() only for actions without resource-level permissions.`);
  }
  return { ...(sid ? { Sid: sid } : {}), Effect: "Allow", Action: [...actions], Resource: [...resources] };
}

/**
 * An Allow statement with `Resource: "*"`, accepted only for actions AWS offers no
 * resource-level permission for (see ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS).
 */
export function allowOnAnyResource(actions: string[], sid?: string): PolicyStatement {
  actions.forEach(assertExplicitAction);
  const restrictable = actions.filter((action) => !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action));
  if (restrictable.length > 0) {
    throw new Error(`Resource "*" is not allowed for ${restrictable.join(", ")}: these actions support resource-level permissions.`);
  }
  return { ...(sid ? { Sid: sid } : {}), Effect: "Allow", Action: [...actions], Resource: "*" };
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * JSON policy text from statements whose ARNs are still Outputs. Use with plain
 * `JSON.stringify` semantics, so tests can parse exactly what the engine receives.
 */
export function policyJson(statements: pulumi.Input<pulumi.Input<PolicyStatement>[]>): pulumi.Output<string> {
  return pulumi.output(statements).apply((resolved) => JSON.stringify(policyDocument(resolved as PolicyStatement[])));
}

/** Trust policy letting one AWS service principal assume a role, optionally pinned to a source ARN/account. */
export function assumeRolePolicy(servicePrincipal: string, conditions?: PolicyStatement["Condition"]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: servicePrincipal },
        Action: "sts:AssumeRole",
        ...(conditions ? { Condition: conditions } : {}),
      },
    ],
  });
}
