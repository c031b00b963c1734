import { PAYMENT_STATUSES, type PaymentStatus } from "../../../contract/event-table";

/**
 * Status words used by senders of the self-described envelopes (Standard Webhooks, generic):
 * our own status names plus common synonyms. Anything else is UNKNOWN, never an error, so a new
 * sender status is stored and visible instead of rejected.
 */
const SYNONYMS: Record<string, PaymentStatus> = {
  succeeded: "SUCCEEDED",
  success: "SUCCEEDED",
  successful: "SUCCEEDED",
  paid: "SUCCEEDED",
  captured: "SUCCEEDED",
  completed: "SUCCEEDED",
  settled: "SUCCEEDED",
  authorised: "AUTHORIZED",
  authorized: "AUTHORIZED",
  approved: "AUTHORIZED",
  pending: "PENDING",
  processing: "PENDING",
  created: "PENDING",
  failed: "FAILED",
  declined: "FAILED",
  refused: "FAILED",
  refunded: "REFUNDED",
  disputed: "DISPUTED",
  chargeback: "DISPUTED",
  canceled: "CANCELED",
  cancelled: "CANCELED",
  voided: "CANCELED",
};

export function statusFromWord(word: string | null): PaymentStatus {
  if (word === null) return "UNKNOWN";
  const upper = word.toUpperCase();
  if ((PAYMENT_STATUSES as readonly string[]).includes(upper)) return upper as PaymentStatus;
  return SYNONYMS[word.toLowerCase()] ?? "UNKNOWN";
}
