/**
 * The whole system started the `make dev` way (startAll from @twopointo/all, embedded
 * backends, the built client served by the Edge), driven by Debian's Chromium: two people
 * register with TOTP, chat live, upload, edit, delete, and one of them drops off the network
 * and catches up through RESUME.
 */
import { deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byText,
  type Account,
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser as makeRestUser,
  send,
  shareServer,
  shot,
  skipReason as reason,
  startJourney,
  type Journey,
} from './harness.ts';

/** A small valid PNG (a colour gradient), made here so the test needs no fixture file. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + w * 3)] = 0;
    for (let x = 0; x < w; x++) {
      raw.set(
        [88 + Math.round((x / w) * 120), 101, 242 - Math.round((y / h) * 120)],
        y * (1 + w * 3) + 1 + x * 3,
      );
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Person extends Account {
  context: BrowserContext;
  page: Page;
}

describe.skipIf(reason !== null)('web client end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const people: Record<'alice' | 'bob', Person> = {} as Record<'alice' | 'bob', Person>;
  const suffix = Date.now().toString(36);
  let inviteCode = '';

  beforeAll(async () => {
    // a third, scripted member posts a long history quickly; everything else keeps its limits
    process.env.MESSAGE_RATE_LIMIT = '1000/10s';
    j = await startJourney('chat');
    system = j.system;
    for (const name of ['alice', 'bob'] as const) {
      const { context, page } = await j.person(name);
      people[name] = { ...newAccount(name, 'chat', suffix), context, page };
    }
  });
  afterAll(() => j?.close());

  async function register(p: Person, screenshotsToo: boolean) {
    await registerInBrowser(p.page, system.edgeUrl, p, (step) =>
      screenshotsToo ? shot(p.page, `${step}.png`) : Promise.resolve(),
    );
  }

  async function messageActions(page: Page, text: string) {
    const msg = page.getByTestId('message').filter({ has: byText(page, 'message-content', text) });
    await msg.hover();
    return msg;
  }

  const gatewayStats = (page: Page) =>
    page.evaluate(() => {
      const g = window.__twopointo?.gateway;
      return g ? { ...g.stats, status: g.status, lastSeq: g.lastSeq } : null;
    });

  it('two people register with TOTP and confirm their recovery codes', async () => {
    await register(people.alice, true);
    await register(people.bob, false);
  });

  it('alice creates a server, a channel and an invite; bob joins by link', async () => {
    const { page: a } = people.alice;
    const { page: b } = people.bob;
    await a.getByTestId('no-servers').waitFor();
    // a new server starts with #general, opened at once; bob pastes the whole invite link
    inviteCode = await shareServer(a, b, 'Test Server', { link: system.edgeUrl });
    expect(inviteCode).not.toBe('');
  });

  it('each sees the other online', async () => {
    const { page: a } = people.alice;
    const { page: b } = people.bob;
    const bobName = `bob${suffix}`.slice(0, 30);
    const aliceName = `alice${suffix}`.slice(0, 30);
    await a.locator(`[data-testid="member"][data-username="${bobName}"][data-status="online"]`).waitFor();
    await b.locator(`[data-testid="member"][data-username="${aliceName}"][data-status="online"]`).waitFor();
  });

  it('messages, typing and replies arrive live', async () => {
    const { page: a } = people.alice;
    const { page: b } = people.bob;
    const input = a.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('Hello Bob, see https://example.com', { delay: 10 });
    await byText(b, 'typing-indicator', 'is typing').waitFor();
    await input.press('Enter');
    await byText(b, 'message-content', 'Hello Bob').waitFor();
    await byText(a, 'message-content', 'Hello Bob').waitFor();
    // the link is an anchor, the rest text
    expect(await byText(b, 'message-content', 'Hello Bob').locator('a').getAttribute('href')).toBe(
      'https://example.com/',
    );
    // Alice's own copy is confirmed once, not duplicated by the live event
    await a.waitForFunction(() => document.querySelectorAll('[data-testid="message-pending"]').length === 0);
    expect(await byText(a, 'message-content', 'Hello Bob').count()).toBe(1);
    // the typing indicator goes away once the message lands
    await b.waitForFunction(
      () => !document.querySelector('[data-testid="typing-indicator"]')?.textContent?.trim(),
    );

    await (await messageActions(b, 'Hello Bob')).getByTestId('message-reply').click();
    await b.getByTestId('reply-bar').waitFor();
    await send(b, 'Hi Alice');
    const reply = a.getByTestId('message').filter({ has: byText(a, 'message-content', 'Hi Alice') });
    await reply.waitFor();
    expect(await reply.getByTestId('reply-preview').innerText()).toContain('Hello Bob');
    // markup stays text
    await send(b, '<img src=x onerror=alert(1)> <b>not bold</b>');
    await byText(a, 'message-content', '<b>not bold</b>').waitFor();
    expect(await a.locator('.message-content b').count()).toBe(0);
  });

  it('alice uploads an image that bob sees inline', async () => {
    const { page: a } = people.alice;
    const { page: b } = people.bob;
    await a
      .getByTestId('file-input')
      .setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: png(240, 135) });
    await a.locator('[data-testid="upload"][data-status="done"]').waitFor();
    await send(a, 'a picture');
    const msg = b.getByTestId('message').filter({ has: byText(b, 'message-content', 'a picture') });
    const img = msg.getByTestId('attachment-image');
    await img.waitFor();
    await b.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="attachment-image"]')].some(
        (i) => i.complete && i.naturalWidth === 240,
      ),
    );
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await shot(b, 'chat.png');
  });

  it('edits and deletes show up on the other side', async () => {
    const { page: a } = people.alice;
    const { page: b } = people.bob;
    await (await messageActions(a, 'Hello Bob')).getByTestId('message-edit').click();
    const box = a.getByTestId('edit-input');
    await box.fill('Hello Bob (edited)');
    await box.press('Enter');
    const edited = b
      .getByTestId('message')
      .filter({ has: byText(b, 'message-content', 'Hello Bob (edited)') });
    await edited.getByTestId('edited-marker').waitFor();

    // Escape cancels an edit without saving
    await (await messageActions(a, 'a picture')).getByTestId('message-edit').click();
    await a.getByTestId('edit-input').fill('never saved');
    await a.getByTestId('edit-input').press('Escape');
    await byText(a, 'message-content', 'a picture').waitFor();

    await (await messageActions(a, 'a picture')).getByTestId('message-delete').click();
    await a.getByTestId('delete-confirm').click();
    await b.waitForFunction(
      () =>
        ![...document.querySelectorAll('[data-testid="message-content"]')].some((e) =>
          e.textContent?.includes('a picture'),
        ),
    );
  });

  it('alice drops off the network and catches up through RESUME', async () => {
    const alice = people.alice;
    const { page: a } = alice;
    const { page: b } = people.bob;
    const before = await gatewayStats(a);
    expect(before?.status).toBe('ready');

    await alice.context.setOffline(true);
    await a.getByTestId('reconnecting-banner').waitFor();
    await shot(a, 'reconnecting.png');
    // the banner has its own row: the header under it is whole
    const banner = (await a.getByTestId('reconnecting-banner').boundingBox())!;
    const header = (await a.locator('.main-head').boundingBox())!;
    expect(header.y).toBeGreaterThanOrEqual(banner.y + banner.height);
    // and nobody's presence is claimed while it is unknown
    expect(await a.locator('[data-testid="member"][data-status="online"]').count()).toBe(0);
    for (let i = 1; i <= 3; i++) await send(b, `while you were away ${i}`);
    await byText(b, 'message-content', 'while you were away 3').waitFor();
    await b.waitForFunction(() => document.querySelectorAll('[data-testid="message-pending"]').length === 0);
    expect(await byText(a, 'message-content', 'while you were away').count()).toBe(0);

    await alice.context.setOffline(false);
    for (let i = 1; i <= 3; i++) await byText(a, 'message-content', `while you were away ${i}`).waitFor();
    await a.getByTestId('reconnecting-banner').waitFor({ state: 'detached' });
    // presence is read again: bob is online once more on alice's list
    await a
      .locator(`[data-testid="member"][data-username="${people.bob.username}"][data-status="online"]`)
      .waitFor();
    const after = await gatewayStats(a);
    expect(after?.status).toBe('ready');
    expect(after!.resumes).toBeGreaterThan(before!.resumes);
    expect(after!.invalidSessions).toBe(before!.invalidSessions);
    expect(after!.lastReplayed).toBeGreaterThanOrEqual(3);
    // still live after the resume
    await send(b, 'back online?');
    await byText(a, 'message-content', 'back online?').waitFor();
  });

  it('a reload keeps bob signed in (silent refresh from the stored refresh token)', async () => {
    const { page: b } = people.bob;
    await b.reload();
    await b.getByTestId('chat-app').waitFor();
    await byText(b, 'message-content', 'back online?').waitFor();
  });

  it('alice logs out and back in with a recovery code', async () => {
    const alice = people.alice;
    const { page: a } = alice;
    await a.getByTestId('logout').click();
    // asked first; Cancel keeps you in, the confirmation signs you out
    await a.getByTestId('logout-dialog').getByRole('button', { name: 'Cancel' }).click();
    await a.getByTestId('logout-dialog').waitFor({ state: 'detached' });
    await a.getByTestId('logout').click();
    await a.getByTestId('logout-confirm').click();
    await a.getByTestId('login-screen').waitFor();
    expect(await a.evaluate(() => localStorage.getItem('twopointo.refresh_token'))).toBeNull();
    await a.getByTestId('login-email').fill(alice.email);
    await a.getByTestId('login-password').fill(alice.password);
    await a.getByTestId('login-submit').click();
    await a.getByTestId('totp-screen').waitFor();
    await a.getByTestId('use-recovery').click();
    await a.getByTestId('recovery-code-input').fill(alice.recoveryCodes[0]!);
    await a.getByTestId('recovery-submit').click();
    await a.getByTestId('chat-app').waitFor();
    await byText(a, 'message-content', 'back online?').waitFor();
    // a notice says how many codes remain
    await byText(a, 'toast', 'You have 9 recovery codes left.').waitFor();
  });

  it('scrolling up loads older pages without moving what you were reading', async () => {
    const { page: a } = people.alice;
    const carolUser = await makeRestUser(system.edgeUrl, `carol${suffix}`);
    const carol = carolUser.call;
    const server = (await carol(`/api/invites/${inviteCode}/accept`)) as { id: string };
    expect(server.id).toMatch(/^\d+$/);
    // the channel alice has open: the server's #general
    const { channels } = (await carolUser.get(`/api/servers/${server.id}/channels`)) as {
      channels: { id: string; name: string }[];
    };
    const cid = channels.find((c) => c.name === 'general')!.id;
    expect(await byText(a, 'channel-title', 'general').count()).toBe(1);
    for (let i = 1; i <= 70; i++) await carol(`/api/channels/${cid}/messages`, { content: `history ${i}` });
    await byText(a, 'message-content', 'history 70').waitFor();

    await a.reload();
    await byText(a, 'message-content', 'history 70').waitFor();
    const result = await a.evaluate(async () => {
      const list = document.querySelector<HTMLElement>('[data-testid="message-list"]')!;
      const count = () => list.querySelectorAll('[data-testid="message"]').length;
      const before = count();
      const atBottom = Math.abs(list.scrollHeight - list.scrollTop - list.clientHeight) < 4;
      list.scrollTop = 0;
      const first = list.querySelector<HTMLElement>('[data-testid="message"]')!;
      const id = first.dataset.messageId!;
      const top = first.getBoundingClientRect().bottom;
      const t0 = Date.now();
      while (count() === before && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => requestAnimationFrame(r));
      const now = list
        .querySelector<HTMLElement>(`[data-message-id="${id}"]`)!
        .getBoundingClientRect().bottom;
      return { before, after: count(), shift: now - top, atBottom };
    });
    expect(result.atBottom).toBe(true);
    expect(result.before).toBe(50);
    expect(result.after).toBeGreaterThan(50);
    expect(Math.abs(result.shift)).toBeLessThanOrEqual(2);
    // keep going up to the very beginning
    await a.evaluate(() => {
      document.querySelector<HTMLElement>('[data-testid="message-list"]')!.scrollTop = 0;
    });
    await a.getByTestId('channel-start').waitFor();
    await byText(a, 'message-content', 'history 1').first().waitFor();
  });

  it('works narrow, with the channel list in a drawer', async () => {
    const { page: a } = people.alice;
    await a.setViewportSize({ width: 420, height: 800 });
    await a.getByTestId('toggle-channels').click();
    await a.locator('[data-testid="channel-item"][data-channel-name="general"]').click();
    await byText(a, 'channel-title', 'general').waitFor();
    await a.waitForTimeout(400); // the drawer slides away
    await shot(a, 'chat-narrow.png');
    await a.getByTestId('toggle-channels').click();
    await a.waitForTimeout(400);
    await shot(a, 'chat-narrow-drawer.png');
    await a.locator('.scrim').click({ position: { x: 400, y: 400 } });
    await a.setViewportSize({ width: 1280, height: 800 });
  });

  it('installs as an app: Chromium reads the manifest without errors and finds its icons', async () => {
    const page = people.bob.page;
    const cdp = await page.context().newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: { message: string; critical: number }[];
      data?: string;
    };
    expect(manifest.url).toBe(`${system.edgeUrl}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data!) as { display: string; icons: { src: string; sizes: string }[] };
    expect(data.display).toBe('standalone');
    for (const icon of data.icons) {
      const res = await page.request.get(new URL(icon.src, system.edgeUrl).href);
      expect(res.status(), icon.src).toBe(200);
    }
    const manifestRes = await page.request.get(`${system.edgeUrl}/manifest.webmanifest`);
    expect(manifestRes.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // the test's browser contexts are incognito ones, which never install anything: that is the
    // browser's condition, not the app's
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await cdp.detach();
  });

  it('no page errors happened', () => {
    expect(j.watch.pageErrors).toEqual([]);
  });

  it('ran under the CSP without a single violation, the bundle precompressed', () => {
    expectCleanCsp(j.watch);
    // Chromium asks for br; the build's .br twin is what went over the wire (later loads are cached)
    expect(j.watch.scripts[0]?.headers['content-encoding']).toBe('br');
  });
});
