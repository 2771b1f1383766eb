import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { createRng } from '$lib/deck/rng';
import { BACKUP_TABLES, decodeBackup, encodeBackup } from '$lib/share/backup';
import { createBackup, readBackupData, restoreBackup } from './backup';
import { isStorageFull, writeFailureMessage } from './write-failure';
import { answerCurrent, changeRating, continueSession, startSession } from './session';
import {
  DAY,
  START,
  answerAll,
  deck,
  dropDatabase,
  makeClock,
  openStudyDatabase
} from './study-fixture';

const open: SourcedeckDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await dropDatabase(db);
});

async function profile(): Promise<SourcedeckDatabase> {
  const db = await openStudyDatabase();
  open.push(db);
  return db;
}

/** A profile with `days` days of seeded study and one of every other kind of record. */
async function studied(seed: number, days = 30): Promise<SourcedeckDatabase> {
  const db = await profile();
  const clock = makeClock();
  const rng = createRng(seed);
  for (let day = 0; day < days; day++) {
    // Each profile studies at its own moments (two devices never answer in the same ms).
    clock.set(START + day * DAY + Math.floor(rng() * 8) * 3_600_000 + seed * 1000);
    await answerAll(db, clock, rng() < 0.25 ? 1 : 3, 2 + Math.floor(rng() * 6));
  }
  // A learner who changes a rating there and back again: the same moment three times.
  clock.set(START + days * DAY + seed);
  await startSession(db, ['mini'], clock);
  await answerCurrent(db, { rating: 1, given: null, correct: false, durationMs: 4000 }, clock);
  await changeRating(db, 3, clock);
  await changeRating(db, 1, clock);
  await continueSession(db, clock);
  const at = START + days * DAY + seed;
  await db.decks.put({
    id: `own-${seed}`,
    title: 'My own deck <b>bold</b>',
    description: '',
    order: 50,
    topics: [],
    sources: [],
    contentHash: `h${seed}`,
    builtIn: false,
    installedAt: at,
    updatedAt: at
  });
  await db.facts.put({
    ...deck.facts[0]!,
    id: `own-${seed}-f1`,
    deckId: `own-${seed}`,
    retired: 0
  });
  await db.questions.put({
    ...deck.questions[0]!,
    id: `own-${seed}-q1`,
    deckId: `own-${seed}`,
    factId: `own-${seed}-f1`,
    factIds: [`own-${seed}-f1`]
  });
  await db.names.put({ deckId: `own-${seed}`, names: ['Pyongyang'] });
  await db.practice.add({
    mode: 'test',
    at,
    deckIds: ['mini'],
    kinds: ['choice'],
    durationMs: 60_000,
    limitMs: null,
    items: [],
    score: 0.5
  });
  const assignment = {
    id: `as-${seed}`,
    title: '<script>alert(1)</script>',
    className: '7B',
    deck: 'mini'
  } as never;
  await db.assignments.put({
    id: `as-${seed}`,
    assignment,
    student: 'Ana',
    acceptedAt: at,
    status: 'active'
  });
  await db.sent.put({ id: `sent-${seed}`, assignment, link: 'https://example.org/#sd1' });
  await db.reports.put({
    assignment: `sent-${seed}`,
    studentKey: 'ana',
    importedAt: at,
    student: 'Ana'
  } as never);
  return db;
}

/** Every table, record for record. */
async function snapshot(db: SourcedeckDatabase) {
  const tables: Record<string, unknown[]> = {};
  for (const name of BACKUP_TABLES) tables[name] = await db.table(name).toArray();
  return tables;
}

async function backup(db: SourcedeckDatabase): Promise<Uint8Array> {
  return (await createBackup(db, makeClock(START + 40 * DAY), 'test')).bytes;
}

describe('backup and restore', () => {
  it('gives back every table, record for record, in a profile that had nothing', async () => {
    const source = await studied(1);
    const file = await backup(source);
    const before = await snapshot(source);
    expect(before.log!.length).toBeGreaterThan(60);

    const target = await profile();
    const outcome = await restoreBackup(target, file);
    expect(outcome.ok).toBe(true);
    const after = await snapshot(target);
    for (const name of BACKUP_TABLES) {
      // The backup's own date is a setting of the device that made it.
      const strip = (rows: unknown[]) =>
        name === 'settings'
          ? rows.filter((r) => (r as { key: string }).key !== 'lastBackupAt')
          : rows;
      expect(strip(after[name]!), name).toEqual(strip(before[name]!));
    }
  });

  it('restoring the same file twice changes nothing the second time', async () => {
    const source = await studied(2, 10);
    const file = await backup(source);
    const target = await studied(3, 10);
    expect((await restoreBackup(target, file)).ok).toBe(true);
    const once = await snapshot(target);
    const again = await restoreBackup(target, file);
    expect(again).toMatchObject({ ok: true, summary: { added: {}, updated: {}, rebuilt: 0 } });
    expect(await snapshot(target)).toEqual(once);
  });

  it('merges two devices’ histories of the same deck both ways into the same log and cards', async () => {
    const a = await studied(4, 20);
    const b = await studied(5, 20);
    const fileA = await backup(a);
    const fileB = await backup(b);
    const intoA = await restoreBackup(a, fileB);
    const intoB = await restoreBackup(b, fileA);
    expect(intoA.ok && intoA.summary.added.log).toBeGreaterThan(0);
    expect(intoB.ok && intoB.summary.rebuilt).toBeGreaterThan(0);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(sa.log).toEqual(sb.log);
    expect(sa.cards).toEqual(sb.cards);
    const answers = (db: Record<string, unknown[]>) =>
      db.log!.filter((r) => (r as { type: string }).type === 'answer');
    expect(answers(sa).length).toBe(
      answers(await snapshot(await studied(4, 20))).length +
        answers(await snapshot(await studied(5, 20))).length
    );
    // Each card is what its merged history gives, whichever device it is read on.
    expect(sa.settings!.find((s) => (s as { key: string }).key === 'studyDays')).toEqual(
      sb.settings!.find((s) => (s as { key: string }).key === 'studyDays')
    );
  });

  it('says what was added, updated and kept', async () => {
    const a = await studied(6, 5);
    const file = await backup(a);
    const b = await studied(7, 5);
    const outcome = await restoreBackup(b, file);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary.added).toMatchObject({
      decks: 1,
      facts: 1,
      practice: 1,
      assignments: 1,
      sent: 1,
      reports: 1
    });
    expect(outcome.summary.added.log).toBeGreaterThan(0);
  });
});

describe('a full device', () => {
  const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('still hands over the whole backup when its date cannot be noted, and says so', async () => {
    const db = await studied(2, 5);
    const before = await snapshot(db);
    db.settings.hook('creating', () => {
      throw full();
    });
    db.settings.hook('updating', () => {
      throw full();
    });
    const file = await createBackup(db, makeClock(START + 40 * DAY), 'test');
    expect(file.dateNoted).toBe(false);
    const decoded = await decodeBackup(file.bytes);
    expect(decoded.ok && decoded.value.data.log.length).toBe(before.log!.length);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a restore that runs out of space writes nothing, and the error says the device is full', async () => {
    const file = await backup(await studied(3, 10));
    const target = await studied(4, 3);
    const before = await snapshot(target);
    target.cards.hook('updating', () => {
      throw full();
    });
    target.cards.hook('creating', () => {
      throw full();
    });
    const failure = await restoreBackup(target, file).then(
      () => null,
      (error: unknown) => error
    );
    expect(isStorageFull(failure)).toBe(true);
    expect(writeFailureMessage(failure)).toMatch(/out of storage space.*nothing was half-written/);
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('hostile files', () => {
  it('refuses a file from a newer app, another file and an altered one, and writes nothing', async () => {
    const db = await studied(8, 3);
    const before = await snapshot(db);
    const data = await readBackupData(db);
    const newer = gzipSync(JSON.stringify({ format: 'sourcedeck-backup', version: 99, data }));
    const outcomes = [
      await restoreBackup(db, new Uint8Array(newer)),
      await restoreBackup(db, new TextEncoder().encode('name,answer\nHo,Chi')),
      await restoreBackup(db, new Uint8Array(gzipSync('{"format":"other"}')))
    ];
    expect(outcomes.map((o) => !o.ok && o.error)).toEqual([
      expect.stringMatching(/newer version of Sourcedeck/),
      expect.stringMatching(/not a Sourcedeck backup/),
      expect.stringMatching(/not a Sourcedeck backup/)
    ]);
    // The sum is over the data: a changed answer fails it.
    const good = await encodeBackup(data, { app: 'test', createdAt: START });
    const text = (await decodeBackup(good)).ok ? JSON.stringify({ ...data }) : '';
    const tampered = gzipSync(
      `{"format":"sourcedeck-backup","version":1,"app":"x","createdAt":1,"checksum":"${'0'.repeat(64)}","data":${text}}`
    );
    const outcome = await restoreBackup(db, new Uint8Array(tampered));
    expect(!outcome.ok && outcome.error).toMatch(/damaged/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a file that unpacks beyond the limit without unpacking it all', async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(2_000_000, 32)));
    const read = await decodeBackup(bomb, { maxJsonBytes: 1_000_000 });
    expect(!read.ok && read.error).toMatch(/more than the app can read/);
  });

  it('1,000 random, cut and changed files: each a message, no throw, nothing written', async () => {
    const db = await studied(9, 3);
    const file = await backup(db);
    // The database already holds what the file holds: any file that reads as valid changes nothing.
    await restoreBackup(db, file);
    const before = await snapshot(db);
    const runs = { refused: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4000 }),
          fc.nat({ max: file.length - 1 }).map((n) => file.slice(0, n)),
          fc
            .tuple(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }))
            .map(([at, xor]) => {
              const copy = file.slice();
              copy[at] = copy[at]! ^ xor;
              return copy;
            })
        ),
        async (bytes) => {
          const outcome = await restoreBackup(db, bytes);
          if (outcome.ok) {
            runs.accepted++;
            expect(outcome.summary).toMatchObject({ added: {}, updated: {}, rebuilt: 0 });
          } else {
            runs.refused++;
            expect(outcome.error.length).toBeGreaterThan(20);
          }
        }
      ),
      { numRuns: 1000, seed: 20261203 }
    );
    expect(runs.refused).toBeGreaterThan(900);
    expect(await snapshot(db)).toEqual(before);
  });
});
