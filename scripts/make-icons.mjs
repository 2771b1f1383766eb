// Renders static/icons/icon.svg into the PNG icons the web manifest lists.
// Run once after changing the SVG: `node scripts/make-icons.mjs` (needs the test browser).
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { findBrowser, launchArgs } from './browser.mjs';

const svg = await readFile(new URL('../static/icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: findBrowser() ?? undefined,
  args: launchArgs
});
const page = await browser.newPage();

/** @param {number} size @param {number} inset fraction of the size kept clear on each side */
async function render(size, inset, background, file) {
  const pad = Math.round(size * inset);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:${background}">` +
      `<div style="width:${size}px;height:${size}px;box-sizing:border-box;padding:${pad}px">` +
      svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `) +
      '</div></body></html>'
  );
  await page.screenshot({
    path: new URL(`../static/icons/${file}`, import.meta.url).pathname,
    omitBackground: background === 'transparent'
  });
}

await render(192, 0, 'transparent', 'icon-192.png');
await render(512, 0, 'transparent', 'icon-512.png');
// Maskable: full-bleed background, artwork inside the central safe zone (80% circle).
await render(512, 0.12, '#1f4e5f', 'icon-maskable-512.png');
await render(180, 0.08, '#1f4e5f', 'apple-touch-icon.png');
await browser.close();
