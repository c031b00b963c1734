/**
 * The event table's schema: one source of truth for the stack (lib/), the handlers (lambda/)
 * and the local runtime (local/), which creates its local table from these constants.
 *
 * Two kinds of item share the table, told apart by `itemType`:
 * - EVENT items, written once by the validator:
 *     paymentId = provider payment reference (or the synthetic key, see validator docs)
 *     timestamp = `<occurredAt ISO-8601>#<eventId>` so a redelivery hits the same key
 * - STATE items, one per payment, written by the processor:
 *     paymentId = same partition, timestamp = PAYMENT_STATE_SORT_KEY
 * - IDENTITY items, one per provider event, written by the validator in the same transaction as
 *   the EVENT item, both conditional on not existing:
 *     paymentId = `identity#<provider>#<eventId>`, timestamp = IDENTITY_SORT_KEY
 *   The event id comes only from signed data; the EVENT item's sort key may hold an unsigned
 *   time (Adyen's eventDate), so the IDENTITY item is what makes a replay with another time a
 *   duplicate.
 * Only INSERTs of EVENT items flow on to the workflow (see event-routing.ts).
 */

export const EVENT_TABLE_PARTITION_KEY = "paymentId";
/** Reserved word in DynamoDB expressions: always address it through ExpressionAttributeNames. */
export const EVENT_TABLE_SORT_KEY = "timestamp";
export const EVENT_TABLE_TTL_ATTRIBUTE = "expiresAt";
export const EVENT_TABLE_STREAM_VIEW_TYPE = "NEW_IMAGE" as const;

export const EVENT_TABLE_ATTRIBUTES: ReadonlyArray<{ name: string; type: "S" }> = [
  { name: EVENT_TABLE_PARTITION_KEY, type: "S" },
  { name: EVENT_TABLE_SORT_KEY, type: "S" },
];

/** Sort key of the per-payment state item; sorts after every ISO-8601 event key. */
export const PAYMENT_STATE_SORT_KEY = "~STATE";

export const ITEM_TYPE_ATTRIBUTE = "itemType";
export type ItemType = "EVENT" | "STATE" | "IDENTITY";

/** Sort key of an IDENTITY item (its partition key alone is unique). */
export const IDENTITY_SORT_KEY = "~IDENTITY";
export const IDENTITY_PARTITION_PREFIX = "identity#";

/** Partition key of the IDENTITY item of a provider event. */
export function identityItemKey(provider: ProviderId, eventId: string): string {
  return `${IDENTITY_PARTITION_PREFIX}${provider}#${eventId}`;
}

/**
 * Marks a provider event as stored. It carries the EVENT item's key, so an operator can go from
 * a duplicate delivery to the stored event. The Pipe filter lets only EVENT items through.
 */
export interface IdentityItem {
  paymentId: string;
  timestamp: typeof IDENTITY_SORT_KEY;
  itemType: "IDENTITY";
  provider: ProviderId;
  eventId: string;
  eventPaymentId: string;
  eventTimestamp: string;
  /** Same retention as the EVENT item. */
  expiresAt: number;
}

/**
 * `amount` of an EVENT item whose provider sent no amount. Amounts can be negative (Stripe
 * credits, invoice items, issuing refunds), so no small number can mean "none"; the validator
 * refuses this one value as an amount.
 */
export const NO_AMOUNT = Number.MIN_SAFE_INTEGER;

/** Lifecycle of an EVENT item, written by the validator (RECEIVED) and the workflow. */
export type ProcessingStatus = "RECEIVED" | "PROCESSING" | "PROCESSED" | "FAILED";

/** Webhook providers the validator understands; also the `{provider}` path segment. */
export const PROVIDERS = ["stripe", "standard-webhooks", "adyen", "square", "checkout", "generic"] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** Normalised payment status every provider mapping produces. */
export const PAYMENT_STATUSES = [
  "PENDING",
  "AUTHORIZED",
  "SUCCEEDED",
  "FAILED",
  "REFUNDED",
  "DISPUTED",
  "CANCELED",
  "UNKNOWN",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Attributes of an EVENT item. All are written on every item (empty string when the provider
 * gave nothing) because the Pipe's input template reads each one.
 */
export interface EventItem {
  paymentId: string;
  timestamp: string;
  itemType: "EVENT";
  provider: ProviderId;
  eventId: string;
  eventType: string;
  status: PaymentStatus;
  /** Amount in minor units (cents), negative for credits; NO_AMOUNT when the provider sent none. */
  amount: number;
  /** ISO-4217 upper case, or "" when unknown. */
  currency: string;
  /** Provider's decline / failure reason code, or "". */
  failureCode: string;
  /** Advice codes, card network and attempt id of a decline (contract/decline-signals.ts), or "". */
  declineSignals: string;
  occurredAt: string;
  receivedAt: string;
  /** Raw body exactly as received (UTF-8). */
  payload: string;
  processingStatus: ProcessingStatus;
  /** Epoch seconds; DynamoDB TTL removes the item after this. */
  expiresAt: number;
}

/** `timestamp` sort key of an EVENT item. */
export function eventSortKey(occurredAtIso: string, eventId: string): string {
  return `${occurredAtIso}#${eventId}`;
}

/**
 * Partition-key prefix of events that reference no payment (account updates, payouts, test
 * pings): the validator stores them as `unreferenced#<provider>#<eventId>` instead of dropping
 * them (docs/providers.md). Consumers recognise them by this prefix.
 */
export const UNREFERENCED_PAYMENT_PREFIX = "unreferenced#";

export function unreferencedPaymentKey(provider: ProviderId, eventId: string): string {
  return `${UNREFERENCED_PAYMENT_PREFIX}${provider}#${eventId}`;
}

/** True for a partition key made by unreferencedPaymentKey(): the event names no payment. */
export function isUnreferencedPaymentKey(paymentId: string): boolean {
  return paymentId.startsWith(UNREFERENCED_PAYMENT_PREFIX);
}
