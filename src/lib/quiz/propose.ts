/**
 * Which rating to propose after a graded answer, and why. Pure.
 *
 * FSRS models recall. An answer is proposed the rating its evidence supports:
 * - wrong → Again, in every form;
 * - accepted with a typo → Hard at most;
 * - recognised (true/false, choice) → Good at most: spotting an answer is easier than
 *   recalling it, and a guess can be right;
 * - a card's very first graded answer → Good at most: one answer is not yet memory;
 * - recalled (typed, fill the gap, number, flashcard) right and fast → Easy;
 * - otherwise right → Good.
 * The learner can change the proposal; the reason is shown beside it.
 */
import type { QuestionKind } from '$lib/deck/types';
import type { Rating } from '$lib/srs/types';

export interface AnswerEvidence {
  kind: QuestionKind;
  correct: boolean;
  /** Accepted despite a small typo. */
  typo: boolean;
  durationMs: number;
  /** The card had never been answered before: its first graded answer. */
  first: boolean;
}

export interface Proposal {
  rating: Rating;
  /** A few words on why, for the feedback: "Good: recognising is easier than recalling". */
  reason: string;
}

/** Forms where the learner picks the answer among those shown. */
export const RECOGNITION_KINDS: readonly QuestionKind[] = ['choice', 'truefalse'];

/** How fast counts as fast when recalling, in ms: the time to think and type a short answer. */
export const FAST_RECALL_MS: Partial<Record<QuestionKind, number>> = {
  flashcard: 6_000,
  typed: 8_000,
  cloze: 8_000,
  numeric: 8_000
};

export function proposeRating(evidence: AnswerEvidence): Proposal {
  const { kind, correct, typo, durationMs, first } = evidence;
  if (!correct)
    return first
      ? { rating: 1, reason: 'Again: a new fact, so it comes back soon while you learn it' }
      : { rating: 1, reason: 'Again: the answer was not right, so it comes back soon' };
  if (typo) return { rating: 2, reason: 'Hard: accepted, but with a spelling slip' };
  if (RECOGNITION_KINDS.includes(kind))
    return { rating: 3, reason: 'Good: recognising is easier than recalling' };
  if (first) return { rating: 3, reason: 'Good: a first right answer is not yet a memory' };
  const fast = durationMs <= (FAST_RECALL_MS[kind] ?? 0);
  return fast
    ? { rating: 4, reason: 'Easy: recalled quickly' }
    : { rating: 3, reason: 'Good: recalled, with some thought' };
}
