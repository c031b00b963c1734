import { eventSortKey, IDENTITY_SORT_KEY, identityItemKey, NO_AMOUNT, unreferencedPaymentKey, type EventItem, type IdentityItem } from "../../../contract/event-table";
import { encodeDeclineSignals } from "../../../contract/decline-signals";
import { PayloadTooLargeError } from "../errors";
import type { NormalisedEvent } from "../normalised-event";

/** DynamoDB's maximum item size: 400 KB, attribute names included. */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

/** Events without a payment reference get the contract's synthetic key (`unreferenced#<provider>#<eventId>`), never dropped. */
export function toEventItem(event: NormalisedEvent, retentionDays: number): EventItem {
  const receivedSeconds = Math.floor(Date.parse(event.receivedAt) / 1000);
  return {
    paymentId: event.paymentId ?? unreferencedPaymentKey(event.provider, event.eventId),
    timestamp: eventSortKey(event.occurredAt, event.eventId),
    itemType: "EVENT",
    provider: event.provider,
    eventId: event.eventId,
    eventType: event.eventType,
    status: event.status,
    amount: event.amountMinor ?? NO_AMOUNT,
    currency: event.currency ?? "",
    failureCode: event.failureCode ?? "",
    declineSignals: encodeDeclineSignals(event.declineSignals ?? {}),
    occurredAt: event.occurredAt,
    receivedAt: event.receivedAt,
    payload: event.rawPayload,
    processingStatus: "RECEIVED",
    expiresAt: receivedSeconds + retentionDays * 86_400,
  };
}

/**
 * The IDENTITY item written with the EVENT item in one transaction. Its key holds only the
 * provider and the event id, which every provider module takes from signed data; the EVENT
 * item's sort key may hold an unsigned time (Adyen's eventDate), so this item, not that key, is
 * what makes a replay with another time a duplicate.
 */
export function toIdentityItem(item: EventItem): IdentityItem {
  return {
    paymentId: identityItemKey(item.provider, item.eventId),
    timestamp: IDENTITY_SORT_KEY,
    itemType: "IDENTITY",
    provider: item.provider,
    eventId: item.eventId,
    eventPaymentId: item.paymentId,
    eventTimestamp: item.timestamp,
    expiresAt: item.expiresAt,
  };
}

/**
 * Upper bound of the item's size as DynamoDB counts it: UTF-8 bytes of every attribute name and
 * string value; numbers counted at their 21-byte maximum.
 */
export function eventItemSizeBytes(item: EventItem): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name, "utf8") + (typeof value === "number" ? 21 : Buffer.byteLength(String(value), "utf8"));
  }
  return size;
}

export function assertFitsInDynamoDb(item: EventItem): void {
  const size = eventItemSizeBytes(item);
  if (size > DYNAMODB_ITEM_LIMIT_BYTES) {
    throw new PayloadTooLargeError(
      `The event would need ${size} bytes of storage; DynamoDB items are limited to ${DYNAMODB_ITEM_LIMIT_BYTES} bytes (400 KB) including the raw payload.`,
      DYNAMODB_ITEM_LIMIT_BYTES,
    );
  }
}
