/**
 * Backing up everything this device keeps into one file, and restoring one: into an empty
 * profile it gives back exactly what was saved; into one with data it merges. The review
 * log is a union (by each answer's key) and a card whose history grew is rebuilt from the
 * merged log; other records are added when missing, and where both sides have one the newer
 * wins where the record says when it changed (own decks, reports), else the one here is
 * kept. One transaction: a restore that fails writes nothing.
 */
import {
  getSetting,
  putSetting,
  type AnswerLogRecord,
  type CardRecord,
  type LogRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import {
  BACKUP_TABLES,
  backupFileName,
  decodeBackup,
  encodeBackup,
  logKeys,
  sameMomentOrder,
  mergeLogs,
  type BackupData,
  type BackupLogEntry,
  type BackupRecord,
  type BackupTable
} from '$lib/share/backup';
import type { Clock } from '$lib/srs/clock';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler } from '$lib/srs/scheduler';
import { getDeckSettings } from './deck-settings';
import { countingAnswers } from './study-day';
import { isStorageFull } from './write-failure';

/** What a restore did, per kind of record. */
export interface RestoreSummary {
  added: Partial<Record<BackupTable, number>>;
  updated: Partial<Record<BackupTable, number>>;
  kept: Partial<Record<BackupTable, number>>;
  /** Cards whose state was rebuilt from the merged log. */
  rebuilt: number;
}

export type RestoreOutcome = { ok: true; summary: RestoreSummary } | { ok: false; error: string };

function tables(db: SourcedeckDatabase) {
  return BACKUP_TABLES.map((name) => db.table(name));
}

/**
 * This device's log rows, in the order written, as a backup holds them: without their row
 * numbers, each with its key and place among rows of the same moment, an undo pointing at
 * the key of the answer it takes back.
 */
function keyedLog(log: LogRecord[]): BackupLogEntry[] {
  const keys = logKeys(log);
  const seq = sameMomentOrder(log);
  const keyOfId = new Map(log.map((row, i) => [row.id!, keys[i]!]));
  return log.map((row, i): BackupLogEntry => {
    if (row.type === 'undo') {
      const { id: _id, undoes, ...undo } = row;
      return { ...undo, key: keys[i]!, seq: seq[i]!, undoesKey: keyOfId.get(undoes) ?? '' };
    }
    const { id: _id, ...answer } = row;
    return { ...answer, key: keys[i]!, seq: seq[i]! } as BackupLogEntry;
  });
}

/** Everything on this device, as a backup file's data. Built-in decks' content is not copied: the app has it. */
export async function readBackupData(db: SourcedeckDatabase): Promise<BackupData> {
  return db.transaction('r', tables(db), async () => {
    const decks = await db.decks.toArray();
    const own = new Set(decks.filter((d) => !d.builtIn).map((d) => d.id));
    const ofOwn = <T extends { deckId: string }>(rows: T[]) =>
      rows.filter((r) => own.has(r.deckId));
    return {
      decks,
      facts: ofOwn(await db.facts.toArray()),
      questions: ofOwn(await db.questions.toArray()),
      names: ofOwn(await db.names.toArray()),
      cards: await db.cards.toArray(),
      log: keyedLog(await db.log.toArray()),
      settings: await db.settings.toArray(),
      practice: (await db.practice.toArray()).map(({ id: _id, ...rest }) => rest),
      assignments: await db.assignments.toArray(),
      sent: await db.sent.toArray(),
      reports: await db.reports.toArray(),
      sessions: await db.sessions.toArray()
    } as unknown as BackupData;
  });
}

/**
 * Writes the backup file and notes when it was made. A full device is when a backup matters
 * most: when the date cannot be noted for want of space, the file is still handed over and
 * `dateNoted` says the date was not kept.
 */
export async function createBackup(
  db: SourcedeckDatabase,
  clock: Clock,
  app: string
): Promise<{ bytes: Uint8Array; fileName: string; dateNoted: boolean }> {
  const data = await readBackupData(db);
  const createdAt = clock.now();
  const bytes = await encodeBackup(data, { app, createdAt });
  let dateNoted = true;
  try {
    await putSetting(db, 'lastBackupAt', createdAt);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    dateNoted = false;
  }
  return { bytes, fileName: backupFileName(createdAt), dateNoted };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** A record here against one from a file, which carries no row number of this device. */
const sameRecord = (here: BackupRecord, file: BackupRecord) => {
  if ('id' in file || typeof here.id !== 'number') return same(here, file);
  const { id: _id, ...rest } = here;
  return same(rest, file);
};

/**
 * Restores a backup file into this device's database (see the module comment). `onStage`
 * hears what is being done, for a progress line.
 */
export async function restoreBackup(
  db: SourcedeckDatabase,
  bytes: Uint8Array,
  onStage: (stage: 'reading' | 'merging' | 'done') => void = () => {}
): Promise<RestoreOutcome> {
  onStage('reading');
  const read = await decodeBackup(bytes);
  if (!read.ok) return read;
  const incoming = read.value.data;
  onStage('merging');
  const summary: RestoreSummary = { added: {}, updated: {}, kept: {}, rebuilt: 0 };
  const count = (kind: 'added' | 'updated' | 'kept', table: BackupTable, n = 1) => {
    if (n > 0) summary[kind][table] = (summary[kind][table] ?? 0) + n;
  };

  await db.transaction('rw', tables(db), async () => {
    // Records known by a key: add what is missing; where both have one, `newer` says
    // whether the file's replaces this device's (undefined: keep this device's).
    const byKey = async (
      name: BackupTable,
      key: (r: BackupRecord) => string,
      newer?: (file: BackupRecord, here: BackupRecord) => boolean,
      { quiet = false, rows = incoming[name] as BackupRecord[] } = {}
    ) => {
      const store = db.table(name);
      const here = new Map((await store.toArray()).map((r: BackupRecord) => [key(r), r]));
      const put: BackupRecord[] = [];
      for (const row of rows) {
        const mine = here.get(key(row));
        if (!mine) {
          put.push(row);
          if (!quiet) count('added', name);
        } else if (!sameRecord(mine, row)) {
          if (newer?.(row, mine)) {
            put.push(row);
            if (!quiet) count('updated', name);
          } else if (!quiet) count('kept', name);
        }
      }
      await store.bulkPut(put);
      return new Set(put.map(key));
    };
    const updatedAt = (r: BackupRecord) => Number(r.updatedAt ?? 0);

    // Decks: built-in ones are the app's; an own deck's newer version brings its facts.
    const newerDecks = await byKey(
      'decks',
      (r) => String(r.id),
      (file, here) => updatedAt(file) > updatedAt(here),
      {
        rows: incoming.decks.filter((d) => !d.builtIn)
      }
    );
    for (const name of ['facts', 'questions', 'names'] as const) {
      const rows = (incoming[name] as BackupRecord[]).filter((r) =>
        newerDecks.has(String(r.deckId))
      );
      if (name !== 'names') {
        for (const deckId of newerDecks)
          await db.table(name).where('deckId').equals(deckId).delete();
      }
      await db.table(name).bulkPut(rows);
      count('added', name, rows.length);
    }

    // The log: a union by key, renumbered in time order when both sides have answers.
    const hereLog = await db.log.toArray();
    const hereKeyed = keyedLog(hereLog);
    const known = new Set(hereKeyed.map((r) => r.key));
    const fresh = incoming.log.filter((r) => !known.has(r.key));
    count('added', 'log', fresh.length);
    const grown = new Set(fresh.map((r) => r.factId));
    if (fresh.length > 0) {
      // Into an empty log the file's rows go as they were written there (an undo and the
      // answer that replaced it keep their order); else both logs are merged in time order.
      const merged =
        hereLog.length === 0
          ? incoming.log.filter((row) => !known.has(row.key) && Boolean(known.add(row.key)))
          : mergeLogs(hereKeyed, incoming.log);
      const idOfKey = new Map<string, number>();
      merged.forEach((row, i) => idOfKey.set(row.key, i + 1));
      const rows = merged.map((row): LogRecord => {
        const { key: _key, seq: _seq, undoesKey, ...rest } = row;
        const id = idOfKey.get(row.key)!;
        return (
          row.type === 'undo'
            ? { ...rest, id, undoes: idOfKey.get(undoesKey ?? '') ?? -1 }
            : { ...rest, id }
        ) as LogRecord;
      });
      await db.log.clear();
      await db.log.bulkAdd(rows);
    }
    // A session points at log rows by number: one in progress here ends when the numbers
    // change, and the file's comes only into a device that had no log of its own.
    const renumbered = fresh.length > 0 && hereLog.length > 0;
    if (renumbered) await db.sessions.clear();

    // Settings: study days and the review-soon list are unions; the rest stays as here.
    // Before the cards: a card is replayed with its deck's options and the collection's
    // fitted FSRS parameters, which a restore into an empty browser brings from the file.
    const days = new Set([
      ...((await getSetting(db, 'studyDays')) ?? []),
      ...((incoming.settings.find((s) => s.key === 'studyDays')?.value as number[]) ?? [])
    ]);
    const soon = new Set([
      ...((await getSetting(db, 'reviewSoon')) ?? []),
      ...((incoming.settings.find((s) => s.key === 'reviewSoon')?.value as string[]) ?? [])
    ]);
    await byKey('settings', (r) => String(r.key));
    if (days.size > 0)
      await putSetting(
        db,
        'studyDays',
        [...days].sort((a, b) => a - b)
      );
    if (soon.size > 0) await putSetting(db, 'reviewSoon', [...soon]);

    // Cards: missing ones come from the file; one whose history grew is replayed from it.
    // Cards follow the log: a card never studied here takes the file's; the others are
    // rebuilt below where their history grew. No news either way, so nothing is counted.
    const studiedHere = new Set(hereLog.map((r) => r.factId));
    await byKey(
      'cards',
      (r) => String(r.factId),
      (_file, here) => !studiedHere.has(String(here.factId)),
      {
        quiet: true
      }
    );
    for (const factId of grown) {
      const card = await db.cards.get(factId);
      if (!card) continue;
      const history = countingAnswers(await db.log.where('factId').equals(factId).toArray());
      const settings = await getDeckSettings(db, card.deckId);
      const memory = replayLog(createScheduler(settings), history, card.createdAt);
      const last = history.reduce<AnswerLogRecord | undefined>(
        (latest, a) => (!latest || a.at >= latest.at ? a : latest),
        undefined
      );
      const rebuilt: CardRecord = {
        ...card,
        memory,
        due: memory.due,
        state: memory.state,
        ...(last ? { lastKind: last.kind } : {})
      };
      if (!same(rebuilt, card)) {
        await db.cards.put(rebuilt);
        summary.rebuilt++;
      }
    }

    await byKey('practice', (r) => `${String(r.mode)}|${Number(r.at)}`);
    await byKey('assignments', (r) => String(r.id));
    await byKey('sent', (r) => String(r.id));
    await byKey(
      'reports',
      (r) => `${String(r.assignment)}|${String(r.studentKey)}`,
      (file, here) => Number(file.importedAt) > Number(here.importedAt)
    );
    if (hereLog.length === 0) await byKey('sessions', (r) => String(r.id));
  });
  onStage('done');
  return { ok: true, summary };
}
