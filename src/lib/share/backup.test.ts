import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler } from '$lib/srs/scheduler';
import { DEFAULT_DECK_SETTINGS, type Rating } from '$lib/srs/types';
import {
  BACKUP_TABLES,
  backupFileName,
  decodeBackup,
  encodeBackup,
  logKeys,
  mergeLogs,
  type BackupLogEntry
} from './backup';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 9);

/**
 * A random history: answers to a few facts over 90 days, some seen by both devices. One
 * answer is one moment: the same fact at the same minute is the same answer, same rating.
 */
const answer = fc
  .record({ fact: fc.constantFrom('f1', 'f2', 'f3'), minute: fc.nat({ max: 60 * 24 * 90 }) })
  .map(({ fact, minute }): BackupLogEntry => {
    const at = START + minute * 60_000;
    const rating = (1 + ((minute * 7 + fact.charCodeAt(1)) % 4)) as Rating;
    const row = { type: 'answer' as const, factId: fact, deckId: 'd', questionId: `${fact}-q`, at };
    return { ...row, key: logKeys([{ ...row, rating }])[0]!, day: Math.floor(at / DAY), rating };
  });
const history = fc.array(answer, { maxLength: 40 });

/** Each fact's memory after replaying its merged answers. */
function memories(log: BackupLogEntry[]) {
  const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);
  return Object.fromEntries(
    ['f1', 'f2', 'f3'].map((fact) => [
      fact,
      replayLog(
        scheduler,
        log.filter((r) => r.factId === fact).map((r) => ({ at: r.at, rating: r.rating as Rating })),
        START
      )
    ])
  );
}

describe('merging two devices’ logs', () => {
  it('is order-independent and idempotent, and so are the card states replayed from it', () => {
    fc.assert(
      fc.property(history, history, history, (shared, a, b) => {
        const one = [...shared, ...a];
        const two = [...b, ...shared];
        const ab = mergeLogs(one, two);
        const ba = mergeLogs(two, one);
        expect(ab).toEqual(ba);
        expect(mergeLogs(ab, two)).toEqual(ab);
        expect(mergeLogs(ab, ab)).toEqual(ab);
        // Every answer of either side, once.
        expect(new Set(ab.map((r) => r.key))).toEqual(new Set([...one, ...two].map((r) => r.key)));
        expect(memories(ab)).toEqual(memories(ba));
      }),
      { numRuns: 300, seed: 7 }
    );
  });

  it('names the file by its date', () => {
    expect(backupFileName(Date.UTC(2026, 11, 3, 23, 59))).toBe(
      'sourcedeck-backup-2026-12-03.json.gz'
    );
  });
});

describe('log keys', () => {
  it('tell apart an answer re-rated back to its first rating, and never depend on row numbers', () => {
    const answer = (rating: number) => ({
      type: 'answer',
      factId: 'f',
      at: 5,
      questionId: 'q',
      rating
    });
    const undo = { type: 'undo', factId: 'f', at: 9 };
    const keys = logKeys([answer(1), undo, answer(3), undo, answer(1)]);
    expect(new Set(keys).size).toBe(5);
    expect(keys[0]).not.toBe(keys[4]);
    expect(logKeys([answer(1), undo, answer(3)])).toEqual(keys.slice(0, 3));
  });
});

describe('bytes in a backup', () => {
  it('a picture of an imported card comes back as the same bytes', async () => {
    const data = {
      ...Object.fromEntries(BACKUP_TABLES.map((t) => [t, []])),
      facts: [
        {
          id: 'mine-1-a',
          deckId: 'mine-1',
          image: { type: 'image/png', data: new Uint8Array([137, 80, 78, 71, 0, 255]) }
        }
      ]
    };
    const file = await encodeBackup(data as never, { app: 'test', createdAt: 1 });
    const read = await decodeBackup(file);
    expect(read.ok).toBe(true);
    const fact = (read.ok ? read.value.data.facts[0] : null) as { image: { data: unknown } };
    expect(fact.image.data).toBeInstanceOf(Uint8Array);
    expect([...(fact.image.data as Uint8Array)]).toEqual([137, 80, 78, 71, 0, 255]);
  });
});
