import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { getDeckSettings, saveDeckSettings } from './deck-settings';
import { DAY, START, answerAll, dropDatabase, makeClock, openStudyDatabase } from './study-fixture';
import { answerCurrent, changeRating, startSession, undoLastAnswer } from './session';
import { dismissBackupReminder, todayOverview } from './today';
import { createBackup } from './backup';
import { installDeck } from './install-decks';
import { saveStudyPlan } from './study-plan';
import { deck } from './study-fixture';

let db: SourcedeckDatabase;
beforeEach(async () => {
  db = await openStudyDatabase();
});
afterEach(() => dropDatabase(db));

describe('today', () => {
  it('counts due, new and studied cards, and respects the new-card limit', async () => {
    const clock = makeClock();
    await saveDeckSettings(db, 'mini', { ...(await getDeckSettings(db, 'mini')), newPerDay: 5 });
    let today = await todayOverview(db, clock);
    expect(today.total.newCards).toBe(5);
    expect(today.total.reviews).toBe(0);
    const { answered } = await answerAll(db, clock);
    expect(answered).toBe(10); // 5 new cards, 2 showings each
    today = await todayOverview(db, clock);
    expect(today.total.newCards).toBe(0);
    expect(today.total.studied).toBe(5);
    expect(today.streak).toEqual({ days: 1, studiedToday: true });

    clock.set(START + 2 * DAY);
    today = await todayOverview(db, clock);
    expect(today.total.reviews).toBe(5);
    expect(today.total.newCards).toBe(5);
  });

  it('counts a day in the streak only while one of its answers is kept', async () => {
    const clock = makeClock();
    await startSession(db, ['mini'], clock);
    const answer = { rating: 3, given: 'x', correct: true, durationMs: 2000 } as const;
    await answerCurrent(db, answer, clock);
    expect((await todayOverview(db, clock)).streak).toEqual({ days: 1, studiedToday: true });
    // A changed rating keeps the day: the answer is replaced, not taken back.
    await changeRating(db, 4, clock);
    expect((await todayOverview(db, clock)).streak).toEqual({ days: 1, studiedToday: true });
    await undoLastAnswer(db, clock);
    expect((await todayOverview(db, clock)).streak).toEqual({ days: 0, studiedToday: false });
    // Answered again, the day counts again.
    await answerCurrent(db, answer, clock);
    expect((await todayOverview(db, clock)).streak).toEqual({ days: 1, studiedToday: true });
  });

  it('shares the collection new-card limit among decks in order; a deck limit never raises it', async () => {
    const clock = makeClock();
    // A second deck after the first, with facts of its own.
    await installDeck(
      db,
      {
        ...deck,
        id: 'second',
        order: 2,
        facts: deck.facts.map((f) => ({ ...f, id: `second-${f.id}` })),
        questions: deck.questions.map((q) => ({
          ...q,
          id: `second-${q.id}`,
          factIds: q.factIds.map((id) => `second-${id}`)
        }))
      },
      clock.now()
    );
    await saveDeckSettings(db, 'mini', { ...(await getDeckSettings(db, 'mini')), newPerDay: 4 });
    await saveDeckSettings(db, 'second', {
      ...(await getDeckSettings(db, 'second')),
      newPerDay: 50
    });
    await saveStudyPlan(db, { newPerDay: 7 });
    let today = await todayOverview(db, clock);
    // Each row offers what studying that deck alone would bring; the day's total shares the
    // collection's limit among them in order.
    expect(today.decks.map((d) => [d.deck.id, d.newCards])).toEqual([
      ['mini', 4],
      ['second', 7]
    ]);
    expect(today.total.newCards).toBe(7);

    // A session over both decks meets exactly those new cards.
    const session = await startSession(db, ['mini', 'second'], clock);
    expect(session.total).toBe(7);

    // New cards done in one deck count against the collection for every deck.
    const { answered } = await answerAll(db, clock);
    expect(answered).toBeGreaterThan(0);
    today = await todayOverview(db, clock);
    expect(today.total.newCards).toBe(3);
    expect(today.decks.map((d) => d.newCards)).toEqual([0, 3]);
    const second = await startSession(db, ['second'], clock);
    expect(second.total).toBe(3);
  });
});

describe('the backup reminder', () => {
  it('comes after seven study days without a backup, and goes with a backup or “not now”', async () => {
    const clock = makeClock();
    for (let day = 0; day < 6; day++) {
      clock.set(START + day * DAY);
      await answerAll(db, clock, 3, 1);
    }
    expect((await todayOverview(db, clock)).backupReminder).toBe(0);
    clock.set(START + 6 * DAY);
    await answerAll(db, clock, 3, 1);
    expect((await todayOverview(db, clock)).backupReminder).toBe(7);

    await dismissBackupReminder(db, clock);
    expect((await todayOverview(db, clock)).backupReminder).toBe(0);
    for (let day = 7; day < 14; day++) {
      clock.set(START + day * DAY);
      await answerAll(db, clock, 3, 1);
    }
    expect((await todayOverview(db, clock)).backupReminder).toBe(7);

    await createBackup(db, clock, 'test');
    expect((await todayOverview(db, clock)).backupReminder).toBe(0);
  });
});
