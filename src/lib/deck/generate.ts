/**
 * The question generator: from the facts of one deck, deterministically for a seed, the
 * questions of every kind. Pure and fast: it runs at build time for the built-in decks
 * and in the browser for a teacher's own facts.
 */
import { TruthIndex, acceptedKeys, dateKey, valueYears } from './answers';
import { normalizeText } from './normalize';
import { createRng, sample, shuffle, type Rng } from './rng';
import type {
  ChoiceQuestion,
  Citation,
  ClozeQuestion,
  ConflictFact,
  Fact,
  MatchQuestion,
  NumericQuestion,
  OrderQuestion,
  PlainFact,
  Question,
  Source,
  TrueFalseQuestion
} from './types';

export interface GenerateOptions {
  /** Every fact of the collection: distractors must not be true according to any of them. */
  collection?: readonly Fact[];
  sources?: readonly Source[];
  /** Same seed, same questions. */
  seed?: string;
}

const DEFAULT_SEED = 'sourcedeck';
const TYPED_MAX_LENGTH = 40;
/**
 * Judgements and reasons are not mutually exclusive: another fact's claim may be just as
 * true. These kinds get wrong options only from the fact's own hand-written distractors.
 */
const AUTHORED_ONLY_KINDS = new Set(['claim', 'cause']);
const RECALL_KINDS = new Set([
  'date',
  'number',
  'person',
  'place',
  'organization',
  'event',
  'term'
]);

interface Context {
  facts: readonly Fact[];
  collection: readonly Fact[];
  /** Plain facts by kind, sorted by id: the distractor pools. */
  deckByKind: Map<string, PlainFact[]>;
  collectionByKind: Map<string, PlainFact[]>;
  truth: TruthIndex;
  sources: Map<string, Source>;
  seed: string;
  yearRange: [number, number];
}

/** Generates every question of a deck. Question ids depend on fact ids only. */
export function generateQuestions(
  facts: readonly Fact[],
  options: GenerateOptions = {}
): Question[] {
  const collection = options.collection ?? facts;
  const years = collection.flatMap(valueYears);
  const sortedFacts = [...facts].sort((a, b) => compare(a.id, b.id));
  const sortedCollection = [...collection].sort((a, b) => compare(a.id, b.id));
  const context: Context = {
    facts: sortedFacts,
    collection: sortedCollection,
    deckByKind: byKind(sortedFacts),
    collectionByKind: byKind(sortedCollection),
    truth: truthIndexFor(collection),
    sources: new Map((options.sources ?? []).map((source) => [source.id, source])),
    seed: options.seed ?? DEFAULT_SEED,
    yearRange: years.length ? [Math.min(...years) - 6, Math.max(...years)] : [1900, 2100]
  };
  const questions: Question[] = [];
  for (const fact of facts) {
    questions.push(
      ...(fact.conflict ? conflictQuestions(fact, context) : factQuestions(fact, context))
    );
  }
  questions.push(...orderQuestions(context), ...matchQuestions(context));
  return questions;
}

// Decks of one collection share its truth index: build it once per collection.
const truthIndexes = new WeakMap<readonly Fact[], TruthIndex>();
function truthIndexFor(collection: readonly Fact[]): TruthIndex {
  let index = truthIndexes.get(collection);
  if (!index) {
    index = new TruthIndex(collection);
    truthIndexes.set(collection, index);
  }
  return index;
}

function byKind(facts: readonly Fact[]): Map<string, PlainFact[]> {
  const map = new Map<string, PlainFact[]>();
  for (const fact of facts) {
    if (fact.conflict) continue;
    const list = map.get(fact.kind) ?? [];
    list.push(fact);
    map.set(fact.kind, list);
  }
  return map;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rngFor(context: Context, ...parts: string[]): Rng {
  return createRng([context.seed, ...parts].join('|'));
}

function explanationOf(fact: Fact): string {
  return fact.explanation ?? fact.statement;
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.source}#${c.para}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function citationsOf(fact: Fact): Citation[] {
  return fact.conflict ? uniqueCitations(fact.claims.flatMap((c) => c.citations)) : fact.citations;
}

// ---------------------------------------------------------------- one fact

function factQuestions(fact: PlainFact, context: Context): Question[] {
  const base = {
    factIds: [fact.id],
    explanation: explanationOf(fact),
    citations: fact.citations
  };
  const questions: Question[] = [
    {
      ...base,
      id: `${fact.id}:flashcard:0`,
      kind: 'flashcard',
      prompt: fact.prompt,
      answer: fact.answer
    }
  ];

  if (RECALL_KINDS.has(fact.kind) && fact.answer.length <= TYPED_MAX_LENGTH) {
    questions.push({
      ...base,
      id: `${fact.id}:typed:0`,
      kind: 'typed',
      prompt: fact.prompt,
      answer: fact.answer,
      accepted: fact.variants
    });
  }

  const distractors = findDistractors(fact, context, 3);
  if (distractors.length >= 2) {
    const choice: ChoiceQuestion = {
      ...base,
      id: `${fact.id}:choice:0`,
      kind: 'choice',
      prompt: fact.prompt,
      answer: fact.answer,
      options: shuffle([fact.answer, ...distractors], rngFor(context, fact.id, 'choice'))
    };
    questions.push(choice);
  }

  const inStatement = fact.statement.indexOf(fact.answer);
  const judge = 'True or false?';
  questions.push({
    ...base,
    id: `${fact.id}:truefalse:true`,
    kind: 'truefalse',
    prompt: `${judge} ${fact.statement}`,
    statement: fact.statement,
    options: ['True', 'False'],
    answer: 'True'
  } satisfies TrueFalseQuestion);
  // The first swap that does not happen to be some other fact's true statement.
  const falseStatement =
    inStatement < 0
      ? undefined
      : distractors
          .map(
            (d) =>
              fact.statement.slice(0, inStatement) +
              d +
              fact.statement.slice(inStatement + fact.answer.length)
          )
          .find((sentence) => !context.truth.isStatedFact(sentence));
  if (falseStatement) {
    questions.push({
      ...base,
      id: `${fact.id}:truefalse:false`,
      kind: 'truefalse',
      prompt: `${judge} ${falseStatement}`,
      statement: falseStatement,
      options: ['True', 'False'],
      answer: 'False',
      explanation: `False: ${fact.statement} ${fact.explanation ?? ''}`.trim()
    } satisfies TrueFalseQuestion);
  }

  if (inStatement >= 0 && fact.answer.length <= fact.statement.length * 0.6) {
    questions.push({
      ...base,
      id: `${fact.id}:cloze:0`,
      kind: 'cloze',
      prompt: 'Fill in the gap.',
      answer: fact.answer,
      before: fact.statement.slice(0, inStatement),
      after: fact.statement.slice(inStatement + fact.answer.length),
      accepted: fact.variants
    } satisfies ClozeQuestion);
  }

  const numeric = numericOf(fact);
  if (numeric && answerShowsNumber(fact.answer, numeric.value)) {
    questions.push({
      ...base,
      id: `${fact.id}:numeric:0`,
      kind: 'numeric',
      prompt:
        numeric.unit === 'year'
          ? `${fact.prompt} Give the year.`
          : `${fact.prompt} Give the number.`,
      answer: fact.answer,
      value: numeric.value,
      unit: numeric.unit
    } satisfies NumericQuestion);
  }
  return questions;
}

/** The answer text states the number itself ("50,000 rubles"), not a word for it ("second"). */
function answerShowsNumber(answer: string, value: number): boolean {
  return normalizeText(answer).split(' ').includes(String(value));
}

function numericOf(fact: PlainFact): { value: number; unit: string } | null {
  const value = fact.value;
  if (!value) return null;
  if ('number' in value) return { value: value.number, unit: value.unit };
  if ('year' in value) return { value: value.year, unit: 'year' };
  if ('date' in value) return { value: Number(value.date.slice(0, 4)), unit: 'year' };
  return null;
}

// ---------------------------------------------------------------- distractors

/**
 * Up to `count` wrong answers for a fact, of the same kind and form as its answer. None
 * equals an accepted answer, none is true according to any fact about the same thing,
 * none appears in the fact's own statement or prompt, and no two are alike.
 */
function findDistractors(fact: PlainFact, context: Context, count: number): string[] {
  const rng = rngFor(context, fact.id, 'distractors');
  // A number written in words ("Fourteen", "second largest") has no same-form siblings.
  const generated =
    AUTHORED_ONLY_KINDS.has(fact.kind) || (fact.kind === 'number' && !/\d/.test(fact.answer))
      ? []
      : fact.kind === 'date' && /\b\d{4}\b/.test(fact.answer)
        ? shiftedYears(fact, context, rng)
        : fact.kind === 'number' && /\d/.test(fact.answer)
          ? scaledNumbers(fact, context, rng)
          : siblingAnswers(fact, context, rng);
  // Hand-written distractors first: an author knows best what is plausible and wrong.
  const candidates = [...(fact.distractors ?? []), ...generated];
  const accepted = new Set(acceptedKeys(fact));
  const context_text = normalizeText(`${fact.statement} ${fact.prompt} ${fact.label ?? ''}`);
  const chosen: string[] = [];
  const chosenKeys = new Set<string>();
  for (const candidate of candidates) {
    const key = normalizeText(candidate);
    if (!key || accepted.has(key) || chosenKeys.has(key)) continue;
    if (context.truth.isTrueFor(candidate, fact)) continue;
    if (` ${context_text} `.includes(` ${key} `)) continue;
    if (overlaps(key, accepted)) continue;
    chosen.push(candidate);
    chosenKeys.add(key);
    if (chosen.length === count) break;
  }
  return chosen;
}

/** One contains the other as whole words ("China" and "China and the Soviet Union"). */
function overlaps(key: string, accepted: Set<string>): boolean {
  for (const answer of accepted) {
    if (` ${answer} `.includes(` ${key} `) || ` ${key} `.includes(` ${answer} `)) return true;
  }
  return false;
}

/** The answer with every four-digit year moved by the same small offset. */
function shiftedYears(fact: PlainFact, context: Context, rng: Rng): string[] {
  const [low, high] = context.yearRange;
  const years = [...fact.answer.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]));
  const offsets = shuffle([-1, 1, -2, 2, -3, 3, -4, 4, -5, 5], rng);
  const results: string[] = [];
  for (const offset of offsets) {
    if (years.some((y) => y + offset < low || y + offset > high)) continue;
    results.push(fact.answer.replace(/\b(\d{4})\b/g, (y) => String(Number(y) + offset)));
  }
  return results;
}

/** Same-unit numbers from other facts first, then the answer's number scaled. */
function scaledNumbers(fact: PlainFact, context: Context, rng: Rng): string[] {
  const match = /\d[\d,]*(\.\d+)?/.exec(fact.answer);
  if (!match) return [];
  const text = match[0];
  const n = Number(text.replace(/,/g, ''));
  const grouped = text.includes(',');
  const format = (x: number) => (grouped ? x.toLocaleString('en-US') : String(x));
  const unit = fact.value && 'unit' in fact.value ? fact.value.unit : null;
  const siblings = context.collection
    .filter((f): f is PlainFact => !f.conflict && f.id !== fact.id && f.kind === 'number')
    .filter((f) => unit !== null && f.value && 'unit' in f.value && f.value.unit === unit)
    .map((f) => (f.value && 'number' in f.value ? f.value.number : NaN))
    .filter((x) => Number.isFinite(x) && x !== n && x > n / 10 && x < n * 10);
  const factors = n < 20 ? [] : shuffle([0.5, 2, 1.5, 0.75, 3, 0.25, 4], rng);
  const scaled = factors.map((f) => roundLike(n * f, n)).filter((x) => x !== n && x > 0);
  const steps =
    n < 20
      ? shuffle([-3, -2, -1, 1, 2, 3, 4, 5], rng)
          .map((d) => n + d)
          .filter((x) => x > 0)
      : [];
  const values = [...new Set([...shuffle(siblings, rng), ...scaled, ...steps])];
  return values.map(
    (x) =>
      fact.answer.slice(0, match.index) + format(x) + fact.answer.slice(match.index + text.length)
  );
}

/** Rounds to as many significant figures as the original number shows. */
function roundLike(x: number, original: number): number {
  const digits = String(Math.trunc(original)).replace(/0+$/, '').length || 1;
  const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(Math.abs(x))) + 1 - digits));
  return Math.round(x / magnitude) * magnitude;
}

/** Answers of other facts of the same kind: same deck first, closest in length first. */
function siblingAnswers(fact: PlainFact, context: Context, rng: Rng): string[] {
  const pool = (byKind: Map<string, PlainFact[]>) =>
    (byKind.get(fact.kind) ?? []).filter((f) => f.id !== fact.id).map((f) => f.answer);
  // Same shape (digits or none), similar length, and for names a shared word (a family
  // name) first: options that only differ in content, so none gives the answer away.
  const hasDigit = /\d/.test(fact.answer);
  // A list answer ("China and the Soviet Union") only meets other lists, a single name only single names.
  const isList = (text: string) => /,| and /.test(text);
  const answerIsList = isList(fact.answer);
  const answerWords = new Set(normalizeText(fact.answer).split(' '));
  const shared = (answer: string) =>
    fact.kind === 'person'
      ? normalizeText(answer)
          .split(' ')
          .filter((w) => answerWords.has(w)).length
      : 0;
  const closeness = (answer: string) =>
    Math.abs(Math.log((answer.length + 4) / (fact.answer.length + 4))) - shared(answer);
  const rank = (answers: string[]) =>
    shuffle(answers, rng)
      .filter((a) => /\d/.test(a) === hasDigit && isList(a) === answerIsList && closeness(a) < 0.9)
      .sort((a, b) => closeness(a) - closeness(b))
      .slice(0, 8);
  // Pick at random among the closest in length, so options do not give the answer away by form.
  const sameDeck = sample(rank(pool(context.deckByKind)), 8, rng);
  const collection = sample(rank(pool(context.collectionByKind)), 8, rng);
  return [...sameDeck, ...collection];
}

// ---------------------------------------------------------------- conflicts

function sourceName(context: Context, id: string): string {
  const source = context.sources.get(id);
  if (!source) return id;
  const year = source.date.slice(0, 4);
  const who =
    source.short ?? (source.authors.length ? source.authors.join(' and ') : source.outlet);
  // A teacher's own source may have no date.
  return year ? `${who} (${year})` : who;
}

function claimSources(context: Context, citations: Citation[]): string {
  const names = [...new Set(citations.map((c) => sourceName(context, c.source)))];
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
    : (names[0] ?? '');
}

function conflictQuestions(fact: ConflictFact, context: Context): Question[] {
  const summary = fact.claims
    .map((claim) => `${claimSources(context, claim.citations)}: ${claim.answer}`)
    .join('; ');
  const explanation = `Sources differ. ${summary}. ${fact.explanation ?? ''}`.trim();
  const base = { factIds: [fact.id], explanation, conflict: true as const };
  const questions: Question[] = [
    {
      ...base,
      id: `${fact.id}:flashcard:0`,
      kind: 'flashcard',
      prompt: `${fact.prompt} What do the sources say?`,
      answer: `Sources differ. ${summary}.`,
      citations: citationsOf(fact)
    }
  ];

  // "According to X, ...?" for each claim whose sources no other claim shares.
  const answers = fact.claims.map((claim) => claim.answer);
  fact.claims.forEach((claim, index) => {
    const own = new Set(claim.citations.map((c) => c.source));
    const shared = fact.claims.some(
      (other, j) => j !== index && other.citations.some((c) => own.has(c.source))
    );
    if (shared) return;
    const options = [...new Set(answers)];
    if (options.length < 3) {
      const extra = findDistractors(
        {
          ...fact,
          conflict: false,
          answer: claim.answer,
          variants: [],
          citations: claim.citations,
          value: claim.value
        },
        context,
        3
      ).filter((d) => !fact.claims.some((c) => normalizeText(c.answer) === normalizeText(d)));
      options.push(...extra.slice(0, 3 - options.length));
    }
    if (options.length < 3) return;
    questions.push({
      ...base,
      id: `${fact.id}:choice:claim-${index + 1}`,
      kind: 'choice',
      prompt: `According to ${claimSources(context, claim.citations)}: ${fact.prompt}`,
      answer: claim.answer,
      options: shuffle(options, rngFor(context, fact.id, 'claim', String(index))),
      citations: claim.citations
    } satisfies ChoiceQuestion);
  });

  // Match each source to what it says.
  const pairs = fact.claims.map((claim, index) => ({
    factId: `${fact.id}#${index + 1}`,
    left: claimSources(context, claim.citations),
    right: claim.answer
  }));
  if (new Set(pairs.map((p) => p.left)).size === pairs.length) {
    questions.push({
      ...base,
      id: `${fact.id}:match:sources`,
      kind: 'match',
      prompt: `Sources differ: ${fact.prompt} Match each source to what it says.`,
      answer: pairs.map((p) => `${p.left}: ${p.right}`).join('; '),
      pairs,
      options: shuffle(
        pairs.map((p) => p.right),
        rngFor(context, fact.id, 'match')
      ),
      citations: citationsOf(fact)
    } satisfies MatchQuestion);
  }
  return questions;
}

// ---------------------------------------------------------------- several facts

interface Dated {
  fact: PlainFact;
  key: string;
  year: number;
}

function datedFacts(context: Context): Dated[] {
  return (
    context.facts
      // A period ({ from, to }) has no single place in a timeline: only points in time.
      .filter(
        (f): f is PlainFact =>
          !f.conflict && f.kind === 'date' && !!f.label && !(f.value && 'from' in f.value)
      )
      .map((fact) => ({ fact, key: dateKey(fact) ?? '', year: valueYears(fact)[0] ?? NaN }))
      .filter((d) => d.key !== '' && Number.isFinite(d.year))
  );
}

/** Picks `size` facts including the anchor, all with different years, at random. */
function pickDistinctYears(anchor: Dated, all: Dated[], size: number, rng: Rng): Dated[] | null {
  const picked = [anchor];
  for (const other of shuffle(all, rng)) {
    if (picked.length === size) break;
    if (picked.some((p) => p.year === other.year || p.fact.label === other.fact.label)) continue;
    picked.push(other);
  }
  return picked.length >= 3 ? picked : null;
}

function orderQuestions(context: Context): OrderQuestion[] {
  const dated = datedFacts(context);
  const questions: OrderQuestion[] = [];
  const seen = new Set<string>();
  for (const anchor of dated) {
    const rng = rngFor(context, anchor.fact.id, 'order');
    const size = 3 + Math.floor(rng() * 3);
    const picked = pickDistinctYears(anchor, dated, Math.min(size, 5), rng);
    if (
      !picked ||
      !firstTime(
        seen,
        picked.map((p) => p.fact.id)
      )
    )
      continue;
    const chronological = [...picked].sort((a, b) => compare(a.key, b.key));
    const items = shuffle(picked, rng);
    if (items.every((item, i) => item === chronological[i])) items.reverse();
    questions.push({
      id: `${anchor.fact.id}:order:0`,
      factIds: picked.map((p) => p.fact.id),
      kind: 'order',
      prompt: 'Put these events in order, earliest first.',
      answer: chronological.map((d) => d.fact.label).join(' → '),
      explanation: chronological.map((d) => `${d.fact.answer}: ${d.fact.label}`).join('. ') + '.',
      citations: uniqueCitations(picked.flatMap((p) => p.fact.citations)),
      items: items.map((d) => ({ factId: d.fact.id, label: d.fact.label as string })),
      correctOrder: chronological.map((d) => d.fact.id)
    });
  }
  return questions;
}

function matchQuestions(context: Context): MatchQuestion[] {
  const questions: MatchQuestion[] = [];
  const seen = new Set<string>();
  const dated = datedFacts(context);
  for (const anchor of dated) {
    const rng = rngFor(context, anchor.fact.id, 'match-years');
    const picked = pickDistinctYears(anchor, dated, 4, rng);
    if (
      !picked ||
      picked.length < 4 ||
      !firstTime(
        seen,
        picked.map((p) => p.fact.id)
      )
    )
      continue;
    const pairs = picked.map((d) => ({
      factId: d.fact.id,
      left: d.fact.label as string,
      right: String(d.year)
    }));
    const citations = uniqueCitations(picked.flatMap((d) => d.fact.citations));
    questions.push(
      matchQuestion(anchor.fact, 'years', 'Match each event to its year.', pairs, citations, rng)
    );
  }

  const people = context.facts.filter(
    (f): f is PlainFact => !f.conflict && f.kind === 'person' && !!f.label
  );
  for (const anchor of people) {
    const rng = rngFor(context, anchor.id, 'match-people');
    const picked = [anchor];
    for (const other of shuffle(people, rng)) {
      if (picked.length === 4) break;
      const clash = picked.some(
        (p) => normalizeText(p.answer) === normalizeText(other.answer) || p.label === other.label
      );
      if (!clash) picked.push(other);
    }
    if (
      picked.length < 3 ||
      !firstTime(
        seen,
        picked.map((p) => `people:${p.id}`)
      )
    )
      continue;
    const pairs = picked.map((f) => ({ factId: f.id, left: f.answer, right: f.label as string }));
    const citations = uniqueCitations(picked.flatMap((f) => f.citations));
    questions.push(
      matchQuestion(anchor, 'people', 'Match each person to their role.', pairs, citations, rng)
    );
  }
  return questions;
}

/** Records a set of fact ids; false if the same set was seen before. */
function firstTime(seen: Set<string>, ids: string[]): boolean {
  const key = [...ids].sort().join('|');
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function matchQuestion(
  anchor: PlainFact,
  variant: string,
  prompt: string,
  pairs: MatchQuestion['pairs'],
  citations: Citation[],
  rng: Rng
): MatchQuestion {
  const facts = pairs.map((p) => p.factId);
  return {
    id: `${anchor.id}:match:${variant}`,
    factIds: facts,
    kind: 'match',
    prompt,
    answer: pairs.map((p) => `${p.left}: ${p.right}`).join('; '),
    explanation: pairs.map((p) => `${p.left}: ${p.right}`).join('. ') + '.',
    citations,
    pairs: shuffle(pairs, rng),
    options: shuffle(
      pairs.map((p) => p.right),
      rng
    )
  };
}
