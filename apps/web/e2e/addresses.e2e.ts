/**
 * Addresses: every channel, DM, settings screen and message has a URL. Opening a channel changes
 * the address, back and forward move between channels, a reload keeps the place, a copied
 * message link opens the message highlighted in its context (even 200+ messages back), a link
 * to a place you cannot see says so, and a signed-out visitor lands on the link after signing in.
 * The sign-in screen loads none of the chat's code.
 */
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';
import {
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser,
  shot,
  skipReason,
  startJourney,
  type Journey,
} from './harness.ts';

const HISTORY = 230;

describe.skipIf(skipReason !== null)('addresses', () => {
  let system: { edgeUrl: string; close(): Promise<void> };
  let j: Journey;
  let page: Page;
  const suffix = Date.now().toString(36);
  const alice = newAccount('alice', 'addr', suffix);
  let sid = '';
  const ch: Record<string, string> = {};
  let oldest = '';
  let dmId = '';
  let bob: Awaited<ReturnType<typeof restUser>>;

  const path = () => new URL(page.url()).pathname;
  const title = (p: Page) => p.getByTestId('channel-title');
  const channel = (p: Page, name: string) =>
    p.locator(`[data-testid="channel-item"][data-channel-name="${name}"]`);

  beforeAll(async () => {
    // the long history is posted over HTTP faster than a person types
    process.env.MESSAGE_RATE_LIMIT = '1000/10s';
    j = await startJourney('addresses');
    system = j.system as typeof system;
    ({ page } = await j.person('alice'));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.edgeUrl });

    // bob's server: #general with a long history, and #random; made over HTTP
    bob = await restUser(system.edgeUrl, `bob${suffix}`.slice(0, 30));
    const server = (await bob.call('/api/servers', { name: 'Address Club' })) as { id: string };
    sid = server.id;
    await bob.call(`/api/servers/${sid}/channels`, { name: 'random' });
    const { channels } = (await bob.get(`/api/servers/${sid}/channels`)) as unknown as {
      channels: { id: string; name: string }[];
    };
    for (const c of channels) ch[c.name] = c.id;
    const first = (await bob.call(`/api/channels/${ch.general}/messages`, {
      content: 'the very first word',
    })) as {
      id: string;
    };
    oldest = first.id;
    for (let i = 1; i <= HISTORY; i++)
      await bob.call(`/api/channels/${ch.general}/messages`, { content: `history ${i}` });
    await bob.call(`/api/channels/${ch.random}/messages`, { content: 'random thoughts' });
  }, 180_000);

  afterAll(() => j?.close());

  it('the sign-in screen loads none of the chat', async () => {
    // the scripts the page loads from here on (the journey's watch records every one)
    const from = j.watch.scripts.length;
    const scripts = () => j.watch.scripts.slice(from).map((s) => new URL(s.url).pathname);
    await registerInBrowser(page, system.edgeUrl, alice, async (step) => {
      if (step !== 'login') return;
      await page.waitForLoadState('networkidle');
      expect(scripts().length).toBeGreaterThan(0);
      expect(scripts().some((n) => /ChatApp|SettingsScreen|ServerSettings|core-|compact-/.test(n))).toBe(
        false,
      );
    });
    expect(scripts().some((n) => /ChatApp/.test(n))).toBe(true);
  });

  it('an invite joins, and opening a channel changes the address', async () => {
    const invite = (await bob.call(`/api/servers/${sid}/invites`, {})) as { code: string };
    await page.goto(`${system.edgeUrl}/invite/${invite.code}`);
    await page.getByTestId('join-submit').click();
    await expect.poll(path).toBe(`/channels/${sid}/${ch.general}`);
    await expect.poll(() => title(page).innerText()).toContain('general');
    await channel(page, 'random').click();
    await expect.poll(path).toBe(`/channels/${sid}/${ch.random}`);
    await expect.poll(() => title(page).innerText()).toContain('random');
  });

  it('back and forward move between channels, and a reload keeps the place', async () => {
    await page.goBack();
    await expect.poll(path).toBe(`/channels/${sid}/${ch.general}`);
    await expect.poll(() => title(page).innerText()).toContain('general');
    await page.goForward();
    await expect.poll(path).toBe(`/channels/${sid}/${ch.random}`);
    await expect.poll(() => title(page).innerText()).toContain('random');
    await page.reload();
    await page.getByTestId('chat-app').waitFor();
    await expect.poll(() => title(page).innerText()).toContain('random');
    expect(path()).toBe(`/channels/${sid}/${ch.random}`);
    // `/` opens the last place
    await page.goto(system.edgeUrl);
    await expect.poll(path).toBe(`/channels/${sid}/${ch.random}`);
  });

  it('copies a message link, which opens the message highlighted', async () => {
    const message = page.getByTestId('message').filter({ hasText: 'random thoughts' });
    await message.hover();
    await message.getByTestId('message-copy-link').click();
    await message.locator('[data-testid="message-copy-link"][data-copied]').waitFor();
    await shot(page, 'addresses-copied.png');
    const mid = await message.getAttribute('data-message-id');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${system.edgeUrl}/channels/${sid}/${ch.random}/${mid}`);

    const other = await page.context().newPage();
    await other.goto(link);
    await other.locator(`[data-testid="message"][data-message-id="${mid}"][data-highlighted]`).waitFor();
    await other.close();
  });

  it(`a link to a message ${HISTORY} messages back opens it in its context`, async () => {
    const other = await page.context().newPage();
    await other.goto(`${system.edgeUrl}/channels/${sid}/${ch.general}/${oldest}`);
    const target = other.locator(`[data-testid="message"][data-message-id="${oldest}"]`);
    await target.and(other.locator('[data-highlighted]')).waitFor();
    await expect.poll(() => target.innerText()).toContain('the very first word');
    // in view, with the messages after it around it
    await expect
      .poll(() =>
        target.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await other.getByText('history 1', { exact: true }).waitFor();
    expect(await other.getByText(`history ${HISTORY}`, { exact: true }).count()).toBe(0);
    await shot(other, 'addresses-message-in-context.png');
    await other.close();
  });

  it('a DM has its own address', async () => {
    const { members } = (await bob.get(`/api/servers/${sid}/members`)) as unknown as {
      members: { user: { id: string; username: string } }[];
    };
    const aliceId = members.find((m) => m.user.username === alice.username)!.user.id;
    const dm = (await bob.call('/api/me/channels', { recipient_ids: [aliceId] })) as { id: string };
    dmId = dm.id;
    await bob.call(`/api/channels/${dmId}/messages`, { content: 'psst, alice' });
    await page.getByTestId('home-button').click();
    await expect.poll(path).toBe(`/channels/@me/${dmId}`);
    await page.getByText('psst, alice').waitFor();
    await page.reload();
    await page.getByText('psst, alice').waitFor();
    expect(path()).toBe(`/channels/@me/${dmId}`);
    await page.goBack();
    await expect.poll(path).toBe(`/channels/${sid}/${ch.random}`);
  });

  it('settings have addresses, and closing them goes back', async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor();
    await expect.poll(path).toBe('/settings/account');
    await page.getByTestId('settings-tab-security').click();
    await expect.poll(path).toBe('/settings/security');
    await page.reload();
    await page.locator('[data-testid="settings-tab-security"][aria-current="page"]').waitFor();
    await shot(page, 'addresses-settings.png');
    await page.getByTestId('settings-close').click();
    await page.getByTestId('settings').waitFor({ state: 'detached' });
    await expect.poll(() => title(page).innerText()).toContain('random');
  });

  it("a server's settings have addresses too", async () => {
    const before = path();
    await page.getByTestId('create-server').click();
    await page.getByTestId('server-name-input').fill('Alice Place');
    await page.getByTestId('server-create-submit').click();
    await expect.poll(() => path() !== before && /^\/channels\/\d+\/\d+$/.test(path())).toBe(true);
    const own = path().split('/')[2]!;
    const under = path();
    await page.getByTestId('server-menu-button').click();
    await page.getByTestId('menu-server-settings').click();
    await page.getByTestId('server-settings').waitFor();
    await expect.poll(path).toBe(`/channels/${own}/settings`);
    await page.getByTestId('settings-tab-roles').click();
    await expect.poll(path).toBe(`/channels/${own}/settings/roles`);
    await page.reload();
    await page.locator('[data-testid="settings-tab-roles"][aria-current="page"]').waitFor();
    await shot(page, 'addresses-server-settings.png');
    await page.getByTestId('settings-close').click();
    await page.getByTestId('server-settings').waitFor({ state: 'detached' });
    await expect.poll(path).toBe(under);
    // a member without the right sees the channel, not an empty settings screen
    await page.goto(`${system.edgeUrl}/channels/${sid}/settings/roles`);
    await page.getByTestId('chat-app').waitFor();
    await channel(page, 'general').waitFor();
    expect(await page.getByTestId('server-settings').count()).toBe(0);
  });

  it('a link to a channel or server you cannot see says so', async () => {
    await page.goto(`${system.edgeUrl}/channels/${sid}/123456789`);
    await page.getByTestId('place-unavailable').waitFor();
    await shot(page, 'addresses-unavailable.png');
    await page.goto(`${system.edgeUrl}/channels/987654321/123456789`);
    await page.getByTestId('place-unavailable').waitFor();
    await page.getByTestId('place-unavailable-leave').click();
    await page.getByTestId('place-unavailable').waitFor({ state: 'detached' });
    // to the last place (alice's own server, from the step before)
    await expect.poll(path).toMatch(/^\/channels\/\d+\/\d+$/);
  });

  it('a signed-out visitor lands on the link after signing in', async () => {
    const { context, page: fresh } = await j.person('alice-again');
    const deep = `/channels/${sid}/${ch.general}/${oldest}`;
    await fresh.goto(system.edgeUrl + deep);
    await fresh.getByTestId('login-screen').waitFor();
    await fresh.getByTestId('login-email').fill(alice.email);
    await fresh.getByTestId('login-password').fill(alice.password);
    await fresh.getByTestId('login-submit').click();
    await fresh.getByTestId('totp-code').fill(totp(alice.secret, Date.now(), 1));
    await fresh.getByTestId('totp-code').press('Enter');
    await fresh.locator(`[data-testid="message"][data-message-id="${oldest}"][data-highlighted]`).waitFor();
    expect(new URL(fresh.url()).pathname).toBe(deep);
    await context.close();
  });

  it('ran without page errors or CSP violations', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
