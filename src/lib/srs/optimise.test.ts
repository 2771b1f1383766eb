import { describe, expect, it } from 'vitest';
import {
  clampWeights,
  compareParameters,
  DEFAULT_WEIGHTS,
  historiesFromLog,
  isBetter,
  scoreReviews,
  splitTime,
  trainingItems,
  type CardHistory,
  type OptimiseLogRow
} from './optimise';
import { createScheduler } from './scheduler';
import { LEARNER_WEIGHTS, simulateLearner } from './synthetic-learner';
import { DEFAULT_DECK_SETTINGS, type Rating } from './types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);

const answer = (id: number, factId: string, at: number, rating: Rating): OptimiseLogRow => ({
  type: 'answer',
  id,
  factId,
  deckId: 'd',
  at,
  day: Math.floor((at - 4 * 3_600_000) / DAY),
  rating
});

/** A card's history from (day offset, rating) pairs, at 9:00 plus a minute per same-day step. */
function history(cardId: string, reviews: [number, Rating][]): CardHistory {
  return {
    cardId,
    reviews: reviews.map(([d, rating], k) => {
      const at = T0 + d * DAY + k * 60_000;
      return { cardId, at, day: Math.floor((at - 4 * 3_600_000) / DAY), rating };
    })
  };
}

const defaults = createScheduler(DEFAULT_DECK_SETTINGS);

describe('card histories from the log', () => {
  it('keep the answers that count: an undone answer and one replaced by a changed rating drop out', () => {
    const rows: OptimiseLogRow[] = [
      answer(1, 'a', T0, 3),
      answer(2, 'a', T0 + DAY, 1),
      { type: 'undo', id: 3, undoes: 2 },
      answer(4, 'a', T0 + DAY, 3),
      answer(5, 'b', T0 + 2 * DAY, 4),
      answer(6, 'a', T0 + 3 * DAY, 2),
      { type: 'undo', id: 7, undoes: 6 }
    ];
    const histories = historiesFromLog(rows);
    expect(histories.map((h) => [h.cardId, h.reviews.map((r) => r.rating)])).toEqual([
      ['a', [3, 3]],
      ['b', [4]]
    ]);
    expect(histories[0]!.deckId).toBe('d');
  });

  it('put each card in time order whatever the log order (a merged backup)', () => {
    const histories = historiesFromLog([answer(1, 'a', T0 + DAY, 1), answer(2, 'a', T0, 3)]);
    expect(histories[0]!.reviews.map((r) => r.at)).toEqual([T0, T0 + DAY]);
  });
});

describe('the time split', () => {
  it('leaves the newest 20% out of the fit, across all cards', () => {
    const histories = [
      history('a', [
        [0, 3],
        [1, 3],
        [3, 3],
        [8, 3],
        [20, 3]
      ]),
      history('b', [
        [2, 3],
        [4, 1],
        [5, 3],
        [9, 3],
        [30, 3]
      ])
    ];
    const at = splitTime(histories, 0.8);
    const all = histories.flatMap((h) => h.reviews);
    expect(all.filter((r) => r.at < at)).toHaveLength(8);
    expect(all.filter((r) => r.at >= at).map((r) => r.day - all[0]!.day)).toEqual([20, 30]);
  });

  it('has nothing to split in an empty log', () => {
    expect(splitTime([], 0.8)).toBe(Infinity);
  });
});

describe('training items for fsrs-rs', () => {
  it('are each card’s history up to every review on a later day, with day gaps', () => {
    // same day twice (learning steps), then 1 and 2 days later, then one after the split
    const items = trainingItems(
      [
        history('a', [
          [0, 3],
          [0, 3],
          [1, 3],
          [3, 1],
          [9, 3]
        ])
      ],
      T0 + 5 * DAY
    );
    expect([...items.lengths]).toEqual([3, 4]);
    expect([...items.ratings]).toEqual([3, 3, 3, 3, 3, 3, 1]);
    expect([...items.deltas]).toEqual([0, 0, 1, 0, 0, 1, 2]);
  });
});

describe('scoring reviews through the scheduler', () => {
  const card = history('a', [
    [0, 3],
    [0, 3],
    [2, 1],
    [2, 3],
    [3, 3],
    [7, 3]
  ]);

  it('scores only reviews on a later day than the one before, from the split on', () => {
    const scored = scoreReviews([card], () => defaults, -Infinity);
    expect(scored.map((s) => s.elapsedDays)).toEqual([2, 1, 4]);
    expect(scored.map((s) => s.y)).toEqual([0, 1, 1]);
    // The benchmark's review number counts the first review and those on a later day.
    expect(scored.map((s) => s.i)).toEqual([2, 3, 4]);
    // The Again on day 2 is a lapse for the reviews after it; same-day reviews never are.
    expect(scored.map((s) => s.lapses)).toEqual([0, 1, 1]);
    expect(scoreReviews([card], () => defaults, card.reviews[4]!.at)).toHaveLength(2);
  });

  it('predicts with the scheduler’s own memory of the card, replayed from new', () => {
    let state = defaults.newState(card.reviews[0]!.at);
    for (const r of card.reviews.slice(0, 4)) state = defaults.review(state, r.rating, r.at);
    const scored = scoreReviews([card], () => defaults, -Infinity);
    expect(scored[1]!.p).toBe(defaults.recall(state, 1));
    expect(scored[1]!.p).toBeGreaterThan(0.5);
    expect(scored[1]!.p).toBeLessThan(1);
  });
});

describe('clamping fitted parameters', () => {
  it('raises a first stability below 0.1 day, as ts-fsrs does when it schedules', () => {
    const fitted = [...DEFAULT_WEIGHTS];
    fitted[0] = 0.0423;
    const clamped = clampWeights(fitted);
    expect(clamped[0]).toBe(0.1);
    // The scheduler gives the same first stability with the clamped and the raw parameters.
    const raw = createScheduler({ ...DEFAULT_DECK_SETTINGS, weights: fitted });
    const used = createScheduler({ ...DEFAULT_DECK_SETTINGS, weights: clamped });
    expect(used.review(used.newState(T0), 1, T0).stability).toBe(
      raw.review(raw.newState(T0), 1, T0).stability
    );
  });

  it('keeps ts-fsrs’s limits and four decimals, and refuses a wrong count', () => {
    const fitted = [...DEFAULT_WEIGHTS];
    fitted[4] = 20;
    fitted[20] = 0.123456;
    const clamped = clampWeights(fitted);
    expect(clamped[4]).toBe(10);
    expect(clamped[20]).toBe(0.1235);
    expect(() => clampWeights(fitted.slice(0, 19))).toThrow(/21/);
    expect(() => clampWeights([...fitted.slice(0, 20), NaN])).toThrow();
  });
});

describe('adopting only what predicts better', () => {
  const metrics = (logLoss: number, count = 100) => ({ logLoss, auc: 0.6, rmseBins: 0.05, count });

  it('needs a strictly lower log loss on held-out reviews', () => {
    expect(isBetter(metrics(0.44), metrics(0.43))).toBe(true);
    expect(isBetter(metrics(0.44), metrics(0.44))).toBe(false);
    expect(isBetter(metrics(0.44), metrics(0.5))).toBe(false);
    expect(isBetter(metrics(0.44), metrics(NaN))).toBe(false);
    expect(isBetter(metrics(NaN), metrics(0.3, 0))).toBe(false);
  });

  const log = simulateLearner({ reviews: 1_000, start: T0 });
  const histories = historiesFromLog(
    log.answers.map((a, k) => ({
      type: 'answer',
      id: k + 1,
      factId: `card-${a.card}`,
      deckId: 'd',
      at: a.at,
      day: a.day,
      rating: a.rating
    }))
  );
  const schedulerFor = (weights: readonly number[] | undefined) =>
    createScheduler({ ...DEFAULT_DECK_SETTINGS, ...(weights ? { weights: [...weights] } : {}) });

  it('adopts parameters closer to how the learner forgets', () => {
    const seen: number[] = [];
    const result = compareParameters({
      histories,
      trainFraction: 0.8,
      fit: (items) => {
        seen.push(items.lengths.length);
        return LEARNER_WEIGHTS;
      },
      schedulerFor
    });
    expect(seen[0]).toBeGreaterThan(100);
    expect(result.reviews).toBe(1_000);
    expect(result.trainReviews).toBe(800);
    expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
    expect(result.better).toBe(true);
  });

  it('keeps the parameters in use when the fit is no better', () => {
    const same = compareParameters({
      histories,
      trainFraction: 0.8,
      fit: () => DEFAULT_WEIGHTS,
      schedulerFor
    });
    expect(same.after.logLoss).toBe(same.before.logLoss);
    expect(same.better).toBe(false);
    const worse = compareParameters({
      histories,
      trainFraction: 0.8,
      current: LEARNER_WEIGHTS,
      fit: () => DEFAULT_WEIGHTS,
      schedulerFor
    });
    expect(worse.better).toBe(false);
  });

  it('refuses to fit a log with no review on a later day', () => {
    expect(() =>
      compareParameters({
        histories: [
          history('a', [
            [0, 3],
            [0, 3]
          ])
        ],
        trainFraction: 0.8,
        fit: () => DEFAULT_WEIGHTS,
        schedulerFor
      })
    ).toThrow(/not yet enough/);
  });
});
