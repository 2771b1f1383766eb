import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { installDeck } from './install-decks';
import { studyTarget } from './session';
import { getStudyPlan, planMinutes, saveStudyPlan, studyPlanChoices } from './study-plan';
import { deck, dropDatabase, makeClock, openStudyDatabase } from './study-fixture';
import { todayOverview } from './today';

let db: SourcedeckDatabase;
beforeEach(async () => {
  db = await openStudyDatabase();
  await installDeck(
    db,
    {
      ...deck,
      id: 'second',
      title: 'Second',
      order: 2,
      facts: deck.facts.map((f) => ({ ...f, id: `second-${f.id}` })),
      questions: []
    },
    0
  );
});
afterEach(() => dropDatabase(db));

describe('the study plan', () => {
  it('starts not set up, every deck, 20 new a day', async () => {
    expect(await getStudyPlan(db)).toEqual({ newPerDay: 20, decks: null, setUp: false });
    const choices = await studyPlanChoices(db);
    expect(choices.decks.map((d) => [d.id, d.facts])).toEqual([
      ['mini', deck.facts.length],
      ['second', deck.facts.length]
    ]);
  });

  it('keeps only decks that exist and a whole number of new cards from 0 to 999', async () => {
    expect(await saveStudyPlan(db, { decks: ['second', 'gone'], newPerDay: 12.6 })).toEqual({
      newPerDay: 13,
      decks: ['second'],
      setUp: false
    });
    expect((await saveStudyPlan(db, { decks: ['gone'], newPerDay: -4 })).decks).toBeNull();
    expect((await saveStudyPlan(db, { newPerDay: 5000 })).newPerDay).toBe(999);
  });

  it('narrows Today and a session started from it to the chosen decks', async () => {
    const clock = makeClock();
    await saveStudyPlan(db, { decks: ['second'], newPerDay: 10, setUp: true });
    const today = await todayOverview(db, clock);
    expect(today.decks.map((d) => d.deck.id)).toEqual(['second']);
    expect(today.total.newCards).toBe(10);
    expect(today.plan).toEqual({ decks: ['second'], newPerDay: 10, setUp: true });
    expect(await studyTarget(db, [])).toEqual({ deckIds: ['second'] });
    // A deck asked for by name is studied all the same.
    expect(await studyTarget(db, ['mini'])).toEqual({ deckIds: ['mini'] });
  });

  it('estimates the time of each goal', () => {
    expect(planMinutes(10)).toEqual({ firstDay: 5, later: 15 });
    expect(planMinutes(20, 10)).toEqual({ firstDay: 7, later: 20 });
  });
});
