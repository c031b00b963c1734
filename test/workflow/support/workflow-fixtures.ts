/** Inputs shaped like what the bus rule delivers, and the definition under test. */
import { PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { WEBHOOK_EVENT_DETAIL_TYPE, WEBHOOK_EVENT_SOURCE, type WebhookEventDetail } from "../../../contract/event-routing";
import { eventSortKey, type EventItem, type PaymentStatus, type ProcessingStatus, type ProviderId } from "../../../contract/event-table";
import { marshalEventItem } from "../../../lambda/webhook-validator/storage/dynamodb-event-store";
import { buildPaymentWorkflowDefinition, DEFAULT_RETRY_TUNING, type AslDefinition } from "../../../lib/workflow/definition";

export const PROCESSOR_ARN = "arn:aws:lambda:us-east-1:123456789012:function:payment-processor-test";

export function workflowDefinition(tableName: string): AslDefinition {
  return buildPaymentWorkflowDefinition({ processorFunctionArn: PROCESSOR_ARN, eventsTableName: tableName, retry: { ...DEFAULT_RETRY_TUNING } });
}

export function eventDetail(overrides: Partial<WebhookEventDetail> = {}): WebhookEventDetail {
  const occurredAt = overrides.occurredAt ?? "2026-03-01T10:00:00.000Z";
  const eventId = overrides.eventId ?? "evt_1";
  return {
    paymentId: "pi_123",
    timestamp: eventSortKey(occurredAt, eventId),
    provider: "stripe",
    eventId,
    eventType: "payment_intent.succeeded",
    status: "SUCCEEDED",
    amount: "2500",
    currency: "EUR",
    failureCode: "",
    declineSignals: "",
    occurredAt,
    ...overrides,
  };
}

/** The EventBridge event the rule hands to StartExecution. */
export function busEvent(detail: WebhookEventDetail): Record<string, unknown> {
  return {
    version: "0",
    id: `bus-${detail.eventId}`,
    "detail-type": WEBHOOK_EVENT_DETAIL_TYPE,
    source: WEBHOOK_EVENT_SOURCE,
    account: "123456789012",
    time: detail.occurredAt,
    region: "us-east-1",
    resources: [],
    detail,
  };
}

/**
 * Writes the EVENT item as the validator does: a contract-typed `EventItem` marshalled by the
 * validator's own marshaller, so the workflow tests read exactly the shape the validator stores.
 */
export async function storeEventItem(client: DynamoDBClient, tableName: string, detail: WebhookEventDetail, processingStatus: ProcessingStatus = "RECEIVED"): Promise<void> {
  const item: EventItem = {
    paymentId: detail.paymentId,
    timestamp: detail.timestamp,
    itemType: "EVENT",
    provider: detail.provider as ProviderId,
    eventId: detail.eventId,
    eventType: detail.eventType,
    status: detail.status as PaymentStatus,
    amount: Number(detail.amount),
    currency: detail.currency,
    failureCode: detail.failureCode,
    declineSignals: detail.declineSignals,
    occurredAt: detail.occurredAt,
    receivedAt: "2026-03-01T10:00:01.000Z",
    payload: "{}",
    processingStatus,
    expiresAt: 1900000000,
  };
  await client.send(new PutItemCommand({ TableName: tableName, Item: marshalEventItem(item) }));
}
