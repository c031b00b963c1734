import type { EventItem } from "../../../contract/event-table";

export type PutOutcome = "stored" | "duplicate";

/**
 * Durable, idempotent storage of event items. An event is a duplicate when its provider event id
 * (its IDENTITY item, see contract/event-table.ts) was stored before, whatever its sort key.
 * Throws StorageError when the write did not happen.
 */
export interface EventStore {
  putIfAbsent(item: EventItem): Promise<PutOutcome>;
}
