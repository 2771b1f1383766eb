// `npm run size`: for every screen (route) of the production build, loads it once in a
// fresh Chromium with no cache and no service worker and adds up the JavaScript and CSS it
// fetched, gzip-compressed. Prints a table and exits non-zero above the budget in
// size-budget.json. Pages that share the same route code are measured once.
// The budget is on first-load JavaScript: the app's entry and the screen's route code with
// everything they import statically (the build's manifest says which files those are).
// Code the screen imports dynamically, when it needs it (the service worker's registration
// once the page is idle, the setup form only on a first run), is fetched too and listed as
// "later"; a Web Worker's code, which runs off the main thread, as "worker".
// `npm run size -- --report` also lists, per screen, each file fetched and the source
// modules that make up most of it (from the map the build writes, see bundle-modules.js).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ensureBrowser, launchArgs } from './browser.mjs';
import { serve } from './serve.mjs';
import { buildIfStale } from './build-if-stale.mjs';
import { BUNDLE_MODULES } from './bundle-modules.js';

const root = 'build';
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));

buildIfStale({ root, force: process.argv.includes('--build') });

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

// A deck of one's own lives on the device: its editor is measured at an id no device has,
// which loads the route's code before the not-found page shows.
groups.set('my-deck', { url: '/decks/mine/mine-00000000', count: 1 });

/** Each built file's static imports, from the client build's manifest. */
const manifestFile = '.svelte-kit/output/client/.vite/manifest.json';
const staticImports = new Map();
const byKey = JSON.parse(readFileSync(manifestFile, 'utf8'));
for (const chunk of Object.values(byKey)) {
  staticImports.set(
    chunk.file,
    (chunk.imports ?? []).map((key) => byKey[key]?.file).filter(Boolean)
  );
}

/** The files loaded with `seeds` before any of their code runs: their static closure. */
function closure(seeds) {
  const seen = new Set();
  const stack = [...seeds];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(staticImports.get(file) ?? []));
  }
  return seen;
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
      const path = new URL(response.url()).pathname;
      // A Web Worker's code runs off the main thread: counted apart, not in the budget.
      if (body)
        fetched.set(path, {
          type: path.includes('/workers/') ? 'worker' : type,
          gzip: gzipSync(body, { level: 9 }).length
        });
    });
    await page.goto(new URL(url, origin).toString(), { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await context.close();
    // The entry and the route nodes fetched start the static closure; the rest came later.
    const files = (path) => path.replace(/^\/+/, '');
    const first = closure(
      [...fetched.keys()].map(files).filter((f) => /^_app\/immutable\/(entry|nodes)\//.test(f))
    );
    for (const [path, f] of fetched) {
      if (f.type === 'script' && !first.has(files(path))) f.type = 'later';
    }
    const sum = (type) =>
      [...fetched.values()].filter((f) => f.type === type).reduce((total, f) => total + f.gzip, 0);
    rows.push({
      url,
      count,
      files: fetched.size,
      js: sum('script'),
      css: sum('stylesheet'),
      later: sum('later'),
      worker: sum('worker'),
      fetched
    });
  }
} finally {
  await browser.close();
  server.close();
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
/** A screen's JS budget: the entry of the longest route prefix that matches, else the default. */
function jsBudget(url) {
  let best = { prefix: '', bytes: budget.jsGzipBytes };
  for (const [prefix, bytes] of Object.entries(budget.jsGzipBytesByRoute ?? {})) {
    const matches = url === prefix || url.startsWith(prefix + '/');
    if (matches && prefix.length > best.prefix.length) best = { prefix, bytes };
  }
  return best.bytes;
}
const over = rows.filter((r) => r.js > jsBudget(r.url) || r.css > budget.cssGzipBytes);
console.log(
  `\nFirst load per screen (gzip), budget JS ${kb(budget.jsGzipBytes)} (${Object.entries(
    budget.jsGzipBytesByRoute ?? {}
  )
    .map(([prefix, bytes]) => `${prefix}: ${kb(bytes)}`)
    .join(', ')}), CSS ${kb(budget.cssGzipBytes)}\n`
);
console.log(
  ['route', 'pages', 'files', 'JS', 'budget', 'CSS', 'total', 'later', 'worker'].join('\t')
);
for (const r of rows) {
  const flag = over.includes(r) ? '\tOVER BUDGET' : '';
  const worker = r.worker ? kb(r.worker) : '-';
  const later = r.later ? kb(r.later) : '-';
  console.log(
    [
      r.url,
      r.count,
      r.files,
      kb(r.js),
      kb(jsBudget(r.url)),
      kb(r.css),
      kb(r.js + r.css),
      later,
      worker
    ].join('\t') + flag
  );
}
console.log(
  '(JS: first load, in the budget; later: imported when needed; worker: off the main thread)'
);
if (process.argv.includes('--report')) report(rows);

// Code that no screen may load at first paint (export, backup and import code, SQLite, the
// zip and zstd libraries): any of it in a screen's first load fails the run.
const outOfFirstLoad = budget.neverInFirstLoad ?? [];
const leaks = [];
if (outOfFirstLoad.length > 0) {
  if (!existsSync(BUNDLE_MODULES)) {
    console.error(`\nNo ${BUNDLE_MODULES}: build again (npm run build) to check what loads first.`);
    process.exit(1);
  }
  const modules = JSON.parse(readFileSync(BUNDLE_MODULES, 'utf8'));
  for (const r of rows)
    for (const [path, f] of r.fetched) {
      if (f.type !== 'script') continue;
      for (const id of Object.keys(modules[path.replace(/^\//, '')] ?? {}))
        if (outOfFirstLoad.some((prefix) => id.startsWith(prefix))) leaks.push(`${r.url}: ${id}`);
    }
  if (leaks.length > 0)
    console.error(`\nIn a first load, and should not be:\n  ${leaks.join('\n  ')}`);
  else console.log(`\nNo screen loads any of these at first paint: ${outOfFirstLoad.join(', ')}.`);
}

/** Per screen: its JavaScript files, largest first, each with the modules that fill it. */
function report(rows) {
  if (!existsSync(BUNDLE_MODULES)) {
    console.log(`\nNo ${BUNDLE_MODULES}: build again for the module report.`);
    return;
  }
  const modules = JSON.parse(readFileSync(BUNDLE_MODULES, 'utf8'));
  for (const r of rows) {
    console.log(`\n${r.url}  (${kb(r.js)} JS)`);
    const scripts = [...r.fetched].filter(([, f]) => f.type !== 'stylesheet');
    scripts.sort((a, b) => b[1].gzip - a[1].gzip);
    for (const [path, f] of scripts) {
      const held = Object.entries(modules[path.replace(/^\//, '')] ?? {});
      const total = held.reduce((n, [, bytes]) => n + bytes, 0);
      held.sort((a, b) => b[1] - a[1]);
      const top = held
        .slice(0, 4)
        .map(([id, bytes]) => `${id} ${Math.round((100 * bytes) / total)}%`)
        .join(', ');
      const when = f.type === 'script' ? '' : ` (${f.type})`;
      console.log(`  ${kb(f.gzip).padStart(8)}  ${path.split('/').pop()}${when}  ${top}`);
    }
  }
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
if (over.length > 0 || leaks.length > 0) {
  if (over.length > 0) console.error(`\n${over.length} screen(s) over budget.`);
  if (leaks.length > 0)
    console.error(`\n${leaks.length} module(s) in a first load that should come later.`);
  process.exit(1);
}
console.log('Every screen is within budget.');
