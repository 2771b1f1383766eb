/**
 * Grading answers fairly. Pure.
 *
 * Typed answers ignore case, punctuation, extra spaces, accents and a leading article;
 * accept the fact's variants; read numbers with or without thousands separators and
 * units, dates in common forms, and Korean names hyphenated or spaced. Small typos pass
 * (one edit for short answers, two for long ones, and a mistyped leading "the") unless the
 * text is at least as close to another name the app knows (deck/names.ts): "Kim Jong Il"
 * never passes for "Kim Yong-il".
 */
import { MONTHS, normalizeText } from '$lib/deck/normalize';
import type { NumericQuestion, Question } from '$lib/deck/types';
import { plainOfSafeText } from '$lib/deck/safe-text';

export interface Grade {
  correct: boolean;
  /** What the learner gave, as text for the log. */
  given: string;
  /** True when accepted despite a small typo: show what was expected. */
  typo?: boolean;
  /** The accepted form the answer matched, when it did. */
  matched?: string;
}

const ARTICLES = new Set(['the', 'a', 'an']);

/** Normalised words without a leading article. */
export function comparable(text: string): string {
  const words = normalizeText(text).split(' ').filter(Boolean);
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

/** Reads a number from text such as "1,957", "50 000 rubles" or "1957". */
export function parseNumber(text: string): number | null {
  const match = /-?\d[\d,\u00a0 ]*(?:\.\d+)?/.exec(text);
  if (!match) return null;
  const value = Number(match[0].replace(/[,\u00a0 ]/g, '').trim());
  return Number.isFinite(value) ? value : null;
}

export interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * Reads a date written as "January 1950", "Jan. 1950", "1950-01", "15 January 1950",
 * "January 15, 1950", "1950-01-15" or "1950"; null when the text is not one date.
 */
export function parseDate(text: string): ParsedDate | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (m) return withParts(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  const words = normalizeText(t).split(' ').filter(Boolean);
  const monthIndex = words.findIndex((w) => MONTHS.includes(w));
  const numbers = words.filter((w) => /^\d+$/.test(w)).map(Number);
  const others = words.filter(
    (w) => !MONTHS.includes(w) && !/^\d+$/.test(w) && w !== 'of' && w !== 'in'
  );
  if (others.length > 0) return null;
  const year = numbers.find((n) => n >= 1000 && n <= 2999);
  if (year === undefined) return null;
  const day = numbers.find((n) => n !== year && n >= 1 && n <= 31);
  if (numbers.length > (day !== undefined ? 2 : 1)) return null;
  if (monthIndex < 0) return day === undefined ? { year } : null;
  return withParts(year, MONTHS.indexOf(words[monthIndex]!) + 1, day);
}

function withParts(year: number, month: number, day?: number): ParsedDate | null {
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return null;
  return day === undefined ? { year, month } : { year, month, day };
}

function sameDate(a: ParsedDate, b: ParsedDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A leading word that is "the" mistyped: its letters swapped ("teh", "het") or one key
 * off ("thw", "tge"). Dropped before comparing, as "the" itself is.
 */
export function isMistypedArticle(word: string): boolean {
  if (word.length !== 3 || word === 'the') return false;
  return [...word].sort().join('') === 'eht' || editDistance(word, 'the') === 1;
}

/** Edits forgiven for an answer of this length: none up to 3 letters, one up to 8, then two. */
export function typoAllowance(expected: string): number {
  const letters = expected.replace(/\s/g, '').length;
  return letters <= 3 ? 0 : letters <= 8 ? 1 : 2;
}

function digitsOf(text: string): string {
  return (text.match(/\d+(\.\d+)?/g) ?? []).join(' ');
}

/**
 * Grades a typed answer against the accepted forms. `others` are the other names the app
 * knows (every deck's answers, variants and the names in its prompts and statements): a
 * typo never passes if the text is at least as close to one of them.
 */
export function gradeTyped(
  given: string,
  accepted: readonly string[],
  others: readonly string[] = []
): Grade {
  const g = comparable(given);
  if (!g) return { correct: false, given };
  const forms = accepted.map((a) => ({ raw: a, key: comparable(a) })).filter((f) => f.key);

  for (const form of forms) if (form.key === g) return { correct: true, given, matched: form.raw };

  // Numbers: the same number, with or without its unit and separators.
  for (const form of forms) {
    // A date is not a number: "1950" does not answer "January 1950".
    if (parseDate(form.raw)?.month !== undefined) continue;
    const expectedNumber = parseNumber(form.raw);
    const givenNumber = parseNumber(given);
    if (expectedNumber === null || givenNumber === null || expectedNumber !== givenNumber) continue;
    const unitWords = new Set(form.key.split(' ').filter((w) => !/\d/.test(w)));
    const givenWords = g.split(' ').filter((w) => !/\d/.test(w));
    if (
      givenWords.every(
        (w) =>
          unitWords.has(w) ||
          (w.endsWith('s') && unitWords.has(w.slice(0, -1))) ||
          unitWords.has(`${w}s`)
      )
    ) {
      return { correct: true, given, matched: form.raw };
    }
  }

  // Dates in another common form.
  const givenDate = parseDate(given);
  if (givenDate) {
    for (const form of forms) {
      const expectedDate = parseDate(form.raw);
      if (expectedDate && sameDate(expectedDate, givenDate))
        return { correct: true, given, matched: form.raw };
    }
  }

  // Small typos in words (never in numbers), unless another name is at least as close.
  // A mistyped leading "the" is a typo too: "het Ho Chi Minh Mausoleum".
  const words = g.split(' ');
  const texts =
    words.length > 1 && isMistypedArticle(words[0]!) ? [g, words.slice(1).join(' ')] : [g];
  let best: { raw: string; text: string; distance: number } | null = null;
  for (const text of texts) {
    for (const form of forms) {
      if (digitsOf(form.key) !== digitsOf(text)) continue;
      const distance = editDistance(text, form.key);
      if (distance <= typoAllowance(form.key) && (!best || distance < best.distance))
        best = { raw: form.raw, text, distance };
    }
  }
  if (best && !hasRival(best.text, best.distance, forms, others))
    return { correct: true, given, typo: true, matched: best.raw };
  return { correct: false, given };
}

/** Whether a name other than the accepted forms is within `distance` edits of `text`. */
function hasRival(
  text: string,
  distance: number,
  forms: readonly { key: string }[],
  others: readonly string[]
): boolean {
  const acceptedKeys = new Set(forms.map((f) => f.key));
  for (const other of others) {
    const key = comparable(other);
    // Lengths further apart than the distance cannot be that close: skip the table.
    if (!key || acceptedKeys.has(key) || Math.abs(key.length - text.length) > distance) continue;
    if (editDistance(text, key) <= distance) return true;
  }
  return false;
}

/** Share of pairs in the right relative order: 1 for a perfect order, 0 for its reverse. */
export function scoreOrder(given: readonly string[], correct: readonly string[]): number {
  const position = new Map(correct.map((id, i) => [id, i]));
  let right = 0;
  let pairs = 0;
  for (let i = 0; i < given.length; i++) {
    for (let j = i + 1; j < given.length; j++) {
      pairs++;
      if ((position.get(given[i]!) ?? 0) < (position.get(given[j]!) ?? 0)) right++;
    }
  }
  return pairs === 0 ? 1 : right / pairs;
}

/** Share of correct pairs: `given` maps each left item's id to the right text chosen. */
export function scoreMatch(
  given: ReadonlyMap<string, string>,
  pairs: readonly { factId: string; right: string }[]
): number {
  if (pairs.length === 0) return 1;
  return pairs.filter((p) => given.get(p.factId) === p.right).length / pairs.length;
}

/**
 * Grades one answer. `names` are every name the collection knows (deck/names.ts): for
 * typed and cloze answers, a typo is refused when the text is as close to one of them.
 */
export function gradeAnswer(question: Question, given: string, names: readonly string[]): Grade {
  switch (question.kind) {
    case 'choice':
    case 'truefalse':
      return { correct: given === question.answer, given };
    case 'typed':
    case 'cloze':
      // An imported answer is safe text: its emphasis marks are not part of what is typed.
      return gradeTyped(
        given,
        [question.answer, ...question.accepted].map((a) =>
          question.rich ? plainOfSafeText(a) : a
        ),
        names
      );
    case 'numeric':
      return { correct: numberMatches(parseNumber(given), question), given };
    default:
      throw new Error(`${question.kind} questions are not graded one answer at a time`);
  }
}

/** A number given is right when it is the value, or within the question's range when it has one. */
function numberMatches(given: number | null, question: NumericQuestion): boolean {
  if (given === null || Number.isNaN(given)) return false;
  if (question.min !== undefined && question.max !== undefined)
    return given >= question.min && given <= question.max;
  return given === question.value;
}
