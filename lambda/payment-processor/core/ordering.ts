/**
 * Which of two events of a payment is newer: provider time first (parsed, so "…00Z" and
 * "…00.000Z" compare equal), then event id as a deterministic tie-break. A total order is what
 * makes the final state independent of delivery order.
 */
export interface OrderedEvent {
  occurredAtMs: number;
  eventId: string;
}

export function compareEvents(a: OrderedEvent, b: OrderedEvent): number {
  if (a.occurredAtMs !== b.occurredAtMs) return a.occurredAtMs < b.occurredAtMs ? -1 : 1;
  if (a.eventId === b.eventId) return 0;
  return a.eventId < b.eventId ? -1 : 1;
}
