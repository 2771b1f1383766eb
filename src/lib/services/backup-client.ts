/**
 * The page's side of backups: each backup or restore runs in its own worker
 * (backup.worker.ts), so a large history never freezes the screen. The backup code itself
 * loads only there, never with a screen.
 */
import { getSetting, type SourcedeckDatabase } from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { onAppDatabase } from './app-database';
import { systemClock } from './clock';
import type { RestoreOutcome } from './backup';
import type { BackupReply, BackupRequest } from './backup-messages';

function run(request: BackupRequest, onReply: (reply: BackupReply) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<BackupReply>) => {
      if (event.data.type === 'failed') {
        worker.terminate();
        reject(new Error(event.data.message));
      } else if (onReply(event.data)) {
        worker.terminate();
        resolve();
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error('This could not start in this browser: it needs Web Workers.'));
    };
    worker.postMessage(request);
  });
}

/** Writes the backup file's bytes and its name. */
export async function makeBackup(clock: Clock, app: string) {
  type File = { bytes: Uint8Array; fileName: string; dateNoted: boolean };
  let file: File | null = null;
  await run({ type: 'backup', now: clock.now(), app }, (reply) => {
    if (reply.type !== 'backup') return false;
    file = { bytes: reply.bytes, fileName: reply.fileName, dateNoted: reply.dateNoted };
    return true;
  });
  return file! as File;
}

/** A deck as an Anki package: its bytes, file name, and how many notes and review rows it holds. */
export async function makeAnkiPackage(deckId: string, clock: Clock = systemClock) {
  let file: { bytes: Uint8Array; fileName: string; notes: number; reviews: number } | null = null;
  await run({ type: 'anki', deckId, now: clock.now() }, (reply) => {
    if (reply.type !== 'anki') return false;
    const { bytes, fileName, notes, reviews } = reply;
    file = { bytes, fileName, notes, reviews };
    return true;
  });
  return file! as { bytes: Uint8Array; fileName: string; notes: number; reviews: number };
}

/** Restores a file, telling `onStage` what it is doing. */
export async function restoreFile(
  bytes: Uint8Array,
  onStage: (stage: 'reading' | 'merging' | 'done') => void
): Promise<RestoreOutcome> {
  let outcome: RestoreOutcome | null = null;
  await run({ type: 'restore', bytes }, (reply) => {
    if (reply.type === 'stage') onStage(reply.stage);
    if (reply.type !== 'restore') return false;
    outcome = reply.outcome;
    return true;
  });
  return outcome! as RestoreOutcome;
}

/** When this device last wrote a backup, if ever. */
export async function lastBackupAt(db: SourcedeckDatabase): Promise<number | null> {
  return (await getSetting(db, 'lastBackupAt')) ?? null;
}

export const backupStatus = /* @__PURE__ */ onAppDatabase({ lastBackupAt });
