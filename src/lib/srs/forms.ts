/**
 * Which question form to show for a card: recognition (multiple choice, true/false) while a
 * memory is new or weak, production (cloze, typed, numbers) as it grows, free recall
 * (flashcard, typed) once it is strong; and not the same form as last time when another
 * fits. Pure.
 */
import type { Rng } from '$lib/deck/rng';
import type { Question, QuestionKind } from '$lib/deck/types';
import { CardState, type MemoryState } from './types';

/** The forms a study session can show for one card. */
export const SESSION_KINDS: readonly QuestionKind[] = [
  'choice',
  'truefalse',
  'cloze',
  'typed',
  'numeric',
  'flashcard'
];

const LADDER: QuestionKind[][] = [
  ['choice', 'truefalse'],
  ['cloze', 'typed', 'numeric'],
  ['flashcard', 'typed']
];

/** 0 for a new or weak memory, 1 for a middling one, 2 for a strong one. */
export function strengthLevel(memory: MemoryState): 0 | 1 | 2 {
  if (memory.state === CardState.New || memory.state === CardState.Learning) return 0;
  if (memory.state === CardState.Relearning || memory.stability < 4) return 0;
  if (memory.stability < 21) return 1;
  return 2;
}

/**
 * The question to show for a card. With `allowed` (an assignment's kinds), only those
 * kinds are asked, from the first showing on: the memory's own rung when it has one of
 * them, else the nearest rung below it (the easier form), else above. A fact with no
 * question of the allowed kinds is asked in any form it has, rather than not at all.
 */
export function chooseQuestion(
  questions: readonly Question[],
  memory: MemoryState,
  lastKind: QuestionKind | null,
  rng: Rng,
  allowed?: readonly QuestionKind[]
): Question | null {
  const sessionable = questions.filter((q) => SESSION_KINDS.includes(q.kind));
  const restricted = allowed?.length
    ? sessionable.filter((q) => allowed.includes(q.kind))
    : sessionable;
  const usable = restricted.length > 0 ? restricted : sessionable;
  if (usable.length === 0) return null;
  const level = strengthLevel(memory);
  // Try the memory's own rung first, then the rungs nearest to it, the easier one first.
  const order = [level, level - 1, level + 1, level - 2, level + 2].filter((l) => l >= 0 && l <= 2);
  for (const rung of order) {
    const fitting = usable.filter((q) => LADDER[rung]!.includes(q.kind));
    if (fitting.length === 0) continue;
    const fresh = fitting.filter((q) => q.kind !== lastKind);
    const pool = fresh.length > 0 ? fresh : fitting;
    return pool[Math.floor(rng() * pool.length)] ?? null;
  }
  return usable[0] ?? null;
}
