// fsrs-browser (fsrs-rs compiled to WebAssembly, the optimiser the app runs in a worker)
// loaded in Node, for `npm run eval:scheduler` and the unit tests. It is built for browsers:
// its thread-pool helper listens on `self` when loaded, so a stand-in is given; no pool is
// started, and the fit runs on one thread, as in the app.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The optimiser: FSRS-6 parameters fitted to training items (see src/lib/srs/optimise.ts).
 * @returns {Promise<(items: { ratings: Uint32Array, deltas: Uint32Array, lengths: Uint32Array }) => Float32Array>}
 */
export async function loadFsrsOptimiser() {
  const scope = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  scope.self ??= { addEventListener() {}, removeEventListener() {} };
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('fsrs-browser/package.json'));
  const { initSync, Fsrs } = await import(pathToFileURL(join(dir, 'fsrs_browser.js')).href);
  initSync({ module: readFileSync(join(dir, 'fsrs_browser_bg.wasm')) });
  return (items) => {
    // fsrs-rs prints each epoch's loss: kept out of the output.
    const { log, info } = console;
    console.log = console.info = () => {};
    try {
      return new Fsrs().computeParameters(items.ratings, items.deltas, items.lengths, null, true);
    } finally {
      Object.assign(console, { log, info });
    }
  };
}
