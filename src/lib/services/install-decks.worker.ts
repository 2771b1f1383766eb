/**
 * The built-in decks are installed here, off the main thread: this worker opens the same
 * Dexie database as the page, fetches the deck files (through the service worker when
 * offline) and writes one deck per transaction, telling the page how far it got. A page
 * closed half-way loses nothing: the decks written stay, the next start writes the rest.
 */
import { database } from '$lib/db/db';
import { loadDeck, loadDeckIndex } from './catalog';
import { installBuiltInDecks } from './install-decks';
import type { InstallMessage, InstallRequest } from './install-progress';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<InstallRequest>) => void) | null;
  postMessage(message: InstallMessage): void;
};

scope.onmessage = async (event) => {
  try {
    const report = await installBuiltInDecks(
      database(),
      () => loadDeckIndex(),
      (id) => loadDeck(id),
      event.data.now,
      (done, total) => scope.postMessage({ type: 'progress', done, total })
    );
    scope.postMessage({ type: 'done', report });
  } catch (error) {
    scope.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error)
    });
  }
};
