/**
 * The gateway's background promises (cache writes, presence counts, queued client ops): never
 * awaited where they start, but logged when they fail and waited for on shutdown.
 */
import type { FastifyBaseLogger } from 'fastify';

export class BackgroundTasks {
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Runs on its own; a failure is logged, not thrown. */
  track(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => this.log.warn({ err }, 'gateway background task failed'));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /** Resolves once nothing is in flight, including tasks started meanwhile. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }
}
