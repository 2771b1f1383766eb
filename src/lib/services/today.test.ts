import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { getDeckSettings, saveDeckSettings } from './deck-settings';
import { DAY, START, answerAll, dropDatabase, makeClock, openStudyDatabase } from './study-fixture';
import { todayOverview } from './today';

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
});
