import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileDeck } from '$lib/deck/compile';
import { miniFacts, miniSources } from '$lib/deck/fixtures/mini-deck';
import type { DeckFile } from '$lib/deck/types';
import { SourcedeckDatabase } from '$lib/db/db';
import { CardState } from '$lib/srs/types';
import { installDeck } from './install-decks';
import {
  answerCurrent,
  changeRating,
  continueSession,
  loadShownCard,
  rebuildCardFromLog,
  saveDeckSettings,
  getDeckSettings,
  startSession,
  todayOverview,
  undoLastAnswer,
  StaleSessionError,
  type Clock
} from './study';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 23, 9, 0); // 9:00 UTC, clock zone UTC

function makeClock(start = START) {
  let now = start;
  const clock: Clock & { advance(ms: number): void; set(ms: number): void } = {
    now: () => now,
    tzOffset: () => 0,
    advance: (ms) => (now += ms),
    set: (ms) => (now = ms)
  };
  return clock;
}

const deck: DeckFile = compileDeck(
  {
    meta: {
      format: 1,
      id: 'mini',
      title: 'Mini',
      description: 'Test deck',
      order: 1,
      topics: [
        { id: 'diplomacy', title: 'D' },
        { id: 'economy', title: 'E' },
        { id: 'war', title: 'W' }
      ]
    },
    facts: miniFacts
  },
  { sources: miniSources, seed: 't' }
);

let db: SourcedeckDatabase;
let counter = 0;
beforeEach(async () => {
  db = new SourcedeckDatabase(`test-${counter++}`);
  await installDeck(db, deck, START);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function answerAll(clock: ReturnType<typeof makeClock>, rating: 1 | 3 = 3, limit = 100) {
  let session = await startSession(db, ['mini'], clock);
  let answered = 0;
  while (session.current && answered < limit) {
    await answerCurrent(db, { rating, given: null, correct: null, durationMs: 5000 }, clock);
    clock.advance(10_000);
    session = await continueSession(db, clock);
    answered++;
  }
  return { session, answered };
}

describe('installing a deck', () => {
  it('creates one new card per fact and leaves an unchanged deck alone', async () => {
    expect(await db.cards.count()).toBe(miniFacts.length);
    expect(await installDeck(db, deck, START + DAY)).toBe('unchanged');
  });

  it('keeps history through an update; a fact that disappears keeps its history but leaves the queue', async () => {
    const clock = makeClock();
    await answerAll(clock);
    const studied = await db.cards.get('founder');
    expect(studied?.memory.reps).toBeGreaterThan(0);

    const withoutFounder = {
      ...deck,
      facts: deck.facts.filter((f) => f.id !== 'founder'),
      questions: deck.questions.filter((q) => !q.factIds.includes('founder'))
    };
    expect(await installDeck(db, withoutFounder, START + DAY)).toBe('updated');
    const retired = await db.cards.get('founder');
    expect(retired?.retired).toBe(1);
    expect(retired?.memory).toEqual(studied?.memory);
    expect(await db.log.where('factId').equals('founder').count()).toBeGreaterThan(0);

    clock.set(START + 30 * DAY);
    const session = await startSession(db, ['mini'], clock);
    expect([session.current?.factId, ...session.planned]).not.toContain('founder');

    await installDeck(db, deck, START + 31 * DAY);
    expect((await db.cards.get('founder'))?.retired).toBe(0);
    expect((await db.cards.get('founder'))?.memory).toEqual(studied?.memory);
  });
});

describe('answering', () => {
  it('writes the card and the log entry together, and the card can be rebuilt from the log', async () => {
    const clock = makeClock();
    await answerAll(clock);
    clock.set(START + 3 * DAY);
    await answerAll(clock, 1);
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

describe('today', () => {
  it('counts due, new and studied cards, and respects the new-card limit', async () => {
    const clock = makeClock();
    await saveDeckSettings(db, 'mini', { ...(await getDeckSettings(db, 'mini')), newPerDay: 5 });
    let today = await todayOverview(db, clock);
    expect(today.total.newCards).toBe(5);
    expect(today.total.reviews).toBe(0);
    const { answered } = await answerAll(clock);
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
});
