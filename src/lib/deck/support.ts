/**
 * The support check: every year, number and proper name in an answer must occur in at
 * least one paragraph the fact cites. Pure.
 */
import { isMonth, normalizeText, normalizedWords } from './normalize';
import type { BadForm } from './types';

/** Capitalised words that are not names. */
const NOT_NAMES = new Set(
  'a an the and or of in on at to for by with from as its it this that these those not no north south east west first second third'.split(
    ' '
  )
);

/**
 * The tokens of an answer that must be found in a cited paragraph: numbers (thousands
 * separators removed) and capitalised words other than common function words. Months
 * count too: "July 1957" must not be supported by a paragraph that says "August 1957".
 */
export function supportTokens(answer: string): string[] {
  const tokens: string[] = [];
  const original = answer.replace(/(\d)[, ](?=\d{3}\b)/g, '$1');
  for (const match of original.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    const raw = match[0].replace(/[.'’-]+$/, '');
    for (const part of raw.split(/[-'’]/)) {
      const word = normalizeText(part);
      if (!word) continue;
      const isNumber = /\d/.test(word);
      const isCapitalised = /^\p{Lu}/u.test(part);
      if (isNumber || ((isCapitalised || isMonth(word)) && !NOT_NAMES.has(word))) {
        tokens.push(...word.split(' '));
      }
    }
  }
  return [...new Set(tokens)];
}

/** Applies the known corrections so a misspelled source still supports the correct name. */
export function correctBadForms(paragraph: string, badForms: BadForm[]): string {
  let corrected = paragraph;
  for (const form of badForms)
    corrected = corrected.split(form.bad).join(`${form.bad} ${form.good}`);
  return corrected;
}

/** Returns the tokens of `answer` found in none of `paragraphs`. */
export function unsupportedTokens(
  answer: string,
  paragraphs: string[],
  badForms: BadForm[] = []
): string[] {
  const words = new Set(
    paragraphs.flatMap((paragraph) => normalizedWords(correctBadForms(paragraph, badForms)))
  );
  return supportTokens(answer).filter((token) => !words.has(token));
}
