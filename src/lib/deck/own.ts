/**
 * A teacher's own deck: its shape, its limits, the schema that checks it when it arrives
 * inside an assignment link (untrusted input), and cutting it to the facts assigned.
 * Reading one from CSV or YAML is `own-parse.ts`; making its questions, `own-compile.ts`;
 * the rules of its fields, `fields.ts`.
 * Pure: no storage, no DOM.
 */
import * as v from 'valibot';
import {
  era,
  factValue,
  importance,
  isoDate,
  kebabId,
  kebabMessage,
  kind,
  paragraph,
  tooLong,
  trimmedText,
  year,
  type Wording
} from './fields';
import type { Fact, Topic } from './types';
import { isHttpUrl } from './web-address';

export interface OwnSource {
  id: string;
  title: string;
  url?: string;
}

export interface OwnDeck {
  /** `own-` and 8 hex digits of a hash of the content: the same file always gives the same deck. */
  id: string;
  title: string;
  description?: string;
  /** At least one. */
  topics: Topic[];
  sources: OwnSource[];
  /** Ids are `${id}-<slug>`, so they never meet a built-in fact's or another own deck's. */
  facts: Fact[];
}

/** One thing wrong (or worth a second look) in a teacher's file. */
export interface OwnProblem {
  /** 1-based line of the file, or null when the problem is about the whole text. */
  line: number | null;
  /** The column (CSV) or the field path within the fact or deck (YAML; list positions count from 1). */
  field?: string;
  /** The id the teacher wrote, or `#n` for the n-th fact (YAML only). */
  factId?: string;
  message: string;
}

export type OwnParseResult =
  { ok: true; deck: OwnDeck; warnings: OwnProblem[] } | { ok: false; problems: OwnProblem[] };

export { OWN_LIMITS } from './own-limits';
import { OWN_LIMITS } from './own-limits';

const L = OWN_LIMITS;
const OWN_ID = /^own-[0-9a-f]{8}$/;
/** A generated statement is prompt and answer together, so it may be longer than a field. */
const STATEMENT_MAX = L.maxFieldChars + L.maxAnswerChars + 2;

// ---------------------------------------------------------------- shared schema pieces

/** A teacher reads each problem beside the line they typed, so the rules say it in words. */
const TEACHER_WORDS: Wording = {
  notText: 'must be text',
  notNumber: 'must be a number',
  notWhole: 'must be a whole number',
  notKebab: kebabMessage('cold-war'),
  notYear: 'must be a year between 1000 and 2999',
  tooLong
};

/** Text in a teacher's deck: a string, trimmed, not blank, within its limit. */
export const ownText = (max: number) => trimmedText(max, TEACHER_WORDS);

export const ownId = (max: number) => kebabId(max, TEACHER_WORDS);

export const list = <T extends v.GenericSchema>(item: T) =>
  v.pipe(
    v.array(item, 'must be a list, like [a, b]'),
    v.maxLength(L.maxListItems, `may have at most ${L.maxListItems} entries`)
  );

export const httpUrl = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.maxLength(L.maxFieldChars, tooLong(L.maxFieldChars)),
  v.check(isHttpUrl, 'must be a web address starting with http:// or https://')
);

/**
 * The two shapes of a teacher's fact, plain and conflict. The link and the teacher's YAML
 * check the same fields; they differ in what may be left out (`common`), in how an answer
 * is read (`answer`), in how a date may be written (`date`) and in the wording of a wrong
 * `conflict` or claims list (YAML words them, the link has always kept valibot's).
 */
export function ownFactSchemas<TCommon extends v.ObjectEntries>(
  common: TCommon,
  parts: {
    answer: v.GenericSchema<unknown, string>;
    date: v.GenericSchema<unknown, string>;
    notBoolean?: string;
    claimsAsList: boolean;
  }
) {
  const { answer } = parts;
  const value = factValue({
    date: parts.date,
    year: year(TEACHER_WORDS),
    number: v.pipe(v.number(), v.finite()),
    unit: ownText(L.maxAnswerChars)
  });
  const citation = v.strictObject({
    source: ownId(L.maxIdChars),
    para: v.optional(paragraph(100_000, TEACHER_WORDS))
  });
  const plainFact = v.strictObject({
    ...common,
    conflict: v.optional(v.literal(false, parts.notBoolean)),
    answer,
    variants: v.optional(list(answer), []),
    distractors: v.optional(list(answer)),
    value: v.optional(value),
    citations: v.optional(list(citation), [])
  });
  const claim = v.strictObject({
    answer,
    variants: v.optional(list(answer), []),
    value: v.optional(value),
    // A claim is only meaningful with the source that makes it: questions name that source.
    citations: v.pipe(list(citation), v.minLength(1, 'needs at least one citation'))
  });
  const conflictFact = v.strictObject({
    ...common,
    conflict: v.literal(true),
    claims: v.pipe(
      parts.claimsAsList ? list(claim) : v.array(claim),
      v.minLength(2, 'a conflict needs at least two claims'),
      v.maxLength(L.maxListItems)
    )
  });
  return { plainFact, conflictFact };
}

// ---------------------------------------------------------------- the link schema

const { plainFact: linkPlainFact, conflictFact: linkConflictFact } = ownFactSchemas(
  {
    id: ownId(L.maxIdChars),
    kind,
    statement: ownText(STATEMENT_MAX),
    prompt: ownText(L.maxFieldChars),
    label: v.optional(ownText(L.maxFieldChars)),
    topic: ownId(L.maxIdChars),
    era: v.optional(era),
    importance,
    explanation: v.optional(ownText(L.maxFieldChars)),
    note: v.optional(ownText(L.maxFieldChars))
  },
  { answer: ownText(L.maxAnswerChars), date: isoDate('text'), claimsAsList: false }
);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Picking the schema by `conflict` gives precise issues, where a union would only say
// that neither shape fits.
const linkFact = v.lazy((input: unknown) =>
  isRecord(input) && input.conflict === true ? linkConflictFact : linkPlainFact
);

const linkDeck = v.strictObject({
  id: v.pipe(v.string(), v.regex(OWN_ID, 'must be own- and 8 hex digits')),
  title: ownText(L.maxTitleChars),
  description: v.optional(ownText(L.maxFieldChars)),
  topics: v.pipe(
    v.array(v.strictObject({ id: ownId(L.maxIdChars), title: ownText(L.maxTitleChars) })),
    v.minLength(1, 'needs at least one topic'),
    v.maxLength(L.maxTopics)
  ),
  sources: v.pipe(
    v.array(
      v.strictObject({
        id: ownId(L.maxIdChars),
        title: ownText(L.maxFieldChars),
        url: v.optional(httpUrl)
      })
    ),
    v.maxLength(L.maxSources)
  ),
  facts: v.pipe(
    v.array(linkFact),
    v.minLength(1, 'needs at least one fact'),
    v.maxLength(L.maxFacts)
  )
});

function allUnique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

function citedSources(fact: Fact): string[] {
  const citations = fact.conflict
    ? (fact.claims ?? []).flatMap((claim) => claim.citations ?? [])
    : (fact.citations ?? []);
  return citations.map((c) => c.source);
}

/**
 * An own deck as it arrives inside an assignment link. The checks after the shape only run
 * on well-formed decks (valibot skips them otherwise) but still read defensively: this is
 * the one place a stranger's data enters, and it must never throw.
 */
export const ownDeckSchema: v.GenericSchema<unknown, OwnDeck> = v.pipe(
  linkDeck,
  v.check(
    (deck) => (deck.facts ?? []).every((f) => f.id.startsWith(`${deck.id}-`)),
    "every fact id must start with the deck's id"
  ),
  v.check((deck) => allUnique((deck.facts ?? []).map((f) => f.id)), 'fact ids must be unique'),
  v.check(
    (deck) =>
      allUnique((deck.topics ?? []).map((t) => t.id)) &&
      allUnique((deck.sources ?? []).map((s) => s.id)),
    'topic and source ids must be unique'
  ),
  v.check((deck) => {
    const topics = new Set((deck.topics ?? []).map((t) => t.id));
    return (deck.facts ?? []).every((f) => topics.has(f.topic));
  }, "every fact's topic must be one of the deck's topics"),
  v.check((deck) => {
    const sources = new Set((deck.sources ?? []).map((s) => s.id));
    return (deck.facts ?? []).every((f) => citedSources(f).every((id) => sources.has(id)));
  }, "every citation must name one of the deck's sources")
);

/**
 * The statement of a fact written without one: its prompt followed by its answer, as on
 * the back of a paper flashcard ("What is the chemical symbol for gold? Au."). It contains
 * the answer word for word, so it reads well where a statement is shown as the
 * explanation after answering and so the collection's truth checks know the fact. It is
 * not a sentence, though: the generator's true/false ("True or false? What is ...? Au.")
 * and cloze ("What is ...? ___.", only the typed question again) would read badly, so
 * `compileOwnDeck` drops those two kinds for facts whose statement is this default. A
 * teacher who wants them writes a statement.
 */
export function defaultStatement(prompt: string, answer: string): string {
  const question = /[?!.:]$/.test(prompt) ? prompt : `${prompt}:`;
  return `${question} ${answer}${/[.!?]$/.test(answer) ? '' : '.'}`;
}

export function hasDefaultStatement(fact: Fact): boolean {
  return !fact.conflict && fact.statement === defaultStatement(fact.prompt, fact.answer);
}

// ---------------------------------------------------------------- using a deck

/**
 * The deck cut down to some of its facts, in the deck's order, with only the topics and
 * sources they still use. The id stays: the facts keep theirs, and an assignment refers to
 * the deck by it. A deck with no fact left keeps its first topic, but it is no longer a
 * valid `ownDeckSchema` deck.
 */
export function pickOwnFacts(deck: OwnDeck, factIds: readonly string[]): OwnDeck {
  const wanted = new Set(factIds);
  const facts = deck.facts.filter((f) => wanted.has(f.id));
  const topicIds = new Set(facts.map((f) => f.topic));
  const cited = new Set(facts.flatMap(citedSources));
  const topics = deck.topics.filter((t) => topicIds.has(t.id));
  return {
    ...deck,
    topics: topics.length ? topics : deck.topics.slice(0, 1),
    sources: deck.sources.filter((s) => cited.has(s.id)),
    facts
  };
}

/** The examples the assignment builder shows; a test keeps them readable. */
export const OWN_CSV_EXAMPLE = `prompt,answer,variants,topic,source
What is the chemical symbol for gold?,Au,,Elements,Textbook chapter 2
Which gas do plants take in for photosynthesis?,Carbon dioxide,CO2,Plants,Textbook chapter 5`;
export const OWN_YAML_EXAMPLE = `title: Chemistry basics
sources:
  - { id: textbook, title: Textbook chapter 2 }
facts:
  - prompt: What is the chemical symbol for gold?
    answer: Au
    statement: The chemical symbol for gold is Au.
    topic: elements
    citations: [{ source: textbook }]`;
