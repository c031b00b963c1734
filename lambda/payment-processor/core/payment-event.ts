/**
 * Parses the workflow's input (`$.detail`, a WebhookEventDetail of strings) into a typed event.
 * Anything unusable is a permanent error naming the field: retrying cannot repair the input.
 */
import { decodeDeclineSignals, type DeclineSignals } from "../../../contract/decline-signals";
import type { WebhookEventDetail } from "../../../contract/event-routing";
import { NO_AMOUNT, PAYMENT_STATUSES, PROVIDERS, type PaymentStatus, type ProviderId } from "../../../contract/event-table";
import { InvalidPaymentEventError } from "../errors";

export interface PaymentEvent {
  paymentId: string;
  /** The EVENT item's sort key, `<occurredAt>#<eventId>`. */
  eventKey: string;
  provider: ProviderId;
  eventId: string;
  eventType: string;
  status: PaymentStatus;
  /** Minor units, negative for credits; null when the provider sent no amount (stored as NO_AMOUNT). */
  amountMinor: number | null;
  currency: string;
  failureCode: string;
  /** Advice codes, card network and attempt of a decline (all "" when none). */
  declineSignals: DeclineSignals;
  occurredAt: string;
  /** occurredAt as epoch milliseconds: the ordering key (see ordering.ts). */
  occurredAtMs: number;
}

const REQUIRED: ReadonlyArray<keyof WebhookEventDetail> = ["paymentId", "timestamp", "provider", "eventId", "status", "occurredAt"];

export function parsePaymentEvent(input: unknown): PaymentEvent {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidPaymentEventError("detail", "The processor input must be the event detail object.");
  }
  const detail = input as Partial<Record<keyof WebhookEventDetail, unknown>>;
  const text = (field: keyof WebhookEventDetail): string => {
    const value = detail[field];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") throw new InvalidPaymentEventError(field, `Field ${field} must be a string.`);
    return value;
  };
  for (const field of REQUIRED) {
    if (text(field).trim() === "") throw new InvalidPaymentEventError(field, `Field ${field} is required.`);
  }
  const provider = text("provider");
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new InvalidPaymentEventError("provider", `Unknown provider ${JSON.stringify(provider)}; expected one of ${PROVIDERS.join(", ")}.`);
  }
  const status = text("status");
  if (!(PAYMENT_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidPaymentEventError("status", `Unknown status ${JSON.stringify(status)}; expected one of ${PAYMENT_STATUSES.join(", ")}.`);
  }
  const occurredAt = text("occurredAt");
  const occurredAtMs = Date.parse(occurredAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(occurredAt) || Number.isNaN(occurredAtMs)) {
    throw new InvalidPaymentEventError("occurredAt", `Field occurredAt must be an ISO-8601 instant; got ${JSON.stringify(occurredAt)}.`);
  }
  return {
    paymentId: text("paymentId"),
    eventKey: text("timestamp"),
    provider: provider as ProviderId,
    eventId: text("eventId"),
    eventType: text("eventType"),
    status: status as PaymentStatus,
    amountMinor: parseAmount(text("amount")),
    currency: text("currency"),
    failureCode: text("failureCode"),
    declineSignals: parseDeclineSignals(text("declineSignals")),
    occurredAt,
    occurredAtMs,
  };
}

function parseDeclineSignals(encoded: string): DeclineSignals {
  try {
    return decodeDeclineSignals(encoded);
  } catch (error) {
    throw new InvalidPaymentEventError("declineSignals", error instanceof Error ? error.message : String(error));
  }
}

function parseAmount(amount: string): number | null {
  if (amount === "" || amount === String(NO_AMOUNT)) return null;
  const value = Number(amount);
  if (!/^-?\d+$/.test(amount) || !Number.isSafeInteger(value)) {
    throw new InvalidPaymentEventError("amount", `Field amount must be an integer of minor units (or ${NO_AMOUNT} for none); got ${JSON.stringify(amount)}.`);
  }
  return value;
}
