/**
 * Scoring a practice answer and the forms a practice test offers: what the practice screens
 * need before the database. Kept apart from practice.ts so that those screens paint without
 * loading Dexie; practice.ts re-exports it for its callers.
 */
import { createRng, shuffle } from '$lib/deck/rng';
import type { Question, QuestionKind } from '$lib/deck/types';
import type { PracticeItem } from '$lib/db/db';
import { gradeAnswer, scoreMatch, scoreOrder } from '$lib/quiz/grade';

/** The forms a practice test can grade on its own (flashcards need the learner's judgement). */
export const PRACTICE_KINDS: readonly QuestionKind[] = [
  'choice',
  'truefalse',
  'typed',
  'cloze',
  'numeric',
  'order',
  'match'
];

/** A learner's answer to one practice question. */
export type PracticeAnswer =
  | { kind: 'text'; text: string }
  | { kind: 'order'; order: string[] }
  | { kind: 'pairs'; pairs: Record<string, string> }
  | { kind: 'none' };

/** Scores one answer; `names` are every name the collection knows (see knownNames). */
export function scoreAnswer(
  question: Question,
  answer: PracticeAnswer,
  names: readonly string[]
): PracticeItem {
  const base = { questionId: question.id, factIds: question.factIds, kind: question.kind };
  if (answer.kind === 'none') return { ...base, given: '', score: 0 };
  if (question.kind === 'order' && answer.kind === 'order') {
    const labels = new Map(question.items.map((i) => [i.factId, i.label]));
    return {
      ...base,
      given: answer.order.map((id) => labels.get(id) ?? id).join(' → '),
      score: scoreOrder(answer.order, question.correctOrder)
    };
  }
  if (question.kind === 'match' && answer.kind === 'pairs') {
    const chosen = new Map(Object.entries(answer.pairs));
    return {
      ...base,
      given: question.pairs.map((p) => `${p.left}: ${chosen.get(p.factId) ?? '—'}`).join('; '),
      score: scoreMatch(chosen, question.pairs)
    };
  }
  if (answer.kind === 'text') {
    const grade = gradeAnswer(question, answer.text, names);
    return { ...base, given: answer.text, score: grade.correct ? 1 : 0 };
  }
  return { ...base, given: '', score: 0 };
}

/** Seeded order for showing a test's match options or order items. */
export function shuffledFor<T>(items: readonly T[], seed: string): T[] {
  return shuffle(items, createRng(seed));
}
