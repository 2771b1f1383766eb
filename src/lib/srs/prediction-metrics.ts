/**
 * How well predicted recall matches what happened, as the open-spaced-repetition
 * srs-benchmark measures it: log loss, AUC and RMSE over bins. Pure.
 */

/** One scored review: the predicted chance of recall and what happened. */
export interface ScoredReview {
  /** Predicted chance of recall, 0 to 1. */
  p: number;
  /** 1 when the learner recalled it (rated Hard, Good or Easy), 0 on Again. */
  y: 0 | 1;
  /** Whole days since the card's previous review (at least 1: same-day reviews are not scored). */
  elapsedDays: number;
  /** The benchmark's review number: 1 + the card's reviews on a later day than the one before, this one included. */
  i: number;
  /** Earlier reviews of the card rated Again on a later day than the one before (lapses). */
  lapses: number;
}

export interface PredictionMetrics {
  /** Mean negative log-likelihood of what happened (lower is better). */
  logLoss: number;
  /** Chance that a recalled review was predicted higher than a forgotten one (NaN without both). */
  auc: number;
  /** Root mean squared gap between mean predicted and actual recall over the benchmark's bins, weighted by their size. */
  rmseBins: number;
  /** How many reviews were scored. */
  count: number;
}

const EPS = 1e-15;

/** Mean log loss; predictions are kept inside (0, 1) so a confident miss costs much, never infinity. */
export function logLoss(reviews: readonly Pick<ScoredReview, 'p' | 'y'>[]): number {
  if (reviews.length === 0) return NaN;
  let sum = 0;
  for (const { p, y } of reviews) {
    const q = Math.min(1 - EPS, Math.max(EPS, p));
    sum -= y === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / reviews.length;
}

/** Area under the ROC curve (Mann-Whitney, tied predictions share their mean rank). */
export function auc(reviews: readonly Pick<ScoredReview, 'p' | 'y'>[]): number {
  const sorted = [...reviews].sort((a, b) => a.p - b.p);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]!.p === sorted[start]!.p) end++;
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (sorted[k]!.y === 1) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Python's round(x, digits) for the values binning meets (never an exact half). */
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const bin = (x: number, scale: number, base: number, digits: number) =>
  round(scale * base ** Math.floor(Math.log(x) / Math.log(base)), digits);

/** The benchmark's bin of a review: interval, review number and lapses, each on a log scale. */
export function binOf(review: Pick<ScoredReview, 'elapsedDays' | 'i' | 'lapses'>): string {
  const interval = bin(Math.max(review.elapsedDays, 1e-6), 2.48, 3.62, 2);
  const n = bin(review.i, 1.99, 1.89, 0);
  const lapses = review.lapses === 0 ? 0 : bin(review.lapses, 1.65, 1.73, 0);
  return `${interval}|${n}|${lapses}`;
}

/** RMSE(bins): mean prediction against mean outcome per bin, weighted by the bin's size. */
export function rmseBins(reviews: readonly ScoredReview[]): number {
  if (reviews.length === 0) return NaN;
  const bins = new Map<string, { n: number; p: number; y: number }>();
  for (const review of reviews) {
    const key = binOf(review);
    const b = bins.get(key) ?? { n: 0, p: 0, y: 0 };
    b.n++;
    b.p += review.p;
    b.y += review.y;
    bins.set(key, b);
  }
  let squared = 0;
  for (const b of bins.values()) squared += b.n * (b.y / b.n - b.p / b.n) ** 2;
  return Math.sqrt(squared / reviews.length);
}

export function predictionMetrics(reviews: readonly ScoredReview[]): PredictionMetrics {
  return {
    logLoss: logLoss(reviews),
    auc: auc(reviews),
    rmseBins: rmseBins(reviews),
    count: reviews.length
  };
}
