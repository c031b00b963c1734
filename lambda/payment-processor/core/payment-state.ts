/** The per-payment STATE item's content, as the processor reasons about it. */
import type { PaymentStatus, ProviderId } from "../../../contract/event-table";
import type { DeclineHistory } from "../decline/decline-history";

export interface PaymentState {
  paymentId: string;
  provider: ProviderId;
  status: PaymentStatus;
  /** Status before the last applied event; "NONE" when that event created the state. */
  previousStatus: PaymentStatus | "NONE";
  /** The event that set `status` (the newest applied one). */
  lastEventId: string;
  lastEventKey: string;
  lastEventType: string;
  lastOccurredAt: string;
  lastOccurredAtMs: number;
  amountMinor: number | null;
  currency: string;
  failureCode: string;
  /** Declines since the last SUCCEEDED, each attempt counted once: the charge-retry schedule's position. */
  consecutiveDeclines: number;
  /**
   * One record per declined attempt within the networks' 30-day window (decline/decline-history.ts):
   * the networks' caps and "never retry" advice are counted across it. Absent until the first decline.
   */
  declineHistory?: DeclineHistory;
  /** Event whose outcome was confirmed published; lets a retried invocation publish exactly the missing one. */
  outcomePublishedForEventId: string | null;
  /** Optimistic-lock counter: every write is conditional on the version it read. */
  version: number;
  updatedAt: string;
}
