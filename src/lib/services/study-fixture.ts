/**
 * What the study tests share: a small installed deck on a database of the test's own (or
 * the app's), a clock the test moves, and answering a whole session. Tests only.
 */
import { compileDeck } from '$lib/deck/compile';
import { miniFacts, miniSources } from '$lib/deck/fixtures/mini-deck';
import type { DeckFile } from '$lib/deck/types';
import { database, SourcedeckDatabase } from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { installDeck } from './install-decks';
import { answerCurrent, continueSession, startSession } from './session';

export const DAY = 86_400_000;
export const START = Date.UTC(2026, 10, 23, 9, 0); // 9:00 UTC, clock zone UTC

export type TestClock = Clock & { advance(ms: number): void; set(ms: number): void };

export function makeClock(start = START): TestClock {
  let now = start;
  return {
    now: () => now,
    tzOffset: () => 0,
    advance: (ms) => (now += ms),
    set: (ms) => (now = ms)
  };
}

export const deck: DeckFile = compileDeck(
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

let counter = 0;

/** A fresh database with the deck installed at START. */
export async function openStudyDatabase(): Promise<SourcedeckDatabase> {
  const db = new SourcedeckDatabase(`test-${counter++}`);
  await installDeck(db, deck, START);
  return db;
}

/**
 * The app's own database, which use cases bound with onAppDatabase open, emptied and with
 * the deck installed at START: for testing the state classes that call them.
 */
export async function resetAppDatabase(): Promise<void> {
  await database().delete({ disableAutoOpen: false });
  await installDeck(database(), deck, START);
}

export async function dropDatabase(db: SourcedeckDatabase): Promise<void> {
  db.close();
  await db.delete();
}

/** Answers every card of a session with `rating`, ten seconds apart. */
export async function answerAll(
  db: SourcedeckDatabase,
  clock: TestClock,
  rating: 1 | 3 = 3,
  limit = 100
) {
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
