/**
 * Smoke test of the harness: every scenario, tiny (20 sockets, ~1 s), through the same code as
 * `npm run bench`. Scenarios needing the real system skip, saying so, until services/all
 * exports startAll; after that they must run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servicesPresent } from './lib/targets.ts';
import { parseArgs, runScenario } from './run.ts';

const out = mkdtempSync(join(tmpdir(), 'tp-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const present = servicesPresent();
const missing = present ? '' : ' (skipped: services/all/src/index.ts does not export startAll yet)';
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function readBack(file: string): Any {
  expect(existsSync(file)).toBe(true);
  expect(file).toMatch(/\/[a-z]+-(embedded|nats)-[0-9T-]+Z\.json$/);
  return JSON.parse(readFileSync(file, 'utf8')) as Any;
}

describe('bench harness', () => {
  it('parses the command line and refuses bad options', () => {
    expect(
      parseArgs(['fanout', '--sockets', '1000', '--rate', 'max', '--backend', 'nats', '--profile']),
    ).toEqual({
      name: 'fanout',
      opts: { backend: 'nats', sockets: 1000, rate: 'max', profile: true },
    });
    expect(parseArgs(['rest', '--no-ceiling', '--reactions']).opts).toEqual({
      backend: 'embedded',
      ceiling: false,
      reactions: true,
    });
    expect(() => parseArgs(['nope'])).toThrow(/usage/);
    expect(() => parseArgs(['rest', '--backend', 'mysql'])).toThrow(/--backend/);
    expect(() => parseArgs(['rest', '--sockets', '-1'])).toThrow(/positive/);
  });

  it('ceiling: a bare ws server delivers every frame to every socket', async () => {
    const { file } = await runScenario('ceiling', {
      backend: 'embedded',
      sockets: 20,
      rate: 50,
      durationS: 1,
      outDir: out,
    });
    const r = readBack(file);
    expect(r.ceiling.sockets_ready).toBe(20);
    expect(r.ceiling.delivered).toBe(r.ceiling.expected);
    expect(r.ceiling.deliveries_per_s).toBeGreaterThan(0);
    expect(r.ceiling.latency.p99_ms).toBeGreaterThan(0);
    expect(r.ceiling.frame_bytes).toBeGreaterThan(300);
    expect(r.machine.nproc).toBeGreaterThan(0);
  }, 60_000);

  it('edges: each simulated Edge gets exactly the events of its feeds, and all of them when broadcast', async () => {
    const r = readBack(
      (await runScenario('edges', { backend: 'nats', messages: 400, users: 40, outDir: out })).file,
    );
    expect(r.runs).toHaveLength(11);
    for (const run of r.runs) expect(run.exact).toBe(true);
    const at4 = r.runs.find((x: Any) => x.edges === 4 && x.placement === 'one');
    expect(at4.share_max).toBeLessThan(0.5);
    expect(r.runs.find((x: Any) => x.edges === 4 && x.placement === 'broadcast').share_max).toBe(1);
  }, 120_000);

  it('idle, storm and rest measure their ceilings', async () => {
    const idle = readBack(
      (
        await runScenario('idle', {
          backend: 'embedded',
          sockets: 20,
          durationS: 0.5,
          system: false,
          outDir: out,
        })
      ).file,
    );
    expect(idle.ceiling.sockets_ready).toBe(20);
    const storm = readBack(
      (await runScenario('storm', { backend: 'embedded', sockets: 20, system: false, outDir: out })).file,
    );
    expect(storm.ceiling.sockets_ready).toBe(20);
    expect(storm.ceiling.all_ready_s).toBeGreaterThan(0);
    const rest = readBack(
      (
        await runScenario('rest', {
          backend: 'embedded',
          durationS: 1,
          connections: 4,
          system: false,
          outDir: out,
        })
      ).file,
    );
    expect(rest.ceiling.send.req_per_s).toBeGreaterThan(0);
    expect(rest.ceiling.history.non2xx).toBe(0);
  }, 90_000);

  describe.skipIf(!present)(`through the real system${missing}`, () => {
    it('fanout: POSTed messages reach every subscribed socket, with the same frame size as the ceiling', async () => {
      const { file } = await runScenario('fanout', {
        backend: 'embedded',
        sockets: 20,
        users: 2,
        rate: 20,
        durationS: 1,
        outDir: out,
      });
      const r = readBack(file);
      expect(r.system.sockets_ready).toBe(20);
      expect(r.system.send_errors).toBe(0);
      expect(r.system.delivered).toBe(r.system.expected);
      expect(Math.abs(r.system.frame_bytes - r.ceiling.frame_bytes)).toBeLessThan(40);
      expect(r.ratios.deliveries_per_s).toBeGreaterThan(0);
    }, 120_000);

    it('idle and storm: sockets subscribe through the Edge', async () => {
      const idle = readBack(
        (
          await runScenario('idle', {
            backend: 'embedded',
            sockets: 20,
            durationS: 0.5,
            ceiling: false,
            outDir: out,
          })
        ).file,
      );
      expect(idle.system.sockets_ready).toBe(20);
      const storm = readBack(
        (await runScenario('storm', { backend: 'embedded', sockets: 20, ceiling: false, outDir: out })).file,
      );
      expect(storm.system.sockets_ready).toBe(20);
      expect(storm.system.sockets_failed).toBe(0);
    }, 120_000);

    it('attention: seeds messages by SQL, then acks and five kinds of search answer 2xx, with EXPLAIN', async () => {
      const { file } = await runScenario('attention', {
        backend: 'embedded',
        messages: 2000,
        users: 2,
        connections: 4,
        durationS: 0.5,
        outDir: out,
      });
      const r = readBack(file);
      expect(r.system.seed.messages).toBe(2000);
      expect(r.system.seed.mention_rows).toBeGreaterThan(0);
      expect(r.system.ack.requests).toBeGreaterThan(0);
      expect(r.system.ack.non2xx).toBe(0);
      expect(r.ceiling.ack.non2xx).toBe(0);
      for (const kind of ['common_word', 'rare_word', 'two_words', 'word_and_author', 'has_link']) {
        expect(r.system.search[kind].requests, kind).toBeGreaterThan(0);
        expect(r.system.search[kind].non2xx, kind).toBe(0);
        expect(r.ratios[`search_${kind}_p99`], kind).toBeGreaterThan(0);
      }
      // about 6 in 10 messages hold the most common word, and every one carries one
      expect(r.system.search.common_word.total).toBeGreaterThan(800);
      expect(r.system.search.common_word.total).toBeLessThan(1600);
      expect(r.system.search.has_link.total).toBeGreaterThan(0);
      for (const kind of ['common_word', 'rare_word']) {
        const statements = r.system.explain[kind].statements;
        expect(statements.map((s: Any) => s.statement).sort()).toEqual(['page', 'total']);
        for (const s of statements) expect(s.plan.join('\n')).toMatch(/Execution Time/);
      }
    }, 90_000);

    it('rest on real PostgreSQL + NATS + Redis: send and history answer 2xx', async () => {
      const { file } = await runScenario('rest', {
        backend: 'nats',
        durationS: 1,
        connections: 4,
        ceiling: false,
        outDir: out,
      });
      const r = readBack(file);
      expect(r.backend).toBe('nats');
      expect(r.system.send.req_per_s).toBeGreaterThan(0);
      expect(r.system.send.non2xx).toBe(0);
      expect(r.system.history.non2xx).toBe(0);
    }, 120_000);
  });
});
