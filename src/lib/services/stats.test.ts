import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerLogRecord, SourcedeckDatabase } from '$lib/db/db';
import { studyDay } from '$lib/srs/day';
import { createScheduler } from '$lib/srs/scheduler';
import { CardState, DEFAULT_DECK_SETTINGS } from '$lib/srs/types';
import { answerCurrent, startSession, undoLastAnswer } from './session';
import { loadFactHistory, loadStats } from './stats';
import { countingAnswers } from './study-day';
import { DAY, START, answerAll, dropDatabase, makeClock, openStudyDatabase } from './study-fixture';

let db: SourcedeckDatabase;
beforeEach(async () => {
  db = await openStudyDatabase();
});
afterEach(() => dropDatabase(db));

const HOUR = DEFAULT_DECK_SETTINGS.dayStartHour;

/** Studies the mini deck on two days, two days apart, with one answer taken back on the first. */
async function studyTwoDays() {
  const clock = makeClock();
  await startSession(db, ['mini'], clock);
  await answerCurrent(db, { rating: 1, given: 'x', correct: false, durationMs: 1234 }, clock);
  await undoLastAnswer(db, clock);
  await answerAll(db, clock);
  clock.set(START + 2 * DAY);
  await answerAll(db, clock);
  return clock;
}

const kept = async () => countingAnswers(await db.log.toArray());

describe('statistics from the database', () => {
  it('counts the kept answers, the streak, the forecast and retention of the collection', async () => {
    const clock = await studyTwoDays();
    const answers = await kept();
    const today = studyDay(clock.now(), HOUR, 0);
    expect((await db.log.toArray()).length).toBe(answers.length + 2); // the undo and its answer

    const view = await loadStats(db, { deckId: null, period: 30 }, clock);
    expect(view).not.toBeNull();
    const { stats } = view!;
    expect(view!.title).toBeNull();
    expect(view!.decks).toEqual([{ id: 'mini', title: 'Mini' }]);
    expect(stats.totals.answers).toBe(answers.length);
    expect(stats.totals.timeMs).toBe(answers.reduce((n, a) => n + a.durationMs, 0));
    expect(stats.totals.studiedDays).toBe(2);
    expect(stats.heatmap.total).toBe(answers.length);
    expect(stats.heatmap.counts[364]).toBe(answers.filter((a) => a.day === today).length);
    expect(stats.streak).toEqual({ current: 2, studiedToday: true, longest: 2 });
    // Every fact of the deck was met on the first day.
    const facts = new Set(answers.map((a) => a.factId));
    expect(stats.totals.learned).toBe(facts.size);
    expect(stats.activity.at(-3)!.learned).toBe(facts.size);

    const reviews = answers.filter((a) => a.before.state === CardState.Review);
    expect(reviews.length).toBeGreaterThan(0);
    expect(stats.retention.all.total).toBe(reviews.length);
    expect(stats.calibration.count).toBe(reviews.length);
    expect(stats.retention.byDeck).toEqual([{ deckId: 'mini', share: stats.retention.all }]);

    // Every card studied is due again within the 30 days, none overdue.
    const cards = (await db.cards.toArray()).filter((c) => c.state !== CardState.New);
    expect(stats.forecast.backlog).toBe(0);
    expect(stats.forecast.days.reduce((n, c) => n + c, 0)).toBe(cards.length);
    for (const [i, count] of stats.forecast.days.entries())
      expect(count).toBe(cards.filter((c) => studyDay(c.due, HOUR, 0) === today + i).length);
  });

  it('keeps the heatmap to a year and the totals to the period', async () => {
    const clock = await studyTwoDays();
    const answers = await kept();
    clock.set(START + 100 * DAY);
    const month = (await loadStats(db, { deckId: null, period: 30 }, clock))!.stats;
    expect(month.totals.answers).toBe(0);
    expect(month.heatmap.total).toBe(answers.length);
    expect(month.streak).toEqual({ current: 0, studiedToday: false, longest: 2 });
    // Everything studied is overdue by now.
    expect(month.forecast.backlog).toBe(new Set(answers.map((a) => a.factId)).size);
    const quarter = (await loadStats(db, { deckId: null, period: 'all' }, clock))!.stats;
    expect(quarter.totals.answers).toBe(answers.length);
    expect(quarter.from).toBe(studyDay(START, HOUR, 0));

    clock.set(START + 400 * DAY);
    const later = (await loadStats(db, { deckId: null, period: 365 }, clock))!.stats;
    expect(later.heatmap.total).toBe(0);
    expect(later.streak.longest).toBe(2);
  });

  it('reads one deck, and nothing for a deck not on this device', async () => {
    const clock = await studyTwoDays();
    const all = (await loadStats(db, { deckId: null, period: 90 }, clock))!;
    const deck = (await loadStats(db, { deckId: 'mini', period: 90 }, clock))!;
    expect(deck.title).toBe('Mini');
    expect(deck.stats).toEqual(all.stats);
    expect(await loadStats(db, { deckId: 'nowhere', period: 90 }, clock)).toBeNull();
  });

  it('uses the deck’s day start for today and the forecast', async () => {
    const clock = await studyTwoDays();
    const { saveDeckSettings, getDeckSettings } = await import('./deck-settings');
    await saveDeckSettings(db, 'mini', {
      ...(await getDeckSettings(db, 'mini')),
      dayStartHour: 12
    });
    // 9:00 UTC is still the previous study day when days start at noon.
    const view = (await loadStats(db, { deckId: 'mini', period: 30 }, clock))!;
    expect(view.dayStartHour).toBe(12);
    expect(view.stats.today).toBe(studyDay(clock.now(), 12, 0));
    expect(view.stats.today).toBe(studyDay(clock.now(), HOUR, 0) - 1);
  });
});

describe('a fact’s history', () => {
  it('lists the kept answers of the fact and its memory now', async () => {
    const clock = await studyTwoDays();
    const answers = await kept();
    const factId = answers.at(-1)!.factId;
    const own = answers.filter((a: AnswerLogRecord) => a.factId === factId);
    const history = await loadFactHistory(db, factId, clock);
    expect(history.answers.map((a) => a.at)).toEqual(own.map((a) => a.at));
    expect(history.answers.map((a) => a.rating)).toEqual(own.map((a) => a.rating));
    const card = (await db.cards.get(factId))!;
    expect(history.memory).toMatchObject({
      stability: card.memory.stability,
      difficulty: card.memory.difficulty,
      due: card.memory.due,
      reps: card.memory.reps
    });
    expect(history.memory!.retrievability).toBe(
      createScheduler(DEFAULT_DECK_SETTINGS).retrievability(card.memory, clock.now())
    );
  });

  it('has no answers and no memory for a fact never studied', async () => {
    const clock = makeClock();
    const card = (await db.cards.toArray())[0]!;
    expect(await loadFactHistory(db, card.factId, clock)).toEqual({ answers: [], memory: null });
    expect(await loadFactHistory(db, 'no-such-fact', clock)).toEqual({
      answers: [],
      memory: null
    });
  });
});
