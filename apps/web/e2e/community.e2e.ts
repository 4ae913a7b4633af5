/**
 * Running a community, in three browsers: the admin sets up channels, an invite and a
 * "Moderator" role with KICK_MEMBERS for Bob; Carol comes in through the invite link while signed
 * out; Bob kicks Carol but may not kick the admin; the admin bans Carol with a reason and her
 * invite is refused; the audit log shows each step; a plain member sees no channel controls.
 * Every new screen passes axe with no serious or critical violation, and is shot at 390 px too.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';
import {
  byText,
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  shot,
  skipReason as reason,
  startJourney,
  type Account,
  type Journey,
  expectAccessible,
} from './harness.ts';

type Person = Account & { context: BrowserContext; page: Page };

const member = (page: Page, username: string) =>
  page.locator(`[data-testid="member"][data-username="${username}"]`);

describe.skipIf(reason !== null)('running a community end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const suffix = Date.now().toString(36);
  const people = {} as Record<'admin' | 'bob' | 'carol', Person>;
  let invite = '';
  const SERVER = 'Community Test';

  beforeAll(async () => {
    j = await startJourney('community');
    system = j.system;
    for (const name of ['admin', 'bob', 'carol'] as const) {
      const { context, page } = await j.person(name);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.edgeUrl });
      people[name] = { ...newAccount(name, 'community', suffix), context, page };
    }
  });
  afterAll(() => j?.close());

  async function openMemberMenu(page: Page, username: string) {
    await member(page, username).getByTestId('member-name-trigger').click({ button: 'right' });
    await page.getByTestId('member-menu').waitFor();
  }

  async function openServerSettings(page: Page, section: string) {
    await page.getByTestId('server-menu-button').click();
    await page.getByTestId('menu-server-settings').click();
    await page.getByTestId('server-settings').waitFor();
    await page.getByTestId(`settings-tab-${section}`).click();
  }

  it('the admin and bob register; the admin makes a server, a category and channels', async () => {
    const { page: a } = people.admin;
    await registerInBrowser(a, system.edgeUrl, people.admin);
    await registerInBrowser(people.bob.page, system.edgeUrl, people.bob);

    await a.getByTestId('create-server').click();
    await a.getByTestId('server-name-input').fill(SERVER);
    await a.getByTestId('server-create-submit').click();
    await a.locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`).waitFor();

    // the dialog shows the name the channel gets while typing
    await a.getByTestId('create-channel').click();
    await a.getByTestId('channel-name-input').fill('General Chat');
    await expect.poll(() => a.getByTestId('channel-name-preview').innerText()).toContain('#general-chat');
    await shot(a, 'community-create-channel.png');
    await expectAccessible(a, '[data-testid="channel-dialog"]', 'create channel');
    await a.getByTestId('channel-submit').click();
    await byText(a, 'channel-title', 'general-chat').waitFor();

    await a.getByTestId('create-channel').click();
    await a.getByTestId('channel-type-category').check();
    await a.getByTestId('channel-name-input').fill('Info');
    await a.getByTestId('channel-submit').click();
    await a.locator('[data-testid="category"][data-category-name="info"]').waitFor();
  });

  it('dragging a channel into a category sends one reorder call', async () => {
    const { page: a } = people.admin;
    const calls: string[] = [];
    const onRequest = (req: { method(): string; url(): string }) => {
      if (req.method() === 'PATCH' && /\/api\/servers\/\d+\/channels$/.test(req.url())) calls.push(req.url());
    };
    a.on('request', onRequest);
    const source = a.locator('[data-testid="channel-item"][data-channel-name="general-chat"]');
    await source.dragTo(a.locator('[data-testid="category"][data-category-name="info"]'));
    await expect
      .poll(() =>
        a.evaluate(() => {
          const cat = document.querySelector('[data-category-name="info"]');
          const ch = document.querySelector('[data-channel-name="general-chat"]');
          return !!cat && !!ch && !!(cat.compareDocumentPosition(ch) & Node.DOCUMENT_POSITION_FOLLOWING);
        }),
      )
      .toBe(true);
    await expect.poll(() => calls.length).toBe(1);
    a.off('request', onRequest);
    // folding the category is remembered
    await a.getByTestId('category-toggle').click();
    expect(await a.getByTestId('category-toggle').getAttribute('aria-expanded')).toBe('false');
    await a.reload();
    await a.getByTestId('chat-app').waitFor();
    expect(await a.getByTestId('category-toggle').getAttribute('aria-expanded')).toBe('false');
    await a.getByTestId('category-toggle').click();
    await shot(a, 'community-categories.png');
  });

  it('the admin makes an invite with an expiry and a use limit; copy says "Copied"', async () => {
    const { page: a } = people.admin;
    await a.getByTestId('server-menu-button').click();
    await a.getByTestId('menu-invite').click();
    await a.getByTestId('invite-expiry').selectOption({ label: '1 day' });
    await a.getByTestId('invite-max-uses').selectOption({ label: '10 uses' });
    await expectAccessible(a, '[data-testid="invite-dialog"]', 'invite dialog');
    await a.getByTestId('invite-create').click();
    invite = (await a.getByTestId('invite-code').innerText()).trim();
    expect(invite).not.toBe('');
    await a.getByTestId('invite-link-copy').click();
    await byText(a, 'invite-link-copy', 'Copied').waitFor();
    await shot(a, 'community-invite-dialog.png');
    await a.keyboard.press('Escape');

    const b = people.bob.page;
    await b.getByTestId('join-server').click();
    await b.getByTestId('invite-input').fill(invite);
    await b.getByTestId('join-submit').click();
    await b.locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`).waitFor();
    await member(b, people.admin.username).waitFor();
  });

  it('signed out, carol sees the server behind the invite link, then signs up and joins', async () => {
    const c = people.carol;
    await c.page.goto(`${system.edgeUrl}/invite/${invite}`);
    await c.page.getByTestId('invite-landing').waitFor();
    await byText(c.page, 'invite-landing-name', SERVER).waitFor();
    await byText(c.page, 'invite-landing-members', '2 members').waitFor();
    await shot(c.page, 'community-invite-landing.png');
    await expectAccessible(c.page, '[data-testid="invite-landing"]', 'invite landing');
    await c.page.setViewportSize({ width: 390, height: 800 });
    await shot(c.page, 'community-invite-landing-390.png');
    await c.page.setViewportSize({ width: 1280, height: 800 });

    await c.page.getByTestId('invite-landing-register').click();
    await c.page.getByTestId('register-email').fill(c.email);
    await c.page.getByTestId('register-username').fill(c.username);
    await c.page.getByTestId('register-password').fill(c.password);
    await c.page.getByTestId('register-submit').click();
    await c.page.getByTestId('totp-qr').waitFor();
    c.secret = (await c.page.getByTestId('totp-secret').innerText()).trim();
    await c.page.getByTestId('totp-code').fill(totp(c.secret));
    await c.page.getByTestId('totp-submit').click();
    await c.page.getByTestId('recovery-saved').check();
    await c.page.getByTestId('recovery-confirm').click();
    // the invite is waiting, ready to accept
    await c.page.getByTestId('join-server-dialog').waitFor();
    await c.page.getByTestId('join-submit').click();
    await c.page.locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`).waitFor();
  });

  it('a plain member sees no channel or settings controls', async () => {
    const c = people.carol.page;
    await member(c, people.admin.username).waitFor();
    expect(await c.getByTestId('create-channel').count()).toBe(0);
    expect(await c.getByTestId('edit-channel').count()).toBe(0);
    expect(await c.getByTestId('delete-channel').count()).toBe(0);
    expect(await c.getByTestId('create-in-category').count()).toBe(0);
    await c.getByTestId('server-menu-button').click();
    await c.getByTestId('menu-notifications').waitFor();
    expect(await c.getByTestId('menu-server-settings').count()).toBe(0);
    await c.getByTestId('server-menu-button').click();
    // the member menu offers only the profile
    await openMemberMenu(c, people.bob.username);
    expect(await c.getByTestId('member-menu-kick').count()).toBe(0);
    expect(await c.getByTestId('member-menu-ban').count()).toBe(0);
    expect(await c.getByTestId('member-menu-roles').count()).toBe(0);
    await c.keyboard.press('Escape');
    await c.getByTestId('member-menu').waitFor({ state: 'detached' });
  });

  it('the admin makes a "Moderator" role with KICK_MEMBERS and gives it to bob', async () => {
    const { page: a } = people.admin;
    await openServerSettings(a, 'roles');
    await a.getByTestId('role-create').click();
    await a.getByTestId('role-editor').waitFor();
    await a.getByTestId('role-name').fill('Moderator');
    await a.getByRole('button', { name: 'Colour #f1c40f' }).click();
    await a.getByTestId('role-hoist').check();
    await a.getByTestId('perm-KICK_MEMBERS').check();
    await a.getByTestId('role-save').click();
    await a.locator('[data-testid="role-item"][data-role-name="Moderator"]').waitFor();
    await expect.poll(() => a.getByTestId('role-save').isDisabled()).toBe(true);
    await shot(a, 'community-roles.png');
    await expectAccessible(a, '[data-testid="server-settings"]', 'roles');

    // focus stays inside, Escape closes and focus returns to where it was
    await a.keyboard.press('Escape');
    await a.getByTestId('server-settings').waitFor({ state: 'detached' });

    await openMemberMenu(a, people.bob.username);
    await shot(a, 'community-member-menu.png');
    await expectAccessible(a, '[data-testid="member-menu"]', 'member menu');
    await a.getByTestId('member-menu-roles').click();
    await a.locator('[data-testid="member-menu-role"][data-role-name="Moderator"]').click();
    await expect
      .poll(() =>
        a
          .locator('[data-testid="member-menu-role"][data-role-name="Moderator"]')
          .getAttribute('aria-checked'),
      )
      .toBe('true');
    await a.keyboard.press('Escape');
    // hoisted: bob is listed under the role, in its colour
    await a
      .locator('[data-testid="member-group"][data-group="Moderator"]')
      .getByText(people.bob.username)
      .waitFor();
  });

  it('bob kicks carol but has no kick on the admin', async () => {
    const b = people.bob.page;
    await b.locator('[data-testid="member-group"][data-group="Moderator"]').waitFor();
    await openMemberMenu(b, people.admin.username);
    const kickAdmin = b.getByTestId('member-menu-kick');
    await kickAdmin.waitFor();
    expect(await kickAdmin.isDisabled()).toBe(true);
    expect(await b.getByTestId('member-menu-ban').count()).toBe(0);
    await shot(b, 'community-hierarchy-greyed.png');
    await b.keyboard.press('Escape');

    await openMemberMenu(b, people.carol.username);
    await b.getByTestId('member-menu-kick').click();
    await b.getByTestId('kick-confirm').click();
    await member(b, people.carol.username).waitFor({ state: 'detached' });
    // carol's client lets go of the server
    await people.carol.page
      .locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`)
      .waitFor({ state: 'detached' });
  });

  it('carol comes back; the admin bans her with a reason and her invite is refused', async () => {
    const c = people.carol.page;
    await c.getByTestId('join-server').click();
    await c.getByTestId('invite-input').fill(invite);
    await c.getByTestId('join-submit').click();
    await c.locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`).waitFor();

    const a = people.admin.page;
    await openMemberMenu(a, people.carol.username);
    await a.getByTestId('member-menu-ban').click();
    await a.getByTestId('ban-reason').fill('spamming links');
    await a.getByTestId('ban-delete-3600').check();
    await shot(a, 'community-ban-dialog.png');
    await expectAccessible(a, '[data-testid="ban-dialog"]', 'ban dialog');
    await a.getByTestId('ban-confirm').click();
    await member(a, people.carol.username).waitFor({ state: 'detached' });
    await c
      .locator(`[data-testid="server-item"][data-server-name="${SERVER}"]`)
      .waitFor({ state: 'detached' });

    await c.getByTestId('join-server').click();
    await c.getByTestId('invite-input').fill(invite);
    await c.getByTestId('join-submit').click();
    await c.getByTestId('join-server-dialog').getByRole('alert').waitFor();
    await shot(c, 'community-banned-join.png');
    await c.keyboard.press('Escape');

    await openServerSettings(a, 'bans');
    await a
      .locator(`[data-testid="ban"][data-username="${people.carol.username}"]`)
      .getByText('spamming links')
      .waitFor();
    await expectAccessible(a, '[data-testid="server-settings"]', 'bans');
    await shot(a, 'community-bans.png');
  });

  it('the audit log shows each step, filters by action and by user', async () => {
    const a = people.admin.page;
    await a.getByTestId('settings-tab-audit-log').click();
    const entries = a.getByTestId('audit-entry');
    await entries.first().waitFor();
    const actions = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    for (const action of [
      'role_create',
      'role_update',
      'member_role_update',
      'member_kick',
      'member_ban_add',
    ])
      expect(actions).toContain(action);
    const ban = a.locator('[data-testid="audit-entry"][data-action="member_ban_add"]');
    await ban.getByText('spamming links').waitFor();
    await ban.getByText(people.carol.username).waitFor();
    const kick = a.locator('[data-testid="audit-entry"][data-action="member_kick"]');
    await kick.getByText(people.bob.username).waitFor();
    await shot(a, 'community-audit-log.png');
    await expectAccessible(a, '[data-testid="server-settings"]', 'audit log');

    await a.getByTestId('audit-filter-action').selectOption('member_kick');
    await expect.poll(() => entries.count()).toBe(1);
    await a.getByTestId('audit-filter-action').selectOption('');
    await a.getByTestId('audit-filter-user').selectOption({ label: people.bob.username });
    await expect
      .poll(() => entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))))
      .toEqual(['member_kick']);
    await a.setViewportSize({ width: 390, height: 800 });
    await shot(a, 'community-audit-log-390.png');
    await a.setViewportSize({ width: 1280, height: 800 });
  });

  it('overview, members and invites screens; a timed-out member cannot write', async () => {
    const a = people.admin.page;
    await a.getByTestId('settings-tab-overview').click();
    await a.getByTestId('settings-server-name').waitFor();
    await expectAccessible(a, '[data-testid="server-settings"]', 'overview');
    await shot(a, 'community-overview.png');
    await a.getByTestId('settings-tab-invites').click();
    await a.locator(`[data-testid="invite-row"][data-code="${invite}"]`).waitFor();
    await expectAccessible(a, '[data-testid="server-settings"]', 'invites');
    await shot(a, 'community-invites.png');
    await a.getByTestId('settings-tab-members').click();
    await a.locator(`[data-testid="settings-member"][data-username="${people.bob.username}"]`).waitFor();
    await expectAccessible(a, '[data-testid="server-settings"]', 'members');
    await a.setViewportSize({ width: 390, height: 800 });
    await shot(a, 'community-members-390.png');
    await a.setViewportSize({ width: 1280, height: 800 });

    await a
      .locator(`[data-testid="settings-member"][data-username="${people.bob.username}"]`)
      .getByTestId('settings-member-actions')
      .click();
    await a.getByTestId('member-menu-timeout').click();
    await a.getByTestId('timeout-60').check();
    await a.getByTestId('timeout-confirm').click();
    await a.getByTestId('settings-close').click();
    await a.getByTestId('server-settings').waitFor({ state: 'detached' });

    const b = people.bob.page;
    await byText(b, 'timed-out-notice', 'You are timed out until').waitFor();
    expect(await b.getByTestId('composer-input').count()).toBe(0);
    await shot(b, 'community-timed-out.png');
  });

  it('channel permissions: the admin denies SEND_MESSAGES to @everyone in a channel', async () => {
    const a = people.admin.page;
    const row = a.locator('[data-testid="channel-item"][data-channel-name="general-chat"]').locator('..');
    await row.hover();
    await row.getByTestId('edit-channel').click();
    await a.getByTestId('channel-settings').waitFor();
    await a.getByTestId('channel-settings-topic').fill('Anything goes, within reason');
    await a.getByTestId('channel-settings-save').click();
    await a.getByTestId('settings-tab-permissions').click();
    const send = a.locator('[data-testid="overwrite-perm"][data-permission="SEND_MESSAGES"]');
    await send.getByTestId('tri-deny').check();
    expect(await send.getAttribute('data-state')).toBe('deny');
    await a.getByTestId('overwrite-save').click();
    await expect.poll(() => a.getByTestId('overwrite-save').isDisabled()).toBe(true);
    await shot(a, 'community-channel-permissions.png');
    await expectAccessible(a, '[data-testid="channel-settings"]', 'channel permissions');
    await a.setViewportSize({ width: 390, height: 800 });
    await shot(a, 'community-channel-permissions-390.png');
    await a.setViewportSize({ width: 1280, height: 800 });
    await a.keyboard.press('Escape');
    await byText(a, 'channel-title', 'Anything goes').waitFor();
  });

  it('no page errors happened, under the CSP', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
