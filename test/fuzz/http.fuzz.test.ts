/**
 * Bad input at scale: fast-check generates malformed requests for every route of Identity and
 * Official, sent through the Edge (wrong types, missing fields, huge strings, unicode edge cases
 * with lone surrogates and NULs, invalid ids, broken JSON, wrong content types, empty bodies,
 * invalid UTF-8), each with a valid, partial, foreign or broken token. Every answer must be below
 * 500 and every non-2xx answer in the {"error":{"code","message"}} format. The seed is printed so a
 * failure can be replayed (FUZZ_SEED=… FUZZ_RUNS=…).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/client.ts';
import {
  buildWorld,
  isErrorBody,
  pool,
  startSystem,
  type TestSystem,
  type World,
} from '../security/harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5200);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Param = 'sid' | 'cid' | 'mid' | 'rid' | 'uid' | 'aid' | 'code' | 'target' | 'id' | 'size';
interface Route {
  method: string;
  path: string;
  fields: string[];
}

const R = (method: string, path: string, ...fields: string[]): Route => ({ method, path, fields });

/** Every public route, as the Edge exposes it. */
const ROUTES: Route[] = [
  R('POST', '/id/auth/register', 'email', 'username', 'password'),
  R('POST', '/id/auth/login', 'email', 'password'),
  R('POST', '/id/auth/2fa/setup'),
  R('POST', '/id/auth/2fa/verify', 'code'),
  R('POST', '/id/auth/2fa/recover', 'recovery_code'),
  R('POST', '/id/auth/recovery/confirm'),
  R('POST', '/id/auth/refresh', 'refresh_token'),
  R('POST', '/id/auth/logout', 'refresh_token'),
  R('POST', '/id/auth/logout-all'),
  R('GET', '/id/me'),
  R('DELETE', '/id/me', 'password', 'code'),
  R('PATCH', '/id/me', 'username', 'display_name', 'avatar_asset_id', 'about'),
  R('POST', '/id/me/password', 'password', 'new_password'),
  R('POST', '/id/me/recovery-codes', 'code'),
  R('GET', '/id/sessions'),
  R('DELETE', '/id/sessions/:id'),
  R('POST', '/id/password-reset', 'email'),
  R('POST', '/id/password-reset/confirm', 'token', 'new_password', 'code'),
  R('GET', '/id/.well-known/jwks.json'),
  R('POST', '/api/servers', 'name'),
  R('GET', '/api/me/servers'),
  R('GET', '/api/servers/:sid'),
  R('PATCH', '/api/servers/:sid', 'name'),
  R('DELETE', '/api/servers/:sid'),
  R('POST', '/api/servers/:sid/channels', 'name', 'topic'),
  R('GET', '/api/servers/:sid/channels'),
  R('PATCH', '/api/channels/:cid', 'name', 'topic', 'position'),
  R('DELETE', '/api/channels/:cid'),
  R('POST', '/api/channels/:cid/messages', 'content', 'attachment_ids', 'reply_to_id'),
  R('GET', '/api/channels/:cid/messages'),
  R('PATCH', '/api/messages/:mid', 'content'),
  R('DELETE', '/api/messages/:mid'),
  R('POST', '/api/channels/:cid/typing'),
  R('POST', '/api/servers/:sid/invites', 'max_uses', 'expires_in'),
  R('GET', '/api/invites/:code'),
  R('POST', '/api/invites/:code/accept'),
  R('GET', '/api/servers/:sid/members'),
  R('DELETE', '/api/servers/:sid/members/:uid'),
  R('GET', '/api/servers/:sid/roles'),
  R('POST', '/api/servers/:sid/roles', 'name', 'permissions'),
  R('PATCH', '/api/roles/:rid', 'name', 'permissions'),
  R('DELETE', '/api/roles/:rid'),
  R('PUT', '/api/servers/:sid/members/:uid/roles/:rid'),
  R('DELETE', '/api/servers/:sid/members/:uid/roles/:rid'),
  R('PUT', '/api/channels/:cid/overwrites/:target', 'type', 'allow', 'deny'),
  R('DELETE', '/api/channels/:cid/overwrites/:target'),
  R('POST', '/api/assets', 'filename', 'content_type', 'size'),
  R('POST', '/api/assets/:aid/complete'),
  R('GET', '/api/assets/:aid'),
  R('GET', '/api/images/:aid/:size'),
  R('GET', '/api/users/:uid'),
];

const QUERY_ROUTES = new Set(['/api/channels/:cid/messages']);

/** Strings that break naive code: lone surrogates, NULs, direction overrides, huge, odd numbers. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\ud83d',
    '\udc00\ud800',
    '\u202e\u0041\u202d',
    '\u200b\u200b',
    '\ufeff',
    '\uffff\ufffe',
    '👩‍👩‍👧‍👦'.repeat(50),
    'e\u0301'.repeat(500),
    '\r\n\t\b\f\v',
    '\\',
    '"',
    "'",
    '`${process.exit()}`',
    '__proto__',
    'constructor',
    '-1',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    '99999999999999999999',
    '9223372036854775808',
    '-9223372036854775809',
    '00000000000000000001',
    'null',
    'true',
    '%00',
    '../../etc/passwd',
    'a'.repeat(4001),
    'a'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e3, 2 ** 53, -(2 ** 63), 1e308, 1.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(nastyString, fc.integer()), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A value that passes the field's schema, then is bent at the edges (so the input gets past validation into services and SQL). */
const PLAUSIBLE: Record<string, unknown[]> = {
  email: ['x@example.com'],
  username: ['user_1'],
  password: ['S3cretPass!'],
  code: ['123456'],
  recovery_code: ['abcd-efgh'],
  refresh_token: ['AAAA'],
  name: ['general'],
  topic: ['a topic'],
  position: [1, 0, -1, 2 ** 31, 1.5],
  content: ['hello'],
  attachment_ids: [[], ['1'], ['-1'], ['99999999999999999999']],
  reply_to_id: [null, '1', '0'],
  max_uses: [1, null],
  expires_in: [60, null],
  permissions: ['0', '8', '18446744073709551615', '-1', '1e3'],
  type: ['role', 'member'],
  allow: ['1', '0', '340282366920938463463374607431768211456'],
  deny: ['1', '0'],
  filename: ['a.txt'],
  content_type: ['text/plain'],
  size: [3, 0, -1, 2 ** 53, 1.5],
  display_name: ['Alice', null, ''],
  avatar_asset_id: [null, '1'],
  about: ['hi', null],
  new_password: ['N3wPass!!'],
  token: ['AAAA'],
};
const BENDS = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  '\u200b',
  '👍',
  '\r\n',
  ' ',
  '<b>',
  "'",
  '\\',
];
const plausible = (field: string): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.constantFrom(...(PLAUSIBLE[field] ?? ['x'])),
      fc.constantFrom(...BENDS),
      fc.nat(3),
      fc.boolean(),
    )
    .map(([base, bend, where, bent]) => {
      if (typeof base !== 'string' || !bent) return base;
      return where === 0
        ? bend + base
        : where === 1
          ? base + bend
          : where === 2
            ? base.slice(0, 1) + bend + base.slice(1)
            : bend;
    });

/** A path parameter: a real id of the right or wrong kind, or something that is no id at all. */
const paramValue = (param: Param, w: World): fc.Arbitrary<string> => {
  const real: Record<Param, string[]> = {
    sid: [w.sid, w.bSid],
    cid: [w.cid, w.bCid],
    mid: [w.mid, w.bMid],
    rid: [w.rid, w.bRid, w.sid],
    uid: [w.a.userId, w.b.userId],
    aid: [w.aid],
    code: [w.invite],
    target: [w.rid, w.b.userId, w.a.userId],
    id: [w.sid, w.a.userId],
    size: ['64', '32', '48'],
  };
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...real[param]) },
    { weight: 1, arbitrary: fc.constantFrom(w.sid, w.cid, w.mid, w.rid, w.aid, w.a.userId) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '-1',
        '1e3',
        '0',
        '1.5',
        '99999999999999999999',
        '9223372036854775808',
        '18446744073709551616',
        ' 1',
        'abc',
        'null',
        '%00',
        '%ff',
        '%E0%A4%A',
        '%2e%2e',
        '..',
        'a'.repeat(120),
        '1'.repeat(300),
        '%F0%9F%98%80',
        '%ED%A0%80',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
  );
};

type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: readonly number[] }
  | { kind: 'huge'; size: number };

const bodySpec = (fields: string[]): fc.Arbitrary<BodySpec> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    {
      // the route's own fields, each missing, wrongly typed or nasty
      weight: 6,
      arbitrary: fc
        .record(
          Object.fromEntries(
            fields.map((f) => [
              f,
              fc.oneof({ weight: 2, arbitrary: plausible(f) }, { weight: 1, arbitrary: nastyValue }),
            ]),
          ),
          { requiredKeys: [] },
        )
        .chain((rec) =>
          fc
            .dictionary(
              fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'owner_id', 'user_id'),
              nastyValue,
              { maxKeys: 2 },
            )
            .map((extra): BodySpec => ({ kind: 'json', value: { ...rec, ...extra } })),
        ),
    },
    {
      weight: 2,
      arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): BodySpec => ({ kind: 'json', value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '',
            '{',
            '}',
            '[',
            '{"a":',
            '{"content":"x"',
            '{"content":"\\ud800"}',
            '{"content":"\\u0000"}',
            '{"name":"\\udfff\\ud800"}',
            '{"email":"a@b.c","email":"x"}',
            '{"__proto__":{"admin":true}}',
            '{"constructor":{"prototype":{"x":1}}}',
            'null',
            'true',
            '0',
            '"string"',
            '[]',
            'NaN',
            "{'single':'quotes'}",
            '{"a":1,}',
            '\ufeff{}',
            '['.repeat(5000) + ']'.repeat(5000),
            '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
          ),
          fc.string({ maxLength: 200 }),
        )
        .map((text): BodySpec => ({ kind: 'raw', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          [0xff, 0xfe, 0xfd],
          [
            0x7b, 0x22, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22,
            0x7d,
          ], // {"content":"<CESU surrogate>"}
          [0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d], // {"name":"<overlong />"}
          [0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x00, 0x22, 0x7d], // raw NUL in a string
        )
        .map((bytes): BodySpec => ({ kind: 'bytes', bytes })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1024 * 1024 + 10, 300_000).map((size): BodySpec => ({ kind: 'huge', size })),
    },
  );

const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/xml',
      'application/octet-stream',
      '*/*',
      'json',
      'application/json, text/plain',
      '',
      'APPLICATION/JSON',
    ),
  },
);

type TokenKind = 'access' | 'foreign' | 'partial' | 'none' | 'garbage' | 'jwt-ish' | 'refresh';
const tokenKind = fc.constantFrom<TokenKind>(
  'access',
  'access',
  'access',
  'access',
  'access',
  'foreign',
  'partial',
  'none',
  'garbage',
  'jwt-ish',
  'refresh',
);

const query = fc.record(
  {
    limit: fc.oneof(
      fc.constantFrom('0', '1', '100', '101', '-1', '1e3', 'abc', '', '99999999999999999999'),
      fc.string({ maxLength: 5 }),
    ),
    before: fc.oneof(
      fc.constantFrom('-1', '1e3', '0', '99999999999999999999', 'x'),
      fc.string({ maxLength: 8 }),
    ),
    after: fc.oneof(fc.constantFrom('-1', '9223372036854775808', '1'), fc.string({ maxLength: 8 })),
  },
  { requiredKeys: [] },
);

interface FuzzCase {
  route: Route;
  method: string;
  params: Record<string, string>;
  body: BodySpec;
  contentType: string | undefined;
  token: TokenKind;
  query: Record<string, string>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function caseArb(w: World): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...ROUTES).chain((route) => {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as Param);
    return fc.record({
      route: fc.constant(route),
      // mostly the route's own method; sometimes another one
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      params: fc.record(Object.fromEntries(names.map((n) => [n, paramValue(n, w)]))),
      body: bodySpec(route.fields),
      contentType,
      token: tokenKind,
      query: QUERY_ROUTES.has(route.path) ? query : fc.constant({}),
    });
  });
}

describe('HTTP fuzz through the Edge', () => {
  let t: TestSystem;
  let w: World;
  let partial: string;

  beforeAll(async () => {
    t = await startSystem({ env: { RATE_LIMITS: 'off' } });
    w = await buildWorld(t.edge);
    const login = await api<{ partial_token: string }>(t.edge, 'POST', '/id/auth/login', {
      body: { email: `${w.a.username}@example.com`, password: 'S3cretPass!' },
    });
    partial = login.body.partial_token;
  });
  afterAll(async () => t?.close());

  it(`${RUNS} malformed requests across every route: no 5xx, every refusal in the error format`, async () => {
    const cases = fc.sample(caseArb(w), { numRuns: RUNS, seed: SEED });
    const tokens: Record<TokenKind, string | undefined> = {
      access: w.a.access,
      foreign: w.b.access,
      partial,
      none: undefined,
      garbage: 'garbage',
      'jwt-ish': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
      refresh: w.a.refresh,
    };
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    const seenRoutes = new Set<string>();
    let fiveXX = 0;

    // a deterministic pass first: every field of every route, with the other fields plausible,
    // bent by every edge-case character (so NULs and lone surrogates surely reach SQL)
    const corpus: FuzzCase[] = [];
    for (const route of ROUTES) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as Param);
      const params = Object.fromEntries(
        names.map((n) => [n, fc.sample(paramValue(n, w), { numRuns: 1, seed: 1 })[0]!]),
      );
      for (const field of route.fields) {
        for (const bend of BENDS) {
          const value: Record<string, unknown> = Object.fromEntries(
            route.fields.map((f) => [f, PLAUSIBLE[f]?.[0] ?? 'x']),
          );
          value[field] = typeof value[field] === 'string' ? `${String(value[field])}${bend}x` : bend;
          corpus.push({
            route,
            method: route.method,
            params: {
              ...params,
              sid: w.sid,
              cid: w.cid,
              mid: w.mid,
              rid: w.rid,
              aid: w.aid,
              code: w.invite,
              uid: w.b.userId,
              target: w.b.userId,
            },
            body: { kind: 'json', value },
            contentType: 'application/json',
            token: route.path.includes('2fa') ? 'partial' : 'access',
            query: {},
          });
        }
      }
    }
    cases.unshift(...corpus);

    await pool(cases, 12, async (c) => {
      let path = c.route.path.replace(/:(\w+)/g, (_m, name: string) => c.params[name] ?? '1');
      // keep the fixtures alive: the one server and channel everything hangs off are never deleted
      if (c.method === 'DELETE' && (path === `/api/servers/${w.sid}` || path === `/api/channels/${w.cid}`))
        path += '0';
      if (c.method === 'DELETE' && path === `/api/servers/${w.sid}/members/${w.a.userId}`)
        path = path.replace(w.a.userId, '1');
      const qs = new URLSearchParams(c.query).toString();
      if (qs) path += `?${qs}`;
      const headers: Record<string, string> = {};
      const token = tokens[c.token];
      if (token) headers.authorization = `Bearer ${token}`;
      if (c.contentType !== undefined) headers['content-type'] = c.contentType;
      let body: string | Blob | undefined;
      if (c.method !== 'GET') {
        switch (c.body.kind) {
          case 'json':
            body = JSON.stringify(c.body.value) ?? 'null';
            break;
          case 'raw':
            body = c.body.text;
            break;
          case 'bytes':
            body = new Blob([Uint8Array.from(c.body.bytes)]);
            break;
          case 'huge':
            body = JSON.stringify({ content: 'x'.repeat(c.body.size), name: 'y'.repeat(c.body.size) });
            break;
        }
      }
      let status: number;
      let text: string;
      try {
        const res = await fetch(`${t.edge}${path}`, { method: c.method, headers, body, redirect: 'manual' });
        status = res.status;
        text = await res.text();
      } catch (err) {
        failures.push(`${c.method} ${path}: request failed (${String(err)})`);
        return;
      }
      seenRoutes.add(`${c.route.method} ${c.route.path}`);
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      if (status >= 500) fiveXX++;
      const describe = () =>
        `${c.method} ${path.slice(0, 120)} [${c.token}, ${c.contentType}, ${c.body.kind}: ${JSON.stringify(c.body).slice(0, 160)}] → ${status} ${text.slice(0, 200)}`;
      if (status >= 500) failures.push(describe());
      else if (status >= 400) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (!isErrorBody(parsed)) failures.push(`not in the error format: ${describe()}`);
      }
    });

    const statuses = [...byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
    console.log(
      `[fuzz http] seed=${SEED} requests fuzzed=${cases.length} 5xx seen=${fiveXX} routes=${seenRoutes.size}/${ROUTES.length} statuses ${statuses}`,
    );
    expect(failures.slice(0, 15), `${failures.length} failures (seed ${SEED})`).toEqual([]);
    expect(fiveXX).toBe(0);
    expect(seenRoutes.size).toBe(ROUTES.length);

    // still standing, and A's data untouched by the noise
    expect((await api(t.edge, 'GET', '/healthz')).status).toBe(200);
    const msgs = await api<{ messages: { id: string }[] }>(
      t.edge,
      'GET',
      `/api/channels/${w.cid}/messages?limit=100`,
      { token: w.a.access },
    );
    expect(msgs.status).toBe(200);
  }, 180_000);
});
