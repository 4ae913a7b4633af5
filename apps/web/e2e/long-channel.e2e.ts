/**
 * A long channel and a channel of pictures, as a reader meets them.
 *
 * - 10,000 messages, loaded by scrolling up to the very first: the page keeps a bounded number
 *   of rows (the list is virtualised) and scrolling stays smooth (frame times measured with
 *   requestAnimationFrame, written to long-channel.json beside the screenshots).
 * - A channel whose newest messages are images opens exactly at the bottom, every time: each
 *   image's box has its size before a byte of it arrives (width and height stored at upload).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@twopointo/shared';
import {
  expectCleanCsp,
  newAccount,
  registerInBrowser,
  restUser,
  screenshots,
  shot,
  skipReason,
  startJourney,
  type Journey,
} from './harness.ts';

/** LONG_CHANNEL_TOTAL: a shorter channel while working on the list */
const TOTAL = Number(process.env.LONG_CHANNEL_TOTAL ?? 10_000);

/** The part of startAll's answer this journey uses: the database, to seed history at once. */
interface Seeder {
  database: {
    db: {
      insertInto(table: 'messages'): { values(rows: object[]): { execute(): Promise<unknown> } };
    };
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};

describe.skipIf(skipReason !== null)('a long channel and a channel of pictures', () => {
  let system: { edgeUrl: string; close(): Promise<void> } & Partial<Seeder>;
  let j: Journey;
  let page: Page;
  const suffix = Date.now().toString(36);
  const alice = newAccount('alice', 'long', suffix);
  let bob: Awaited<ReturnType<typeof restUser>>;
  let serverId = '';
  const channels: Record<string, string> = {};

  const open = async (name: string) => {
    await page.locator(`[data-testid="channel-item"][data-channel-name="${name}"]`).click();
    await page.getByTestId('channel-title').filter({ hasText: name }).waitFor();
  };

  beforeAll(async () => {
    j = await startJourney('long');
    system = j.system as typeof system;
    ({ page } = await j.person('alice'));
    await registerInBrowser(page, system.edgeUrl, alice);

    bob = await restUser(system.edgeUrl, `bob${suffix}`.slice(0, 30));
    serverId = ((await bob.call('/api/servers', { name: 'Long Club' })) as { id: string }).id;
    for (const name of ['long', 'pictures'])
      channels[name] = ((await bob.call(`/api/servers/${serverId}/channels`, { name })) as { id: string }).id;
    const invite = (await bob.call(`/api/servers/${serverId}/invites`, {})) as { code: string };
    await page.goto(`${system.edgeUrl}/invite/${invite.code}`);
    await page.getByTestId('chat-app').waitFor();
    await page.getByTestId('join-submit').click();
    await page.locator('[data-testid="channel-item"][data-channel-name="long"]').waitFor();
  }, 180_000);

  afterAll(() => j?.close());

  it('scrolls back through 10,000 messages with a bounded page and smooth frames', async () => {
    // 9,999 written straight to the database (a minute apart, so days pass), the last one posted
    const cid = channels.long!;
    const start = Date.now() - TOTAL * 60_000;
    const rows = Array.from({ length: TOTAL - 1 }, (_, i) => ({
      id: newId(),
      channel_id: cid,
      server_id: serverId,
      author_id: bob.id,
      content:
        i % 7 === 0
          ? `long ${i + 1}: a longer line that wraps on a narrow window, so rows differ in height and the list has to measure them`
          : `long ${i + 1}`,
      created_at: new Date(start + i * 60_000),
      mentions: [],
      mention_roles: [],
    }));
    expect(system.database, 'startAll exposes its database').toBeDefined();
    for (let i = 0; i < rows.length; i += 1000)
      await system
        .database!.db.insertInto('messages')
        .values(rows.slice(i, i + 1000))
        .execute();
    await bob.call(`/api/channels/${cid}/messages`, { content: `long ${TOTAL}` });

    await open('long');
    await page
      .getByTestId('message-content')
      .filter({ hasText: `long ${TOTAL}` })
      .waitFor();

    // scroll to the top again and again until the channel's start shows; count the page's nodes
    const load = await page.evaluate(async () => {
      const list = document.querySelector<HTMLElement>('[data-testid="message-list"]')!;
      let maxNodes = 0;
      let maxRows = 0;
      const deltas: number[] = [];
      let last = performance.now();
      let running = true;
      const tick = (t: number) => {
        deltas.push(t - last);
        last = t;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      while (!document.querySelector('[data-testid="channel-start"]')) {
        if (performance.now() - t0 > 600_000) break;
        // as a reader does: up to the top, then a pause (the list settles the bar once scrolling stops)
        list.scrollTop = 0;
        await new Promise((r) => setTimeout(r, 50));
        while (document.querySelector('[data-testid="loading-older"]'))
          await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200));
        maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
        maxRows = Math.max(maxRows, list.querySelectorAll('[data-testid="message"]').length);
      }
      running = false;
      return { seconds: (performance.now() - t0) / 1000, maxNodes, maxRows, deltas: deltas.slice(1) };
    });
    await page.getByTestId('channel-start').waitFor();
    await page
      .getByTestId('message-content')
      .filter({ hasText: /^long 1: / })
      .waitFor();
    await shot(page, 'long-channel-start.png');

    // then scroll down through all of it, a wheel's worth per frame, timing every frame
    const scroll = await page.evaluate(async () => {
      const list = document.querySelector<HTMLElement>('[data-testid="message-list"]')!;
      const deltas: number[] = [];
      let maxNodes = 0;
      let maxRows = 0;
      await new Promise<void>((done) => {
        let last = performance.now();
        const step = (t: number) => {
          deltas.push(t - last);
          last = t;
          list.scrollTop += 600;
          maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
          maxRows = Math.max(maxRows, list.querySelectorAll('[data-testid="message"]').length);
          const end = list.scrollHeight - list.scrollTop - list.clientHeight < 2;
          if (end || deltas.length > 3000) done();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      return { frames: deltas.length, deltas: deltas.slice(1), maxNodes, maxRows };
    });
    await page
      .getByTestId('message-content')
      .filter({ hasText: `long ${TOTAL}` })
      .waitFor();

    const figures = {
      date: new Date().toISOString(),
      messages: TOTAL,
      load: {
        seconds: Math.round(load.seconds * 10) / 10,
        max_dom_nodes: load.maxNodes,
        max_message_rows: load.maxRows,
        frame_ms_p50: percentile(load.deltas, 50),
        frame_ms_p95: percentile(load.deltas, 95),
      },
      scroll: {
        frames: scroll.frames,
        px_per_frame: 600,
        max_dom_nodes: scroll.maxNodes,
        max_message_rows: scroll.maxRows,
        frame_ms_p50: percentile(scroll.deltas, 50),
        frame_ms_p95: percentile(scroll.deltas, 95),
        frame_ms_max: Math.max(...scroll.deltas),
      },
    };
    console.info('[long channel]', JSON.stringify(figures));
    writeFileSync(join(screenshots, 'long-channel.json'), JSON.stringify(figures, null, 2) + '\n');

    // bounded: about a hundred rows whatever the length (not 10,000)
    expect(figures.load.max_message_rows).toBeLessThan(200);
    expect(figures.scroll.max_message_rows).toBeLessThan(200);
    expect(figures.scroll.max_dom_nodes).toBeLessThan(6000);
    // smooth enough to notice a regression even on a busy machine (the figures go to docs/CLIENT.md)
    expect(figures.scroll.frame_ms_p95).toBeLessThan(500);
  }, 900_000);

  it('opens a channel whose newest messages are images exactly at the bottom, boxes sized before load', async () => {
    const cid = channels.pictures!;
    // thirty lines of talk first (straight to the database: posting them would meet the rate limit)
    const t0 = Date.now() - 3_600_000;
    await system
      .database!.db.insertInto('messages')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: newId(),
          channel_id: cid,
          server_id: serverId,
          author_id: bob.id,
          content: `before ${i + 1}`,
          created_at: new Date(t0 + i * 1000),
          mentions: [],
          mention_roles: [],
        })),
      )
      .execute();
    // three pictures of different shapes, uploaded as the client does: declared, PUT, completed
    const shapes = [
      { width: 800, height: 600, box: { width: 400, height: 300 } },
      { width: 300, height: 900, box: { width: 100, height: 300 } },
      { width: 1200, height: 400, box: { width: 400, height: 133 } },
    ];
    for (const [i, s] of shapes.entries()) {
      const png = await sharp({
        create: { width: s.width, height: s.height, channels: 3, background: ['#c33', '#3a3', '#36c'][i]! },
      })
        .png()
        .toBuffer();
      const created = (await bob.call('/api/assets', {
        filename: `picture-${i + 1}.png`,
        content_type: 'image/png',
        size: png.length,
        width: s.width,
        height: s.height,
      })) as { id: string; upload: { url: string; headers: Record<string, string> } };
      const put = await fetch(system.edgeUrl + created.upload.url, {
        method: 'PUT',
        headers: created.upload.headers,
        body: new Uint8Array(png),
      });
      expect(put.status).toBe(200);
      const done = await bob.call(`/api/assets/${created.id}/complete`);
      expect(done).toMatchObject({ width: s.width, height: s.height });
      await bob.call(`/api/channels/${cid}/messages`, {
        content: `picture ${i + 1}`,
        attachment_ids: [created.id],
      });
    }

    // the pictures' bytes come late, so the list is laid out before any of them arrives
    await page.route('**/storage/**', async (route) => {
      await new Promise((r) => setTimeout(r, 1200));
      await route.continue();
    });
    const gaps: number[] = [];
    for (let round = 0; round < 4; round++) {
      await open('long');
      await open('pictures');
      const boxes = page.getByTestId('attachment-image-box');
      await expect.poll(() => boxes.count()).toBe(3);
      // before load: every box has the picture's shape, scaled to the largest preview
      const early = await boxes.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { width: Math.round(r.width), height: Math.round(r.height) };
        }),
      );
      expect(early).toEqual(shapes.map((s) => s.box));
      // then, with every picture drawn, the view is still exactly at the bottom
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll<HTMLImageElement>('[data-testid="attachment-image"]')].filter(
            (img) => img.complete && img.naturalWidth > 0,
          ).length === 3,
      );
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      gaps.push(
        await page.evaluate(() => {
          const list = document.querySelector<HTMLElement>('[data-testid="message-list"]')!;
          return Math.round(list.scrollHeight - list.scrollTop - list.clientHeight);
        }),
      );
      if (round === 0) await shot(page, 'chat-images.png');
    }
    await page.unroute('**/storage/**');
    expect(gaps).toEqual([0, 0, 0, 0]);
    expect(j.watch.pageErrors).toEqual([]);
    expectCleanCsp(j.watch);
  }, 300_000);
});
