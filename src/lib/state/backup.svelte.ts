import { backupStatus, makeBackup, restoreFile } from '$lib/services/backup-client';
import type { RestoreSummary } from '$lib/services/backup';
import { systemClock } from '$lib/services/clock';
import type { BackupTable } from '$lib/share/backup';
import type { Clock } from '$lib/srs/clock';

const NAMES: Partial<Record<BackupTable, [string, string]>> = {
  log: ['answer', 'answers'],
  decks: ['deck', 'decks'],
  facts: ['fact', 'facts'],
  questions: ['question', 'questions'],
  cards: ['card', 'cards'],
  settings: ['setting', 'settings'],
  practice: ['practice result', 'practice results'],
  assignments: ['assignment', 'assignments'],
  sent: ['sent assignment', 'sent assignments'],
  reports: ['class report', 'class reports'],
  sessions: ['study session', 'study sessions']
};

/** "143 answers, 1 deck", or null when there is nothing. */
function list(counts: RestoreSummary['added']): string | null {
  const parts = Object.entries(counts).flatMap(([table, n]) => {
    const name = NAMES[table as BackupTable];
    return name && n ? [`${n} ${n === 1 ? name[0] : name[1]}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : null;
}

/** What a restore did, in sentences: added, updated, kept. */
export function describeRestore(summary: RestoreSummary): string[] {
  const lines = [
    list(summary.added) && `Added: ${list(summary.added)}.`,
    list(summary.updated) && `Updated from the file: ${list(summary.updated)}.`,
    list(summary.kept) && `Kept as they were on this device: ${list(summary.kept)}.`,
    summary.rebuilt > 0 &&
      `${summary.rebuilt} ${summary.rebuilt === 1 ? 'card was' : 'cards were'} rescheduled from the merged history.`
  ].filter((line): line is string => typeof line === 'string');
  return lines.length > 0
    ? lines
    : ['Nothing new: this device already had everything in the file.'];
}

const STAGES = { reading: 'Checking the file…', merging: 'Restoring…', done: 'Restored.' };

/** The Settings section for backups: making one, restoring one, and when the last was made. */
export class BackupState {
  lastBackupAt = $state<number | null>(null);
  busy = $state(false);
  /** The progress line while working. */
  stage = $state<string | null>(null);
  error = $state<string | null>(null);
  result = $state<string[] | null>(null);
  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async load(): Promise<void> {
    this.lastBackupAt = await backupStatus.lastBackupAt();
  }

  /** Makes the file and hands it to `save` (the screen downloads it). */
  async backUp(save: (bytes: Uint8Array, fileName: string) => void): Promise<void> {
    this.#start('Writing the backup…');
    try {
      const { bytes, fileName, dateNoted } = await makeBackup(this.#clock, __APP_VERSION__);
      save(bytes, fileName);
      this.result = [`Saved ${fileName}. Keep it somewhere other than this device.`];
      if (!dateNoted)
        this.result.push(
          'This device is out of storage space, so the date of this backup could not be noted here. Free some space.'
        );
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.#end();
    }
  }

  async restore(file: File): Promise<void> {
    this.#start(STAGES.reading);
    try {
      const outcome = await restoreFile(
        new Uint8Array(await file.arrayBuffer()),
        (stage) => (this.stage = STAGES[stage])
      );
      if (outcome.ok) this.result = describeRestore(outcome.summary);
      else this.error = outcome.error;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.#end();
    }
  }

  #start(stage: string) {
    this.busy = true;
    this.stage = stage;
    this.error = null;
    this.result = null;
  }

  #end() {
    this.busy = false;
    this.stage = null;
  }
}
