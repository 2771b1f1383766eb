/**
 * The rules for a fact's fields, each written once, for every schema that checks facts or
 * ids: the built-in decks' files (`schema.ts`), a teacher's deck in a link (`own.ts`), a
 * teacher's YAML (`own-yaml.ts`) and CSV (`own-csv.ts`), and the ids in assignments and
 * reports (`share`). The schemas differ in strictness (a teacher's deck has length limits)
 * and in wording: those are the parameters. Pure: valibot only.
 */
import * as v from 'valibot';
import { ERAS, FACT_KINDS } from './types';

/** Every id: lower-case letters and digits in words joined by single hyphens. */
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with the month and day in range. */
const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export const DATE_MESSAGE = 'must be YYYY, YYYY-MM or YYYY-MM-DD';
const VALUE_MESSAGE = 'must be { date }, { year }, { from, to } or { number, unit }';
const YEAR_MIN = 1000;
const YEAR_MAX = 2999;

export const tooLong = (max: number) => `is too long: at most ${max} characters`;

/** The kebab-case rule in words, with an example id the reader will recognise. */
export const kebabMessage = (example: string) =>
  `must be kebab-case: a-z, 0-9 and single hyphens, like ${example}`;

/**
 * What the rules say when a value breaks them. Whatever is left out is valibot's own
 * message: a teacher's schemas word everything (the teacher reads it beside the line they
 * typed), while the built-in decks' schema and the share formats have always kept most of
 * valibot's, so each passes what it says.
 */
export interface Wording {
  notText?: string;
  notNumber?: string;
  notWhole?: string;
  notKebab?: string;
  notYear?: string;
  tooLong?: (max: number) => string;
}

/** An id; `max` bounds its length where it travels or is stored. */
export function kebabId(max = Infinity, words: Wording = {}) {
  return v.pipe(
    v.string(words.notText),
    v.regex(KEBAB, words.notKebab),
    v.maxLength(max, words.tooLong?.(max))
  );
}

/** Text that is not blank once trimmed, at most `max` characters. */
export function trimmedText(max = Infinity, words: Wording = {}) {
  return v.pipe(
    v.string(words.notText),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, words.tooLong?.(max))
  );
}

/**
 * A text field as YAML reads it, where `answer: 1969` is a number: the number becomes its
 * text. `message` is said of anything else.
 */
export function yamlText(message?: string) {
  return v.pipe(v.union([v.string(), v.number()], message), v.transform(String));
}

/**
 * An ISO date. `from: 'yaml'` also takes the number YAML makes of a bare year
 * (`date: 1969`), saying `notScalar` of anything that is neither text nor a number.
 */
export function isoDate(from: 'text' | 'yaml', notScalar?: string) {
  return v.pipe(
    from === 'yaml' ? yamlText(notScalar) : v.string(),
    v.regex(ISO_DATE, DATE_MESSAGE)
  );
}

export function year(words: Wording = {}) {
  return v.pipe(
    v.number(words.notNumber),
    v.integer(words.notWhole),
    v.minValue(YEAR_MIN, words.notYear),
    v.maxValue(YEAR_MAX, words.notYear)
  );
}

/** A citation's paragraph: blank-line separated blocks of the source, counted from 1. */
export function paragraph(max = Infinity, words: Wording = {}) {
  return v.pipe(
    v.number(words.notNumber),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be 1 or more'),
    v.maxValue(max, 'is too large')
  );
}

export const kind = v.picklist(FACT_KINDS, `must be one of ${FACT_KINDS.join(', ')}`);
export const era = v.picklist(ERAS, `must be one of ${ERAS.join(', ')}`);
export const importance = v.picklist([1, 2, 3], 'must be 1, 2 or 3');

/**
 * A fact's machine-readable value: a date, a year, a period of years or a number with its
 * unit. The parts are the rules of each schema for a date, a year, a number and a unit.
 */
export function factValue(parts: {
  date: v.GenericSchema<unknown, string>;
  year: v.GenericSchema<unknown, number>;
  number: v.GenericSchema<unknown, number>;
  unit: v.GenericSchema<unknown, string>;
}) {
  const { date, year, number, unit } = parts;
  return v.union(
    [
      v.strictObject({ date }),
      v.strictObject({ year }),
      v.pipe(
        v.strictObject({ from: year, to: year }),
        v.check((range) => range.from <= range.to, '`from` must not be after `to`')
      ),
      v.strictObject({ number, unit })
    ],
    VALUE_MESSAGE
  );
}
