// Finds a Chromium for the end-to-end tests, and installs one when asked to.
// Order: $CHROME_PATH, Debian's /usr/bin/chromium, Playwright's own browser cache;
// otherwise install Debian's chromium (as root on Debian) or Playwright's build.
import { existsSync, readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from '@playwright/test';

/** Flags that keep a headless Chromium quiet on a closed network and inside containers. */
export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

const debianPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** @returns {string | null} the path of a usable Chromium, or null when there is none */
export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  for (const path of debianPaths) if (existsSync(path)) return path;
  try {
    const cached = chromium.executablePath();
    if (cached && existsSync(cached)) return cached;
  } catch {
    // Playwright throws when its browser registry has no entry for this platform.
  }
  return null;
}

function isDebianRoot() {
  return (
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    existsSync('/etc/debian_version') &&
    existsSync('/usr/bin/apt-get')
  );
}

function run(command) {
  console.log(`$ ${command}`);
  execSync(command, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  });
}

/** Finds a browser or installs one; exits the process with a clear message if neither works. */
export function ensureBrowser() {
  let found = findBrowser();
  if (found) return found;
  const attempts = [];
  if (isDebianRoot()) {
    attempts.push(() => run('apt-get update -qq && apt-get install -y -qq chromium'));
  }
  attempts.push(() => run('npx playwright install chromium'));
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (error) {
      console.warn(
        `Browser install step failed: ${error instanceof Error ? error.message : error}`
      );
    }
    found = findBrowser();
    if (found) return found;
  }
  const os = existsSync('/etc/os-release')
    ? readFileSync('/etc/os-release', 'utf8').split('\n')[0]
    : process.platform;
  console.error(
    [
      'No Chromium found for the end-to-end tests, and installing one did not work.',
      `System: ${os}.`,
      'Fix one of these and run the tests again:',
      '  - set CHROME_PATH to a Chromium or Chrome binary;',
      '  - on Debian or Ubuntu: sudo apt-get install chromium;',
      '  - elsewhere: npx playwright install chromium.'
    ].join('\n')
  );
  process.exit(1);
}

/**
 * Reads the app's database from inside `page`, in one read transaction: each named store's
 * rows, or with `{ count: true }` how many it holds. For the benchmarks, which check that
 * what they measured is all there.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} names
 * @returns {Promise<Record<string, any>>}
 */
export function readStores(page, names, { count = false } = {}) {
  return page.evaluate(
    ({ names, count }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sourcedeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(names, 'readonly');
          const out = {};
          for (const name of names) {
            const store = tx.objectStore(name);
            const request = count ? store.count() : store.getAll();
            request.onsuccess = () => (out[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => {
            db.close();
            reject(tx.error);
          };
        };
      }),
    { names, count }
  );
}
