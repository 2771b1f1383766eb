/**
 * Making sure the built-in decks are in the learner's database: on first run and after an
 * app update that ships new or changed decks. Safe to call on every start: an unchanged
 * deck costs one read. In a browser the work runs in a Web Worker (install-decks.worker.ts),
 * so a first visit's writes never freeze the page; screens follow it through
 * `onInstallProgress`.
 */
import type { Clock } from '$lib/srs/clock';
import { CatalogError, loadDeck, loadDeckIndex } from './catalog';
import { systemClock } from './clock';
import type { InstallReport } from './install-decks';
import type { InstallMessage, InstallProgress, InstallRequest } from './install-progress';

export type { InstallProgress } from './install-progress';

let pending: Promise<InstallReport> | null = null;
let progress: InstallProgress | null = null;
const listeners = new Set<(progress: InstallProgress | null) => void>();

function report(next: InstallProgress | null): void {
  // Marks for benchmarks and tests: the install's span on the page's timeline.
  if (next?.done === 0) performance.mark('sd:decks-install-start');
  if (!next && progress) performance.mark('sd:decks-install-end');
  progress = next;
  for (const listener of listeners) listener(next);
}

/**
 * Calls `listener` now and whenever the install moves on: `done` of `total` decks, or null
 * when no install is running. Returns the function that stops listening.
 */
export function onInstallProgress(listener: (progress: InstallProgress | null) => void) {
  listeners.add(listener);
  listener(progress);
  return () => void listeners.delete(listener);
}

/** Installs what is new or changed; a deck installed now is dated by `clock`. */
export function ensureBuiltInDecks(clock: Clock = systemClock): Promise<InstallReport> {
  pending ??= install(clock.now())
    .finally(() => report(null))
    .catch((error) => {
      pending = null;
      throw error;
    });
  return pending;
}

function install(now: number): Promise<InstallReport> {
  if (typeof Worker === 'undefined') return installHere(now);
  return new Promise<InstallReport>((resolve, reject) => {
    const worker = new Worker(new URL('./install-decks.worker.ts', import.meta.url), {
      type: 'module'
    });
    worker.onmessage = (event: MessageEvent<InstallMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return report({ done: message.done, total: message.total });
      worker.terminate();
      if (message.type === 'done') resolve(message.report);
      else reject(new CatalogError(message.message));
    };
    // A browser that cannot start the worker still gets its decks, on this thread.
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      installHere(now).then(resolve, reject);
    };
    worker.postMessage({ now } satisfies InstallRequest);
  });
}

/** The same install on this thread, deck by deck, each deck its own transaction. */
async function installHere(now: number): Promise<InstallReport> {
  // Loaded here, not at the top: screens import this module at first paint, and the
  // database (Dexie) would come with it.
  const [{ installBuiltInDecks }, { database }] = await Promise.all([
    import('./install-decks'),
    import('$lib/db/db')
  ]);
  return installBuiltInDecks(
    database(),
    () => loadDeckIndex(),
    (id) => loadDeck(id),
    now,
    (done, total) => report({ done, total })
  );
}
