import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourcedeckDatabase } from '$lib/db/db';
import { miniFacts } from '$lib/deck/fixtures/mini-deck';
import { deckHash } from '$lib/deck/hash';
import type { DeckFile, DeckIndex, DeckSummary } from '$lib/deck/types';
import { installBuiltInDecks, installDeck } from './install-decks';
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

describe('installing the built-in collection', () => {
  const copy = (id: string, order: number): DeckFile => ({ ...deck, id, order, title: id });
  const files = [copy('one', 1), copy('two', 2), copy('three', 3)];
  const index: DeckIndex = {
    format: deck.format,
    decks: files.map((f) => ({ id: f.id, hash: deckHash(f) }) as DeckSummary)
  };

  it('writes each changed deck and tells how far it got after every deck', async () => {
    const fresh = new SourcedeckDatabase(`collection-${Date.now()}`);
    const progress: [number, number][] = [];
    const fetched: string[] = [];
    const load = async (id: string) => (fetched.push(id), files.find((f) => f.id === id)!);
    const report = await installBuiltInDecks(
      fresh,
      async () => index,
      load,
      START,
      (d, t) => progress.push([d, t])
    );
    expect(report.installed).toEqual(['one', 'two', 'three']);
    expect(progress).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3]
    ]);
    // A second start (a reload after an install cut short, say) fetches only what is missing.
    await fresh.decks.delete('three');
    fetched.length = 0;
    progress.length = 0;
    const again = await installBuiltInDecks(
      fresh,
      async () => index,
      load,
      START + DAY,
      (d, t) => progress.push([d, t])
    );
    expect(again).toEqual({ installed: ['three'], updated: [], unchanged: ['one', 'two'] });
    expect(fetched).toEqual(['three']);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect((await fresh.decks.get('one'))?.updatedAt).toBe(START);
    await fresh.delete();
  });

  it('asks for every deck at once, and writes them in order whatever order they arrive in', async () => {
    const fresh = new SourcedeckDatabase(`parallel-${Date.now()}`);
    const asked: string[] = [];
    const arrive = new Map<string, (file: DeckFile) => void>();
    const load = (id: string) =>
      new Promise<DeckFile>((resolve) => {
        asked.push(id);
        arrive.set(id, resolve);
      });
    const progress: number[] = [];
    const installing = installBuiltInDecks(
      fresh,
      async () => index,
      load,
      START,
      (d) => progress.push(d)
    );
    await expect.poll(() => asked.length).toBe(3);
    // The last deck comes first, and the first last: nothing is written until the first.
    arrive.get('three')!(files[2]!);
    arrive.get('two')!(files[1]!);
    await new Promise((r) => setTimeout(r, 50));
    expect(await fresh.decks.count()).toBe(0);
    expect(progress).toEqual([0]);
    arrive.get('one')!(files[0]!);
    expect((await installing).installed).toEqual(['one', 'two', 'three']);
    expect(progress).toEqual([0, 1, 2, 3]);
    await fresh.delete();
  });
});
