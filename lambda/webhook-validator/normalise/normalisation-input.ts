import type { Headers } from "../core/webhook-request";
import type { PaymentEvent } from "../payment-event";

/** What every provider mapping receives: the verified, parsed delivery. */
export interface NormalisationInput {
  json: unknown;
  headers: Headers;
  receivedAt: string;
  rawPayload: string;
}

/** A mapping returns one event per provider notification (Adyen batches may hold several). */
export type ProviderMapping = (input: NormalisationInput) => PaymentEvent[];
