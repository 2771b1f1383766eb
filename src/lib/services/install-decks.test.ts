import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { miniFacts } from '$lib/deck/fixtures/mini-deck';
import { installDeck } from './install-decks';
import { startSession } from './session';
import {
  DAY,
  START,
  answerAll,
  deck,
  dropDatabase,
  makeClock,
  openStudyDatabase
} from './study-fixture';

let db: SourcedeckDatabase;
beforeEach(async () => {
  db = await openStudyDatabase();
});
afterEach(() => dropDatabase(db));

describe('installing a deck', () => {
  it('creates one new card per fact and leaves an unchanged deck alone', async () => {
    expect(await db.cards.count()).toBe(miniFacts.length);
    expect(await installDeck(db, deck, START + DAY)).toBe('unchanged');
  });

  it('keeps history through an update; a fact that disappears keeps its history but leaves the queue', async () => {
    const clock = makeClock();
    await answerAll(db, clock);
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
