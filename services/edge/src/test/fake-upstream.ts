/**
 * Test-only stand-ins for Identity and Official: serves a JWKS, /healthz, the gateway access
 * route (from a table the test fills in), and echoes every other request back as JSON.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody } from '@twopointo/shared';

export interface EchoBody {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeUpstream {
  url: string;
  app: FastifyInstance;
  /** JWKS fetches so far */
  jwksHits: number;
  /** served at /.well-known/jwks.json */
  jwks: { keys: unknown[] };
  /** user → server → channel ids the user may view; a missing server = not a member */
  access: Map<string, Map<string, string[]>>;
  /** access-route calls so far */
  accessCalls: { user_id: string; server_id: string; channel_ids?: string[] }[];
  /** grants a user view of channels in a server */
  grant(userId: string, serverId: string, channelIds: string[]): void;
  revoke(userId: string, serverId: string): void;
  healthy: boolean;
  close(): Promise<void>;
}

export async function startFakeUpstream(
  opts: { jwks?: { keys: unknown[] }; secret?: string } = {},
): Promise<FakeUpstream> {
  const app = Fastify({ logger: false });
  const fake = {
    jwksHits: 0,
    jwks: opts.jwks ?? { keys: [] },
    access: new Map<string, Map<string, string[]>>(),
    accessCalls: [] as FakeUpstream['accessCalls'],
    healthy: true,
  } as FakeUpstream;
  fake.grant = (u, s, c) => {
    let m = fake.access.get(u);
    if (!m) fake.access.set(u, (m = new Map()));
    m.set(s, c);
  };
  fake.revoke = (u, s) => void fake.access.get(u)?.delete(s);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.get('/.well-known/jwks.json', async () => {
    fake.jwksHits++;
    return fake.jwks;
  });
  app.get('/healthz', async (_req, reply) =>
    fake.healthy ? { status: 'ok' } : reply.status(503).send({ status: 'down' }),
  );
  app.post('/internal/gateway/access', async (req, reply) => {
    if (opts.secret !== undefined && req.headers['x-internal-secret'] !== opts.secret) {
      return reply.status(401).send(errorBody('unauthorized', 'bad secret'));
    }
    const body = JSON.parse(String(req.body)) as {
      user_id: string;
      server_id: string;
      channel_ids?: string[];
    };
    fake.accessCalls.push(body);
    const viewable = fake.access.get(body.user_id)?.get(body.server_id);
    if (!viewable) return { member: false, channel_ids: [] };
    const ids = body.channel_ids ? body.channel_ids.filter((c) => viewable.includes(c)) : viewable;
    return { member: true, channel_ids: ids };
  });
  app.get('/__destroy', (req) => {
    req.raw.socket.destroy();
  });
  app.all('/*', async (req): Promise<EchoBody> => ({
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: typeof req.body === 'string' ? req.body : '',
  }));
  app.all('/', async (req): Promise<EchoBody> => ({
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: '',
  }));

  fake.url = await app.listen({ port: 0, host: '127.0.0.1' });
  fake.app = app;
  fake.close = () => app.close();
  return fake;
}
