/**
 * Gateway sessions for RESUME, in the cache (`gw:session:<id>`), so a client may resume on any
 * Edge: the user, the subscriptions and the last sequence delivered.
 */
import type { Cache } from '@twopointo/cache';

export interface StoredSession {
  user_id: string;
  /** server id → channel ids */
  subscriptions: Record<string, string[]>;
  seq: number;
}

export class SessionStore {
  constructor(
    private readonly cache: Cache,
    /** seconds a session stays resumable after its last save */
    private readonly ttlSeconds: number,
  ) {}

  private key(id: string): string {
    return `gw:session:${id}`;
  }

  async get(id: string): Promise<StoredSession | null> {
    const raw = await this.cache.get(this.key(id));
    if (raw === null) return null;
    try {
      const s = JSON.parse(raw) as StoredSession;
      if (typeof s.user_id !== 'string' || typeof s.subscriptions !== 'object' || s.subscriptions === null)
        return null;
      return s;
    } catch {
      return null;
    }
  }

  async save(id: string, session: StoredSession): Promise<void> {
    await this.cache.set(this.key(id), JSON.stringify(session), this.ttlSeconds);
  }

  async delete(id: string): Promise<void> {
    await this.cache.del(this.key(id));
  }
}
