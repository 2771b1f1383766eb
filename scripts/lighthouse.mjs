// `npm run lighthouse [-- --runs N] [-- --only /path] [-- --save DIR] [-- --http1]`: a
// benchmark, not a test. Builds if needed, serves the production build on loopback over
// HTTP/2 with brotli (as static hosts serve it; a throwaway certificate the browser is told to
// accept) and runs Lighthouse (mobile, simulated throttling, its defaults) on every screen of
// the bottom navigation, a study session, a deck, a fact page, the statistics and the
// assignment builder. Each run starts a fresh Chromium profile: the first visit (storage
// empty, the decks install) is measured, then a warm visit in the same profile (service
// worker, decks and cache in place). Prints the median of N runs (default 3) per screen and
// visit, and exits non-zero when a median misses the targets of issue 14 (performance 95,
// TBT 150 ms, CLS 0.05, accessibility 100). `--save DIR` keeps each run's full report.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureBrowser, launchArgs } from './browser.mjs';
import { buildIfStale } from './build-if-stale.mjs';
import { loopbackCertificate, serve } from './serve.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
const runs = Number(argument('--runs', 3));
const only = argument('--only', null);
// `--save DIR` keeps every run's full report (JSON) there, to read where the time went.
const saveTo = argument('--save', null);

buildIfStale();
const index = JSON.parse(readFileSync('build/decks/index.json', 'utf8'));
const firstDeck = JSON.parse(readFileSync(`build/decks/${index.decks[0].id}.json`, 'utf8'));
const screens = [
  { name: 'Today', path: '/' },
  { name: 'Decks', path: '/decks' },
  { name: 'Practice', path: '/practice' },
  { name: 'Teach', path: '/teach' },
  { name: 'Settings', path: '/settings' },
  { name: 'Study session', path: '/study' },
  { name: 'Fact', path: `/decks/${firstDeck.id}/facts/${firstDeck.facts[0].id}` },
  // Reached from a screen above rather than from the navigation.
  { name: 'Deck', path: `/decks/${firstDeck.id}` },
  { name: 'Statistics', path: '/stats' },
  { name: 'New assignment', path: '/teach/new' }
].filter((s) => !only || s.path === only);

const targets = { performance: 95, tbt: 150, cls: 0.05, accessibility: 100 };

/** One Lighthouse run of `url` on the Chromium at `port`; `warm` keeps the profile's storage. */
async function measure(url, port, warm) {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      disableStorageReset: warm
    },
    undefined
  );
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
  if (saveTo) {
    mkdirSync(saveTo, { recursive: true });
    const name = `${new URL(url).pathname.replace(/\W+/g, '_') || '_'}-${warm ? 'warm' : 'first'}-${Date.now()}.json`;
    writeFileSync(join(saveTo, name), result.report);
  }
  return {
    performance: Math.round(categories.performance.score * 100),
    tbt: audits['total-blocking-time'].numericValue,
    lcp: audits['largest-contentful-paint'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    accessibility: Math.round(categories.accessibility.score * 100)
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Static hosts serve the app over HTTP/2: one connection carries every request at once.
// Over HTTP/1.1 a browser opens six connections and queues the rest, and Lighthouse's
// simulation charges each queued request a round trip of its slow network, so a screen's
// four dozen small chunks would cost it more than a learner's host ever would. `--http1`
// measures that way anyway.
const http1 = process.argv.includes('--http1');
const tls = http1 ? null : loopbackCertificate();
if (!http1 && !tls) console.warn('No openssl to make a certificate with: measuring over HTTP/1.1.');
const { server } = await serve({ port: 0, tls: tls ?? undefined });
const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
const results = [];
const started = Date.now();
try {
  for (const screen of screens) {
    const cold = [];
    const warm = [];
    for (let run = 0; run < runs; run++) {
      const profile = mkdtempSync(join(tmpdir(), 'sourcedeck-lighthouse-'));
      const chrome = await chromeLauncher.launch({
        chromePath: ensureBrowser(),
        chromeFlags: [
          '--headless=new',
          ...launchArgs,
          ...(tls ? ['--ignore-certificate-errors'] : [])
        ],
        userDataDir: profile
      });
      try {
        cold.push(await measure(origin + screen.path, chrome.port, false));
        warm.push(await measure(origin + screen.path, chrome.port, true));
      } finally {
        chrome.kill();
        rmSync(profile, { recursive: true, force: true });
      }
      process.stdout.write('.');
    }
    for (const [visit, samples] of [
      ['first visit', cold],
      ['warm', warm]
    ]) {
      const row = { screen: screen.name, path: screen.path, visit };
      for (const key of ['performance', 'tbt', 'lcp', 'cls', 'accessibility']) {
        row[key] = median(samples.map((s) => s[key]));
      }
      row.range = `${Math.min(...samples.map((s) => s.performance))}–${Math.max(...samples.map((s) => s.performance))}`;
      results.push(row);
    }
  }
} finally {
  server.close();
}

const misses = (r) =>
  [
    r.performance < targets.performance && 'performance',
    r.tbt > targets.tbt && 'TBT',
    r.cls > targets.cls && 'CLS',
    r.accessibility < targets.accessibility && 'accessibility'
  ].filter(Boolean);

console.log(
  `\n\nLighthouse ${JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')).version}, mobile, simulated throttling, served over ${tls ? 'HTTP/2 with brotli' : 'HTTP/1.1 with brotli'}; median of ${runs} run(s) per row, ${Math.round((Date.now() - started) / 1000)} s in all\n`
);
console.log(
  '| screen | visit | performance (range) | TBT | LCP | CLS | accessibility |\n|---|---|---|---|---|---|---|'
);
for (const r of results) {
  const flag = misses(r).length ? ` ✗ ${misses(r).join(', ')}` : '';
  console.log(
    `| ${r.screen} \`${r.path}\` | ${r.visit} | ${r.performance} (${r.range}) | ${Math.round(r.tbt)} ms | ${(r.lcp / 1000).toFixed(2)} s | ${r.cls.toFixed(3)} | ${r.accessibility}${flag} |`
  );
}
const failed = results.filter((r) => misses(r).length > 0);
if (failed.length > 0) {
  console.error(
    `\n${failed.length} row(s) miss a target (performance ≥ ${targets.performance}, TBT ≤ ${targets.tbt} ms, CLS ≤ ${targets.cls}, accessibility ${targets.accessibility}).`
  );
  process.exit(1);
}
console.log('\nEvery screen meets the targets.');
