/**
 * Grants nobody uses, found without an IAM evaluator: for roles assumed by a Step Functions
 * state machine, an EventBridge Pipe or an EventBridge rule target, every call the role makes
 * follows from that resource's configuration (its Tasks, source, target, DLQ, logging, tracing,
 * encryption), so any other granted action is unused. Lambda execution roles are left out:
 * which calls a function makes is in its code, and the project's evaluator tests cover them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule, type StackFinding } from "./define";
import { statementsOf } from "./iam-documents";
import type { GuardPolicy, PolicyContext } from "./types";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const PIPE = "aws:pipes/pipe:Pipe";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** DynamoDB (or SQS, for a DLQ) uses a CMK as the caller; these are what a caller may need. */
const KEY_USE_THROUGH_SERVICES = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"];
/** Step Functions X-Ray tracing (Step Functions Developer Guide, "Tracing with X-Ray"). */
const STATES_XRAY = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"];
/** Step Functions logging through vended log delivery (Step Functions Developer Guide, "Logging to CloudWatch Logs"). */
const STATES_LOG_DELIVERY = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
];

function stateMachineCalls(props: Record<string, unknown>): string[] {
  const calls = new Set<string>();
  let definition: { States?: Record<string, Record<string, unknown>> } = {};
  try {
    definition = typeof props.definition === "string" ? JSON.parse(props.definition) : {};
  } catch {
    return [];
  }
  const visit = (states: Record<string, Record<string, unknown>> | undefined) => {
    for (const state of Object.values(states ?? {})) {
      for (const branch of (state.Branches as Array<{ States?: Record<string, Record<string, unknown>> }> | undefined) ?? []) visit(branch.States);
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, unknown>> } | undefined;
      if (processor) visit(processor.States);
      const match = /^arn:aws[a-z-]*:states:::(?:aws-sdk:)?([a-z0-9-]+):([A-Za-z]+)/.exec(String(state.Resource ?? ""));
      if (state.Type !== "Task" || !match) continue;
      const [, service, api] = match;
      calls.add(service === "lambda" && api === "invoke" ? "lambda:InvokeFunction" : `${service}:${api.charAt(0).toUpperCase()}${api.slice(1)}`);
      if (service === "dynamodb") KEY_USE_THROUGH_SERVICES.forEach((action) => calls.add(action));
    }
  };
  visit(definition.States);
  if ((props.tracingConfiguration as { enabled?: boolean } | undefined)?.enabled) STATES_XRAY.forEach((action) => calls.add(action));
  if (props.loggingConfiguration) STATES_LOG_DELIVERY.forEach((action) => calls.add(action));
  if (props.encryptionConfiguration) ["kms:Decrypt", "kms:GenerateDataKey"].forEach((action) => calls.add(action));
  return [...calls];
}

function pipeCalls(props: Record<string, unknown>): string[] {
  const calls: string[] = [];
  const source = String(props.source ?? "");
  if (/^arn:aws[a-z-]*:dynamodb:.*\/stream\//.test(source)) calls.push("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams", ...KEY_USE_THROUGH_SERVICES);
  const deadLetter = JSON.stringify(props.sourceParameters ?? {});
  if (/"deadLetterConfig":\{"arn":"arn:aws[a-z-]*:sqs:/.test(deadLetter)) calls.push("sqs:SendMessage", ...KEY_USE_THROUGH_SERVICES);
  if (/^arn:aws[a-z-]*:events:/.test(String(props.target ?? ""))) calls.push("events:PutEvents");
  if ((props.logConfiguration as { cloudwatchLogsLogDestination?: unknown } | undefined)?.cloudwatchLogsLogDestination) calls.push("logs:CreateLogStream", "logs:PutLogEvents");
  return calls;
}

function eventTargetCalls(props: Record<string, unknown>): string[] {
  return /^arn:aws[a-z-]*:states:/.test(String(props.arn ?? "")) ? ["states:StartExecution"] : [];
}

export function iamGrantsUsedPolicies(ctx: PolicyContext): GuardPolicy[] {
  return [
    stackRule(ctx, {
      name: "iam-grants-used",
      description: "Roles assumed by a state machine, a Pipe or a rule target grant only actions that resource's configuration makes it call (Tasks, source, target, DLQ, logging, tracing, encryption).",
      enforcementLevel: "advisory",
      metadata: {
        area: "iam",
        severity: "medium",
        resourceTypes: [ROLE_POLICY],
        rationale: "An action no call uses is privilege an attacker with the role gets for free, and it hides what the role is for. For service roles the calls follow from configuration, so unused grants are decidable from the stack alone.",
        levelRationale: "Advisory: it reasons from configuration, not from an IAM evaluator, and cannot see Lambda handlers' calls.",
        remediation: "Remove the action from the role policy, or change the resource so that it really makes that call.",
        mappings: { checkov: [], cdkNag: [], pciDss: ["7.2.2"] },
        caveats: "Actions only (resources are the evaluator tests' job). Lambda execution roles and roles no state machine, Pipe or rule target names are not judged.",
      },
      check: (args) => {
        const findings: StackFinding[] = [];
        const callsByRoleArn = new Map<string, Set<string>>();
        const note = (roleArn: unknown, calls: string[]) => {
          if (typeof roleArn !== "string") return;
          const known = callsByRoleArn.get(roleArn) ?? new Set<string>();
          calls.forEach((call) => known.add(call.toLowerCase()));
          callsByRoleArn.set(roleArn, known);
        };
        for (const r of args.resources) {
          if (r.type === STATE_MACHINE) note(r.props.roleArn, stateMachineCalls(r.props));
          if (r.type === PIPE) note(r.props.roleArn, pipeCalls(r.props));
          if (r.type === EVENT_TARGET) note(r.props.roleArn, eventTargetCalls(r.props));
        }
        const roles = args.resources.filter((r) => r.type === ROLE);
        const roleOf = (policy: PolicyResource) => roles.find((role) => [role.props.name, role.props.id, role.props.arn].includes(policy.props.role));
        for (const policy of args.resources.filter((r) => r.type === ROLE_POLICY)) {
          const role = roleOf(policy);
          const known = role ? callsByRoleArn.get(String(role.props.arn)) : undefined;
          if (!role || !known) continue;
          const parsed = statementsOf(policy.props.policy);
          if ("error" in parsed) continue;
          for (const statement of parsed.statements) {
            if (statement.effect !== "Allow") continue;
            for (const action of statement.actions) {
              if (!known.has(action.toLowerCase())) {
                findings.push({ resource: policy, message: `Role policy '${policy.name}' grants '${action}', but nothing that assumes role '${String(role.props.name)}' makes that call; remove it.` });
              }
            }
          }
        }
        return findings;
      },
    }),
  ];
}
