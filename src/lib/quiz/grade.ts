/**
 * Grading answers. Pure. This first version compares normalised text (case, accents,
 * punctuation, spaces and a leading article ignored) and numbers; fuzzier matching of
 * typed answers comes later.
 */
import { normalizeText } from '$lib/deck/normalize';
import type { Question } from '$lib/deck/types';
import type { Rating } from '$lib/srs/types';

export interface Grade {
  correct: boolean;
  /** What the learner gave, as text for the log. */
  given: string;
}

const ARTICLES = new Set(['the', 'a', 'an']);

export function comparable(text: string): string {
  const words = normalizeText(text).split(' ');
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

/** Reads a whole number from text such as "1,957", "50 000 rubles" or "1957". */
export function parseNumber(text: string): number | null {
  const match = /-?\d[\d,\u00a0 ]*(?:\.\d+)?/.exec(text);
  if (!match) return null;
  const value = Number(match[0].replace(/[,\u00a0 ]/g, ''));
  return Number.isFinite(value) ? value : null;
}

export function gradeAnswer(question: Question, given: string): Grade {
  switch (question.kind) {
    case 'choice':
    case 'truefalse':
      return { correct: given === question.answer, given };
    case 'typed':
    case 'cloze': {
      const accepted = [question.answer, ...question.accepted].map(comparable);
      return { correct: given.trim() !== '' && accepted.includes(comparable(given)), given };
    }
    case 'numeric':
      return { correct: parseNumber(given) === question.value, given };
    default:
      throw new Error(`${question.kind} questions are not graded automatically`);
  }
}

/** How fast counts as "fast" for each form, in ms: recognising is quicker than typing. */
const FAST_MS: Partial<Record<Question['kind'], number>> = {
  choice: 5_000,
  truefalse: 4_000,
  typed: 8_000,
  cloze: 8_000,
  numeric: 8_000
};

/** The rating proposed for a graded answer: wrong → Again, right → Good, right and fast → Easy. */
export function proposeRating(
  kind: Question['kind'],
  correct: boolean,
  durationMs: number
): Rating {
  if (!correct) return 1;
  return durationMs <= (FAST_MS[kind] ?? 0) ? 4 : 3;
}
