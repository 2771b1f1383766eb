// `npm run bench:import`: a 20,000-note Anki package imported in real Chromium on a slowed
// CPU (a mid-range phone), from choosing the file to the deck written.
// The package is made here with SQLite (sql.js): Basic notes, one card each, and two
// review-log rows for every other card. Prints the time to the preview, to the end, and
// the peak memory of the browser's renderer processes (Linux: read from /proc); exits
// non-zero above the budget of 20 s.
// How the CPU is slowed: Chromium's DevTools throttling slows the page only (it refuses a
// Web Worker: "only supported for pages"), and the import's reading and writing run in a
// worker. So where the machine allows it (Linux, root, a cgroup v1 `cpu` controller), the
// whole browser, every process and thread together, runs in a cgroup limited to a quarter
// of one core (BENCH_THROTTLE=4): the worker is slowed at least four times, which is a
// harder test than DevTools' page throttling. Elsewhere the page alone is throttled and
// the worker's part is multiplied by four as an estimate, and the output says so.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { zipSync, strToU8 } from 'fflate';
import initSqlJs from 'sql.js';
import { ensureBrowser, launchArgs, readStores } from './browser.mjs';
import { serve } from './serve.mjs';
import { buildIfStale } from './build-if-stale.mjs';

const NOTES = Number(process.env.BENCH_NOTES ?? 20_000);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
const BUDGET_MS = 20_000;

buildIfStale({ force: process.argv.includes('--build') });

/** An Anki 2.1 package (schema 11) with `count` Basic notes and some history. */
async function makePackage(count) {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(`
    CREATE TABLE col (id integer PRIMARY KEY, crt integer, mod integer, scm integer, ver integer,
      dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
    CREATE TABLE notes (id integer PRIMARY KEY, guid text, mid integer, mod integer, usn integer,
      tags text, flds text, sfld integer, csum integer, flags integer, data text);
    CREATE TABLE cards (id integer PRIMARY KEY, nid integer, did integer, ord integer, mod integer,
      usn integer, type integer, queue integer, due integer, ivl integer, factor integer,
      reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);
    CREATE TABLE revlog (id integer PRIMARY KEY, cid integer, usn integer, ease integer,
      ivl integer, lastIvl integer, factor integer, time integer, type integer);
    CREATE TABLE graves (usn integer, oid integer, type integer);`);
  const mid = 1_700_000_000_000;
  const did = 1_700_000_000_500;
  const model = {
    id: mid,
    name: 'Basic',
    type: 0,
    mod: 0,
    usn: 0,
    sortf: 0,
    did,
    tmpls: [
      { name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }
    ],
    flds: [
      { name: 'Front', ord: 0 },
      { name: 'Back', ord: 1 }
    ],
    css: '',
    req: [[0, 'any', [0]]]
  };
  const decks = {
    1: { id: 1, name: 'Default' },
    [did]: { id: did, name: 'Vocabulary::Bench' }
  };
  db.run('INSERT INTO col VALUES (1, 1600000000, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    '{}',
    JSON.stringify({ [mid]: model }),
    JSON.stringify(decks),
    '{}',
    '{}'
  ]);
  const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, ?)');
  const card = db.prepare(
    'INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, ?, ?, ?, ?, 2500, ?, 0, 0, 0, 0, 0, ?)'
  );
  const review = db.prepare('INSERT INTO revlog VALUES (?, ?, 0, ?, ?, ?, 2500, ?, ?)');
  db.exec('BEGIN');
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = mid + 1000 + i;
    const front = `Word number ${i} in the <b>bench</b> deck`;
    const back = `Meaning ${i}: something to remember, ${(i * 7919) % 10007}`;
    note.run([id, `g${i.toString(36)}`, mid, ' bench ', `${front}\x1f${back}`, front, '']);
    const studied = i % 2 === 0;
    card.run([
      id,
      id,
      did,
      studied ? 2 : 0,
      studied ? 2 : 0,
      studied ? 300 : i,
      studied ? 3 : 0,
      studied ? 2 : 0,
      '{}'
    ]);
    if (studied) {
      review.run([start + i * 60_000, id, 3, -600, 0, 4000, 0]);
      review.run([start + 86_400_000 * 30 + i * 60_000, id, 3, 3, -600, 3000, 1]);
    }
  }
  db.exec('COMMIT');
  note.free();
  card.free();
  review.free();
  const bytes = db.export();
  db.close();
  return zipSync({ 'collection.anki21': bytes, 'collection.anki2': bytes, media: strToU8('{}') });
}

/** The summed resident memory of Chromium's renderer processes, in MB (0 where /proc is absent). */
function rendererMemoryMb() {
  let kb = 0;
  let entries;
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) kb += Number(rss[1]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return kb / 1024;
}

const made = Date.now();
const apkg = await makePackage(NOTES);
if (process.env.BENCH_SAVE) (await import('node:fs')).writeFileSync(process.env.BENCH_SAVE, apkg);
console.log(
  `Made a package of ${NOTES.toLocaleString('en')} notes (${(apkg.length / 1024 / 1024).toFixed(1)} MB) in ${Date.now() - made} ms.`
);

/**
 * A cgroup that holds the browser to 1/THROTTLE of one core, and a launcher that starts
 * Chromium inside it; null where cgroups cannot be written (not Linux, not root).
 */
function slowedBrowser(executable) {
  const root = '/sys/fs/cgroup/cpu';
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  if (!existsSync(join(root, 'cpu.cfs_quota_us'))) return null;
  const group = join(root, `sourcedeck-bench-${process.pid}`);
  try {
    mkdirSync(group);
    const period = 100_000;
    writeFileSync(join(group, 'cpu.cfs_period_us'), String(period));
    writeFileSync(join(group, 'cpu.cfs_quota_us'), String(Math.round(period / THROTTLE)));
  } catch {
    return null;
  }
  const launcher = join(mkdtempSync(join(tmpdir(), 'bench-import-')), 'chromium');
  writeFileSync(
    launcher,
    `#!/bin/sh\necho $$ > ${join(group, 'cgroup.procs')}\nexec "${executable}" "$@"\n`
  );
  chmodSync(launcher, 0o755);
  return {
    launcher,
    remove() {
      try {
        rmdirSync(group);
      } catch {
        // Processes still leaving; the kernel removes nothing while they are in it.
      }
    }
  };
}

const { server } = await serve({ port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const slowed = THROTTLE > 1 ? slowedBrowser(ensureBrowser()) : null;
const browser = await chromium.launch({
  executablePath: slowed?.launcher ?? ensureBrowser(),
  args: launchArgs
});
let failed;
try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block'
  });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: /^Skip/ }).click({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Start studying' }).waitFor({ timeout: 60_000 });
  await page.goto(`${origin}/decks/import`);
  await page.getByRole('button', { name: 'Choose a file' }).waitFor();
  if (!slowed) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  }

  let peak = rendererMemoryMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rendererMemoryMb())), 100);
  const started = Date.now();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'bench.apkg',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(apkg)
  });
  const preview = page.getByRole('region', { name: 'What will be imported' });
  await preview.or(page.getByRole('alert')).first().waitFor({ timeout: 120_000 });
  if (!(await preview.isVisible()))
    throw new Error(`The import failed: ${await page.getByRole('alert').textContent()}`);
  const toPreview = Date.now() - started;
  const summary = await preview.getByRole('list').first().textContent({ timeout: 120_000 });
  await preview.getByRole('button', { name: /^Import / }).click();
  await page.getByRole('region', { name: 'Imported' }).waitFor({ timeout: 120_000 });
  const total = Date.now() - started;
  clearInterval(sampler);
  const done = await page
    .getByRole('region', { name: 'Imported' })
    .getByRole('status')
    .textContent({ timeout: 120_000 });
  // What is in the database afterwards: the figures are only worth something if it is all there.
  const stored = await readStores(page, ['facts', 'questions', 'log'], { count: true });
  console.log(
    slowed
      ? `\nThe whole browser held to 1/${THROTTLE} of one core (a cgroup), ${NOTES.toLocaleString('en')} notes:`
      : `\nThe page slowed ${THROTTLE}× (DevTools; the worker runs at full speed), ${NOTES.toLocaleString('en')} notes:`
  );
  console.log(`  preview: ${summary?.replace(/\s+/g, ' ').trim()}`);
  console.log(`  done: ${done?.replace(/\s+/g, ' ').trim()}`);
  console.log(
    `  stored: ${stored.facts} facts, ${stored.questions} questions, ${stored.log} log rows (built-in decks included)`
  );
  console.log(`  file chosen → preview shown: ${(toPreview / 1000).toFixed(1)} s`);
  console.log(
    `  file chosen → deck written:  ${(total / 1000).toFixed(1)} s (budget ${BUDGET_MS / 1000} s)`
  );
  console.log(
    `  peak renderer memory (RSS): ${peak ? `${Math.round(peak)} MB` : 'not measured here'}`
  );
  if (!slowed && THROTTLE > 1)
    console.log(
      `  estimate, the worker slowed ${THROTTLE}× too: ${((total * THROTTLE) / 1000).toFixed(1)} s`
    );
  failed = (slowed ? total : total * THROTTLE) > BUDGET_MS;
} finally {
  await browser.close();
  server.close();
  slowed?.remove();
}
if (failed) {
  console.error('\nOver budget.');
  process.exit(1);
}
