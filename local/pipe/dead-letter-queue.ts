/**
 * A local dead-letter queue: an in-memory list that keeps every record or event that could not
 * be delivered, with the reason, so a local run shows failures instead of dropping them.
 */
export interface DeadLetter<T> {
  /** Which component gave up (e.g. "pipe", "rule:start-payment-workflow"). */
  source: string;
  item: T;
  error: string;
  attempts: number;
  failedAt: string;
}

export class DeadLetterQueue<T = unknown> {
  private readonly entries: Array<DeadLetter<T>> = [];
  private readonly listeners: Array<(entry: DeadLetter<T>) => void> = [];

  send(source: string, item: T, error: unknown, attempts: number): DeadLetter<T> {
    const entry: DeadLetter<T> = {
      source,
      item,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      attempts,
      failedAt: new Date().toISOString(),
    };
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  onMessage(listener: (entry: DeadLetter<T>) => void): void {
    this.listeners.push(listener);
  }

  get messages(): ReadonlyArray<DeadLetter<T>> {
    return this.entries;
  }
}
