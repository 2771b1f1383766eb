/**
 * Card state from the review log alone: the log is the record, the stored card state a
 * cache of it. Pure.
 */
import type { Scheduler } from './scheduler';
import type { MemoryState, Rating } from './types';

export interface LoggedAnswer {
  /** Epoch ms of the answer. */
  at: number;
  rating: Rating;
  /** True when the learner undid this answer. */
  undone?: boolean;
}

/** Replays the answers (any order; sorted by time here) from a card never studied. */
export function replayLog(
  scheduler: Scheduler,
  answers: readonly LoggedAnswer[],
  createdAt: number
): MemoryState {
  return [...answers]
    .filter((a) => !a.undone)
    .sort((a, b) => a.at - b.at)
    .reduce(
      (state, answer) => scheduler.review(state, answer.rating, answer.at),
      scheduler.newState(createdAt)
    );
}
