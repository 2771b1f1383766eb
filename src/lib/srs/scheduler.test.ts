import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScheduler } from './scheduler';
import { formatInterval } from './interval';
import { replayLog } from './rebuild';
import { CardState, DEFAULT_DECK_SETTINGS, type Rating } from './types';

const vectorsPath = resolve('../shared/fixtures/fsrs/scheduler_test_vectors.json');
const haveVectors = existsSync(vectorsPath);
if (!haveVectors)
  console.warn(
    `Skipping the FSRS-6 vector tests: ${vectorsPath} is absent (the shared folder is not beside the project).`
  );
const vectors = haveVectors ? JSON.parse(readFileSync(vectorsPath, 'utf8')) : null;

const DAY = 86_400_000;
const ratingOf: Record<string, Rating> = { Again: 1, Hard: 2, Good: 3, Easy: 4 };
const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);

describe.skipIf(!haveVectors)('our FSRS wrapper reproduces the FSRS-6 reference vectors', () => {
  it('uses the FSRS-6 default weights', async () => {
    const { default_w } = await import('ts-fsrs');
    expect([...default_w]).toEqual(vectors.fsrs6_default_params.w);
  });

  it('gives the reference intervals 0, 2, 11, 46, 163, 498, ... when each review is on time', () => {
    const { ratings, expected_interval_days } = vectors.ivl_history_no_fuzz;
    let now = Date.UTC(2022, 10, 29, 12, 30);
    let state = scheduler.newState(now);
    const intervals: number[] = [];
    for (const name of ratings as string[]) {
      state = scheduler.review(state, ratingOf[name]!, now);
      intervals.push(state.scheduledDays);
      now = state.due;
    }
    expect(intervals).toEqual(expected_interval_days);
  });

  it('reaches the reference memory state after Again then five Goods', () => {
    const { ratings, days_between_reviews, expected_short_term } = vectors.memory_state;
    let now = Date.UTC(2022, 10, 29, 12, 30);
    let state = scheduler.newState(now);
    (ratings as string[]).forEach((name, i) => {
      now += days_between_reviews[i] * DAY;
      state = scheduler.review(state, ratingOf[name]!, now);
    });
    expect(state.stability).toBeCloseTo(expected_short_term.stability, 4);
    expect(state.difficulty).toBeCloseTo(expected_short_term.difficulty, 4);
  });

  it('starts a new card with the reference stability, difficulty and state for each rating', () => {
    const expected = vectors.first_repeat_from_new;
    const now = Date.UTC(2022, 10, 29, 12, 30);
    (expected.ratings_order as string[]).forEach((name, i) => {
      const state = scheduler.review(scheduler.newState(now), ratingOf[name]!, now);
      expect(state.stability).toBeCloseTo(expected.stability[i], 5);
      expect(state.difficulty).toBeCloseTo(expected.difficulty[i], 5);
      expect(state.scheduledDays).toBe(expected.scheduled_days[i]);
      expect(state.state).toBe(CardState[expected.states[i] as keyof typeof CardState]);
    });
  });

  it('gives the reference retrievability at the due time after a first review', () => {
    const { expected } = vectors.retrievability_after_first_review;
    const created = Date.UTC(2023, 11, 1, 4, 0);
    const reviewed = created + 5 * 60_000;
    for (const [name, value] of Object.entries(expected as Record<string, number>)) {
      const state = scheduler.review(scheduler.newState(created), ratingOf[name]!, reviewed);
      expect(scheduler.retrievability(state, state.due)).toBeCloseTo(value, 5);
    }
  });
});

describe('scheduler', () => {
  it('previews a later due time for each better rating', () => {
    const now = Date.UTC(2024, 0, 1);
    let state = scheduler.newState(now);
    for (let i = 0; i < 3; i++) state = scheduler.review(state, 3, state.due);
    const preview = scheduler.preview(state, state.due);
    expect(preview[1]).toBeLessThan(preview[2]);
    expect(preview[2]).toBeLessThan(preview[3]);
    expect(preview[3]).toBeLessThan(preview[4]);
  });

  it('schedules more often with a higher desired retention', () => {
    const now = Date.UTC(2024, 0, 1);
    const interval = (retention: number) => {
      const s = createScheduler({ ...DEFAULT_DECK_SETTINGS, retention });
      let state = s.newState(now);
      for (let i = 0; i < 4; i++) state = s.review(state, 3, state.due);
      return state.scheduledDays;
    };
    expect(interval(0.97)).toBeLessThan(interval(0.9));
    expect(interval(0.9)).toBeLessThan(interval(0.7));
  });

  it('rebuilds the stored state from the log, ignoring undone answers', () => {
    const created = Date.UTC(2024, 2, 1, 9);
    const answers = [
      { at: created + 60_000, rating: 3 as Rating },
      { at: created + 11 * 60_000, rating: 3 as Rating },
      { at: created + 3 * DAY, rating: 1 as Rating, undone: true },
      { at: created + 3 * DAY + 5_000, rating: 4 as Rating },
      { at: created + 20 * DAY, rating: 2 as Rating }
    ];
    let live = scheduler.newState(created);
    for (const a of answers) if (!a.undone) live = scheduler.review(live, a.rating, a.at);
    const shuffled = [answers[3]!, answers[0]!, answers[4]!, answers[2]!, answers[1]!];
    expect(replayLog(scheduler, shuffled, created)).toEqual(live);
  });

  it.each([
    [30_000, '1 min'],
    [10 * 60_000, '10 min'],
    [5 * 3_600_000, '5 h'],
    [2 * DAY, '2 d'],
    [120 * DAY, '4 mo'],
    [548 * DAY, '1.5 y']
  ])('writes a wait of %d ms as %s', (ms, text) => {
    expect(formatInterval(0, ms)).toBe(text);
  });
});
