import type { EventItem } from "../../../contract/event-table";

export type PutOutcome = "stored" | "duplicate";

/** Durable, idempotent storage of event items. Throws StorageError when the write did not happen. */
export interface EventStore {
  putIfAbsent(item: EventItem): Promise<PutOutcome>;
}
