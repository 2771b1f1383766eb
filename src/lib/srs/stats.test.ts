import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/deck/rng';
import { QUESTION_KINDS, type QuestionKind } from '$lib/deck/types';
import { dayStart, studyDay } from './day';
import { createScheduler } from './scheduler';
import {
  activity,
  bucketActivity,
  calibration,
  computeStats,
  dayDate,
  factHistory,
  forecast,
  heatmap,
  heatmapByMonth,
  keptAnswers,
  recognitionFlatters,
  streaks,
  trueRetention,
  weekday,
  type StatsAnswer,
  type StatsLogRow
} from './stats';
import { CardState, DEFAULT_DECK_SETTINGS, type MemoryState, type Rating } from './types';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The fixed clock: 23 November 2026, 10:00 UTC; the study day starts at 4:00. */
const NOW = Date.UTC(2026, 10, 23, 10, 0);
const HOUR = DEFAULT_DECK_SETTINGS.dayStartHour;
const TODAY = studyDay(NOW, HOUR, 0);
const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);

function memory(state: CardState, scheduledDays = 0, stability = 5, lastReview = NOW): MemoryState {
  return {
    due: lastReview + scheduledDays * DAY,
    stability: state === CardState.New ? 0 : stability,
    difficulty: state === CardState.New ? 0 : 5,
    scheduledDays,
    learningSteps: 0,
    reps: state === CardState.New ? 0 : 3,
    lapses: 0,
    state,
    lastReview: state === CardState.New ? null : lastReview
  };
}

let nextId = 1;
function answer(fields: {
  kind?: QuestionKind;
  rating: Rating;
  state?: CardState;
  scheduledDays?: number;
  day?: number;
  factId?: string;
  deckId?: string;
  durationMs?: number;
  at?: number;
  before?: MemoryState;
}): StatsAnswer {
  const day = fields.day ?? TODAY;
  const at = fields.at ?? dayStart(day, HOUR, 0) + 6 * 3_600_000;
  return {
    type: 'answer',
    id: nextId++,
    factId: fields.factId ?? 'f',
    deckId: fields.deckId ?? 'deck',
    kind: fields.kind ?? 'choice',
    rating: fields.rating,
    given: null,
    correct: null,
    durationMs: fields.durationMs ?? 10_000,
    at,
    day,
    before: fields.before ?? memory(fields.state ?? CardState.Review, fields.scheduledDays ?? 5),
    after: memory(CardState.Review, 10)
  };
}

describe('kept answers', () => {
  it('leaves out an answer an undo took back, as countingAnswers does', () => {
    const a = answer({ rating: 3 });
    const b = answer({ rating: 1 });
    const c = answer({ rating: 4 });
    const rows: StatsLogRow[] = [a, b, { type: 'undo', undoes: b.id! }, c];
    expect(keptAnswers(rows)).toEqual([a, c]);
  });
});

describe('true retention', () => {
  it('counts passed reviews of cards in review, by form, by age and by deck', () => {
    const answers = [
      // Recognition: 4 reviews, all passed (Hard passes).
      answer({ kind: 'choice', rating: 3 }),
      answer({ kind: 'choice', rating: 2 }),
      answer({ kind: 'truefalse', rating: 4 }),
      answer({ kind: 'match', rating: 3, scheduledDays: 30 }),
      // Production: 4 reviews, 2 passed.
      answer({ kind: 'typed', rating: 1 }),
      answer({ kind: 'cloze', rating: 3, scheduledDays: 21 }),
      answer({ kind: 'numeric', rating: 1, scheduledDays: 40, deckId: 'other' }),
      answer({ kind: 'order', rating: 3, deckId: 'other' }),
      // Recall: 2 reviews, 1 passed.
      answer({ kind: 'flashcard', rating: 1, scheduledDays: 20 }),
      answer({ kind: 'flashcard', rating: 3, scheduledDays: 100, deckId: 'other' }),
      // Not reviews: new, learning and relearning cards do not count.
      answer({ kind: 'choice', rating: 1, state: CardState.New }),
      answer({ kind: 'typed', rating: 1, state: CardState.Learning }),
      answer({ kind: 'flashcard', rating: 3, state: CardState.Relearning })
    ];
    const r = trueRetention(answers);
    expect(r.all).toEqual({ passed: 7, total: 10, rate: 0.7 });
    expect(r.byForm.recognition).toEqual({ passed: 4, total: 4, rate: 1 });
    expect(r.byForm.production).toEqual({ passed: 2, total: 4, rate: 0.5 });
    expect(r.byForm.recall).toEqual({ passed: 1, total: 2, rate: 0.5 });
    // Mature from an interval of 21 days: match 30 (passed), cloze 21 (passed), numeric 40
    // (failed), flashcard 100 (passed). The flashcard at 20 days is young.
    expect(r.mature).toEqual({ passed: 3, total: 4, rate: 0.75 });
    expect(r.young).toEqual({ passed: 4, total: 6, rate: 4 / 6 });
    expect(r.byDeck).toEqual([
      { deckId: 'deck', share: { passed: 5, total: 7, rate: 5 / 7 } },
      { deckId: 'other', share: { passed: 2, total: 3, rate: 2 / 3 } }
    ]);
    expect(trueRetention([]).all).toEqual({ passed: 0, total: 0, rate: null });
  });

  it('says recognition flatters only with enough reviews and a gap of ten points', () => {
    const reviews = (kind: QuestionKind, passedCount: number, total: number) =>
      Array.from({ length: total }, (_, i) => answer({ kind, rating: i < passedCount ? 3 : 1 }));
    const gap = trueRetention([...reviews('choice', 19, 20), ...reviews('typed', 15, 20)]);
    expect(recognitionFlatters(gap)).toEqual({ recognition: 0.95, production: 0.75 });
    const close = trueRetention([...reviews('choice', 18, 20), ...reviews('typed', 17, 20)]);
    expect(recognitionFlatters(close)).toBeNull();
    const few = trueRetention([...reviews('choice', 9, 9), ...reviews('typed', 1, 9)]);
    expect(recognitionFlatters(few)).toBeNull();
  });
});

describe('the forecast', () => {
  const card = (due: number, state: number = CardState.Review, retired: 0 | 1 = 0) => ({
    due,
    state,
    retired
  });

  it('puts a card due a minute before the day starts in the day before, a minute after in the day', () => {
    const todayStart = dayStart(TODAY, HOUR, 0); // 23 November, 4:00 UTC
    const tomorrowStart = dayStart(TODAY + 1, HOUR, 0);
    expect(new Date(todayStart).toISOString()).toBe('2026-11-23T04:00:00.000Z');
    const cards = [
      card(todayStart - MINUTE), // overdue
      card(todayStart + MINUTE), // today
      card(tomorrowStart - MINUTE), // today, though after midnight
      card(tomorrowStart + MINUTE), // tomorrow
      card(todayStart - 40 * DAY, CardState.Relearning), // overdue
      card(todayStart + 10 * MINUTE, CardState.Learning), // today
      card(dayStart(TODAY + 29, HOUR, 0)), // the 30th day
      card(dayStart(TODAY + 30, HOUR, 0)), // beyond
      card(todayStart, CardState.New), // never studied: not due
      card(todayStart, CardState.Review, 1) // suspended: not due
    ];
    const f = forecast(cards, TODAY, HOUR, 0);
    expect(f.backlog).toBe(2);
    expect(f.days).toHaveLength(30);
    expect(f.days[0]).toBe(3);
    expect(f.days[1]).toBe(1);
    expect(f.days[29]).toBe(1);
    expect(f.days.reduce((n, c) => n + c, 0)).toBe(5);
  });

  it('moves the boundary with the time zone: 4:00 in Paris is 3:00 UTC in winter', () => {
    const paris = -60; // getTimezoneOffset in Paris in November
    const today = studyDay(NOW, HOUR, paris);
    const start = Date.UTC(2026, 10, 23, 3, 0);
    expect(dayStart(today, HOUR, paris)).toBe(start);
    const f = forecast([card(start - MINUTE), card(start + MINUTE)], today, HOUR, paris);
    expect(f.backlog).toBe(1);
    expect(f.days[0]).toBe(1);
  });
});

describe('calibration', () => {
  it('bins predicted recall in tenths with counts, means and the log loss', () => {
    const predicted = new Map<StatsAnswer, number>();
    const review = (r: number, rating: Rating) => {
      const a = answer({ rating });
      predicted.set(a, r);
      return a;
    };
    const answers = [
      review(0.95, 3),
      review(0.92, 1),
      review(0.55, 4),
      review(0.05, 1),
      review(0.6, 2),
      answer({ rating: 1, state: CardState.Learning }) // not a review: left out
    ];
    const c = calibration(answers, (a) => predicted.get(a) ?? 0.5);
    expect(c.count).toBe(5);
    expect(c.bins).toHaveLength(10);
    expect(c.bins[9]).toMatchObject({ from: 0.9, to: 1, count: 2, actual: 0.5 });
    expect(c.bins[9]!.predicted).toBeCloseTo(0.935, 10);
    expect(c.bins[5]).toMatchObject({ count: 1, predicted: 0.55, actual: 1 });
    expect(c.bins[6]).toMatchObject({ count: 1, predicted: 0.6, actual: 1 });
    expect(c.bins[0]).toMatchObject({ count: 1, predicted: 0.05, actual: 0 });
    expect(c.bins[3]).toMatchObject({ count: 0, predicted: null, actual: null });
    expect(c.actual).toBeCloseTo(3 / 5, 10);
    expect(c.predicted).toBeCloseTo((0.95 + 0.92 + 0.55 + 0.05 + 0.6) / 5, 10);
    // -(ln 0.95 + ln 0.08 + ln 0.55 + ln 0.95 + ln 0.6) / 5
    const expected =
      -(Math.log(0.95) + Math.log(1 - 0.92) + Math.log(0.55) + Math.log(1 - 0.05) + Math.log(0.6)) /
      5;
    expect(c.logLoss).toBeCloseTo(expected, 10);
    expect(c.logLoss).toBeCloseTo(0.7474, 4);
  });

  it('predicts with the scheduler: recall is 90% after one stability, FSRS-6 forgetting curve otherwise', () => {
    // FSRS-6 with its default decay w20 = 0.1542: R(t) = (1 + f t / S)^-0.1542, with f set so
    // that R(S) = 0.9. Elapsed time counts in whole days, as ts-fsrs schedules.
    const decay = 0.1542;
    const f = Math.pow(0.9, -1 / decay) - 1;
    const at = NOW;
    const review = (elapsedDays: number, rating: Rating) =>
      answer({ rating, at, before: memory(CardState.Review, 10, 10, at - elapsedDays * DAY) });
    const answers = [review(10, 3), review(20, 1), review(3.5, 3)];
    const c = calibration(answers, (a) => scheduler.retrievability(a.before, a.at));
    const r20 = Math.pow(1 + (f * 20) / 10, -decay); // 0.8459
    const r3 = Math.pow(1 + (f * 3) / 10, -decay); // 0.9610: 3.5 days count as 3
    expect(r20).toBeCloseTo(0.8459, 4);
    expect(c.bins[8]).toMatchObject({ count: 1, actual: 0 });
    expect(c.bins[8]!.predicted).toBeCloseTo(r20, 6);
    expect(c.bins[9]!.count).toBe(2);
    expect(c.bins[9]!.predicted).toBeCloseTo((0.9 + r3) / 2, 6);
    expect(c.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(1 - r20) + Math.log(r3)) / 3, 6);
  });
});

describe('study days', () => {
  it('finds the current streak as Today does, and the longest with one missed day forgiven', () => {
    const days = [1, 2, 3, 10, 11, 13, 14, 20, 21].map((d) => TODAY - 21 + d);
    expect(streaks(days, TODAY)).toEqual({ current: 2, studiedToday: true, longest: 4 });
    expect(streaks(days, TODAY + 2)).toEqual({ current: 2, studiedToday: false, longest: 4 });
    expect(streaks(days, TODAY + 3)).toEqual({ current: 0, studiedToday: false, longest: 4 });
    expect(streaks([], TODAY)).toEqual({ current: 0, studiedToday: false, longest: 0 });
  });

  it('counts answers per day over the last 365 days for the heatmap, with its months', () => {
    const answers = [
      answer({ rating: 3, day: TODAY }),
      answer({ rating: 3, day: TODAY }),
      answer({ rating: 3, day: TODAY - 364 }),
      answer({ rating: 3, day: TODAY - 365 }), // a year and a day ago: not shown
      answer({ rating: 3, day: TODAY - 7 }),
      answer({ rating: 3, day: TODAY - 7 }),
      answer({ rating: 3, day: TODAY - 7 })
    ];
    const map = heatmap(answers, TODAY);
    expect(map.counts).toHaveLength(365);
    expect(map.from).toBe(TODAY - 364);
    expect(map.counts[364]).toBe(2);
    expect(map.counts[0]).toBe(1);
    expect(map.counts[357]).toBe(3);
    expect(map.total).toBe(6);
    expect(map.studiedDays).toBe(3);
    expect(map.busiest).toEqual({ day: TODAY - 7, count: 3 });
    expect(dayDate(TODAY)).toBe('2026-11-23');
    expect(weekday(TODAY)).toBe(0); // a Monday
    const months = heatmapByMonth(map);
    expect(months[0]).toEqual({ month: '2025-11', studiedDays: 1, answers: 1 });
    expect(months.at(-1)).toEqual({ month: '2026-11', studiedDays: 2, answers: 5 });
    expect(months).toHaveLength(13);
  });

  it('counts a fact as learned on the day of its first kept answer only', () => {
    const rows: StatsLogRow[] = [
      answer({ factId: 'a', rating: 3, state: CardState.New, day: TODAY - 2, durationMs: 4000 }),
      answer({ factId: 'a', rating: 3, state: CardState.Learning, day: TODAY - 1 }),
      answer({ factId: 'b', rating: 1, state: CardState.New, day: TODAY - 1, at: NOW - DAY })
    ];
    // b's first answer was taken back; answered again the next day, it is learned then.
    rows.push({ type: 'undo', undoes: rows[2]!.type === 'answer' ? rows[2]!.id! : 0 });
    rows.push(answer({ factId: 'b', rating: 3, state: CardState.New, day: TODAY }));
    rows.push(answer({ factId: 'c', rating: 3, state: CardState.New, day: TODAY }));
    const days = activity(keptAnswers(rows), TODAY - 2, TODAY);
    expect(days.map((d) => d.learned)).toEqual([1, 0, 2]);
    expect(days.map((d) => d.answers)).toEqual([1, 1, 2]);
    expect(days.map((d) => d.timeMs)).toEqual([4000, 10_000, 20_000]);
    // A fact first answered before the period is not learned in it.
    expect(activity(keptAnswers(rows), TODAY - 1, TODAY).map((d) => d.learned)).toEqual([0, 2]);
  });

  it('sums days into bars that end with today', () => {
    const days = activity([answer({ rating: 3, day: TODAY })], TODAY - 9, TODAY);
    const weeks = bucketActivity(days, 7);
    expect(weeks.map((w) => [w.from - TODAY, w.to - TODAY, w.answers])).toEqual([
      [-9, -7, 0],
      [-6, 0, 1]
    ]);
  });
});

describe('one fact', () => {
  it('lists its answers oldest first with their form, and its memory now', () => {
    const later = answer({ kind: 'typed', rating: 1, at: NOW - DAY, day: TODAY - 1 });
    const earlier = answer({ kind: 'choice', rating: 3, at: NOW - 5 * DAY, day: TODAY - 5 });
    const card = { memory: memory(CardState.Review, 10, 10, NOW - 10 * DAY), retired: 0 as const };
    const history = factHistory([later, earlier], card, NOW, scheduler.retrievability);
    expect(history.answers.map((a) => [a.kind, a.form, a.rating])).toEqual([
      ['choice', 'recognition', 3],
      ['typed', 'production', 1]
    ]);
    expect(history.memory).toMatchObject({
      stability: 10,
      difficulty: 5,
      due: NOW,
      retired: false
    });
    expect(history.memory!.retrievability).toBeCloseTo(0.9, 8);
    expect(factHistory([], { memory: memory(CardState.New), retired: 0 }, NOW, () => 1)).toEqual({
      answers: [],
      memory: null
    });
  });
});

describe('over a seeded synthetic log', () => {
  /**
   * Two decks of 20 facts answered on about two days in three for 400 days, in every form,
   * with one answer in twenty taken back.
   */
  function syntheticLog() {
    const rng = createRng('stats');
    const rows: StatsLogRow[] = [];
    const seen = new Set<string>();
    let id = 1;
    for (let day = TODAY - 399; day <= TODAY; day++) {
      if (rng() < 0.35) continue;
      const count = 1 + Math.floor(rng() * 12);
      for (let i = 0; i < count; i++) {
        const fact = Math.floor(rng() * 40);
        const factId = `fact-${fact}`;
        const state = !seen.has(factId)
          ? CardState.New
          : ([CardState.Learning, CardState.Review, CardState.Review, CardState.Relearning][
              Math.floor(rng() * 4)
            ] as CardState);
        seen.add(factId);
        const at = dayStart(day, HOUR, 0) + Math.floor(rng() * 20 * 3_600_000);
        const row: StatsAnswer = {
          type: 'answer',
          id: id++,
          factId,
          deckId: fact < 20 ? 'deck-a' : 'deck-b',
          kind: QUESTION_KINDS[Math.floor(rng() * QUESTION_KINDS.length)]!,
          rating: (1 + Math.floor(rng() * 4)) as Rating,
          given: null,
          correct: null,
          durationMs: 2000 + Math.floor(rng() * 20_000),
          at,
          day,
          before: memory(state, Math.floor(rng() * 60), 1 + rng() * 40, at - rng() * 50 * DAY),
          after: memory(CardState.Review, 3)
        };
        rows.push(row);
        if (rng() < 0.05) {
          rows.push({ type: 'undo', undoes: row.id! });
          // An undone first answer leaves the fact new for its next answer.
          if (state === CardState.New) seen.delete(factId);
        }
      }
    }
    return rows;
  }

  it('agrees with counts made row by row', () => {
    const rows = syntheticLog();
    const undone = new Set(rows.flatMap((r) => (r.type === 'undo' ? [r.undoes] : [])));
    const kept = keptAnswers(rows);
    expect(undone.size).toBeGreaterThan(50);
    expect(kept.length).toBe(rows.filter((r) => r.type === 'answer').length - undone.size);

    const stats = computeStats({
      answers: kept,
      cards: [],
      now: NOW,
      tz: 0,
      dayStartHour: HOUR,
      period: 90,
      retrievability: (a) => scheduler.retrievability(a.before, a.at)
    });
    expect(stats.today).toBe(TODAY);
    expect(stats.from).toBe(TODAY - 89);
    const inPeriod = kept.filter((a) => a.day > TODAY - 90);
    const reviews = inPeriod.filter((a) => a.before.state === CardState.Review);
    const passedReviews = reviews.filter((a) => a.rating > 1);
    expect(stats.totals.answers).toBe(inPeriod.length);
    expect(stats.totals.timeMs).toBe(inPeriod.reduce((n, a) => n + a.durationMs, 0));
    expect(stats.retention.all).toEqual({
      passed: passedReviews.length,
      total: reviews.length,
      rate: passedReviews.length / reviews.length
    });
    const recognition = reviews.filter((a) => ['choice', 'truefalse', 'match'].includes(a.kind));
    expect(stats.retention.byForm.recognition.total).toBe(recognition.length);
    expect(stats.retention.byForm.recognition.passed).toBe(
      recognition.filter((a) => a.rating > 1).length
    );
    expect(
      stats.retention.byForm.recognition.total +
        stats.retention.byForm.production.total +
        stats.retention.byForm.recall.total
    ).toBe(reviews.length);
    expect(stats.calibration.count).toBe(reviews.length);
    expect(stats.calibration.bins.reduce((n, b) => n + b.count, 0)).toBe(reviews.length);
    expect(stats.heatmap.total).toBe(kept.filter((a) => a.day > TODAY - 365).length);
    // Learned: facts whose first kept answer (card new) falls in the period.
    const first = new Map<string, number>();
    for (const a of [...kept].sort((x, y) => x.at - y.at))
      if (a.before.state === CardState.New && !first.has(a.factId)) first.set(a.factId, a.day);
    expect(stats.totals.learned).toBe([...first.values()].filter((d) => d > TODAY - 90).length);
    expect(stats.bucketDays).toBe(1);
    expect(stats.activity).toHaveLength(90);
    expect(stats.activity.reduce((n, b) => n + b.answers, 0)).toBe(inPeriod.length);

    const all = computeStats({
      answers: kept,
      cards: [],
      now: NOW,
      tz: 0,
      dayStartHour: HOUR,
      period: 'all',
      retrievability: () => 0.9
    });
    expect(all.from).toBe(Math.min(...kept.map((a) => a.day)));
    expect(all.bucketDays).toBe(7);
    expect(all.activity.reduce((n, b) => n + b.answers, 0)).toBe(kept.length);
    expect(all.totals.learned).toBe(first.size);
    expect(all.streak.longest).toBeGreaterThanOrEqual(all.streak.current);
  });
});
