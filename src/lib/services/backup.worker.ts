/**
 * Backups are written and restored here, off the main thread: this worker opens the same
 * Dexie database as the page. A restore is one transaction, so closing the page half-way
 * leaves the database as it was. Anki packages are written here too; their code and SQLite
 * load only when one is asked for.
 */
import { database } from '$lib/db/db';
import { createBackup, restoreBackup } from './backup';
import type { BackupReply, BackupRequest } from './backup-messages';
import { isStorageFull, writeFailureMessage } from './write-failure';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<BackupRequest>) => void) | null;
  postMessage(message: BackupReply, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data: request }) => {
  try {
    if (request.type === 'backup') {
      const clock = { now: () => request.now, tzOffset: () => 0 };
      const file = await createBackup(database(), clock, request.app);
      scope.postMessage({ type: 'backup', ...file }, [file.bytes.buffer]);
    } else if (request.type === 'anki') {
      const { exportDeckToAnki } = await import('./anki-export');
      const file = await exportDeckToAnki(database(), request.deckId, request.now);
      scope.postMessage({ type: 'anki', ...file }, [file.bytes.buffer]);
    } else {
      const outcome = await restoreBackup(database(), request.bytes, (stage) =>
        scope.postMessage({ type: 'stage', stage })
      );
      scope.postMessage({ type: 'restore', outcome });
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: describe(error) });
  }
};

function describe(error: unknown): string {
  return isStorageFull(error)
    ? writeFailureMessage(error)
    : `Something went wrong, and nothing was written: ${writeFailureMessage(error)}`;
}
