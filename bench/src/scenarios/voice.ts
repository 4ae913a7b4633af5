/**
 * voice: how many audio participants one Janus carries on this machine, and how fast a join
 * turns into sound. A Janus on loopback (startTestJanus), the system pointed at it, and
 * headless Chromium pages (fake microphones) signed in as different users join one voice
 * channel through the web client, two more at each step. At each step, once every page hears
 * every other, Janus' CPU (from /proc) is measured over a window: per participant and per
 * forwarded stream (n·(n−1) for n talkers). Join latency is click → the first inbound audio
 * packet on the joining page, over the ramp's joins and a series of leave/rejoin cycles; API join
 * latency is POST /api/channels/:cid/voice (admission at Janus included) for a user joining and
 * leaving again and again.
 *
 * Media stays on loopback by construction: run as root, the scenario re-runs itself in a network
 * namespace it makes (`unshare --net`, @twopointo/janus/testing), where loopback is the only
 * network; elsewhere it refuses to run (Janus 1.1 never gathers on loopback interfaces, so outside
 * a namespace its candidates would be this host's other addresses). The namespace reaches no
 * PostgreSQL/NATS/Redis: the embedded backend only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { api, signUp } from '../../../test/helpers/client.ts';
import { cpuPercent, ProcWatch, sampleProc } from '../lib/proc.ts';
import { machine, type BenchResult } from '../lib/report.ts';
import { startSystem } from '../lib/targets.ts';
import { sleep, type RunOptions } from './common.ts';

interface TestJanus {
  dir: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

type Namespace = { state: 'inside' | 'available' } | { state: 'none'; reason: string };
interface JanusTesting {
  startTestJanus(opts: { media: boolean }): Promise<TestJanus>;
  loopbackNamespace(): Namespace;
  runInNamespace(argv: readonly string[], opts?: { cwd?: string }): Promise<number>;
}
// non-literal specifiers: the bench type-checks without the server packages' internals
const janusMod = '@twopointo/janus/testing';
const loadJanus = () => import(janusMod) as Promise<JanusTesting>;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/** The Janus child of a test instance: the process whose command line names its directory. */
function janusPid(dir: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('janus') && cmd.includes(dir)) return Number(name);
    } catch {
      /* gone */
    }
  }
  throw new Error(`no Janus process for ${dir}`);
}

/** Clicks the voice channel and resolves with ms until the first inbound audio packet. */
const JOIN_AND_TIME = async (): Promise<number> => {
  const w = window as unknown as {
    __twopointoVoice?: { call: { peerConnections(): RTCPeerConnection[] } | null };
  };
  const button = document.querySelector<HTMLButtonElement>('[data-testid="voice-channel-join"]');
  if (!button) throw new Error('no voice channel in the sidebar');
  const t0 = performance.now();
  button.click();
  for (;;) {
    for (const pc of w.__twopointoVoice?.call?.peerConnections() ?? []) {
      const stats = await pc.getStats();
      let got = false;
      stats.forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.packetsReceived ?? 0) > 0) got = true;
      });
      if (got) return performance.now() - t0;
    }
    if (performance.now() - t0 > 30_000) throw new Error('no audio within 30 s');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Audio streams this page receives and how many of them carry packets. */
const INBOUND = async (): Promise<{ streams: number; flowing: number; bytes: number }> => {
  const w = window as unknown as {
    __twopointoVoice?: { call: { peerConnections(): RTCPeerConnection[] } | null };
  };
  const out = { streams: 0, flowing: 0, bytes: 0 };
  for (const pc of w.__twopointoVoice?.call?.peerConnections() ?? []) {
    (await pc.getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
      if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
      out.streams++;
      out.bytes += s.bytesReceived ?? 0;
      if ((s.bytesReceived ?? 0) > 0) out.flowing++;
    });
  }
  return out;
};

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/** Runs the scenario where media can only stay on loopback (see the file's comment). */
export async function voice(o: RunOptions): Promise<BenchResult> {
  if (o.backend !== 'embedded')
    throw new Error(
      'voice runs on the embedded backend only: its network namespace reaches no NATS/PostgreSQL/Redis',
    );
  const janus = await loadJanus();
  const ns = janus.loopbackNamespace();
  if (ns.state === 'inside') return measure(o);
  if (ns.state === 'none') throw new Error(`voice needs a network namespace of its own: ${ns.reason}`);
  const dir = mkdtempSync(join(tmpdir(), 'twopointo-bench-voice-'));
  try {
    const out = join(dir, 'result.json');
    const repo = fileURLToPath(new URL('../../..', import.meta.url));
    const code = await janus.runInNamespace(
      ['npx', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(o), out],
      { cwd: repo },
    );
    if (code !== 0) throw new Error(`voice in its network namespace exited with ${code}`);
    return JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// inside the namespace: `tsx voice.ts <options JSON> <result file>`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measure(JSON.parse(process.argv[2] ?? '{}') as RunOptions).then(
    (r) => {
      writeFileSync(process.argv[3]!, JSON.stringify(r));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

async function measure(o: RunOptions): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const participants = o.sockets ?? 10;
  const step = 2;
  const windowS = o.durationS ?? 5;
  const rejoins = o.messages ?? 10;
  const { startTestJanus } = await loadJanus();
  const pwMod = 'playwright-core';
  const { chromium } = (await import(pwMod)) as typeof import('playwright-core');

  const janus = await startTestJanus({ media: true });
  const system = await startSystem({
    backend: o.backend,
    users: 1,
    env: { ...janus.env, JANUS_EMBEDDED: 'off', LOG_LEVEL: 'warn' },
  }).catch(async (err: unknown) => {
    await janus.stop();
    throw err;
  });
  let browser: Browser | null = null;
  try {
    const edge = system.base;
    const owner = system.token;
    const sid = system.serverId!;
    const created = await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
      token: owner,
      body: { name: 'bench-voice', type: 'voice', user_limit: 99 },
    });
    if (created.status !== 201)
      throw new Error(`voice channel: ${created.status} ${JSON.stringify(created.body)}`);
    const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${sid}/invites`, {
      token: owner,
      body: {},
    });

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
    const pages: Page[] = [];
    const openPage = async (): Promise<Page> => {
      const s = await signUp(edge);
      await api(edge, 'POST', '/id/auth/recovery/confirm', { token: s.access });
      await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: s.access });
      const context = await browser!.newContext({ viewport: { width: 800, height: 600 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(edge);
      await page.evaluate((r) => localStorage.setItem('twopointo.refresh_token', r), s.refresh);
      await page.reload();
      await page.locator('[data-testid="voice-channel-join"]').waitFor();
      return page;
    };

    const pid = janusPid(janus.dir);
    const joinMs: number[] = [];
    const steps: Record<string, unknown>[] = [];
    const rampStep = async (add: number) => {
      for (let i = 0; i < add; i++) {
        const page = await openPage();
        pages.push(page);
        if (pages.length === 1) {
          // nobody to hear yet: join and wait for the call instead of a packet
          await page.locator('[data-testid="voice-channel-join"]').click();
          await page.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
        } else joinMs.push(await page.evaluate(JOIN_AND_TIME));
      }
      const n = pages.length;
      // every page receives audio from every other before the window opens
      const deadline = Date.now() + 60_000;
      for (const page of pages) {
        for (;;) {
          const s = await page.evaluate(INBOUND);
          if (s.flowing >= n - 1) break;
          if (Date.now() > deadline)
            throw new Error(`a page hears ${s.flowing} of ${n - 1} others after 60 s`);
          await sleep(200);
        }
      }
      await sleep(1000);
      const watch = new ProcWatch({ janus: pid });
      watch.begin();
      const a = sampleProc(pid);
      await sleep(windowS * 1000);
      const b = sampleProc(pid);
      watch.end();
      const janusPct = cpuPercent(a, b);
      const streams = n * (n - 1);
      steps.push({
        participants: n,
        forwarded_streams: streams,
        janus_cpu_pct: janusPct,
        janus_cpu_pct_per_participant: Math.round((janusPct / n) * 100) / 100,
        janus_cpu_pct_per_stream: Math.round((janusPct / streams) * 100) / 100,
        janus_rss_mib: Math.round(b.rssBytes / 1048576),
        machine: watch.machine,
      });
      console.log(
        `voice: ${n} participants, Janus ${janusPct} % of a core, machine ${watch.machine?.busy_pct} %`,
      );
    };

    let failure: string | null = null;
    while (pages.length < participants && failure === null) {
      const good = pages.length;
      try {
        await rampStep(Math.min(step, participants - pages.length));
      } catch (err) {
        // the machine carries no more: the last complete step is the figure
        failure = `at ${pages.length} participants: ${err instanceof Error ? err.message : String(err)}`;
        for (const extra of pages.splice(good))
          await extra
            .context()
            .close()
            .catch(() => undefined);
        console.log(`voice: stopped ${failure}`);
      }
    }

    // join latency again and again: the last page leaves and joins
    const last = pages.at(-1)!;
    for (let i = 0; i < rejoins && pages.length > 1; i++) {
      await last.getByTestId('voice-leave').click();
      await last.getByTestId('call-panel').waitFor({ state: 'detached' });
      await sleep(300);
      joinMs.push(await last.evaluate(JOIN_AND_TIME));
    }

    // the API alone: a user of its own joins (admission at Janus included) and leaves
    const apiMs: number[] = [];
    const apiUser = await signUp(edge);
    await api(edge, 'POST', '/id/auth/recovery/confirm', { token: apiUser.access });
    await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: apiUser.access });
    for (let i = 0; i < Math.max(20, rejoins * 3); i++) {
      const t0 = performance.now();
      const joined = await api(edge, 'POST', `/api/channels/${created.body.id}/voice`, {
        token: apiUser.access,
        body: {},
      });
      apiMs.push(performance.now() - t0);
      if (joined.status !== 200) throw new Error(`API join: ${joined.status} ${JSON.stringify(joined.body)}`);
      await api(edge, 'DELETE', `/api/channels/${created.body.id}/voice`, { token: apiUser.access });
    }
    const apiSorted = [...apiMs].sort((x, y) => x - y);

    const sorted = [...joinMs].sort((x, y) => x - y);
    // a core's worth of Janus at the dearest measured cost per forwarded stream (steps of 4 or
    // more: at 2 the fixed per-participant cost dominates); on a starved machine the pages send
    // less than they should, so the dearest step is the least flattering and the most honest
    const costs = (steps as { participants: number; janus_cpu_pct: number; forwarded_streams: number }[])
      .filter((st) => st.participants >= 4 && st.janus_cpu_pct > 0)
      .map((st) => st.janus_cpu_pct / st.forwarded_streams);
    const perStream = costs.length ? Math.max(...costs) : 0;
    const carried = perStream > 0 ? Math.floor((1 + Math.sqrt(1 + (4 * 100) / perStream)) / 2) : null;
    return {
      scenario: 'voice',
      backend: o.backend,
      started_at: startedAt,
      machine: machine(),
      params: { participants, step, window_s: windowS, rejoins, talking: 'every page (fake microphone)' },
      carried: pages.length,
      stopped: failure,
      steps,
      join_latency: {
        samples: sorted.length,
        p50_ms: percentile(sorted, 50),
        p99_ms: percentile(sorted, 99),
        max_ms: percentile(sorted, 100),
        all_ms: joinMs.map((x) => Math.round(x)),
      },
      api_join: {
        samples: apiSorted.length,
        p50_ms: percentile(apiSorted, 50),
        p99_ms: percentile(apiSorted, 99),
        max_ms: percentile(apiSorted, 100),
      },
      network: 'a network namespace of its own: loopback only (127.0.0.1 on lo and on a veth for Janus)',
      estimate: {
        participants_per_janus_core: carried,
        per_stream_pct: Math.round(perStream * 1000) / 1000,
        how: 'n with n·(n−1) forwarded streams at the dearest measured Janus CPU per stream (steps ≥ 4) reaching 100 % of one core',
      },
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await system.close();
    await janus.stop();
  }
}
