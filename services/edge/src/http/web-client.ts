/**
 * The built web client at `/`, with the single-page-app fallback: an unknown GET that is not an
 * API path (e.g. /invite/CODE) gets index.html and the client routes it. Without a build, `/`
 * says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '@twopointo/shared';

const NOT_SPA = /^\/(api|id|ws)(\/|$|\?)/;

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>twopointo</title></head>
<body><h1>twopointo</h1><p>The web client is not built yet. Run <code>make web-build</code>
(or <code>make dev</code>) and reload.</p></body></html>
`;

function notFoundJson(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(errorBody('unknown_route', `No route ${req.method} ${req.url.split('?')[0]}`));
}

/** True for a GET of a client-side route (no file extension, not under /api, /id, /ws). */
function isSpaRoute(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '/';
  if (NOT_SPA.test(path)) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

export async function registerWebClient(app: FastifyInstance, webDist: string): Promise<void> {
  const built = existsSync(join(webDist, 'index.html'));
  if (!built) {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(MISSING_BUILD));
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    // one route per built file (the build is fixed while the Edge runs); the fallback below takes the rest
    wildcard: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite names built assets by content hash, so they never change; index.html always may
      if (path.includes(`${join(webDist, 'assets')}`))
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  app.get('/*', (req, reply) => {
    if (!isSpaRoute(req)) return notFoundJson(req, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
