/**
 * What the browser journeys share: the whole system started the `make dev` way with Debian's
 * Chromium (`startJourney`), pages that record errors and CSP violations (a suite fails on any),
 * screenshots, signing people up with TOTP, and sending and finding messages.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { totp } from '../../../test/helpers/totp.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../../..');
export const webDist = resolve(here, '../dist');
// `make test` writes them to a scratch folder; UPDATE_SCREENSHOTS=1 refreshes the committed ones
export const screenshots = process.env.UPDATE_SCREENSHOTS
  ? join(repo, 'docs/screenshots')
  : join(tmpdir(), 'twopointo-e2e-screenshots');
export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type StartAll = (opts: {
  dataDir: string;
  ports?: { identity: number; official: number; edge: number };
  webDist?: string;
}) => Promise<{ edgeUrl: string; close(): Promise<void> }>;

// The all-in-one starter is written in parallel; until it exists the suites are skipped, loudly.
async function loadStartAll(): Promise<StartAll | null> {
  if (!existsSync(join(repo, 'services/all/src/index.ts'))) return null;
  // a non-literal specifier keeps the services out of the web client's type check
  const specifier = '@twopointo/all';
  const mod = (await import(specifier)) as { startAll?: StartAll };
  return typeof mod.startAll === 'function' ? mod.startAll : null;
}
export const startAll = await loadStartAll();
export const skipReason = !startAll
  ? 'startAll() from @twopointo/all is not available yet'
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is not installed`
    : null;
if (skipReason) console.warn(`[web e2e] SKIPPED: ${skipReason}`);

/** What went wrong in the pages of a suite; it asserts these are empty at the end. */
export interface PageWatch {
  pageErrors: string[];
  // the Edge serves a strict Content-Security-Policy: anything it blocks is a bug in the client
  cspViolations: string[];
  documents: { url: string; headers: Record<string, string> }[];
  scripts: { url: string; headers: Record<string, string> }[];
}

export const newWatch = (): PageWatch => ({ pageErrors: [], cspViolations: [], documents: [], scripts: [] });

/** A browser context and page for one person, wired to report errors and CSP violations. */
export async function openPerson(
  browser: Browser,
  name: string,
  watch: PageWatch,
  /** a phone: 390×844, touch, mobile viewport rules */
  opts: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(screenshots, { recursive: true });
  const context = await browser.newContext(
    opts.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1280, height: 800 } },
  );
  // injected by the browser (not an inline script of ours), so the CSP does not apply to it
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => watch.pageErrors.push(`${name}: ${err.message}`));
  // failures in the log make a red run explainable (tokens in URLs are blanked out)
  const redact = (text: string) => text.replace(/token=[^&'"\s]+/g, 'token=[redacted]');
  page.on('response', (res) => {
    if (res.status() >= 400)
      console.warn(redact(`[${name}] HTTP ${res.status()} ${res.request().method()} ${res.url()}`));
  });
  page.on('requestfailed', (req) => {
    if (!req.url().includes('/ws?'))
      console.warn(redact(`[${name}] failed ${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.warn(redact(`[${name}] console: ${msg.text()}`));
    // Chromium reports a blocked load or inline code in the console as well as by the event
    if (/Content Security Policy|CSP violation/i.test(msg.text()))
      watch.cspViolations.push(redact(`${name}: ${msg.text()}`));
  });
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type === 'document') watch.documents.push({ url: res.url(), headers: res.headers() });
    if (type === 'script') watch.scripts.push({ url: res.url(), headers: res.headers() });
  });
  return { context, page };
}

/** The end-of-suite check: every document carried the CSP and nothing was blocked. */
export function expectCleanCsp(watch: PageWatch): void {
  expect(watch.documents.length).toBeGreaterThan(0);
  for (const doc of watch.documents) {
    expect(doc.headers['content-security-policy']).toContain("script-src 'self'");
    expect(doc.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }
  expect(watch.cspViolations).toEqual([]);
}

export const shot = (page: Page, file: string) => page.screenshot({ path: join(screenshots, file) });
export const byText = (page: Page, testid: string, text: string) =>
  page.getByTestId(testid).filter({ hasText: text });

export interface Account {
  name: string;
  username: string;
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

/** A person a journey signs up: unique per run (`suffix`) and per journey (`tag`, in the email). */
export function newAccount(name: string, tag: string, suffix: string): Account {
  return {
    name,
    username: `${name}${suffix}`.slice(0, 30),
    email: `${name}-${tag}-${suffix}@example.com`,
    password: `S3cretPass!-${name}`,
    secret: '',
    recoveryCodes: [],
  };
}

/** Registers through the UI with TOTP and confirms the recovery codes; `onStep` can screenshot each screen. */
export async function registerInBrowser(
  page: Page,
  edgeUrl: string,
  p: Account,
  onStep?: (step: 'login' | '2fa-setup' | 'recovery-codes') => Promise<unknown>,
): Promise<void> {
  await page.goto(edgeUrl);
  await page.getByTestId('login-screen').waitFor();
  await onStep?.('login');
  await page.getByTestId('goto-register').click();
  await page.getByTestId('register-email').fill(p.email);
  await page.getByTestId('register-username').fill(p.username);
  await page.getByTestId('register-password').fill(p.password);
  await page.getByTestId('register-submit').click();

  await page.getByTestId('twofa-setup-screen').waitFor();
  await page.getByTestId('totp-qr').waitFor();
  p.secret = (await page.getByTestId('totp-secret').innerText()).trim();
  expect(p.secret).toMatch(/^[A-Z2-7]+=*$/);
  await onStep?.('2fa-setup');
  await page.getByTestId('totp-code').fill(totp(p.secret));
  await page.getByTestId('totp-submit').click();

  await page.getByTestId('recovery-codes-screen').waitFor();
  p.recoveryCodes = (await page.getByTestId('recovery-codes').locator('code').allInnerTexts()).map((c) =>
    c.trim(),
  );
  expect(p.recoveryCodes).toHaveLength(10);
  await onStep?.('recovery-codes');
  expect(await page.getByTestId('recovery-confirm').isDisabled()).toBe(true);
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('recovery-confirm').click();
  await page.getByTestId('chat-app').waitFor();
}

/** A member made over plain HTTP (no browser), for seeding history; answers its user id and a caller. */
export async function restUser(
  edgeUrl: string,
  username: string,
): Promise<{
  id: string;
  call: (path: string, body?: unknown) => Promise<Record<string, unknown>>;
  get: (path: string) => Promise<Record<string, unknown>>;
}> {
  const call = async (path: string, body: unknown, token?: string, method = 'POST') => {
    const res = await fetch(edgeUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const email = `${username}@example.com`;
  const registered = await call('/id/auth/register', { email, username, password: 'S3cretPass!' });
  const login = await call('/id/auth/login', { email, password: 'S3cretPass!' });
  const setup = await call('/id/auth/2fa/setup', undefined, login.partial_token as string);
  const pair = await call(
    '/id/auth/2fa/verify',
    { code: totp(setup.totp_secret as string) },
    login.partial_token as string,
  );
  const access = pair.access_token as string;
  await call('/id/auth/recovery/confirm', undefined, access);
  return {
    id: registered.id as string,
    call: (path, body) => call(path, body, access),
    get: (path) => call(path, undefined, access, 'GET'),
  };
}

/** A journey's running system, its browser and what its pages reported. */
export interface Journey {
  system: { edgeUrl: string; close(): Promise<void> };
  browser: Browser;
  watch: PageWatch;
  /** a browser context and page for one person, reporting into `watch` */
  person(name: string, opts?: { phone?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** browser, system and data directory, whatever of them started */
  close(): Promise<void>;
}

/**
 * Starts what a journey needs: the built client (apps/web/dist), the whole system on ephemeral
 * ports with its data in a fresh directory (`tag` names it), and Chromium. `options` go to
 * startAll as well (e.g. the account journey's `logDestination`, where it reads the mails).
 */
export async function startJourney(tag: string, options: Record<string, unknown> = {}): Promise<Journey> {
  if (!existsSync(join(webDist, 'index.html')))
    throw new Error('apps/web/dist is missing: run the build first');
  const dataDir = mkdtempSync(join(tmpdir(), `twopointo-web-${tag}-e2e-`));
  let system: Journey['system'] | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await system?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const start = startAll as unknown as (o: Record<string, unknown>) => Promise<Journey['system']>;
    system = await start({
      dataDir,
      ports: { identity: 0, official: 0, edge: 0 },
      webDist,
      ...options,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  } catch (err) {
    await close();
    throw err;
  }
  const watch = newWatch();
  const b = browser;
  return { system, browser, watch, person: (name, o) => openPerson(b, name, watch, o), close };
}

/** A stored message (not one still pending) whose content contains `text`. */
export const message = (page: Page, text: string) =>
  page.getByTestId('message').filter({ has: byText(page, 'message-content', text) });

/**
 * Types `text` into the composer and sends it. By default it then waits until the server has
 * stored it (shown as a message, none with that text still pending): a step after it (a REST
 * post, another person's message) then comes after it in the channel, as a person would see it.
 * `{ stored: false }` for a send that is meant to stay pending or fail, or whose rendered text
 * differs from what was typed (markdown). Text with a newline is filled in, not typed.
 */
export async function send(page: Page, text: string, opts: { stored?: boolean } = {}): Promise<void> {
  const before = await message(page, text).count();
  const input = page.getByTestId('composer-input');
  await input.click();
  // typed as a person types (typing events, autocomplete), but a newline typed would send early
  if (text.includes('\n')) await input.fill(text);
  else await input.pressSequentially(text, { delay: 5 });
  await input.press('Enter');
  if (opts.stored === false) return;
  await page.waitForFunction(
    ([t, n]) => {
      const has = (el: Element, sel: string) =>
        [...el.querySelectorAll(sel)].some((c) => (c.textContent ?? '').includes(t));
      const stored = [...document.querySelectorAll('[data-testid="message"]')].filter((m) =>
        has(m, '[data-testid="message-content"]'),
      ).length;
      const pending = [...document.querySelectorAll('[data-testid="message-pending"]')].some((p) =>
        (p.textContent ?? '').includes(t),
      );
      return stored > n && !pending;
    },
    [text, before] as const,
  );
}

/**
 * The owner makes a server in the UI (it starts with #general) and the guest joins it by an
 * invite from the server menu: its code, or its whole link when `link` is the Edge's address.
 * Answers the invite's code.
 */
export async function shareServer(
  owner: Page,
  guest: Page,
  name: string,
  opts: { link?: string } = {},
): Promise<string> {
  await owner.getByTestId('create-server').click();
  await owner.getByTestId('server-name-input').fill(name);
  await owner.getByTestId('server-create-submit').click();
  await owner.locator(`[data-testid="server-item"][data-server-name="${name}"]`).waitFor();
  await byText(owner, 'channel-title', 'general').waitFor();
  await owner.getByTestId('server-menu-button').click();
  await owner.getByTestId('menu-invite').click();
  await owner.getByTestId('invite-create').click();
  const code = (await owner.getByTestId('invite-code').innerText()).trim();
  await owner.keyboard.press('Escape');
  await guest.getByTestId('join-server').click();
  await guest.getByTestId('invite-input').fill(opts.link ? `${opts.link}/invite/${code}` : code);
  await guest.getByTestId('join-submit').click();
  await byText(guest, 'channel-title', 'general').waitFor();
  return code;
}

/** Every serious or critical axe problem on the page (or inside `selector`), one readable line each. */
export async function axeViolations(page: Page, label: string, selector?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (selector) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** No serious or critical axe problem inside `selector`. */
export async function expectAccessible(page: Page, selector: string, label: string): Promise<void> {
  expect(await axeViolations(page, label, selector)).toEqual([]);
}
