/**
 * FSRS-6 through ts-fsrs, with no fuzz: the same answers at the same times always give
 * the same schedule. Pure: `now` is always a parameter (epoch ms).
 */
import { createEmptyCard, fsrs, generatorParameters, type Card, type Grade } from 'ts-fsrs';
import {
  CardState,
  RETENTION_RANGE,
  type DeckSettings,
  type MemoryState,
  type Rating
} from './types';

export interface Scheduler {
  /** The state of a card never studied. */
  newState(now: number): MemoryState;
  /** The state after answering with `rating` at `now`. */
  review(state: MemoryState, rating: Rating, now: number): MemoryState;
  /** When each rating would make the card due next. */
  preview(state: MemoryState, now: number): Record<Rating, number>;
  /** Chance of recalling the card at `now`, 0 to 1 (1 for a card never studied). */
  retrievability(state: MemoryState, now: number): number;
  /**
   * Chance of recalling the card `elapsedDays` whole study days after its last review: the
   * forgetting curve of these parameters at its stability (1 for a card never studied).
   * The optimiser fits parameters on study-day intervals; evaluating them uses this.
   */
  recall(state: MemoryState, elapsedDays: number): number;
}

export type SchedulerOptions = Pick<
  DeckSettings,
  'retention' | 'learningSteps' | 'relearningSteps'
> & {
  /** FSRS parameters (21 weights); the FSRS-6 defaults when absent. */
  weights?: readonly number[];
};

function toCard(state: MemoryState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state as number,
    ...(state.lastReview !== null ? { last_review: new Date(state.lastReview) } : {})
  };
}

function fromCard(card: Card): MemoryState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as number as CardState,
    lastReview: card.last_review ? card.last_review.getTime() : null
  };
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const retention = Math.min(RETENTION_RANGE.max, Math.max(RETENTION_RANGE.min, options.retention));
  const engine = fsrs(
    generatorParameters({
      request_retention: retention,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: options.learningSteps,
      relearning_steps: options.relearningSteps,
      ...(options.weights ? { w: [...options.weights] } : {})
    })
  );
  return {
    newState: (now) => fromCard(createEmptyCard(new Date(now))),
    review: (state, rating, now) =>
      fromCard(engine.next(toCard(state), new Date(now), rating as Grade).card),
    preview(state, now) {
      const preview = engine.repeat(toCard(state), new Date(now));
      return {
        1: preview[1 as Grade].card.due.getTime(),
        2: preview[2 as Grade].card.due.getTime(),
        3: preview[3 as Grade].card.due.getTime(),
        4: preview[4 as Grade].card.due.getTime()
      };
    },
    retrievability: (state, now) =>
      state.state === CardState.New
        ? 1
        : engine.get_retrievability(toCard(state), new Date(now), false),
    recall: (state, elapsedDays) =>
      state.state === CardState.New
        ? 1
        : engine.forgetting_curve(Math.max(0, elapsedDays), +state.stability.toFixed(8))
  };
}
