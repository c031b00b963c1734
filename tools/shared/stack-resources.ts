/**
 * The physical names and ARNs of the stack's resources the operator tools act on, derived from
 * `environmentSuffix` with the same `physicalName` rule the Pulumi program uses, so a tool needs
 * only the stack config (or the suffix) and the caller's account and region.
 */
import { physicalName } from "../../contract/naming";

export interface StackResources {
  region: string;
  account: string;
  tableName: string;
  busName: string;
  busArn: string;
  archiveName: string;
  archiveArn: string;
  ruleName: string;
  ruleArn: string;
  stateMachineName: string;
  stateMachineArn: string;
  pipeName: string;
  pipeDlqName: string;
  ruleDlqName: string;
  validatorFunctionName: string;
  processorFunctionName: string;
}

/** Resource types of the names the tools need (lib/ builds each name from the same type). */
export const RESOURCE_TYPES = {
  table: "payment-events",
  bus: "payment-events",
  archive: "payment-events-archive",
  rule: "payment-webhook-received",
  stateMachine: "payment-processing",
  pipe: "payment-events-pipe",
  pipeDlq: "payment-events-pipe-dlq",
  ruleDlq: "payment-webhook-received-dlq",
  validator: "webhook-validator",
  processor: "payment-processor",
} as const;

export function stackResources(environmentSuffix: string, account: string, region: string, partition = "aws"): StackResources {
  const name = (type: keyof typeof RESOURCE_TYPES) => physicalName(RESOURCE_TYPES[type], environmentSuffix);
  const busName = name("bus");
  return {
    region,
    account,
    tableName: name("table"),
    busName,
    busArn: `arn:${partition}:events:${region}:${account}:event-bus/${busName}`,
    archiveName: name("archive"),
    archiveArn: `arn:${partition}:events:${region}:${account}:archive/${name("archive")}`,
    ruleName: name("rule"),
    // A rule on a custom bus has the bus name in its ARN (EventBridge User Guide, IAM resource types).
    ruleArn: `arn:${partition}:events:${region}:${account}:rule/${busName}/${name("rule")}`,
    stateMachineName: name("stateMachine"),
    stateMachineArn: `arn:${partition}:states:${region}:${account}:stateMachine:${name("stateMachine")}`,
    pipeName: name("pipe"),
    pipeDlqName: name("pipeDlq"),
    ruleDlqName: name("ruleDlq"),
    validatorFunctionName: name("validator"),
    processorFunctionName: name("processor"),
  };
}
