/**
 * The names a deck knows, for fair typo tolerance: a typed answer with a small typo is only
 * accepted when it is not at least as close to another name the app knows (grading in
 * quiz/grade.ts). Built once when a deck is installed, kept per deck, and read as one list
 * for the whole collection. Pure.
 */
import { normalizeText } from './normalize';
import type { Fact } from './types';

/**
 * Capitalised words that open a sentence or a question without being part of a name:
 * "Which Vietnamese general…" names "Vietnamese", not "Which Vietnamese".
 */
const OPENERS = new Set([
  'a',
  'according',
  'after',
  'also',
  'although',
  'an',
  'and',
  'as',
  'apart',
  'at',
  'because',
  'before',
  'besides',
  'both',
  'but',
  'by',
  'despite',
  'during',
  'even',
  'for',
  'from',
  'how',
  'if',
  'in',
  'instead',
  'into',
  'its',
  'of',
  'on',
  'once',
  'since',
  'some',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'this',
  'those',
  'to',
  'under',
  'unlike',
  'until',
  'what',
  'when',
  'where',
  'which',
  'while',
  'who',
  'whom',
  'whose',
  'why',
  'with',
  'within'
]);

/** A word that can be part of a name: it starts with a capital letter (any script). */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}\p{N}'’.-]*$/u;

/**
 * The proper names written in a text: each run of capitalised words ("Kim Yong Nam",
 * "Supreme People's Assembly", "Ho Chi Minh Mausoleum"), without an opening word such as
 * "Which" or "The". Runs stop at a lower-case word or at punctuation.
 */
export function namesInText(text: string): string[] {
  const names: string[] = [];
  // Punctuation that ends a run; apostrophes and hyphens stay inside words.
  for (const clause of text.split(/[,;:!?()[\]"“”‘«»–—/]|\.(?=\s|$)/u)) {
    let run: string[] = [];
    const flush = () => {
      while (run.length > 0 && OPENERS.has(run[0]!.toLowerCase())) run.shift();
      if (run.length > 0) names.push(run.join(' '));
      run = [];
    };
    for (const word of clause.split(/\s+/).filter(Boolean)) {
      if (NAME_WORD.test(word)) run.push(word.replace(/[.’']+$/u, ''));
      else flush();
    }
    flush();
  }
  return names;
}

/**
 * Every name a deck's facts hold, normalised for comparison and without repeats: each
 * answer and accepted variant (every claim's, where sources disagree), and the names
 * written in prompts, statements and labels. Numbers and dates are left out: grading never
 * forgives a typo in a number.
 */
export function deckNames(facts: readonly Fact[]): string[] {
  const names = new Set<string>();
  const add = (text: string | undefined) => {
    if (!text) return;
    const key = normalizeText(text);
    if (key && !/\d/.test(key)) names.add(key);
  };
  for (const fact of facts) {
    if (fact.conflict) {
      // Its `answer` lists every claim for display; the claims themselves are the names.
      for (const claim of fact.claims) {
        add(claim.answer);
        claim.variants.forEach(add);
      }
    } else {
      add(fact.answer);
      fact.variants.forEach(add);
    }
    for (const text of [fact.prompt, fact.statement, fact.label])
      if (text) namesInText(text).forEach(add);
  }
  return [...names].sort();
}
