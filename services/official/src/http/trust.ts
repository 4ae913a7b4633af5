/**
 * The trust boundary: only the Edge knows the internal secret, and it names the caller in
 * x-user-id after checking the token. Nothing here parses JWTs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, isSnowflake, unauthorized } from '@twopointo/shared';
import { Access } from '../access/access.service.ts';
import { parseAuditReason } from '../audit/audit-reason.ts';
import type { AccessRepository } from '../access/access.repository.ts';
import type { OfficialApp } from './types.ts';

/** The authenticated caller of a request, with its per-request permission scope. */
export interface Actor {
  id: string;
  access: Access;
  /** the request's X-Audit-Log-Reason, decoded (null: none) */
  reason: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'channel': the handler's first step is `access.requireChannel`, whose one statement also
     * checks that the user exists (401 otherwise), so the hook skips its own user lookup.
     */
    userCheck?: 'channel';
    /** a public route (GET /images): the Edge forwards it without a token, so no x-user-id */
    anonymous?: boolean;
  }
}

export interface UserLookup {
  findUserRef(id: string): Promise<{ id: string; username: string } | undefined>;
}

const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json']);
const actors = new WeakMap<FastifyRequest, Actor>();

/** The caller; only valid on routes behind the trust hook that are not /internal. */
export function actorOf(req: FastifyRequest): Actor {
  const actor = actors.get(req);
  if (!actor) throw unauthorized('Missing x-user-id', 'unauthorized');
  return actor;
}

// hashing first gives equal-length buffers, so the comparison itself never leaks the length
const digest = (s: string) => createHash('sha256').update(s).digest();

/** A checker for one secret (its digest computed once, not per request). */
export function secretChecker(expected: string): (given: string | string[] | undefined) => boolean {
  const want = digest(expected);
  return (given) => typeof given === 'string' && timingSafeEqual(digest(given), want);
}

export function installTrust(
  app: OfficialApp,
  secret: string,
  users: UserLookup,
  accessRepo: AccessRepository,
): void {
  const secretMatches = secretChecker(secret);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (PUBLIC_PATHS.has(path)) return;
    if (!secretMatches(req.headers['x-internal-secret']))
      throw unauthorized('Missing or bad internal secret', 'unauthorized');
    // decided by the matched route, not the raw URL: `/%69nternal/…` routes there too. The Edge
    // names a user on every request it proxies, so one carrying x-user-id came from a client.
    if (req.routeOptions.url?.startsWith('/internal/')) {
      if (req.headers['x-user-id'] !== undefined) throw new AppError(404, 'unknown_route', 'Not found');
      return;
    }
    if (req.routeOptions.config.anonymous) return;
    const userId = req.headers['x-user-id'];
    if (typeof userId !== 'string' || !isSnowflake(userId))
      throw unauthorized('Missing or bad x-user-id', 'unauthorized');
    if (req.routeOptions.config.userCheck !== 'channel') {
      const user = await users.findUserRef(userId);
      if (!user) throw unauthorized('Account no longer exists', 'unknown_user');
    }
    actors.set(req, {
      id: userId,
      access: new Access(accessRepo, userId),
      reason: parseAuditReason(req.headers['x-audit-log-reason']),
    });
  });
}
