/**
 * Conversations, end to end, two people in two browsers: Alice reacts from the picker and Bob
 * sees the chip live and adds his own; a message with every markdown construct renders (with
 * colour emoji and a highlighted code block); a masked link asks before leaving; a pin lists the
 * message in the pins panel and writes the system line; axe finds no serious or critical
 * problem with the picker and the pins panel open.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCleanCsp,
  message,
  newAccount,
  registerInBrowser,
  send,
  shareServer,
  shot,
  skipReason,
  startJourney,
  type Account,
  type Journey,
  axeViolations,
} from './harness.ts';

describe.skipIf(skipReason !== null)('conversations end to end', () => {
  let j: Journey;
  let system: Journey['system'];
  const suffix = Date.now().toString(36);
  const account = (name: string): Account => newAccount(name, 'conv', suffix);
  const alice = account('alice');
  const bob = account('bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    j = await startJourney('conv');
    system = j.system;
    a = (await j.person('alice')).page;
    b = (await j.person('bob')).page;
  });
  afterAll(() => j?.close());

  const chip = (page: Page, text: string, emoji: string) =>
    message(page, text).locator(`[data-testid="reaction-chip"][data-emoji="${emoji}"]`);

  it('alice makes a server and bob joins it', async () => {
    await registerInBrowser(a, system.edgeUrl, alice);
    await registerInBrowser(b, system.edgeUrl, bob);
    await shareServer(a, b, 'Conversation Lab');
  });

  it('alice reacts from the picker; bob sees it live and adds his own (count 2, his highlighted)', async () => {
    await send(a, 'React to this one');
    await message(b, 'React to this one').waitFor();
    const mine = message(a, 'React to this one');
    await mine.hover();
    await mine.getByTestId('add-reaction').click();
    await a.getByTestId('emoji-picker').waitFor();
    await a.getByTestId('emoji-search').fill('thumbsup');
    await a.locator('[data-testid="emoji-option"][data-emoji="👍"]').waitFor();
    await shot(a, 'conversations-picker.png');
    await a.getByTestId('emoji-search').press('Enter');
    await expect.poll(() => a.getByTestId('emoji-picker').count()).toBe(0);
    await chip(a, 'React to this one', '👍').and(a.locator('[data-me]')).waitFor();

    // live for bob, not his
    const bobChip = chip(b, 'React to this one', '👍');
    await bobChip.waitFor();
    expect(await bobChip.getByTestId('reaction-count').innerText()).toBe('1');
    expect(await bobChip.getAttribute('data-me')).toBeNull();
    await bobChip.click();
    await expect.poll(() => bobChip.getByTestId('reaction-count').innerText()).toBe('2');
    expect(await bobChip.getAttribute('data-me')).toBe('true');
    expect(await bobChip.getAttribute('aria-pressed')).toBe('true');
    const aliceChip = chip(a, 'React to this one', '👍');
    await expect.poll(() => aliceChip.getByTestId('reaction-count').innerText()).toBe('2');

    // who reacted, on hover
    await aliceChip.hover();
    const tip = a.getByTestId('reaction-tooltip');
    await expect.poll(() => tip.innerText()).toContain(bob.username);
    expect(await tip.innerText()).toContain(alice.username);
    // bob's own tooltip, read again after his click, names both
    await bobChip.hover();
    // (his hover may have read the list before his own reaction was stored; it is read again
    // once the server has it)
    await expect.poll(() => b.getByTestId('reaction-tooltip').innerText()).toContain(bob.username);
    expect(await b.getByTestId('reaction-tooltip').innerText()).toContain(alice.username);
    await shot(b, 'conversations-reactions.png');

    // bob takes his back: alice sees 1 again
    await bobChip.click();
    await expect.poll(() => aliceChip.getByTestId('reaction-count').innerText()).toBe('1');
    await bobChip.click();
    await expect.poll(() => aliceChip.getByTestId('reaction-count').innerText()).toBe('2');
  });

  const rich = [
    '# Release notes',
    '**bold** *italic* __underline__ ~~strike~~ `inline <b>code</b>` ||secret spoiler|| 🎉😀👍❤️',
    '> a quoted line',
    '- first item',
    '- second item',
    '```js',
    'const answer = 42; // the answer',
    '```',
    'Read [the docs](https://docs.example.com/guide) or https://example.org/page and www.example.net',
  ];

  it('a message with every markdown construct renders, emoji in colour', async () => {
    // rendered, it reads differently from what was typed: the step waits for bob's copy instead
    await send(a, `${rich.join('\n')}\n@${bob.username} look`, { stored: false });
    // the composer keeps the focus after sending, with a visible ring
    const composer = a.locator('.composer');
    expect(await composer.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');
    await shot(a, 'conversations-composer-focus.png');
    const m = message(b, 'Release notes');
    await m.waitFor();
    await m.locator('h1').waitFor();
    expect(await m.locator('strong').first().innerText()).toBe('bold');
    expect(await m.locator('em').first().innerText()).toBe('italic');
    expect(await m.locator('u').innerText()).toBe('underline');
    expect(await m.locator('s').innerText()).toBe('strike');
    expect(await m.locator('code.md-code').innerText()).toBe('inline <b>code</b>');
    expect(await m.locator('b').count()).toBe(0);
    expect(await m.locator('blockquote').innerText()).toBe('a quoted line');
    expect(await m.locator('li').allInnerTexts()).toEqual(['first item', 'second item']);
    await m.locator('pre code[data-highlighted="yes"] .hljs-keyword').waitFor();
    expect(await m.getByTestId('masked-link').innerText()).toBe('the docs');
    expect(await m.locator('a[href="https://example.org/page"]').count()).toBe(1);
    expect(await m.locator('a[href="http://www.example.net/"]').count()).toBe(1);
    expect(await m.getByTestId('mention').innerText()).toBe(`@${bob.username}`);
    const spoiler = m.getByTestId('spoiler');
    expect(await spoiler.getAttribute('data-revealed')).toBeNull();
    await shot(b, 'conversations-markdown.png');
    await spoiler.click();
    expect(await m.getByTestId('spoiler').getAttribute('data-revealed')).toBe('true');
  });

  it('a masked link asks before leaving, naming the host', async () => {
    const m = message(b, 'Release notes');
    await m.getByTestId('masked-link').click();
    const dialog = b.getByTestId('leave-dialog');
    await dialog.waitFor();
    expect(await b.getByTestId('leave-host').innerText()).toBe('docs.example.com');
    expect(await dialog.innerText()).toContain('You are leaving twopointo');
    await shot(b, 'conversations-leaving.png');
    await b.keyboard.press('Escape');
    await expect.poll(() => b.getByTestId('leave-dialog').count()).toBe(0);
  });

  it('alice pins it: the system line appears for both, the pins panel lists it and jumps to it', async () => {
    const m = message(a, 'Release notes');
    await m.hover();
    await m.getByTestId('message-pin').click();
    await a.getByTestId('pin-line').waitFor();
    const line = b.getByTestId('pin-line');
    await line.waitFor();
    expect(await line.innerText()).toContain(`${alice.username} pinned a message`);
    await line.getByTestId('pin-line-open').click();
    const panel = b.getByTestId('pins-panel');
    await panel.getByTestId('pinned-message').waitFor();
    expect(await panel.getByTestId('pinned-message').count()).toBe(1);
    expect(await panel.getByTestId('pinned-message').innerText()).toContain('Release notes');
    await shot(b, 'conversations-pins.png');
    await panel.getByTestId('pin-jump').click();
    await b
      .locator('[data-testid="message"][data-highlighted]')
      .filter({ hasText: 'Release notes' })
      .waitFor();
  });

  it('axe: no serious or critical problem with the pins panel and the picker open', async () => {
    await a.getByTestId('toggle-pins').click();
    await a.getByTestId('pins-panel').getByTestId('pinned-message').waitFor();
    const m = message(a, 'React to this one');
    await m.hover();
    await m.getByTestId('add-reaction').click();
    await a.getByTestId('emoji-picker').getByTestId('emoji-option').first().waitFor();
    await shot(a, 'conversations-axe.png');
    expect(await axeViolations(a, 'pins and picker')).toEqual([]);
    await a.keyboard.press('Escape');
  });

  it('no page errors and a clean CSP (the emoji data and highlighter are the app’s own chunks)', () => {
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  });
});
