/** What the processor core needs from the outside world; adapters/ implements them on AWS. */
import type { OutcomeEvent } from "./outcome";
import type { PaymentState } from "./payment-state";

export interface PaymentStateStore {
  /** Strongly consistent read of the payment's STATE item; null when the payment is new. */
  load(paymentId: string): Promise<PaymentState | null>;
  /**
   * Writes `next` only if the stored version is still `expectedVersion` (null: no item yet).
   * Throws PaymentTransientError when another writer got there first, so the workflow retries
   * and the next attempt decides again on fresh state: this is what keeps an older event from
   * overwriting a newer state under concurrency.
   */
  save(next: PaymentState, expectedVersion: number | null): Promise<void>;
  /** Records that the outcome for `eventId` was published, if the state still reflects that event. */
  markOutcomePublished(paymentId: string, eventId: string): Promise<void>;
}

export interface OutcomePublisher {
  publish(outcome: OutcomeEvent): Promise<void>;
}

export interface Clock {
  now(): Date;
}
