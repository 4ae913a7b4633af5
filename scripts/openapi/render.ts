/** Renders the OpenAPI documents of Identity and Official from their route schemas, as each serves it. */
import { MemoryBus } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import { openDatabase } from '@twopointo/db';
import { buildIdentityApp, readIdentityConfig } from '@twopointo/identity';
import { buildOfficialApp, readOfficialConfig } from '@twopointo/official';
import { REPO_ROOT } from '@twopointo/server-kit';

export const OPENAPI_DIR = `${REPO_ROOT}docs/openapi/`;

/** The document a built app answers at GET /openapi.json, pretty-printed. */
async function served(app: { inject: (o: { method: 'GET'; url: string }) => PromiseLike<InjectResponse> }) {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}: ${res.body}`);
  return `${JSON.stringify(JSON.parse(res.body), null, 2)}\n`;
}
interface InjectResponse {
  statusCode: number;
  body: string;
}

/** service name → pretty-printed JSON document */
export async function renderOpenApi(): Promise<Record<'identity' | 'official', string>> {
  // building the apps registers routes without querying, so an empty in-memory database will do
  const database = await openDatabase({});
  const cache = new MemoryCache();
  const bus = new MemoryBus();
  const env = { LOG_LEVEL: 'silent', INTERNAL_SECRET: 'openapi', RATE_LIMITS: 'off' } as const;
  try {
    const identity = await buildIdentityApp({ config: readIdentityConfig(env, {}), database, cache });
    const official = await buildOfficialApp({ config: readOfficialConfig(env), database, bus, cache });
    await identity.ready();
    await official.ready();
    const out = { identity: await served(identity), official: await served(official) };
    await identity.close();
    await official.close();
    return out;
  } finally {
    await cache.close();
    await bus.close();
    await database.close();
  }
}
