/**
 * Voice on a real media server: a Janus started by the test, the whole system pointed at it, and
 * two Chromium pages with fake microphones, cameras and screens in the same voice channel. Audio
 * flows both ways (inbound-rtp bytes grow), a mute stops it, a moderator's server mute stops it
 * too, a server deafen takes away what the deafened user receives, a camera and a shared screen
 * reach the other page (frames decoded), media hung up at Janus comes back by itself, the call
 * survives moving between text channels and a dropped gateway socket, and a leave shows in both
 * sidebars.
 *
 * Loopback only by construction: run as root, the file re-runs itself in a network namespace it
 * makes (`unshare --net`, see voice-support.ts), where loopback is the only network; elsewhere it
 * is skipped, saying why. Every request goes to 127.0.0.1, and every candidate pair used, every
 * candidate and every candidate in Janus' SDP is 127.0.0.1 or ::1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';
import {
  ARGS,
  CHROMIUM,
  expectCleanCsp,
  newWatch,
  openPerson,
  shot,
  skipReason,
  startAll,
  webDist,
} from './harness.ts';
import {
  iceReport,
  isLoopback,
  janusTesting,
  rerunInNamespace,
  rerunNeeded,
  voiceSkipReason,
  type TestJanus,
} from './voice-support.ts';

const reason = skipReason ?? voiceSkipReason();
if (reason && !skipReason) console.warn(`[voice e2e] SKIPPED: ${reason}`);
// outside the namespace, this file only re-runs itself inside one (see voice-support.ts)
const rerun = reason === null && rerunNeeded();

const VOICE_ARGS = [
  ...ARGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--auto-select-desktop-capture-source=Entire screen',
  '--autoplay-policy=no-user-gesture-required',
];

/** A user made over HTTP, with the tokens a browser session needs. */
async function makeUser(edgeUrl: string, username: string) {
  const call = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(edgeUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const email = `${username}@example.com`;
  const registered = await call('/id/auth/register', { email, username, password: 'S3cretPass!' });
  const login = await call('/id/auth/login', { email, password: 'S3cretPass!' });
  const partial = login.partial_token as string;
  const setup = await call('/id/auth/2fa/setup', undefined, partial);
  const pair = await call('/id/auth/2fa/verify', { code: totp(setup.totp_secret as string) }, partial);
  const access = pair.access_token as string;
  await call('/id/auth/recovery/confirm', undefined, access);
  return {
    id: registered.id as string,
    username,
    refresh: pair.refresh_token as string,
    post: (path: string, body?: unknown) => call(path, body, access),
  };
}

/** Sums of what a page's call has received and sent, from getStats(). */
async function mediaStats(page: Page) {
  return page.evaluate(async () => {
    const call = window.__twopointoVoice?.call;
    const out = { audioIn: 0, videoFrames: 0, audioOut: 0 };
    for (const pc of call?.peerConnections() ?? []) {
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioIn += Number(s.bytesReceived ?? 0);
        if (s.type === 'inbound-rtp' && s.kind === 'video') out.videoFrames += Number(s.framesDecoded ?? 0);
        if (s.type === 'outbound-rtp' && s.kind === 'audio') out.audioOut += Number(s.bytesSent ?? 0);
      });
    }
    return out;
  });
}

/** Janus' admin API: hangs up every WebRTC connection it holds (the media drops, signalling stays). */
async function hangUpAllMedia(janus: TestJanus): Promise<number> {
  const admin = async (path: string, body: Record<string, unknown>) => {
    const res = await fetch(janus.adminUrl + path, {
      method: 'POST',
      body: JSON.stringify({
        ...body,
        transaction: Math.random().toString(36),
        admin_secret: janus.adminSecret,
      }),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  let hung = 0;
  const sessions = ((await admin('', { janus: 'list_sessions' })).sessions ?? []) as number[];
  for (const session of sessions) {
    const handles = ((await admin(`/${session}`, { janus: 'list_handles' })).handles ?? []) as number[];
    for (const handle of handles) {
      const r = await admin(`/${session}/${handle}`, { janus: 'hangup_webrtc' });
      if (r.janus === 'success') hung++;
    }
  }
  return hung;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How much audio arrives over `ms`. */
async function audioGrowth(page: Page, ms = 2000): Promise<number> {
  const before = (await mediaStats(page)).audioIn;
  await sleep(ms);
  return (await mediaStats(page)).audioIn - before;
}

describe.runIf(rerun)('voice on a real Janus, re-run in a network namespace of its own', () => {
  it('passes there, with loopback the only network', { timeout: 900_000 }, async () => {
    const web = join(import.meta.dirname, '..');
    expect(await rerunInNamespace(relative(web, import.meta.filename), web)).toBe(0);
  });
});

describe.skipIf(reason !== null || rerun)('voice on a real Janus', () => {
  let janus: TestJanus;
  let system: { edgeUrl: string; close(): Promise<void> };
  let browser: Browser;
  let dataDir: string;
  const watch = newWatch();
  const pages: Record<'alice' | 'bob', Page> = {} as Record<'alice' | 'bob', Page>;
  const names = { alice: '', bob: '' };
  const foreign: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'twopointo-voice-e2e-'));
    janus = await janusTesting!.startTestJanus({ media: true });
    system = await startAll!({
      dataDir,
      ports: { identity: 0, official: 0, edge: 0 },
      webDist,
      quiet: true,
      env: { ...janus.env, JANUS_EMBEDDED: 'off', DEV_DB_SOCKET_PORT: '0' },
    } as Parameters<NonNullable<typeof startAll>>[0]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: VOICE_ARGS, headless: true });

    const suffix = Date.now().toString(36);
    const alice = await makeUser(system.edgeUrl, `alice${suffix}`);
    const bob = await makeUser(system.edgeUrl, `bob${suffix}`);
    names.alice = alice.username;
    names.bob = bob.username;
    const server = await alice.post('/api/servers', { name: 'Voice Test' });
    const sid = server.id as string;
    // #general comes with the server
    await alice.post(`/api/servers/${sid}/channels`, { name: 'random' });
    await alice.post(`/api/servers/${sid}/channels`, { name: 'lounge', type: 'voice' });
    await alice.post(`/api/servers/${sid}/channels`, { name: 'gaming', type: 'voice' });
    const invite = await alice.post(`/api/servers/${sid}/invites`, {});
    await bob.post(`/api/invites/${String(invite.code)}/accept`);

    for (const [name, user] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      const { page } = await openPerson(browser, name, watch);
      page.on('request', (req) => {
        const host = new URL(req.url()).hostname;
        if (req.url().startsWith('http') && host !== '127.0.0.1' && host !== 'localhost')
          foreign.push(req.url());
      });
      await page.goto(system.edgeUrl);
      await page.evaluate(
        (refresh) => localStorage.setItem('twopointo.refresh_token', refresh),
        user.refresh,
      );
      await page.reload();
      await page.getByTestId('chat-app').waitFor();
      pages[name] = page;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
    await janus?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const participants = (page: Page, channel: string) =>
    page.locator(
      `[data-testid="voice-channel"][data-channel-name="${channel}"] [data-testid="voice-participant"]`,
    );
  const joinVoice = (page: Page, channel: string) =>
    page
      .locator(
        `[data-testid="voice-channel"][data-channel-name="${channel}"] [data-testid="voice-channel-join"]`,
      )
      .click();

  it('lists voice channels apart from text channels', async () => {
    const a = pages.alice;
    await a.locator('[data-testid="voice-channel"][data-channel-name="lounge"]').waitFor();
    const text = await a
      .getByTestId('channel-item')
      .evaluateAll((els) => els.map((e) => e.dataset.channelName));
    expect(text).toEqual(['general', 'random']);
  });

  it('both join the same voice channel and hear each other', async () => {
    const { alice: a, bob: b } = pages;
    await joinVoice(a, 'lounge');
    await a.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    await joinVoice(b, 'lounge');
    await b.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    for (const page of [a, b]) await expect.poll(() => participants(page, 'lounge').count()).toBe(2);

    await expect.poll(() => audioGrowth(a, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);
    await expect.poll(() => audioGrowth(b, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);
    // the speaking ring follows the fake microphone's beeps (20 ms every 500 ms: levels are read
    // over each whole interval, so no sampling phase can miss them all)
    await b
      .locator(`[data-testid="voice-participant"][data-user-name="${names.alice}"][data-speaking]`)
      .waitFor({ timeout: 45_000 });
    await shot(a, 'voice-call.png');
  });

  it('media connections hung up at the media server come back on their own', async () => {
    const { alice: a, bob: b } = pages;
    expect(await hangUpAllMedia(janus)).toBeGreaterThanOrEqual(4);
    await expect.poll(() => audioGrowth(a, 1000), { timeout: 30_000 }).toBeGreaterThan(1000);
    await expect.poll(() => audioGrowth(b, 1000), { timeout: 30_000 }).toBeGreaterThan(1000);
    for (const page of [a, b])
      await page.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
  });

  it('a mute stops the audio at the other end, and everyone sees it', async () => {
    const { alice: a, bob: b } = pages;
    await a.getByTestId('voice-mute').click();
    await b
      .locator(`[data-testid="voice-participant"][data-user-name="${names.alice}"][data-muted]`)
      .waitFor();
    await sleep(1000);
    expect(await audioGrowth(b, 2000)).toBe(0);
    await a.getByTestId('voice-mute').click();
    await expect.poll(() => audioGrowth(b, 1000), { timeout: 15_000 }).toBeGreaterThan(1000);
  });

  it('a moderator server-mutes the other, which stops their audio at the media server', async () => {
    const { alice: a, bob: b } = pages;
    await a
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] button`)
      .first()
      .click();
    await a.getByTestId('mod-mute').click();
    await b.locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"][data-muted]`).waitFor();
    await sleep(1500);
    expect(await audioGrowth(a, 2000)).toBe(0);
    // bob has no moderation to offer
    await b
      .locator(`[data-testid="voice-participant"][data-user-name="${names.alice}"] button`)
      .first()
      .click();
    expect(await b.getByTestId('mod-mute').count()).toBe(0);
    await b.getByTestId('user-volume').waitFor();
    await b
      .locator(`[data-testid="voice-participant"][data-user-name="${names.alice}"] button`)
      .first()
      .click();
    await a
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] button`)
      .first()
      .click();
    await a.getByTestId('mod-mute').click();
    await expect.poll(() => audioGrowth(a, 1000), { timeout: 15_000 }).toBeGreaterThan(1000);
  });

  it('a moderator server-deafens the other: their subscription goes, and comes back on undeafen', async () => {
    const { alice: a, bob: b } = pages;
    const bobMenu = () =>
      a.locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] button`).first().click();
    await bobMenu();
    await a.getByTestId('mod-deafen').click();
    await b
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"][data-deafened]`)
      .waitFor();
    // bob's page holds no subscriber any more: nothing from alice reaches it
    await expect
      .poll(() => b.evaluate(() => window.__twopointoVoice?.call?.peerConnections().length))
      .toBe(1);
    expect(await audioGrowth(b, 1500)).toBe(0);
    // deafened means silenced at Janus too
    await sleep(1000);
    expect(await audioGrowth(a, 1500)).toBe(0);
    await shot(a, 'voice-deafened.png');
    await bobMenu();
    await a.getByTestId('mod-deafen').click();
    await expect.poll(() => audioGrowth(b, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);
    await expect.poll(() => audioGrowth(a, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);
  });

  it('a shared screen and a camera reach the other page', async () => {
    const { alice: a, bob: b } = pages;
    await b.getByTestId('voice-screen').click();
    await a.locator('[data-testid="video-tile"][data-kind="screen"]').waitFor();
    await expect.poll(async () => (await mediaStats(a)).videoFrames, { timeout: 20_000 }).toBeGreaterThan(0);
    await a
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] [data-testid="flag-stream"]`)
      .waitFor();

    await a.getByTestId('voice-camera').click();
    await b.locator('[data-testid="video-tile"][data-kind="camera"]').waitFor();
    await expect.poll(async () => (await mediaStats(b)).videoFrames, { timeout: 20_000 }).toBeGreaterThan(0);
    await sleep(1000);
    await shot(a, 'voice-video.png');
    await shot(b, 'voice-video-bob.png');

    await b.getByTestId('voice-screen').click();
    await expect.poll(() => a.locator('[data-testid="video-tile"][data-kind="screen"]').count()).toBe(0);
    await a.getByTestId('voice-camera').click();
  });

  it('the call stays while moving between text channels', async () => {
    const a = pages.alice;
    await a.locator('[data-testid="channel-item"][data-channel-name="random"]').click();
    await a.getByTestId('channel-title').filter({ hasText: 'random' }).waitFor();
    await a.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    expect(await audioGrowth(a, 1500)).toBeGreaterThan(0);
    await a.getByTestId('voice-settings').click();
    await a.getByTestId('device-settings').waitFor();
    await shot(a, 'voice-sidebar.png');
    await a.getByTestId('voice-settings').click();
  });

  it('a dropped gateway socket does not drop the call', async () => {
    const { alice: a, bob: b } = pages;
    await a.evaluate(() => window.__twopointo?.gateway.handleOffline());
    await a.getByTestId('connection-status').filter({ hasText: 'Reconnecting' }).waitFor();
    expect(await audioGrowth(a, 1500)).toBeGreaterThan(0);
    expect(await audioGrowth(b, 1500)).toBeGreaterThan(0);
    await a.evaluate(() => window.__twopointo?.gateway.handleOnline());
    await a.getByTestId('connection-status').filter({ hasText: 'Online' }).waitFor();
    await a.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    expect(await participants(a, 'lounge').count()).toBe(2);
  });

  it('media and requests stay on loopback', async () => {
    for (const page of [pages.alice, pages.bob]) {
      const ice = await iceReport(page);
      expect(ice.pairsUsed.length).toBeGreaterThan(0);
      expect(ice.janusSdp.length).toBeGreaterThan(0);
      expect(ice.pairsUsed.filter((p) => !p.split(' -> ').every(isLoopback))).toEqual([]);
      for (const list of [ice.localCandidates, ice.remoteCandidates, ice.janusSdp])
        expect(list.filter((a) => !isLoopback(a))).toEqual([]);
    }
    expect(foreign).toEqual([]);
  });

  it('a switch, a move, a disconnect and a leave show in both sidebars', async () => {
    const { alice: a, bob: b } = pages;
    await joinVoice(b, 'gaming');
    await b.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    for (const page of [a, b]) {
      await expect.poll(() => participants(page, 'lounge').count()).toBe(1);
      await expect.poll(() => participants(page, 'gaming').count()).toBe(1);
    }

    // a moderator moves bob back: his call follows him, and they hear each other again
    await a
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] button`)
      .first()
      .click();
    await a.getByTestId('mod-move').selectOption({ label: 'lounge' });
    for (const page of [a, b]) await expect.poll(() => participants(page, 'lounge').count()).toBe(2);
    await b.locator('[data-testid="call-channel"]').filter({ hasText: 'lounge' }).waitFor();
    await b.locator('[data-testid="call-status"][data-status="connected"]').waitFor();
    await expect.poll(() => audioGrowth(b, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);
    await expect.poll(() => audioGrowth(a, 1000), { timeout: 20_000 }).toBeGreaterThan(1000);

    // and disconnects him: his call ends
    await a
      .locator(`[data-testid="voice-participant"][data-user-name="${names.bob}"] button`)
      .first()
      .click();
    await a.getByTestId('mod-disconnect').click();
    await b.getByTestId('call-panel').waitFor({ state: 'detached' });
    for (const page of [a, b]) await expect.poll(() => participants(page, 'lounge').count()).toBe(1);

    await a.getByTestId('voice-leave').click();
    for (const page of [a, b]) await expect.poll(() => participants(page, 'lounge').count()).toBe(0);
    expect(await a.getByTestId('call-panel').count()).toBe(0);
  });

  it('no page errors and no CSP violations', () => {
    expect(watch.pageErrors).toEqual([]);
    expectCleanCsp(watch);
  });
});
