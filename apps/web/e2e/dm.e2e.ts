/**
 * Direct messages, end to end in two browsers: Alice opens a DM with Bob from the member list,
 * they talk live, Bob sees the unread badge on Home while he reads a server channel, a reply and
 * an attachment work in the DM; then a group DM is made, renamed and left.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byText,
  expectCleanCsp,
  message,
  newAccount,
  registerInBrowser,
  restUser,
  send,
  shareServer,
  shot,
  skipReason,
  startJourney,
  type Account,
  type Journey,
} from './harness.ts';

/** A 1×1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(skipReason !== null)('direct messages end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const suffix = Date.now().toString(36);
  const account = (name: string): Account => newAccount(name, 'dm', suffix);
  const alice = account('alice');
  const bob = account('bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    j = await startJourney('dm');
    system = j.system;
    a = (await j.person('alice')).page;
    b = (await j.person('bob')).page;
  });
  afterAll(() => j?.close());

  const dmItem = (page: Page, title: string) =>
    page.locator(`[data-testid="dm-item"][data-dm-title="${title}"]`);

  it('alice and bob share a server', async () => {
    await registerInBrowser(a, system.edgeUrl, alice);
    await registerInBrowser(b, system.edgeUrl, bob);
    await shareServer(a, b, 'DM Club');
  });

  it('alice opens a DM with bob from the member list and they talk live', async () => {
    const member = a.locator(`[data-testid="member"][data-username="${bob.username}"]`);
    await member.hover();
    await member.getByTestId('member-message').click();
    await byText(a, 'channel-title', bob.username).waitFor();
    expect(await a.getByTestId('home-button').getAttribute('aria-current')).toBe('true');
    await dmItem(a, bob.username).waitFor();
    await send(a, 'Hi Bob, in private');

    // bob reads #general: Home gets the badge, and the tab title counts it
    await byText(b, 'home-mention-badge', '1').waitFor();
    expect(await b.getByTestId('home-button').getAttribute('data-unread')).toBe('true');
    await b.waitForFunction(() => document.title === '(1) twopointo');
    await shot(b, 'dm-home-badge.png');

    await b.getByTestId('home-button').click();
    await dmItem(b, alice.username).waitFor();
    await dmItem(b, alice.username).click();
    await message(b, 'Hi Bob, in private').waitFor();
    // reading it clears the badge
    await b.getByTestId('home-mention-badge').waitFor({ state: 'detached' });
    await b.waitForFunction(() => document.title === 'twopointo');

    await message(b, 'Hi Bob, in private').hover();
    await message(b, 'Hi Bob, in private').getByTestId('message-reply').click();
    await b.getByTestId('reply-bar').waitFor();
    await send(b, 'Hey Alice');
    const reply = message(a, 'Hey Alice');
    await reply.waitFor();
    expect(await reply.getByTestId('reply-preview').innerText()).toContain('Hi Bob, in private');
    await shot(a, 'dm-conversation.png');
  });

  it('an attachment in the DM reaches bob', async () => {
    await a
      .getByTestId('file-input')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PIXEL });
    await a.locator('[data-testid="upload"][data-status="done"]').waitFor();
    await send(a, 'a tiny picture');
    await message(b, 'a tiny picture').getByTestId('attachment-image').waitFor();
    await shot(b, 'dm-attachment.png');
  });

  it('a blocked member’s messages in a shared server fold behind one line per run', async () => {
    const carol = await restUser(system.edgeUrl, `carol${suffix}`.slice(0, 30));
    await a.getByTestId('server-item').first().click();
    await a.getByTestId('server-menu-button').click();
    await a.getByTestId('menu-invite').click();
    await a.getByTestId('invite-create').click();
    const invite = (await a.getByTestId('invite-code').innerText()).trim();
    await a.keyboard.press('Escape');
    await byText(a, 'channel-title', 'general').waitFor();
    await carol.call(`/api/invites/${invite}/accept`);
    const sid = ((await carol.get('/api/me/servers')) as { servers: { id: string }[] }).servers[0]!.id;
    const general = ((await carol.get(`/api/servers/${sid}/channels`)) as { channels: { id: string }[] })
      .channels[0]!.id;
    await b.getByTestId('server-item').first().click();
    await byText(b, 'channel-title', 'general').waitFor();
    // bob blocks carol from another device (the button for it is on the profile card); his open
    // page hears RELATIONSHIP_UPDATE and folds her messages from then on
    const bobElsewhere = await signInWithRecoveryCode(system.edgeUrl, bob);
    expect(await bobElsewhere('PUT', `/api/me/blocks/${carol.id}`)).toBe(204);
    for (const text of ['carol one', 'carol two'])
      await carol.call(`/api/channels/${general}/messages`, { content: text });
    // send waits until it is stored: carol's third comes after it, so the two runs stay apart
    await send(a, 'alice in between');
    await carol.call(`/api/channels/${general}/messages`, { content: 'carol three' });
    await byText(b, 'message-content', 'alice in between').waitFor();
    await byText(b, 'blocked-run', '2 blocked messages').waitFor();
    await byText(b, 'blocked-run', 'Blocked message').last().waitFor();
    expect(await b.getByTestId('blocked-run').count()).toBe(2);
    expect(await byText(b, 'message-content', 'carol one').count()).toBe(0);
    await shot(b, 'dm-blocked-folded.png');
    await b.getByTestId('blocked-run-show').first().click();
    await byText(b, 'message-content', 'carol two').waitFor();
    expect(await byText(b, 'message-content', 'carol three').count()).toBe(0);
  });

  it('bob closes the DM with alice from Home (by keyboard); it comes back when alice writes again, with its history', async () => {
    await b.getByTestId('home-button').click();
    const item = dmItem(b, alice.username);
    await item.waitFor();
    // the close button shows on hover or focus: Tab from the DM's link reaches it
    await item.focus();
    await b.keyboard.press('Tab');
    const close = b.locator('.dm-item', { has: item }).getByTestId('dm-close');
    expect(await close.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(b, 'dm-close-focus.png');
    await b.keyboard.press('Enter');
    await item.waitFor({ state: 'detached' });
    // alice still has it
    await a.getByTestId('home-button').click();
    await dmItem(a, bob.username).click();
    await send(a, 'are you still there?');
    await item.waitFor();
    await item.click();
    await message(b, 'are you still there?').waitFor();
    await message(b, 'Hi Bob, in private').waitFor();
  });

  it('alice makes a group DM with bob and carol in the dialog, renames it, and bob leaves it', async () => {
    await a.getByTestId('home-button').click();
    await a.getByTestId('new-group-dm').click();
    const dialog = a.getByTestId('group-dm-dialog');
    await dialog.waitFor();
    await dialog.locator(`[data-testid="person"][data-username="${bob.username}"] input`).check();
    await dialog.getByTestId('people-filter').fill('carol');
    await dialog.locator('[data-testid="person"]').filter({ hasText: 'carol' }).locator('input').check();
    await dialog.getByTestId('group-dm-name').fill('Weekend plans');
    await shot(a, 'dm-group-dialog.png');
    await dialog.getByTestId('group-dm-submit').click();
    await byText(a, 'channel-title', 'Weekend plans').waitFor();
    await send(a, 'who is in?');
    // bob sees it appear on Home, live, with its name
    await b.getByTestId('home-button').click();
    await dmItem(b, 'Weekend plans').waitFor();

    await a.getByTestId('dm-rename').click();
    await a.getByTestId('dm-rename-input').fill('Weekend trip');
    await a.getByTestId('dm-rename-submit').click();
    await dmItem(b, 'Weekend trip').waitFor();
    await dmItem(b, 'Weekend trip').click();
    await message(b, 'who is in?').waitFor();
    await shot(b, 'dm-group.png');

    await b.getByTestId('dm-leave').click();
    await b.getByTestId('dm-leave-confirm').click();
    await dmItem(b, 'Weekend trip').waitFor({ state: 'detached' });
    await a.getByTestId('channel-title').filter({ hasText: '2 members' }).waitFor();
  });

  it('the pages loaded cleanly', () => {
    expectCleanCsp(j.watch);
    expect(j.watch.pageErrors).toEqual([]);
  });
});

/** A second session of a browser user, signed in over REST with one of their recovery codes. */
async function signInWithRecoveryCode(
  edgeUrl: string,
  p: Account,
): Promise<(method: string, path: string) => Promise<number>> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(edgeUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, string>;
  };
  const login = await post('/id/auth/login', { email: p.email, password: p.password });
  const pair = await post(
    '/id/auth/2fa/recover',
    { recovery_code: p.recoveryCodes.pop() },
    login.partial_token,
  );
  return async (method, path) =>
    (await fetch(edgeUrl + path, { method, headers: { authorization: `Bearer ${pair.access_token}` } }))
      .status;
}
