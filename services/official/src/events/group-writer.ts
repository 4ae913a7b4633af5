/**
 * Group commit: writes that arrive while one is in flight are queued and then written together,
 * in one statement, as the next batch. An idle writer starts after the current event-loop turn
 * (setImmediate), so requests that arrived together share the first statement too: PGlite runs
 * each statement synchronously on the main thread, so without that pause every request would run
 * alone. Under load the per-statement cost (a full WASM executor pass) is shared by the batch. Each caller's promise settles with its own outcome: a failed batch
 * is retried item by item, so one bad item (e.g. its channel deleted meanwhile) fails only itself.
 */
interface Pending<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

export class GroupWriter<T> {
  private queue: Pending<T>[] = [];
  private writing = false;

  constructor(
    /** writes every item atomically (all or none) */
    private readonly writeAll: (items: T[]) => Promise<void>,
    private readonly maxBatch = 100,
  ) {}

  /** Resolves once `item` is committed. */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.writeAll(batch.map((p) => p.item));
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else await this.oneByOne(batch);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async oneByOne(batch: Pending<T>[]): Promise<void> {
    for (const p of batch) {
      try {
        await this.writeAll([p.item]);
        p.resolve();
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
