// `npm run size`: for every screen (route) of the production build, loads it once in a
// fresh Chromium with no cache and no service worker and adds up the JavaScript and CSS it
// fetched, gzip-compressed. Prints a table and exits non-zero above the budget in
// size-budget.json. Pages that share the same route code are measured once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ensureBrowser, launchArgs } from './browser.mjs';
import { serve } from './serve.mjs';

const root = 'build';
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged =
  !existsSync(join(root, 'index.html')) ||
  Math.max(newestMtime('src'), existsSync('decks') ? newestMtime('decks') : 0) >
    statSync(join(root, 'index.html')).mtimeMs;
if (sourcesChanged || process.argv.includes('--build')) {
  console.log('Building first (the build is missing or older than the sources)…');
  const result = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Every prerendered page, as a URL path. */
function pages(dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_app') found.push(...pages(path));
    } else if (entry.name.endsWith('.html')) {
      const url =
        '/' +
        relative(root, path)
          .replace(/(index)?\.html$/, '')
          .replace(/\/$/, '');
      found.push({ url, file: path });
    }
  }
  return found;
}

// Pages whose HTML preloads the same route nodes run the same code: measure one of each.
const groups = new Map();
for (const page of pages()) {
  const html = readFileSync(page.file, 'utf8');
  const nodes = [...html.matchAll(/_app\/immutable\/nodes\/(\d+)\./g)].map((m) => m[1]).sort();
  const key = nodes.join(',');
  const group = groups.get(key);
  if (group) group.count++;
  else groups.set(key, { url: page.url, count: 1 });
}

// Screens with a deck or fact in their address are not prerendered one by one (the host
// serves 200.html): measure one of each, taken from the built collection.
for (const [key, group] of groups) if (group.url === '/200') groups.delete(key);
const indexFile = join(root, 'decks', 'index.json');
if (existsSync(indexFile)) {
  const { decks } = JSON.parse(readFileSync(indexFile, 'utf8'));
  const deckId = decks[0]?.id;
  if (deckId) {
    const deck = JSON.parse(readFileSync(join(root, 'decks', `${deckId}.json`), 'utf8'));
    const facts = decks.reduce((n, d) => n + d.factCount, 0);
    groups.set('deck', { url: `/decks/${deckId}`, count: decks.length });
    groups.set('facts', { url: `/decks/${deckId}/facts`, count: decks.length });
    groups.set('fact', { url: `/decks/${deckId}/facts/${deck.facts[0].id}`, count: facts });
  }
}

const port = 0;
const { server } = await serve({ port });
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: launchArgs });
const rows = [];
try {
  for (const { url, count } of [...groups.values()].sort((a, b) => a.url.localeCompare(b.url))) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const fetched = new Map();
    page.on('response', async (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const body = await response.body().catch(() => null);
      if (body) fetched.set(response.url(), { type, gzip: gzipSync(body, { level: 9 }).length });
    });
    await page.goto(new URL(url, origin).toString(), { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await context.close();
    const sum = (type) =>
      [...fetched.values()].filter((f) => f.type === type).reduce((total, f) => total + f.gzip, 0);
    rows.push({ url, count, files: fetched.size, js: sum('script'), css: sum('stylesheet') });
  }
} finally {
  await browser.close();
  server.close();
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const over = rows.filter((r) => r.js > budget.jsGzipBytes || r.css > budget.cssGzipBytes);
console.log(
  `\nFirst load per screen (gzip), budget JS ${kb(budget.jsGzipBytes)}, CSS ${kb(budget.cssGzipBytes)}\n`
);
console.log(['route', 'pages', 'files', 'JS', 'CSS', 'total'].join('\t'));
for (const r of rows) {
  const flag = over.includes(r) ? '\tOVER BUDGET' : '';
  console.log([r.url, r.count, r.files, kb(r.js), kb(r.css), kb(r.js + r.css)].join('\t') + flag);
}
const all = readdirSync(join(root, '_app/immutable'), { recursive: true })
  .map(String)
  .filter((f) => /\.(js|css)$/.test(f))
  .reduce(
    (total, f) =>
      total + gzipSync(readFileSync(join(root, '_app/immutable', f)), { level: 9 }).length,
    0
  );
console.log(`\nAll JS and CSS of the app (what the service worker precaches): ${kb(all)}`);
if (over.length > 0) {
  console.error(`\n${over.length} screen(s) over budget.`);
  process.exit(1);
}
console.log('Every screen is within budget.');
