/**
 * A phone (390×844, touch): every sign-in screen fits the width, the empty state's hint leads to a
 * control that is there, the drawers close by a tap beside them or by Escape, and settings pick
 * their section from a drop-down instead of a strip of tabs running off the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser,
  shot,
  skipReason,
  startJourney,
  type Journey,
  type Account,
} from './harness.ts';

const WIDTH = 390;

/** How far the page, or anything in `box`, reaches past the screen's right edge (0 when it fits). */
const overflow = (page: Page, box = '.auth-card') =>
  page.evaluate((box) => {
    let widest = document.documentElement.scrollWidth;
    for (const el of document.querySelectorAll(`${box}, ${box} *`))
      widest = Math.max(widest, Math.ceil(el.getBoundingClientRect().right));
    return Math.max(0, widest - window.innerWidth);
  }, box);

describe.skipIf(skipReason !== null)('the web client on a phone', () => {
  let system: { edgeUrl: string; close(): Promise<void> };
  let j: Journey;
  let page: Page;
  const suffix = Date.now().toString(36);
  const alice: Account = newAccount('phone', 'mobile', suffix);

  beforeAll(async () => {
    j = await startJourney('mobile');
    system = j.system as typeof system;
    ({ page } = await j.person('alice', { phone: true }));
  });

  afterAll(() => j?.close());

  it('every sign-in screen fits the width of the phone', async () => {
    const seen: Record<string, number> = {};
    await registerInBrowser(page, system.edgeUrl, alice, async (step) => {
      seen[step] = await overflow(page);
      await shot(page, `mobile-${step}.png`);
    });
    expect(seen).toEqual({ login: 0, '2fa-setup': 0, 'recovery-codes': 0 });
    expect(await page.evaluate(() => window.innerWidth)).toBe(WIDTH);
  });

  it('the empty state leads to the server list it talks about', async () => {
    await page.getByTestId('no-servers').waitFor();
    const open = page.getByTestId('empty-open-menu');
    await open.tap();
    // the drawer slides in with the server rail's buttons on screen
    const create = page.getByRole('button', { name: /create a server/i });
    await expect.poll(async () => (await create.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
    await shot(page, 'mobile-drawer.png');
    // Escape closes it
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.app.channels-open'));
  });

  it('the members drawer closes by a tap beside it and by Escape', async () => {
    // a server with a second member, made over HTTP
    const bob = await restUser(system.edgeUrl, `bob${suffix}`.slice(0, 30));
    const server = (await bob.call('/api/servers', { name: 'Phone Club' })) as { id: string };
    await bob.call(`/api/servers/${server.id}/channels`, { name: 'lobby' });
    const invite = (await bob.call(`/api/servers/${server.id}/invites`, {})) as { code: string };
    await page.goto(`${system.edgeUrl}/invite/${invite.code}`);
    await page.getByTestId('chat-app').waitFor();
    await page.getByTestId('join-submit').tap();
    await page.getByTestId('toggle-members').waitFor();

    const list = page.getByTestId('member-list');
    if (!(await list.isVisible())) await page.getByTestId('toggle-members').tap();
    await list.waitFor();
    await shot(page, 'mobile-members.png');
    // a tap on the chat beside the list closes it
    await page.getByTestId('members-scrim').tap({ position: { x: 40, y: 300 } });
    await list.waitFor({ state: 'detached' });

    await page.getByTestId('toggle-members').tap();
    await list.waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    // the composer is free again
    await page.getByTestId('composer-input').tap();
    await shot(page, 'mobile-chat.png');
  });

  it('settings fit the phone: the section rail is a drop-down, every section reachable', async () => {
    const settingsOverflow = () => overflow(page, '.settings-screen');
    /** a control in the channel drawer: the drawer is opened first when it is closed */
    const inDrawer = async (testid: string) => {
      const control = page.getByTestId(testid);
      // the closed drawer is slid off the left edge, not hidden
      const x = async () => (await control.boundingBox())?.x ?? -1;
      if ((await x()) < 0) await page.getByTestId('toggle-channels').tap();
      await expect.poll(x).toBeGreaterThanOrEqual(0);
      await control.tap();
    };
    // a server of her own, so its settings have every section (Audit log last)
    await inDrawer('create-server');
    await page.getByTestId('server-name-input').fill('Phone Settings');
    await page.getByTestId('server-create-submit').tap();
    await page.locator('[data-testid="server-item"][data-server-name="Phone Settings"]').waitFor();
    await inDrawer('server-menu-button');
    await page.getByTestId('menu-server-settings').tap();
    const settings = page.getByTestId('server-settings');
    await settings.waitFor();
    const picker = settings.getByTestId('settings-section-picker');
    await picker.waitFor();
    // the strip of tabs is not drawn at this size: nothing runs off the edge; the title says whose settings
    expect(await settings.getByTestId('settings-tab-audit-log').isVisible()).toBe(false);
    expect(await settings.locator('.settings-title').isVisible()).toBe(true);
    expect(await settings.locator('.settings-title').textContent()).toBe('Phone Settings');
    expect(await settingsOverflow()).toBe(0);
    const sections = await picker.locator('option').allInnerTexts();
    expect(sections).toContain('Audit log');
    await picker.selectOption({ label: 'Audit log' });
    await settings.locator('.settings-body-head h2').filter({ hasText: 'Audit log' }).waitFor();
    expect(await settingsOverflow()).toBe(0);
    await shot(page, 'mobile-settings.png');
    await settings.getByTestId('settings-close').tap();
    await settings.waitFor({ state: 'detached' });

    // user settings use the same layer
    await inDrawer('open-settings');
    const mine = page.getByTestId('settings');
    await mine.getByTestId('settings-section-picker').selectOption('security');
    await mine.locator('.settings-body-head h2').filter({ hasText: 'Security' }).waitFor();
    expect(await settingsOverflow()).toBe(0);
    await page.keyboard.press('Escape');
    await mine.waitFor({ state: 'detached' });
  });

  it('ran without page errors or CSP violations', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
