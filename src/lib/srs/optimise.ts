/**
 * Fitting FSRS parameters to one learner's answers, and judging them the way the
 * open-spaced-repetition benchmark does: fit on the earlier reviews in time order, then
 * replay every card through the app's own scheduler and score the later ones. Pure: the
 * optimiser itself (fsrs-rs compiled to WebAssembly) is passed in as `fit`.
 */
import { keptAnswers } from './kept';
import { clipParameters, default_w } from 'ts-fsrs';
import { predictionMetrics, type PredictionMetrics, type ScoredReview } from './prediction-metrics';
import type { Scheduler } from './scheduler';
import type { Rating } from './types';

/** One kept answer, as the optimiser needs it. */
export interface Review {
  cardId: string;
  /** Epoch ms. */
  at: number;
  /** Study day of `at` (srs/day.ts): intervals are counted in these. */
  day: number;
  rating: Rating;
}

/** The kept answers of one card, oldest first. */
export interface CardHistory {
  cardId: string;
  /** The deck the card belongs to, so each card is replayed with its deck's steps. */
  deckId?: string;
  reviews: Review[];
}

/** A log row as the optimiser reads it: an answer, or an undo that takes one back. */
export type OptimiseLogRow =
  | {
      type: 'answer';
      id?: number;
      factId: string;
      deckId: string;
      at: number;
      day: number;
      rating: Rating;
    }
  | { type: 'undo'; id?: number; undoes: number };

/** The FSRS-6 defaults, as ts-fsrs has them. */
export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([...default_w]);

/**
 * The learner's cards with their kept answers: an answer taken back by a later undo (or
 * replaced by a changed rating, which is an undo and a new answer) does not count.
 */
export function historiesFromLog(rows: readonly OptimiseLogRow[]): CardHistory[] {
  const byCard = new Map<string, CardHistory>();
  for (const row of keptAnswers<Extract<OptimiseLogRow, { type: 'answer' }>>(rows)) {
    let history = byCard.get(row.factId);
    if (!history) {
      history = { cardId: row.factId, deckId: row.deckId, reviews: [] };
      byCard.set(row.factId, history);
    }
    history.reviews.push({ cardId: row.factId, at: row.at, day: row.day, rating: row.rating });
  }
  // A stable sort: answers given at the same moment keep their log order.
  for (const history of byCard.values()) history.reviews.sort((a, b) => a.at - b.at);
  return [...byCard.values()];
}

/** How many kept answers the histories hold. */
export function reviewCount(histories: readonly CardHistory[]): number {
  return histories.reduce((n, h) => n + h.reviews.length, 0);
}

/**
 * The moment that splits all reviews in time order: the first `fraction` of them come
 * before it (training), the rest at or after it (held out). Infinity when there are none.
 */
export function splitTime(histories: readonly CardHistory[], fraction: number): number {
  const times = histories.flatMap((h) => h.reviews.map((r) => r.at)).sort((a, b) => a - b);
  if (times.length === 0) return Infinity;
  const index = Math.min(times.length - 1, Math.max(0, Math.floor(times.length * fraction)));
  return times[index]!;
}

/** fsrs-rs training items, flattened: each item is one card's reviews up to a scored one. */
export interface TrainingItems {
  ratings: Uint32Array;
  /** Study days since the review before (0 for the first and for same-day reviews). */
  deltas: Uint32Array;
  /** How many reviews each item has, in order. */
  lengths: Uint32Array;
}

/**
 * The training items of the reviews before `until`: for each review on a later day than
 * the card's previous one, the card's history up to and including it (as Anki hands its
 * history to fsrs-rs; same-day reviews shape the memory but are never a target).
 */
export function trainingItems(histories: readonly CardHistory[], until: number): TrainingItems {
  const ratings: number[] = [];
  const deltas: number[] = [];
  const lengths: number[] = [];
  for (const history of histories) {
    const reviews = history.reviews.filter((r) => r.at < until);
    const cardDeltas = reviews.map((r, k) =>
      k === 0 ? 0 : Math.max(0, r.day - reviews[k - 1]!.day)
    );
    for (let k = 1; k < reviews.length; k++) {
      if (cardDeltas[k]! === 0) continue;
      for (let j = 0; j <= k; j++) {
        ratings.push(reviews[j]!.rating);
        deltas.push(cardDeltas[j]!);
      }
      lengths.push(k + 1);
    }
  }
  return {
    ratings: Uint32Array.from(ratings),
    deltas: Uint32Array.from(deltas),
    lengths: Uint32Array.from(lengths)
  };
}

/**
 * Replays each card from new through `schedulerOf(card)` and scores its reviews at or
 * after `from` that fall on a later study day than the review before: the chance of recall
 * the scheduler gave then, against what the learner did. Same-day reviews move the memory
 * on but are not scored, as in the benchmark.
 */
export function scoreReviews(
  histories: readonly CardHistory[],
  schedulerOf: (history: CardHistory) => Scheduler,
  from: number
): ScoredReview[] {
  const scored: ScoredReview[] = [];
  for (const history of histories) {
    if (history.reviews.length === 0) continue;
    const scheduler = schedulerOf(history);
    let state = scheduler.newState(history.reviews[0]!.at);
    let previousDay: number | null = null;
    let longTerm = 0;
    let lapses = 0;
    for (const review of history.reviews) {
      const elapsed = previousDay === null ? 0 : review.day - previousDay;
      if (elapsed > 0) {
        longTerm++;
        if (review.at >= from) {
          scored.push({
            p: scheduler.recall(state, elapsed),
            y: review.rating > 1 ? 1 : 0,
            elapsedDays: elapsed,
            i: longTerm + 1,
            lapses
          });
        }
        if (review.rating === 1) lapses++;
      }
      state = scheduler.review(state, review.rating, review.at);
      previousDay = review.day;
    }
  }
  return scored;
}

/**
 * Fitted parameters as the app can use them: ts-fsrs's own limits (the same clip it applies
 * when scheduling), a first stability of at least 0.1 day (ts-fsrs raises a smaller one
 * when it schedules, so it is raised here before it is judged), 4 decimals.
 */
export function clampWeights(weights: readonly number[]): number[] {
  if (weights.length !== 21 || weights.some((w) => !Number.isFinite(w)))
    throw new Error(`Expected 21 finite FSRS-6 parameters, got ${weights.length}.`);
  const clipped = clipParameters([...weights], 1, true);
  return clipped.map((w, k) => {
    const floored = k < 4 ? Math.max(w, 0.1) : w;
    return Math.round(floored * 10_000) / 10_000;
  });
}

/** Adopt only what predicts the held-out reviews better. */
export function isBetter(before: PredictionMetrics, after: PredictionMetrics): boolean {
  return after.count > 0 && Number.isFinite(after.logLoss) && after.logLoss < before.logLoss;
}

export interface Comparison {
  /** The fitted parameters, clamped: what would be adopted. */
  weights: number[];
  /** The parameters in use (null: the FSRS-6 defaults) and the fitted ones, on the held-out reviews. */
  before: PredictionMetrics;
  after: PredictionMetrics;
  /** Kept answers in all, and how many of them the fit saw. */
  reviews: number;
  trainReviews: number;
  /** The first held-out moment. */
  splitAt: number;
  better: boolean;
}

export interface CompareInput {
  histories: readonly CardHistory[];
  /** The share of reviews, oldest first, to fit on (0.8 in the app, 0.7 in the benchmark). */
  trainFraction: number;
  /** The parameters in use; absent for the FSRS-6 defaults. */
  current?: readonly number[];
  /** The optimiser: parameters fitted to the items. */
  fit: (items: TrainingItems) => readonly number[] | Float32Array;
  /** The app's scheduler for a card with the given parameters. */
  schedulerFor: (weights: readonly number[] | undefined, history: CardHistory) => Scheduler;
  /** Told as each step starts. */
  onStep?: (step: 'fitting' | 'evaluating') => void;
}

/** Fits on the older reviews, then scores the parameters in use and the fitted ones on the rest. */
export function compareParameters(input: CompareInput): Comparison {
  const { histories, trainFraction, current } = input;
  const splitAt = splitTime(histories, trainFraction);
  const items = trainingItems(histories, splitAt);
  if (items.lengths.length === 0)
    throw new Error('There are not yet enough reviews on different days to fit parameters.');
  input.onStep?.('fitting');
  const weights = clampWeights(Array.from(input.fit(items)));
  input.onStep?.('evaluating');
  const before = predictionMetrics(
    scoreReviews(histories, (h) => input.schedulerFor(current, h), splitAt)
  );
  const after = predictionMetrics(
    scoreReviews(histories, (h) => input.schedulerFor(weights, h), splitAt)
  );
  const trainReviews = histories.reduce(
    (n, h) => n + h.reviews.filter((r) => r.at < splitAt).length,
    0
  );
  return {
    weights,
    before,
    after,
    reviews: reviewCount(histories),
    trainReviews,
    splitAt,
    better: isBetter(before, after)
  };
}
