/**
 * Accounts, end to end in Chromium: alice changes her display name and avatar in the settings
 * and bob sees both live (message, member list, profile card); alice signs another of her
 * devices out; she forgets her password and resets it with the link the server logged. The
 * settings screen passes axe with no serious or critical violations.
 */
import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';
import {
  byText,
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  send,
  shareServer,
  shot,
  skipReason,
  startJourney,
  type Account,
  type Journey,
  expectAccessible,
} from './harness.ts';

/** The system's log, kept to find the password reset link it writes when no SMTP server is set. */
class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        /* not JSON */
      }
    }
    cb();
  }
}

describe.skipIf(skipReason !== null)('accounts end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const log = new LogLines();
  const suffix = Date.now().toString(36);
  const account = (name: string): Account => newAccount(name, 'acct', suffix);
  const alice = account('alice');
  const bob = account('bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    // the system's log is where the password reset link is read from
    j = await startJourney('acct', { logDestination: log });
    system = j.system;
    a = (await j.person('alice')).page;
    b = (await j.person('bob')).page;
  });
  afterAll(() => j?.close());

  /** Signs `p` in on a fresh page: password, then a recovery code (TOTP steps are single-use). */
  async function signInWithRecoveryCode(page: Page, p: Account): Promise<void> {
    await page.goto(system.edgeUrl);
    await page.getByTestId('login-email').fill(p.email);
    await page.getByTestId('login-password').fill(p.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('use-recovery').click();
    await page.getByTestId('recovery-code-input').fill(p.recoveryCodes.shift()!);
    await page.getByTestId('recovery-submit').click();
    await page.getByTestId('chat-app').waitFor();
  }

  it('alice and bob share a server and a message', async () => {
    await registerInBrowser(a, system.edgeUrl, alice);
    await registerInBrowser(b, system.edgeUrl, bob);
    // bob joins by the whole invite link
    await shareServer(a, b, 'Wonderland', { link: system.edgeUrl });
    await send(a, 'Curiouser and curiouser');
    await byText(b, 'message-content', 'Curiouser').waitFor();
  });

  it('alice sets a display name and an avatar; bob sees both live', async () => {
    await a.getByTestId('open-settings').click();
    await a.getByTestId('settings').waitFor();
    await expectAccessible(a, '[data-testid="settings"]', 'settings');
    const png = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#e0457b' },
    })
      .composite([
        {
          input: await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ffd23f' } })
            .png()
            .toBuffer(),
          top: 50,
          left: 50,
        },
      ])
      .png()
      .toBuffer();
    await a.getByTestId('display-name').fill('Alice Liddell');
    await a.getByTestId('about').fill('Down the rabbit hole since 1865.');
    await a
      .getByTestId('avatar-input')
      .setInputFiles({ name: 'alice.png', mimeType: 'image/png', buffer: png });
    await a.getByTestId('avatar-preview').waitFor();
    await shot(a, 'account-1-my-account.png');
    await a.getByTestId('save-profile').click();
    await a.getByTestId('profile-saved').waitFor();
    // the settings screen shows the stored avatar, served by the Edge
    await a.locator('[data-testid="settings"] [data-testid="avatar-img"]').waitFor();

    // bob's client updates from USER_UPDATE: the message author, the member list, their avatars
    await byText(b, 'message', 'Alice Liddell').waitFor();
    const member = b.locator(`[data-testid="member"][data-username="${alice.username}"]`);
    await member.getByText('Alice Liddell').waitFor();
    const img = member.getByTestId('avatar-img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/\/api\/images\/\d+\/64$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(64);
    await byText(b, 'message', 'Alice Liddell').getByTestId('avatar-img').waitFor();
    await shot(b, 'account-2-bob-sees-alice.png');

    // bob opens her profile card from the message
    await byText(b, 'message', 'Alice Liddell')
      .getByRole('button', { name: 'Alice Liddell' })
      .first()
      .click();
    const card = b.getByTestId('profile-card');
    await card.waitFor();
    expect(await card.getByTestId('profile-card-username').innerText()).toBe(alice.username);
    await byText(b, 'profile-card-about', 'rabbit hole').waitFor();
    await shot(b, 'account-3-profile-card.png');
    await expectAccessible(b, '[data-testid="profile-card"]', 'profile card');
    await b.keyboard.press('Escape');
  });

  it('alice signs another of her devices out', async () => {
    const { page: phone } = await j.person('alice-phone');
    await phone.goto(system.edgeUrl);
    await phone.getByTestId('login-email').fill(alice.email);
    await phone.getByTestId('login-password').fill(alice.password);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('totp-code').fill(totp(alice.secret, Date.now(), 1));
    await phone.getByTestId('totp-submit').click();
    await phone.getByTestId('chat-app').waitFor();

    await a.getByTestId('settings-tab-security').click();
    await expect.poll(() => a.getByTestId('device').count()).toBe(2);
    await expectAccessible(a, '[data-testid="settings"]', 'settings');
    await shot(a, 'account-4-security.png');
    const other = a.locator('[data-testid="device"][data-current="false"]');
    await other.getByTestId('device-sign-out').click();
    await expect.poll(() => a.getByTestId('device').count()).toBe(1);
    // the phone's session is gone: on its next start it is asked to sign in
    await phone.reload();
    await phone.getByTestId('login-screen').waitFor();
    await phone.context().close();
    await a.getByTestId('settings-close').click();
    await a.getByTestId('chat-app').waitFor();
  });

  it('alice forgets her password and resets it with the logged link', async () => {
    const { page: p } = await j.person('alice-reset');
    await p.goto(system.edgeUrl);
    await p.getByTestId('goto-forgot').click();
    await p.getByTestId('forgot-email').fill(alice.email);
    await p.getByTestId('forgot-submit').click();
    await p.getByTestId('reset-sent').waitFor();
    await shot(p, 'account-5-forgot.png');
    await expect
      .poll(() => log.lines.some((l) => l.to === alice.email && typeof l.link === 'string'))
      .toBe(true);
    const link = log.lines.find((l) => l.to === alice.email)!.link as string;
    expect(link).toMatch(/\/#reset=[A-Za-z0-9_-]{43}$/);
    // with port 0 the link names the default public address: open its fragment on this Edge
    await p.goto(system.edgeUrl + link.slice(link.indexOf('/#reset=')));
    await p.getByTestId('reset-screen').waitFor();
    expect(p.url()).not.toContain('reset=');
    alice.password = 'Brand-new-rabbit-hole';
    await p.getByTestId('reset-password').fill(alice.password);
    await p.getByTestId('reset-repeat').fill(alice.password);
    await p.getByTestId('reset-code').fill(alice.recoveryCodes.shift()!);
    await shot(p, 'account-6-reset.png');
    await p.getByTestId('reset-submit').click();
    await byText(p, 'login-screen', 'Your password was changed').waitFor();
    await signInWithRecoveryCode(p, alice);
    await p.context().close();
    // every session was signed out: alice's first browser is asked to sign in on its next start
    await a.reload();
    await a.getByTestId('login-screen').waitFor();
  });

  it('no page error, no CSP violation', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
