/**
 * IAM actions the payment processor's execution role needs, by resource: what its adapters
 * call (a test records the calls on dynalite). The state machine's own permissions are derived
 * from the definition by lib/workflow/workflow-analysis.ts, so a new Task state cannot ship
 * without its permission.
 */

/** What the payment processor's execution role needs, by resource. (Plus kms:Decrypt / kms:GenerateDataKey on the table's CMK.) */
export const PROCESSOR_ACTIONS = {
  eventsTable: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
  eventBus: ["events:PutEvents"],
} as const;
