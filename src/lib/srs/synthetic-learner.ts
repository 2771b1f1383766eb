/**
 * A simulated learner for the optimiser's tests: studies with the app's scheduler (the
 * FSRS-6 defaults decide when each card comes back) while really forgetting much faster
 * than the defaults predict. Fitted parameters should therefore predict this learner
 * better than the defaults. Tests only; seeded, so every run gives the same log.
 */
import { createRng } from '../deck/rng';
import { studyDay } from './day';
import { DEFAULT_WEIGHTS } from './optimise';
import { createScheduler } from './scheduler';
import { CardState, DEFAULT_DECK_SETTINGS, type MemoryState, type Rating } from './types';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How this learner's memory grows: first memories a third as stable, a steeper curve. */
export const LEARNER_WEIGHTS: readonly number[] = DEFAULT_WEIGHTS.map((w, k) =>
  k < 4 ? w * 0.3 : k === 20 ? 0.4 : w
);
/** And worse than that on every review after a day or more: FSRS's chance, cubed. */
const FORGETTING_POWER = 3;

export interface SimulatedAnswer {
  card: number;
  at: number;
  /** Study day (4:00 UTC start). */
  day: number;
  rating: Rating;
  /** The app's memory of the card before and after, with the default parameters. */
  before: MemoryState;
  after: MemoryState;
}

export interface SimulatedLog {
  answers: SimulatedAnswer[];
  /** Each card's memory as the app keeps it at the end. */
  cards: MemoryState[];
}

/**
 * `reviews` answers from `start` (epoch ms): `newPerDay` new cards a day, each due card
 * studied between 9:00 and 21:00 UTC, learning steps the same day.
 */
export function simulateLearner({
  reviews,
  start,
  seed = 'learner',
  newPerDay = 12,
  cards = 150
}: {
  reviews: number;
  start: number;
  seed?: string;
  newPerDay?: number;
  cards?: number;
}): SimulatedLog {
  const rng = createRng(seed);
  const app = createScheduler(DEFAULT_DECK_SETTINGS);
  const truth = createScheduler({ ...DEFAULT_DECK_SETTINGS, weights: [...LEARNER_WEIGHTS] });
  const memory: MemoryState[] = [];
  const real: MemoryState[] = [];
  const lastDay: number[] = [];
  const answers: SimulatedAnswer[] = [];
  const firstDay = Math.floor(start / DAY);
  for (let d = 0; answers.length < reviews; d++) {
    const open = (firstDay + d) * DAY + 9 * HOUR;
    const close = open + 12 * HOUR;
    for (let k = 0; k < newPerDay && memory.length < cards; k++) {
      memory.push(app.newState(open));
      real.push(truth.newState(open));
      lastDay.push(-1);
    }
    let now = open + Math.floor(rng() * HOUR);
    while (answers.length < reviews) {
      let next = -1;
      for (let c = 0; c < memory.length; c++)
        if (memory[c]!.due < close && (next < 0 || memory[c]!.due < memory[next]!.due)) next = c;
      if (next < 0) break;
      now = Math.max(now + 15_000 + Math.floor(rng() * 30_000), memory[next]!.due);
      if (now >= close) break;
      const day = studyDay(now, 4, 0);
      const elapsed = lastDay[next]! < 0 ? 0 : day - lastDay[next]!;
      const recall =
        real[next]!.state === CardState.New
          ? 0.7
          : elapsed === 0
            ? 0.9
            : truth.recall(real[next]!, elapsed) ** FORGETTING_POWER;
      const roll = rng();
      const rating: Rating = roll >= recall ? 1 : roll < recall * 0.1 ? 4 : 3;
      const before = memory[next]!;
      const after = app.review(before, rating, now);
      answers.push({ card: next, at: now, day, rating, before, after });
      memory[next] = after;
      real[next] = truth.review(real[next]!, rating, now);
      lastDay[next] = day;
    }
  }
  return { answers, cards: memory };
}
