import { describe, expect, it } from 'vitest';
import { auc, binOf, logLoss, predictionMetrics, rmseBins } from './prediction-metrics';

describe('log loss', () => {
  it('is the mean negative log-likelihood of what happened', () => {
    // -(ln 0.8 + ln 0.6) / 2
    expect(
      logLoss([
        { p: 0.8, y: 1 },
        { p: 0.4, y: 0 }
      ])
    ).toBeCloseTo(0.366984588, 8);
  });

  it('stays finite for a certain prediction that was wrong', () => {
    expect(Number.isFinite(logLoss([{ p: 1, y: 0 }]))).toBe(true);
    expect(logLoss([{ p: 1, y: 0 }])).toBeGreaterThan(30);
  });
});

describe('AUC', () => {
  it('is 1 when every recalled review was predicted higher than every forgotten one', () => {
    expect(
      auc([
        { p: 0.1, y: 0 },
        { p: 0.4, y: 1 },
        { p: 0.35, y: 0 },
        { p: 0.8, y: 1 }
      ])
    ).toBe(1);
  });

  it('counts the pairs in the right order: 3 of 4 gives 0.75', () => {
    expect(
      auc([
        { p: 0.4, y: 1 },
        { p: 0.3, y: 1 },
        { p: 0.35, y: 0 },
        { p: 0.1, y: 0 }
      ])
    ).toBe(0.75);
  });

  it('counts a tie as half a pair, and is NaN without both outcomes', () => {
    expect(
      auc([
        { p: 0.5, y: 1 },
        { p: 0.5, y: 0 }
      ])
    ).toBe(0.5);
    expect(auc([{ p: 0.5, y: 1 }])).toBeNaN();
  });
});

describe('RMSE over bins (the srs-benchmark definition)', () => {
  it('bins interval, review number and lapses on their log scales', () => {
    // interval: 2.48 * 3.62^floor(log_3.62 x); review number: 1.99 * 1.89^floor(log_1.89 i);
    // lapses: 1.65 * 1.73^floor(log_1.73 n), 0 for none.
    expect(binOf({ elapsedDays: 1, i: 2, lapses: 0 })).toBe('2.48|4|0');
    expect(binOf({ elapsedDays: 3, i: 3, lapses: 1 })).toBe('2.48|4|2');
    expect(binOf({ elapsedDays: 4, i: 4, lapses: 2 })).toBe('8.98|7|3');
  });

  it('weighs each bin by its size', () => {
    const reviews = [
      // one bin (2.48|4|0): mean p 0.8, mean y 0.5
      { p: 0.9, y: 1 as const, elapsedDays: 1, i: 2, lapses: 0 },
      { p: 0.7, y: 0 as const, elapsedDays: 3, i: 3, lapses: 0 },
      // another (8.98|7|2): p 0.6, y 1
      { p: 0.6, y: 1 as const, elapsedDays: 10, i: 4, lapses: 1 }
    ];
    // sqrt((2 * 0.3² + 1 * 0.4²) / 3)
    expect(rmseBins(reviews)).toBeCloseTo(Math.sqrt(0.34 / 3), 10);
    expect(predictionMetrics(reviews).count).toBe(3);
  });
});
