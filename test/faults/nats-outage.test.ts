/**
 * NATS goes away for 10 s while 1,000 messages are POSTed through the Edge: every POST still
 * answers 201 and every message is stored (the outbox holds the events), and once NATS is back a
 * subscribed gateway client receives every MESSAGE_CREATE exactly once, in commit order. The
 * client de-duplicates nothing; the test counts duplicates and gaps against the store.
 * SOAK=1 (make test-soak): 5,000 messages, a 30 s outage, three rounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@twopointo/db';
import { api, subscribedChannel, type GatewayClient, type Session } from '../helpers/client.ts';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.ts';
import { pool, sleep, startSystem, type TestSystem } from '../security/harness.ts';
import {
  backendsWithNats,
  compare,
  outboxMessageOrder,
  received,
  SOAK,
  unpublished,
  until,
} from './support.ts';

const MESSAGES = SOAK ? 5000 : 1000;
const OUTAGE_MS = SOAK ? 30_000 : 10_000;
const ROUNDS = SOAK ? 3 : 1;

describe('NATS outage', () => {
  let nats: NatsServerHandle;
  let t: TestSystem;
  let a: Session;
  let cid: string;
  let client: GatewayClient;

  beforeAll(async () => {
    nats = await startNatsServer();
    const backends = await backendsWithNats(nats.url);
    t = await startSystem({ backends, env: { RATE_LIMITS: 'off' } });
    ({ session: a, cid, client } = await subscribedChannel(t.edge));
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
    await t?.backends.cleanup();
    await nats?.cleanup();
  });

  it(
    `${MESSAGES} messages while NATS is down for ${OUTAGE_MS / 1000} s: all stored, every event delivered exactly once, in order`,
    async () => {
      const before = await api(t.edge, 'POST', `/api/channels/${cid}/messages`, {
        token: a.access,
        body: { content: 'before' },
      });
      expect(before.status).toBe(201);
      await client.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');

      for (let round = 1; round <= ROUNDS; round++) {
        const down = Date.now();
        await nats.stop();
        const latencies: number[] = [];
        const statuses = await pool(
          Array.from({ length: MESSAGES }, (_, i) => i),
          16,
          async (i) => {
            const start = Date.now();
            const r = await api(t.edge, 'POST', `/api/channels/${cid}/messages`, {
              token: a.access,
              body: { content: `r${round} #${i}` },
            });
            latencies.push(Date.now() - start);
            return r.status;
          },
        );
        const postMs = Date.now() - down;
        expect(statuses.filter((s) => s !== 201)).toEqual([]);
        // nothing could be published meanwhile: the events wait in the outbox
        expect(await unpublished(t.sys.database)).toBeGreaterThan(0);
        await sleep(Math.max(0, down + OUTAGE_MS - Date.now()));
        const outage = Date.now() - down;
        await nats.start();
        const back = Date.now();

        const stored = await outboxMessageOrder(t.sys.database, cid);
        const count = await sql<{
          n: string;
        }>`select count(*)::text as n from messages where channel_id = ${cid}`.execute(t.sys.database.db);
        expect(Number(count.rows[0]!.n)).toBe(1 + MESSAGES * round);
        expect(stored).toHaveLength(1 + MESSAGES * round);

        await until(
          () => received(client, cid).ids.length >= stored.length,
          90_000,
          'every event after NATS returned',
        );
        const deliveredMs = Date.now() - back;
        await sleep(500); // anything extra (a duplicate) would arrive now
        const got = received(client, cid);
        const diff = compare(got.ids, stored);
        const ordered = got.seqs.every((s, i) => i === 0 || s > got.seqs[i - 1]!);
        latencies.sort((x, y) => x - y);
        console.log(
          `[fault nats] round ${round}: ${MESSAGES} POSTs in ${postMs} ms (p50 ${latencies[latencies.length >> 1]} ms, ` +
            `max ${latencies[latencies.length - 1]} ms), NATS down ${outage} ms, all events delivered ${deliveredMs} ms after restart; ` +
            `events lost ${diff.missing}, duplicates ${diff.duplicates}, unexpected ${diff.extra}, in order ${ordered}`,
        );
        expect(diff).toEqual({ duplicates: 0, missing: 0, extra: 0 });
        expect(got.ids).toEqual(stored);
        expect(ordered).toBe(true);
        await until(async () => (await unpublished(t.sys.database)) === 0, 10_000, 'the outbox to drain');
      }
      expect(client.closeCode).toBeUndefined();
    },
    SOAK ? 1_800_000 : 300_000,
  );
});
