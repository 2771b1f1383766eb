import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { CardState } from '$lib/srs/types';
import {
  answerCurrent,
  changeRating,
  continueSession,
  loadShownCard,
  startSession,
  undoLastAnswer,
  StaleSessionError
} from './session';
import { DAY, START, answerAll, dropDatabase, makeClock, openStudyDatabase } from './study-fixture';
import { rebuildCardFromLog } from './study-log';
import { installDeck } from './install-decks';
import { miniDeckFile } from '$lib/deck/fixtures/mini-deck';

let db: SourcedeckDatabase;
beforeEach(async () => {
  db = await openStudyDatabase();
});
afterEach(() => dropDatabase(db));

describe('answering', () => {
  it('writes the card and the log entry together, and the card can be rebuilt from the log', async () => {
    const clock = makeClock();
    await answerAll(db, clock);
    clock.set(START + 3 * DAY);
    await answerAll(db, clock, 1);
    for (const card of await db.cards.toArray()) {
      expect(await rebuildCardFromLog(db, card.factId)).toEqual(card.memory);
    }
  });

  it('leaves nothing behind when the transaction fails', async () => {
    const clock = makeClock();
    await startSession(db, ['mini'], clock);
    const before = { cards: await db.cards.toArray(), log: await db.log.count() };
    const broken = {
      ...clock,
      tzOffset: () => {
        throw new Error('clock failure');
      }
    };
    await expect(
      answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, broken)
    ).rejects.toThrow('clock failure');
    expect(await db.cards.toArray()).toEqual(before.cards);
    expect(await db.log.count()).toBe(before.log);
  });

  it('changes a rating by appending, and the card follows the new rating', async () => {
    const clock = makeClock();
    await startSession(db, ['mini'], clock);
    const session = await answerCurrent(
      db,
      { rating: 1, given: 'x', correct: false, durationMs: 3000 },
      clock
    );
    const factId = session.feedback!.factId;
    const again = (await db.cards.get(factId))!.memory;
    await changeRating(db, 3, clock);
    const good = (await db.cards.get(factId))!.memory;
    expect(good.due).toBeGreaterThan(again.due);
    expect(await db.log.count()).toBe(3); // answer, undo, answer
    expect(await rebuildCardFromLog(db, factId)).toEqual(good);
  });

  it('undoes the last answer: the card returns to its earlier state and is asked again', async () => {
    const clock = makeClock();
    const first = await startSession(db, ['mini'], clock);
    const factId = first.current!.factId;
    const before = (await db.cards.get(factId))!.memory;
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
    await continueSession(db, clock);
    const undone = await undoLastAnswer(db, clock);
    expect(undone?.current?.factId).toBe(factId);
    expect((await db.cards.get(factId))!.memory).toEqual(before);
    expect(undone?.answered).toBe(0);
    expect(await rebuildCardFromLog(db, factId)).toEqual(before);
  });
});

describe('sessions', () => {
  it('resumes the same session with the same card after a reload', async () => {
    const clock = makeClock();
    await startSession(db, ['mini'], clock);
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
    const saved = await continueSession(db, clock);
    const resumed = await startSession(db, ['mini'], clock);
    expect(resumed).toEqual(saved);
    const shown = await loadShownCard(db, resumed, clock);
    expect(shown?.fact.id).toBe(saved.current?.factId);
    expect(shown?.preview[4]).toBeGreaterThan(shown!.preview[1]);
  });

  it('brings learning cards back in the session and never asks a fact twice in a row', async () => {
    const clock = makeClock();
    let session = await startSession(db, ['mini'], clock);
    const seen: string[] = [];
    while (session.current && seen.length < 80) {
      seen.push(session.current.factId);
      await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
      clock.advance(2 * 60_000);
      session = await continueSession(db, clock);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]);
    // Good on a new card skips the 1 m step to the 10 m one, then graduates: two showings.
    const counts = new Map<string, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    for (const card of await db.cards.toArray()) expect(card.state).toBe(CardState.Review);
  });

  it('refuses an answer from a tab whose screen is behind the shared session, writing nothing', async () => {
    const clock = makeClock();
    const seen = await startSession(db, ['mini'], clock);
    // The other tab answers and moves on.
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
    await continueSession(db, clock);
    const logBefore = await db.log.count();
    await expect(
      answerCurrent(db, { rating: 1, given: 'x', correct: false, durationMs: 1 }, clock, {
        questionId: seen.current!.questionId
      })
    ).rejects.toBeInstanceOf(StaleSessionError);
    expect(await db.log.count()).toBe(logBefore);
  });

  it('skips a card answered meanwhile in another tab', async () => {
    const clock = makeClock();
    const session = await startSession(db, ['mini'], clock);
    const next = session.planned[0]!;
    // Another tab answers `next` directly.
    const card = (await db.cards.get(next))!;
    await db.cards.put({
      ...card,
      memory: {
        ...card.memory,
        lastReview: clock.now() + 1,
        state: CardState.Review,
        due: clock.now() + 5 * DAY
      },
      state: CardState.Review
    });
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
    clock.advance(1000);
    const after = await continueSession(db, clock);
    expect(after.current?.factId).not.toBe(next);
  });
});

describe('a typed card', () => {
  it('comes with the names of every installed deck, so a typo close to one of them fails', async () => {
    const clock = makeClock();
    const session = await startSession(db, ['mini'], clock);
    const typed = { factId: 'founder', questionId: 'founder:typed:0' };
    const own = miniDeckFile();
    await installDeck(
      db,
      {
        ...own,
        id: 'teacher-deck',
        facts: [{ ...own.facts.find((f) => f.id === 'founder')!, id: 'tf', answer: 'Kim Il Song' }],
        questions: []
      },
      START,
      false
    );
    const shown = await loadShownCard(db, { ...session!, current: typed }, clock);
    expect(shown?.question.kind).toBe('typed');
    expect(shown?.others).toContain('kim il song');
    expect(shown?.others).toContain('kim jong un');
    // A choice question needs no names.
    const choice = { factId: 'founder', questionId: 'founder:choice:0' };
    expect((await loadShownCard(db, { ...session!, current: choice }, clock))?.others).toEqual([]);
  });
});
