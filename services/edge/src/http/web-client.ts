/**
 * The built web client at `/`, with the single-page-app fallback: an unknown GET that is not a
 * reserved path (the client's addresses: /channels/SID/CID/MID, /channels/@me/CID, /settings/…,
 * /invite/CODE) gets index.html and the client routes it. Files go out
 * precompressed (the build writes `.br` and `.gz` beside them); source maps only with
 * WEB_SOURCEMAPS=on. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerNotFound } from '@twopointo/server-kit';

/**
 * Paths that belong to the Edge, its upstreams, the gateway and voice signalling, or to the
 * built files (a missing asset is a 404, never index.html): never the client's index.html.
 */
const RESERVED = /^\/(api|id|ws|voice|assets|storage|metrics|healthz|readyz)(\/|$)/;

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>twopointo</title></head>
<body><h1>twopointo</h1><p>The web client is not built yet. Run <code>make web-build</code>
(or <code>make dev</code>) and reload.</p></body></html>
`;

export interface WebClientOptions {
  /** the built client (WEB_DIST) */
  dist: string;
  /** serve `*.map` (WEB_SOURCEMAPS) */
  sourceMaps: boolean;
}

/** True for a GET of a client-side route (no file extension, not a reserved path). */
function isSpaRoute(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '/';
  if (RESERVED.test(path)) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** Every file may have a precompressed twin, so every answer depends on Accept-Encoding. */
async function varyOnEncoding(_req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const vary = reply.getHeader('vary');
  const list = Array.isArray(vary) ? vary.join(', ') : String(vary ?? '');
  if (!/\baccept-encoding\b/i.test(list))
    void reply.header('vary', list ? `${list}, Accept-Encoding` : 'Accept-Encoding');
  return payload;
}

export async function registerWebClient(app: FastifyInstance, opts: WebClientOptions): Promise<void> {
  const { dist } = opts;
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(MISSING_BUILD));
    return;
  }
  await app.register(async (scope) => {
    scope.addHook('onSend', varyOnEncoding);
    await scope.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      // one route per built file (the build is fixed while the Edge runs); the fallback below takes the rest
      wildcard: false,
      // the compressed twins are chosen by Accept-Encoding, never asked for by name
      globIgnore: ['**/*.br', '**/*.gz', ...(opts.sourceMaps ? [] : ['**/*.map'])],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Vite names built assets by content hash, so they never change; index.html always may
        if (path.includes(`${join(dist, 'assets')}`))
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
    scope.get('/*', (req, reply) => {
      if (!isSpaRoute(req)) return answerNotFound(req, reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}
