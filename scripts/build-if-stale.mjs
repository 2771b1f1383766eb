// Builds the app when build/ is missing or older than the sources (or when forced), for
// the scripts that measure the production build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds unless build/ is newer than src/ and decks/; exits the process if the build fails. */
export function buildIfStale({ root = 'build', force = false } = {}) {
  const stale =
    !existsSync(join(root, 'index.html')) ||
    Math.max(newestMtime('src'), existsSync('decks') ? newestMtime('decks') : 0) >
      statSync(join(root, 'index.html')).mtimeMs;
  if (!stale && !force) return;
  console.log('Building first (the build is missing or older than the sources)…');
  const result = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
