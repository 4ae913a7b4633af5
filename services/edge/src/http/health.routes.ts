/** /healthz (process alive) and /readyz (Identity and Official answer, bus and cache healthy). */
import type { FastifyInstance } from 'fastify';
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import { errorBody } from '@twopointo/shared';

export interface HealthDeps {
  identityUrl: string;
  officialUrl: string;
  bus: EventBus;
  cache: Cache;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

async function safe(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [identity, official, bus, cache] = await Promise.all([
      answers(`${deps.identityUrl}/healthz`),
      answers(`${deps.officialUrl}/healthz`),
      safe(() => deps.bus.healthy()),
      safe(() => deps.cache.healthy()),
    ]);
    const checks = { identity, official, bus, cache };
    const down = Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    if (down.length === 0) return { status: 'ok', checks };
    return reply
      .status(503)
      .send({ ...errorBody('not_ready', `Not ready: ${down.join(', ')} unavailable`), checks });
  });
}
