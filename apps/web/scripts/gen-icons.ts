/**
 * Renders public/icon.svg to the PNG icons the web app manifest and iOS ask for, with Debian's
 * Chromium (the same one the browser tests use). Run after changing the SVG:
 *   npx tsx apps/web/scripts/gen-icons.ts
 * The maskable icon puts the artwork inside the safe zone (80 %) on the brand colour.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const PUBLIC = join(import.meta.dirname, '..', 'public');
const SIZES: { file: string; size: number; maskable?: boolean }[] = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

const svg = await readFile(join(PUBLIC, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const { file, size, maskable } of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = maskable ? size * 0.8 : size;
    await page.setContent(
      `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;` +
        `background:${maskable ? '#5865f2' : 'transparent'}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body>`,
    );
    await page.screenshot({ path: join(PUBLIC, file), omitBackground: !maskable });
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
