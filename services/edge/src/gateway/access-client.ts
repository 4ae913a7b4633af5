/** Asks Official which of a server's channels a user may view (POST /internal/gateway/access). */
import { unavailable } from '@twopointo/shared';

export interface AccessAnswer {
  member: boolean;
  channel_ids: string[];
}

export interface AccessChecker {
  check(userId: string, serverId: string, channelIds?: string[]): Promise<AccessAnswer>;
  /** who may see what in this server may have changed (membership, roles, overwrites, channels) */
  invalidate?(serverId: string): void;
}

export class OfficialAccessClient implements AccessChecker {
  private readonly url: string;

  constructor(
    officialUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {
    this.url = `${officialUrl}/internal/gateway/access`;
  }

  async check(userId: string, serverId: string, channelIds?: string[]): Promise<AccessAnswer> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-secret': this.secret },
        body: JSON.stringify(
          channelIds
            ? { user_id: userId, server_id: serverId, channel_ids: channelIds }
            : { user_id: userId, server_id: serverId },
        ),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw unavailable('The official service is unavailable');
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw unavailable(`The official service answered ${res.status} to an access check`);
    }
    const body = (await res.json()) as Partial<AccessAnswer>;
    return {
      member: body.member === true,
      channel_ids: Array.isArray(body.channel_ids) ? body.channel_ids.map(String) : [],
    };
  }
}

/**
 * Shares one in-flight check between identical concurrent asks (a reconnect storm sends the
 * same user's SUBSCRIBE from many sockets at once). Nothing is kept once the answer arrives,
 * so no answer outlives a permission change.
 */
export class SingleFlightAccess implements AccessChecker {
  private readonly inflight = new Map<string, Promise<AccessAnswer>>();

  constructor(private readonly inner: AccessChecker) {}

  check(userId: string, serverId: string, channelIds?: string[]): Promise<AccessAnswer> {
    const key = `${userId}:${serverId}:${channelIds ? [...channelIds].sort().join(',') : '*'}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.inner.check(userId, serverId, channelIds).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }
}

/**
 * Remembers answers until the server's access may have changed. The gateway calls
 * invalidate(serverId) for every durable event of that server other than a message event
 * (MEMBER_JOIN/LEAVE, PERMISSIONS_UPDATE, CHANNEL_*, SERVER_*), before it acts on the event.
 * An answer is stored only if no such event arrived while it was being fetched (a version per
 * server), so no answer older than the last change is ever served; a TTL and a size bound
 * keep memory flat.
 */
export class CachedAccess implements AccessChecker {
  private readonly answers = new Map<string, { answer: AccessAnswer; version: number; at: number }>();
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly inner: AccessChecker,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  async check(userId: string, serverId: string, channelIds?: string[]): Promise<AccessAnswer> {
    const key = `${serverId}:${userId}:${channelIds ? [...channelIds].sort().join(',') : '*'}`;
    const version = this.versions.get(serverId) ?? 0;
    const hit = this.answers.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < this.ttlMs) return hit.answer;
    const answer = await this.inner.check(userId, serverId, channelIds);
    if ((this.versions.get(serverId) ?? 0) === version) {
      if (this.answers.size >= this.maxEntries) this.answers.clear();
      this.answers.set(key, { answer, version, at: Date.now() });
    }
    return answer;
  }

  invalidate(serverId: string): void {
    this.versions.set(serverId, (this.versions.get(serverId) ?? 0) + 1);
    this.inner.invalidate?.(serverId);
  }
}
