/**
 * Attention, end to end: two people in the browser and a scripted third. Unread channels go
 * bold and servers get a mark on the rail; mentions (picked from the @ autocomplete) badge the
 * channel, the server and the tab title; reading clears them (and the server remembers); the
 * "new messages" divider sits at the first unread message; search jumps to a message far back
 * in history and highlights it; drafts survive switching channels.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byText,
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser,
  send,
  shot,
  skipReason,
  startJourney,
  type Account,
  type Journey,
} from './harness.ts';

/** The same screen on a phone-sized window (390 px), then back to the desktop size. */
async function shotNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 800 });
  // the layout's drawer slides when the width crosses its breakpoint: shoot once it rests
  await page.waitForTimeout(600);
  await shot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(skipReason !== null)('attention end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const suffix = Date.now().toString(36);
  const account = (name: string): Account => newAccount(name, 'attn', suffix);
  const alice = account('alice');
  const bob = account('bob');
  let a: Page;
  let b: Page;
  const invites: Record<string, string> = {};

  beforeAll(async () => {
    process.env.MESSAGE_RATE_LIMIT = '1000/10s';
    j = await startJourney('attn');
    system = j.system;
    a = (await j.person('alice')).page;
    b = (await j.person('bob')).page;
  });
  afterAll(() => j?.close());

  const server = (page: Page, name: string) =>
    page.locator(`[data-testid="server-item"][data-server-name="${name}"]`);
  const channel = (page: Page, name: string) =>
    page.locator(`[data-testid="channel-item"][data-channel-name="${name}"]`);
  const title = (page: Page) => page.evaluate(() => document.title);

  async function open(page: Page, serverName: string, channelName: string) {
    await server(page, serverName).click();
    await channel(page, channelName).click();
    await byText(page, 'channel-title', channelName).waitFor();
  }

  async function createServer(page: Page, name: string, channels: string[]): Promise<string> {
    await page.getByTestId('create-server').click();
    await page.getByTestId('server-name-input').fill(name);
    await page.getByTestId('server-create-submit').click();
    await server(page, name).waitFor();
    for (const c of channels) {
      // a new server starts with #general
      if (c === 'general') {
        await byText(page, 'channel-title', c).waitFor();
        continue;
      }
      await page.getByTestId('create-channel').click();
      await page.getByTestId('channel-name-input').fill(c);
      await page.getByTestId('channel-submit').click();
      await byText(page, 'channel-title', c).waitFor();
    }
    await page.getByTestId('server-menu-button').click();
    await page.getByTestId('menu-invite').click();
    await page.getByTestId('invite-create').click();
    const code = (await page.getByTestId('invite-code').innerText()).trim();
    await page.keyboard.press('Escape');
    return code;
  }

  async function joinServer(page: Page, code: string) {
    await page.getByTestId('join-server').click();
    await page.getByTestId('invite-input').fill(code);
    await page.getByTestId('join-submit').click();
  }

  it('alice runs two servers and bob joins both', async () => {
    await registerInBrowser(a, system.edgeUrl, alice);
    await registerInBrowser(b, system.edgeUrl, bob);
    invites.lab = await createServer(a, 'Attention Lab', ['general', 'random']);
    invites.side = await createServer(a, 'Side Room', ['lobby']);
    await joinServer(b, invites.lab);
    await byText(b, 'channel-title', 'general').waitFor();
    await joinServer(b, invites.side);
    // a new server opens on its #general (lobby comes after it)
    await b.locator('[data-testid="server-item"][data-server-name="Side Room"]').waitFor();
    await byText(b, 'channel-title', 'general').waitFor();
    expect(await title(b)).toBe('twopointo');
  });

  it('a message in another channel makes it bold for bob, not the one he reads', async () => {
    await open(b, 'Attention Lab', 'general');
    await open(a, 'Attention Lab', 'random');
    await send(a, 'first unread message');
    await channel(b, 'random').and(b.locator('[data-unread]')).waitFor();
    const weight = await channel(b, 'random').evaluate((e) => getComputedStyle(e).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(600);
    expect(await channel(b, 'general').getAttribute('data-unread')).toBeNull();
    // the server bob is in shows no rail mark for itself; the title says something is unread
    expect(await title(b)).toBe('• twopointo');
    // alice wrote it and reads the channel: nothing unread for her
    expect(await channel(a, 'random').getAttribute('data-unread')).toBeNull();
  });

  it('mentions picked from the @ autocomplete badge the channel, the server and the title', async () => {
    await open(b, 'Side Room', 'lobby');
    const input = a.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('@bob', { delay: 10 });
    const option = a.getByTestId('mention-option').filter({ hasText: bob.username });
    await option.waitFor();
    await shot(a, 'attention-autocomplete.png');
    await input.press('Enter');
    expect(await input.inputValue()).toBe(`@${bob.username} `);
    await input.pressSequentially('are you there?', { delay: 5 });
    await input.press('Enter');
    // alice sees her own message with a pill, not the raw token
    const pill = a.getByTestId('message').filter({ hasText: 'are you there?' }).getByTestId('mention');
    await pill.waitFor();
    expect(await pill.innerText()).toBe(`@${bob.username}`);

    await input.pressSequentially('@bo', { delay: 10 });
    await a.getByTestId('mention-option').first().waitFor();
    await input.press('Tab');
    await input.pressSequentially('second ping', { delay: 5 });
    await input.press('Enter');

    await byText(b, 'server-mention-badge', '2').waitFor();
    expect(await server(b, 'Attention Lab').getAttribute('data-unread')).toBe('true');
    await b.waitForFunction(() => document.title === '(2) twopointo');
    await shot(b, 'attention-rail.png');
    await server(b, 'Attention Lab').click();
    await channel(b, 'random').getByTestId('channel-mention-badge').filter({ hasText: '2' }).waitFor();
    await shot(b, 'attention-badges.png');
    await shotNarrow(b, 'attention-badges-narrow.png');
  });

  it('opening the channel shows the divider at the first unread message and clears the badges', async () => {
    await channel(b, 'random').click();
    await byText(b, 'channel-title', 'random').waitFor();
    const divider = b.getByTestId('new-messages-divider');
    await divider.waitFor();
    // the divider sits right before the first message bob had not read
    const next = await divider.evaluate((d) => d.nextElementSibling?.textContent ?? '');
    expect(next).toContain('first unread message');
    const mentioned = b.locator('[data-testid="message"][data-mentioned]');
    expect(await mentioned.count()).toBe(2);
    expect(await mentioned.first().locator('.mention.me').count()).toBe(1);
    await channel(b, 'random').getByTestId('channel-mention-badge').waitFor({ state: 'detached' });
    await b.getByTestId('server-mention-badge').waitFor({ state: 'detached' });
    await b.waitForFunction(() => document.title === 'twopointo');
    expect(await channel(b, 'random').getAttribute('data-unread')).toBeNull();
    await shot(b, 'attention-divider.png');
  });

  it('a draft stays with its channel', async () => {
    const input = b.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('half-written thought', { delay: 5 });
    await channel(b, 'general').click();
    await byText(b, 'channel-title', 'general').waitFor();
    expect(await b.getByTestId('composer-input').inputValue()).toBe('');
    await channel(b, 'random').click();
    await byText(b, 'channel-title', 'random').waitFor();
    expect(await b.getByTestId('composer-input').inputValue()).toBe('half-written thought');
    await b.getByTestId('composer-input').fill('');
  });

  it('the server remembers what bob read: after a reload nothing is unread', async () => {
    // give the ack (sent at once, then at most every few seconds) time to land
    await b.waitForTimeout(3500);
    await b.reload();
    await byText(b, 'channel-title', 'random').waitFor();
    await channel(b, 'general').waitFor();
    await b.waitForTimeout(500);
    expect(await channel(b, 'random').getAttribute('data-unread')).toBeNull();
    expect(await b.getByTestId('channel-mention-badge').count()).toBe(0);
    expect(await title(b)).toBe('twopointo');
  });

  it('search finds a message far back and opens it in context, highlighted', async () => {
    const carol = await restUser(system.edgeUrl, `carol${suffix}`);
    const lab = (await carol.call(`/api/invites/${invites.lab}/accept`)) as { id: string };
    const { channels } = (await carol.get(`/api/servers/${lab.id}/channels`)) as unknown as {
      channels: { id: string; name: string }[];
    };
    const general = channels.find((c) => c.name === 'general')!;
    await carol.call(`/api/channels/${general.id}/messages`, { content: 'the needle in the haystack' });
    for (let i = 1; i <= 70; i++)
      await carol.call(`/api/channels/${general.id}/messages`, { content: `filler ${i}` });
    await channel(b, 'general').and(b.locator('[data-unread]')).waitFor();

    const box = b.getByTestId('search-input');
    await box.fill('needle');
    await box.press('Enter');
    const group = b.getByTestId('search-group').filter({ hasText: '#general' });
    const result = group.getByTestId('search-result').filter({ hasText: 'needle' });
    await result.waitFor();
    expect(await b.getByTestId('search-total').innerText()).toBe('1 result');
    await shot(b, 'attention-search-results.png');
    await shotNarrow(b, 'attention-search-results-narrow.png');
    await result.click();

    await byText(b, 'channel-title', 'general').waitFor();
    const target = b.locator('[data-testid="message"][data-highlighted]');
    await target.waitFor();
    expect(await target.innerText()).toContain('the needle in the haystack');
    // on screen, inside the list
    const inView = await target.evaluate((el) => {
      const list = document.querySelector('[data-testid="message-list"]')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= list.top && r.bottom <= list.bottom;
    });
    expect(inView).toBe(true);
    // the newest 50 did not reach this far back: it came with the page around it
    expect(await byText(b, 'message-content', 'filler 70').count()).toBe(0);
    await b.getByTestId('jump-to-present-bar').waitFor();
    await shot(b, 'attention-search-jump.png');

    await b.getByTestId('jump-to-present').click();
    await byText(b, 'message-content', 'filler 70').waitFor();
    await b.getByTestId('jump-to-present-bar').waitFor({ state: 'detached' });
    await b.getByTestId('search-close').click();
  });

  it('notification settings: mute a channel, desktop permission asked only on request', async () => {
    await b.getByTestId('server-menu-button').click();
    await b.getByTestId('menu-notifications').click();
    await b.getByTestId('notification-settings').waitFor();
    await b
      .locator('[data-testid="notify-channel"][data-channel-name="general"]')
      .getByTestId('channel-mute')
      .check();
    await shot(b, 'attention-notification-settings.png');
    await b.keyboard.press('Escape');
    expect(await channel(b, 'general').evaluate((e) => e.closest('.channel-item')!.className)).toContain(
      'muted-channel',
    );
    // nothing asked for permission on its own
    expect(await b.evaluate(() => Notification.permission)).toBe('default');
  });

  it('no page errors happened', () => {
    expect(j.watch.pageErrors).toEqual([]);
  });

  it('ran under the CSP without a single violation', () => {
    expectCleanCsp(j.watch);
  });
});
