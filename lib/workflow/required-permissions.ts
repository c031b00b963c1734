/**
 * IAM actions the workflow's two principals need, for least-privilege roles in the stack. The
 * state machine's are derived from the definition itself, so a new Task state cannot ship
 * without its permission being visible; the processor's are what its adapters call (a test
 * records the calls).
 */
import type { AslDefinition } from "./definition";

const SERVICE_INTEGRATION = /^arn:aws:states:::([a-z0-9-]+):([A-Za-z]+)(?:\.[a-zA-Z]+)?$/;

/** Sorted IAM actions for the Task states of `definition`, e.g. `arn:aws:states:::dynamodb:updateItem` -> `dynamodb:UpdateItem`. */
export function stateMachineTaskActions(definition: AslDefinition): string[] {
  const actions = new Set<string>();
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== "Task") continue;
    const match = SERVICE_INTEGRATION.exec(String(state.Resource));
    if (!match) throw new Error(`State "${name}": cannot derive an IAM action from Resource ${String(state.Resource)}.`);
    const [, service, api] = match;
    actions.add(service === "lambda" && api === "invoke" ? "lambda:InvokeFunction" : `${service}:${api.charAt(0).toUpperCase()}${api.slice(1)}`);
  }
  return [...actions].sort();
}

/** What the payment processor's execution role needs, by resource. (Plus kms:Decrypt / kms:GenerateDataKey on the table's CMK.) */
export const PROCESSOR_ACTIONS = {
  eventsTable: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
  eventBus: ["events:PutEvents"],
} as const;
