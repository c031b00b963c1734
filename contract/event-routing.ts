/**
 * How a stored event travels from the table stream to the workflow. The stack gives these
 * exact values to the EventBridge Pipe and rule; the local runtime applies the same values
 * with its own stream poller and pattern matcher, so both paths are tested against one truth.
 */
import { EVENT_TABLE_PARTITION_KEY, EVENT_TABLE_SORT_KEY, ITEM_TYPE_ATTRIBUTE } from "./event-table";

/** Source and detail-type of the events the Pipe puts on the bus. */
export const WEBHOOK_EVENT_SOURCE = "payment-webhooks.ingest";
export const WEBHOOK_EVENT_DETAIL_TYPE = "Payment Webhook Received";

/** Source of the outcome events the processor publishes for downstream consumers. */
export const OUTCOME_EVENT_SOURCE = "payment-webhooks.processor";
export const OUTCOME_DETAIL_TYPES = [
  "Payment Succeeded",
  "Payment Failed",
  "Payment Refunded",
  "Payment Disputed",
  "Payment Canceled",
  "Payment Pending",
  "Payment Authorized",
  "Payment Status Unknown",
] as const;
export type OutcomeDetailType = (typeof OUTCOME_DETAIL_TYPES)[number];

/** Pipe source filter: only INSERTs of EVENT items (state updates and MODIFYs stay out). */
export const PIPE_FILTER_PATTERN = {
  eventName: ["INSERT"],
  dynamodb: { NewImage: { [ITEM_TYPE_ATTRIBUTE]: { S: ["EVENT"] } } },
} as const;

/** Detail the workflow receives (`$.detail`). Every value is a string; amount is minor units. */
export interface WebhookEventDetail {
  paymentId: string;
  timestamp: string;
  provider: string;
  eventId: string;
  eventType: string;
  status: string;
  amount: string;
  currency: string;
  failureCode: string;
  /** encodeDeclineSignals() output (contract/decline-signals.ts), or "". */
  declineSignals: string;
  occurredAt: string;
}

const DETAIL_FIELDS: ReadonlyArray<[keyof WebhookEventDetail, "S" | "N"]> = [
  ["paymentId", "S"],
  ["timestamp", "S"],
  ["provider", "S"],
  ["eventId", "S"],
  ["eventType", "S"],
  ["status", "S"],
  ["amount", "N"],
  ["currency", "S"],
  ["failureCode", "S"],
  ["declineSignals", "S"],
  ["occurredAt", "S"],
];

/**
 * EventBridge Pipes input template producing a clean WebhookEventDetail from a DynamoDB
 * stream record. Every placeholder is quoted, so the detail has only string values and no
 * DynamoDB type descriptors leak downstream.
 */
export const PIPE_INPUT_TEMPLATE =
  "{" +
  DETAIL_FIELDS.map(([field, type]) => `"${field}": "<$.dynamodb.NewImage.${field}.${type}>"`).join(", ") +
  "}";

/** Rule on the bus that starts the workflow. */
export const WORKFLOW_RULE_EVENT_PATTERN = {
  source: [WEBHOOK_EVENT_SOURCE],
  "detail-type": [WEBHOOK_EVENT_DETAIL_TYPE],
} as const;

// Compile-time guard: the key attributes the detail carries are the table's key names.
const _keysInDetail: Array<keyof WebhookEventDetail> = [
  EVENT_TABLE_PARTITION_KEY as "paymentId",
  EVENT_TABLE_SORT_KEY as "timestamp",
];
void _keysInDetail;
