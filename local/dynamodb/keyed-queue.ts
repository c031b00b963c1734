/**
 * Runs tasks one after another per key, and tasks of different keys concurrently. The front
 * serialises the writes of each item through it, so the reads it takes before and after a write
 * see exactly that write's old and new images, however many clients write at once.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget idle keys, or the map would hold every item ever written.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
