/**
 * Accessibility over every screen: axe (WCAG rules of @axe-core/playwright) finds no serious or
 * critical problem on the signed-out screens, the sign-up and second-factor screens, the chat,
 * Home and DMs, every dialog and panel, and user and server settings. Then a keyboard-only
 * journey: sign in, pick a channel, send, react, open and close a dialog, with focus going back
 * where it came from.
 */
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';
import {
  byText,
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser,
  skipReason,
  startJourney,
  type Journey,
  axeViolations,
} from './harness.ts';

/** The test id of the focused element (or its tag when it has none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? el?.tagName.toLowerCase() ?? '';
  });

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector} (at ${await focused(page)})`);
}

describe.skipIf(skipReason !== null)('every screen is accessible and works by keyboard', () => {
  let system: { edgeUrl: string; close(): Promise<void> };
  let j: Journey;
  let page: Page;
  const suffix = Date.now().toString(36);
  const alice = newAccount('alice', 'a11y', suffix);
  const found: string[] = [];
  const check = async (label: string, selector?: string) =>
    found.push(...(await axeViolations(page, label, selector)));

  beforeAll(async () => {
    j = await startJourney('a11y');
    system = j.system as typeof system;
    ({ page } = await j.person('alice'));
  });

  afterAll(() => j?.close());

  beforeEach(() => {
    found.length = 0;
  });

  it('the signed-out screens: sign-in, registration, forgot password', async () => {
    await page.goto(system.edgeUrl);
    await page.getByTestId('login-screen').waitFor();
    await check('sign-in');
    await page.getByTestId('goto-register').click();
    await page.getByTestId('register-screen').waitFor();
    await check('registration');
    await page.getByTestId('goto-login').click();
    await page.getByTestId('goto-forgot').click();
    await page.getByTestId('forgot-screen').waitFor();
    await check('forgot password');
    await page.getByTestId('back-to-login').click();
    await page.getByTestId('login-screen').waitFor();
    expect(found).toEqual([]);
  });

  it('signing up: the 2FA setup and the recovery codes', async () => {
    await registerInBrowser(page, system.edgeUrl, alice, async (step) => {
      if (step !== 'login') await check(step);
    });
    expect(found).toEqual([]);
  });

  it('the chat, Home and DMs, every dialog and panel, user and server settings', async () => {
    await check('chat, no servers yet');
    // create server: the dialog, and focus back on the button that opened it
    await page.getByTestId('create-server').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('create-server-dialog').waitFor();
    await check('create server dialog', '[data-testid="create-server-dialog"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('create-server-dialog').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('create-server');
    await page.getByTestId('create-server').click();
    await page.getByTestId('server-name-input').fill('Access Club');
    await page.getByTestId('server-create-submit').click();
    await byText(page, 'channel-title', 'general').waitFor();

    // invite: the dialog, and its code for bob
    await page.getByTestId('server-menu-button').click();
    await page.getByTestId('menu-invite').click();
    await page.getByTestId('invite-dialog').waitFor();
    await check('invite dialog', '[data-testid="invite-dialog"]');
    await page.getByTestId('invite-create').click();
    await page.getByTestId('invite-code').waitFor();
    await check('invite dialog with a code', '[data-testid="invite-dialog"]');
    const code = (await page.getByTestId('invite-code').innerText()).trim();
    await page.keyboard.press('Escape');
    await page.getByTestId('invite-dialog').waitFor({ state: 'detached' });
    const bob = await restUser(system.edgeUrl, `bob${suffix}`.slice(0, 30));
    await bob.call(`/api/invites/${code}/accept`);

    await page.getByTestId('create-channel').click();
    await page.getByTestId('channel-dialog').waitFor();
    await check('create channel dialog', '[data-testid="channel-dialog"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('channel-dialog').waitFor({ state: 'detached' });

    // a message, its reaction picker, the pins panel, a member's menu
    await page.getByTestId('composer-input').fill('hello, accessible world');
    await page.keyboard.press('Enter');
    const mine = page.getByTestId('message').filter({ hasText: 'hello, accessible world' });
    await mine.waitFor();
    await page.getByTestId('member').filter({ hasText: 'bob' }).first().waitFor();
    await check('chat with a server');
    await mine.hover();
    await mine.getByTestId('add-reaction').click();
    await page.getByTestId('emoji-picker').waitFor();
    await check('reaction picker', '[data-testid="emoji-picker"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('emoji-picker').waitFor({ state: 'detached' });
    await page.getByTestId('toggle-pins').click();
    await page.getByTestId('pins-panel').waitFor();
    await check('pins panel', '[data-testid="pins-panel"]');
    await page.getByTestId('pins-close').click();
    await page
      .getByTestId('member')
      .filter({ hasText: 'bob' })
      .first()
      .getByTestId('member-name-trigger')
      .click({ button: 'right' });
    await page.getByTestId('member-menu').waitFor();
    await check('member menu', '[data-testid="member-menu"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('member-menu').waitFor({ state: 'detached' });

    // server settings, every section
    await page.getByTestId('server-menu-button').click();
    await page.getByTestId('menu-server-settings').click();
    const server = page.getByTestId('server-settings');
    await server.waitFor();
    for (const tab of await server.locator('[data-testid^="settings-tab-"]').all()) {
      await tab.click();
      await page.waitForTimeout(150);
      await check(`server settings: ${await tab.innerText()}`, '[data-testid="server-settings"]');
    }
    await page.keyboard.press('Escape');
    await server.waitFor({ state: 'detached' });

    // user settings, both sections
    await page.getByTestId('open-settings').click();
    const mineSettings = page.getByTestId('settings');
    for (const id of ['account', 'security']) {
      await mineSettings.getByTestId(`settings-tab-${id}`).click();
      await page.waitForTimeout(150);
      await check(`user settings: ${id}`, '[data-testid="settings"]');
    }
    await page.keyboard.press('Escape');
    await mineSettings.waitFor({ state: 'detached' });

    // Home, DMs and the group DM dialog
    await page.getByTestId('home-button').click();
    await page.getByTestId('dm-sidebar').waitFor();
    await check('Home and DMs');
    await page.getByTestId('new-group-dm').click();
    await page.getByTestId('group-dm-dialog').waitFor();
    await check('group DM dialog', '[data-testid="group-dm-dialog"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('group-dm-dialog').waitFor({ state: 'detached' });

    // sign out: the confirmation
    await page.getByTestId('logout').click();
    await page.getByTestId('logout-dialog').waitFor();
    await check('sign-out dialog', '[data-testid="logout-dialog"]');
    await page.getByTestId('logout-confirm').click();
    await page.getByTestId('login-screen').waitFor();
    expect(found).toEqual([]);
  });

  it('signing in again: the 2FA code and the recovery code screens', async () => {
    await page.getByTestId('login-email').fill(alice.email);
    await page.getByTestId('login-password').fill(alice.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('totp-screen').waitFor();
    await check('2FA verify');
    await page.getByTestId('use-recovery').click();
    await page.getByTestId('recover-screen').waitFor();
    await check('recovery code sign-in');
    // back to the start: the keyboard journey signs in from there
    await page.goto(system.edgeUrl);
    await page.getByTestId('login-screen').waitFor();
    expect(found).toEqual([]);
  });

  it('by keyboard only: sign in, pick a channel, send, react, open and close a dialog', async () => {
    await tabTo(page, '[data-testid="login-email"]');
    await page.keyboard.type(alice.email);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('login-password');
    await page.keyboard.type(alice.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('totp-screen').waitFor();
    await tabTo(page, '[data-testid="totp-code"]');
    // a code is good once and sign-up may have used this window's: the next window's is accepted too
    await page.keyboard.type(totp(alice.secret, Date.now(), 1));
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-app').waitFor();

    // pick the server, then its channel
    await tabTo(page, '[data-testid="server-item"][data-server-name="Access Club"]');
    await page.keyboard.press('Enter');
    await tabTo(
      page,
      '[data-testid="channel-item"][data-channel-name="general"], [data-channel-name="general"] *',
    );
    await page.keyboard.press('Enter');
    await byText(page, 'channel-title', 'general').waitFor();

    // send
    await tabTo(page, '[data-testid="composer-input"]');
    await page.keyboard.type('typed without a mouse');
    await page.keyboard.press('Enter');
    const sent = page.getByTestId('message').filter({ hasText: 'typed without a mouse' });
    await sent.waitFor();

    // react: back from the composer to the newest message's reaction button, then the picker
    await tabTo(page, '[data-testid="add-reaction"]', { back: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('emoji-picker').waitFor();
    await tabTo(page, '[data-testid="emoji-option"]');
    await page.keyboard.press('Enter');
    await sent.getByTestId('reaction-chip').first().waitFor();

    // a dialog: opened from a button, closed by Escape, focus back on that button
    await tabTo(page, '[data-testid="create-channel"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('channel-dialog').waitFor();
    expect(
      await page.evaluate(() => !!document.activeElement?.closest('[data-testid="channel-dialog"]')),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('channel-dialog').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('create-channel');
  });

  it('ran without page errors or CSP violations', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
