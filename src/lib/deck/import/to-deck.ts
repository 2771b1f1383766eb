/**
 * Imported notes made into a deck of one's own, and the questions an imported fact gets.
 *
 * An imported note has no statement written for it, so it gets the forms that make sense
 * for it: a flashcard always; a typed answer when the answer is short enough to type; a
 * multiple choice when the file gave wrong options, or when the deck holds at least three
 * other answers of the same kind (years with years, numbers with numbers, short names with
 * short names) to draw them from; a cloze, a true/false, a number or a matching board when
 * the note was one. Every fact cites the file it came from.
 * Pure: no storage, no DOM.
 */
import { defaultStatement } from '../own';
import { normalizeText } from '../normalize';
import { createRng, hashString, shuffle } from '../rng';
import type {
  ChoiceQuestion,
  ClozeQuestion,
  FactKind,
  FlashcardQuestion,
  MatchQuestion,
  NumericQuestion,
  Question,
  Source,
  Topic,
  TrueFalseQuestion,
  TypedQuestion
} from '../types';
import type { ImportedShape, MyDeckSource, MyFact } from '../mine';
import { plainOfSafeText } from './html-text';
import type { ImportedNote, ImportedReview, ImportResult } from './types';

/** The source every fact of an imported deck cites: the file itself. */
export const FILE_SOURCE_ID = 'file';
/** Longest answer still offered as a typed question. */
const MAX_TYPED_CHARS = 60;

const hex8 = (text: string) => hashString(text).toString(16).padStart(8, '0');

/** A topic id from its title: short, lower case, stable. */
function topicId(title: string, taken: Map<string, string>): string {
  const known = taken.get(title);
  if (known) return known;
  const base =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || `topic-${hex8(title)}`;
  let id = base;
  for (let n = 2; [...taken.values()].includes(id); n++) id = `${base}-${n}`;
  taken.set(title, id);
  return id;
}

const MONTH =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const QUANTITY =
  /^(about|around|roughly|some|over|nearly|almost|more than|less than|up to|at least)?\s*[-+]?\d/i;
/** Short words that may stay lower case inside a name ("Bank of Vietnam"). */
const NAME_GLUE = new Set([
  'of',
  'the',
  'and',
  'de',
  'du',
  'van',
  'von',
  'der',
  'la',
  'le',
  'for',
  'on'
]);

/**
 * The kind of an answer, for choosing wrong options like it: a year, a date, a quantity, a
 * name (capitalised words), or a short, middling or long phrase. A date never stands
 * beside a quantity, nor a name beside a phrase.
 */
export function answerClass(answer: string): string {
  const text = plainOfSafeText(answer).trim();
  const words = text.split(/\s+/).filter(Boolean);
  if (/^\d{3,4}$/.test(text)) return 'year';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(text) || (MONTH.test(text) && /\b\d{4}\b/.test(text)))
    return 'date';
  // Years and ranges of years ("1996", "1994-1998", "1996 / 1994-1998").
  if (
    /^(from )?[\d\s/–-]+((to|and|until) [\d\s/–-]+)?$/i.test(text) &&
    /\b(1\d|20)\d{2}\b/.test(text)
  )
    return 'year';
  if (QUANTITY.test(text)) return 'number';
  const name = words.every(
    (w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && NAME_GLUE.has(w.toLowerCase()))
  );
  if (name && words.length <= 5) return 'name';
  return words.length <= 3 ? 'short' : words.length <= 8 ? 'phrase' : 'long';
}

function factKind(answer: string): FactKind {
  const cls = answerClass(answer);
  return cls === 'year' || cls === 'date' ? 'date' : cls === 'number' ? 'number' : 'term';
}

export interface ImportedDeck {
  deck: MyDeckSource;
  /** Each fact's review history from the file, oldest first (Anki only). */
  histories: Map<string, ImportedReview[]>;
  /** Facts whose card was suspended in the file. */
  suspended: Set<string>;
}

/**
 * The deck an import makes. `deckId` is chosen by the caller (the same file imported again
 * gives the same id, so it updates the deck); fact ids come from each note's key, so a
 * note keeps its fact, card and history from one import to the next.
 */
export function notesToDeck(
  result: ImportResult,
  options: { deckId: string; title: string; fileName: string; format: string; date: string }
): ImportedDeck {
  const source: Source = {
    id: FILE_SOURCE_ID,
    short: options.fileName,
    title: options.fileName,
    authors: [],
    outlet: `Imported from ${options.format}`,
    date: options.date
  };
  const topicIds = new Map<string, string>();
  const topics: Topic[] = [];
  const topicOf = (title: string | undefined) => {
    const name = title?.trim() || options.title;
    const id = topicId(name, topicIds);
    if (!topics.some((t) => t.id === id)) topics.push({ id, title: name });
    return id;
  };
  const usedIds = new Set<string>();
  const histories = new Map<string, ImportedReview[]>();
  const suspended = new Set<string>();
  const facts: MyFact[] = [];
  for (const note of result.notes) {
    let id = `${options.deckId}-${hex8(note.key)}`;
    for (let n = 2; usedIds.has(id); n++) id = `${options.deckId}-${hex8(`${note.key}#${n}`)}`;
    usedIds.add(id);
    const fact = noteToFact(note, id, topicOf(note.topic));
    facts.push(fact);
    if (note.history?.length) histories.set(id, note.history);
    if (note.suspended) suspended.add(id);
  }
  return {
    deck: {
      id: options.deckId,
      title: options.title,
      description: `Imported from ${options.fileName} on ${options.date}.`,
      topics,
      sources: [source],
      facts
    },
    histories,
    suspended
  };
}

function noteToFact(note: ImportedNote, id: string, topic: string): MyFact {
  const common = {
    id,
    topic,
    importance: 2 as const,
    citations: [{ source: FILE_SOURCE_ID }],
    ...(note.explanation ? { explanation: note.explanation } : {}),
    ...(note.image ? { image: { type: note.image.type, data: note.image.data } } : {})
  };
  const plain = (prompt: string, answer: string, imported: ImportedShape, extra = {}): MyFact => ({
    ...common,
    kind: factKind(answer),
    prompt,
    answer,
    variants: [],
    statement: defaultStatement(plainOfSafeText(prompt), plainOfSafeText(answer)),
    imported,
    ...extra
  });
  switch (note.form) {
    case 'card':
      return plain(
        note.prompt,
        note.answer,
        { form: 'card', ...(note.typed && { typed: true }) },
        {
          variants: note.variants ?? []
        }
      );
    case 'cloze': {
      const gap = note.hint ? `[${note.hint}]` : '[...]';
      return {
        ...plain(`${note.before}${gap}${note.after}`, note.answer, {
          form: 'cloze',
          before: note.before,
          after: note.after,
          ...(note.hint && { hint: note.hint })
        }),
        statement: `${note.before}${note.answer}${note.after}`
      };
    }
    case 'choice':
      return plain(
        note.prompt,
        note.answer,
        { form: 'choice' },
        {
          distractors: note.distractors
        }
      );
    case 'truefalse':
      return {
        ...plain(note.statement, note.answer ? 'True' : 'False', {
          form: 'truefalse',
          statement: note.statement,
          answer: note.answer
        }),
        kind: 'claim',
        statement: note.statement
      };
    case 'numeric':
      return {
        ...plain(note.prompt, formatNumber(note.value), {
          form: 'numeric',
          value: note.value,
          min: note.min,
          max: note.max
        }),
        kind: 'number'
      };
    case 'match':
      return plain(note.prompt, note.pairs.map((p) => `${p.left}: ${p.right}`).join('; '), {
        form: 'match',
        pairs: note.pairs
      });
    case 'occlusion':
      return plain(note.prompt, note.answer, {
        form: 'occlusion',
        shapes: note.occlusion.shapes,
        target: note.occlusion.target
      });
  }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/** One answer of the deck that may serve as a wrong option: its text, key and length. */
interface Candidate {
  answer: string;
  key: string;
  length: number;
}

/** The deck's answers by kind, each list without repeats and sorted by length. */
type AnswerPool = Map<string, Candidate[]>;

/** The questions of imported facts; `all` is the whole deck, where wrong options are drawn from. */
export function importedQuestions(facts: readonly MyFact[], all: readonly MyFact[]): Question[] {
  const pool: AnswerPool = new Map();
  const seen = new Set<string>();
  for (const fact of all) {
    if (fact.imported?.form !== 'card' && fact.imported?.form !== 'cloze') continue;
    const plain = plainOfSafeText(fact.answer);
    const key = normalizeText(plain);
    const cls = answerClass(fact.answer);
    if (seen.has(`${cls}\u0000${key}`)) continue;
    seen.add(`${cls}\u0000${key}`);
    const list = pool.get(cls) ?? [];
    list.push({ answer: fact.answer, key, length: plain.length });
    pool.set(cls, list);
  }
  for (const list of pool.values()) list.sort((a, b) => a.length - b.length);
  return facts.flatMap((fact) => questionsOf(fact, pool));
}

function questionsOf(fact: MyFact, pool: AnswerPool): Question[] {
  const shape = fact.imported;
  if (!shape) return [];
  const rng = createRng(fact.id);
  const base = {
    rich: true as const,
    ...(fact.image && { image: fact.image }),
    factIds: [fact.id],
    answer: fact.answer,
    explanation: fact.explanation ?? '',
    citations: fact.citations
  };
  const flashcard: FlashcardQuestion = {
    ...base,
    id: `${fact.id}:flashcard:0`,
    kind: 'flashcard',
    prompt: fact.prompt
  };
  const plainAnswer = plainOfSafeText(fact.answer);
  const typeable = plainAnswer.length <= MAX_TYPED_CHARS && !plainAnswer.includes('\n');
  switch (shape.form) {
    case 'card': {
      const questions: Question[] = [flashcard];
      if (shape.typed || typeable)
        questions.push({
          ...base,
          id: `${fact.id}:typed:0`,
          kind: 'typed',
          prompt: fact.prompt,
          accepted: fact.variants
        } satisfies TypedQuestion);
      const wrong = wrongOptions(fact, pool, rng);
      if (wrong.length === 3)
        questions.push({
          ...base,
          id: `${fact.id}:choice:0`,
          kind: 'choice',
          prompt: fact.prompt,
          options: shuffle([fact.answer, ...wrong], rng)
        } satisfies ChoiceQuestion);
      return questions;
    }
    case 'cloze': {
      const cloze: ClozeQuestion = {
        ...base,
        id: `${fact.id}:cloze:0`,
        kind: 'cloze',
        prompt: 'Fill the gap.',
        before: shape.before,
        after: shape.after,
        accepted: []
      };
      return [flashcard, cloze];
    }
    case 'choice': {
      const wrong = (fact.distractors ?? []).slice(0, 3);
      return [
        flashcard,
        {
          ...base,
          id: `${fact.id}:choice:0`,
          kind: 'choice',
          prompt: fact.prompt,
          options: shuffle([fact.answer, ...wrong], rng)
        } satisfies ChoiceQuestion
      ];
    }
    case 'truefalse':
      return [
        {
          ...base,
          id: `${fact.id}:truefalse:0`,
          kind: 'truefalse',
          prompt: shape.statement,
          statement: shape.statement,
          options: ['True', 'False'],
          answer: shape.answer ? 'True' : 'False'
        } satisfies TrueFalseQuestion
      ];
    case 'numeric':
      return [
        flashcard,
        {
          ...base,
          id: `${fact.id}:numeric:0`,
          kind: 'numeric',
          prompt: fact.prompt,
          value: shape.value,
          unit: '',
          ...(shape.min !== shape.value || shape.max !== shape.value
            ? { min: shape.min, max: shape.max }
            : {})
        } satisfies NumericQuestion
      ];
    case 'match': {
      const pairs = shape.pairs.map((p, i) => ({ factId: `${fact.id}#${i}`, ...p }));
      return [
        {
          ...base,
          id: `${fact.id}:match:0`,
          kind: 'match',
          prompt: fact.prompt,
          pairs,
          options: shuffle(
            pairs.map((p) => p.right),
            rng
          )
        } satisfies MatchQuestion
      ];
    }
    case 'occlusion':
      // The answer is the picture uncovered: a flashcard only.
      return [{ ...flashcard, occlusion: { shapes: shape.shapes, target: shape.target } }];
  }
}

/** How many answers of similar length to choose the three wrong options among. */
const NEAR = 12;

/**
 * Three answers of the same kind from the deck, none equal to this one, chosen at random
 * among the answers closest in length (a long option beside short ones gives itself away);
 * none when the deck has fewer than three. Binary search on lengths: a deck of 20,000
 * cards is done in a blink.
 */
function wrongOptions(fact: MyFact, pool: AnswerPool, rng: () => number): string[] {
  const list = pool.get(answerClass(fact.answer)) ?? [];
  const own = new Set(
    [fact.answer, ...fact.variants].map((a) => normalizeText(plainOfSafeText(a)))
  );
  const length = plainOfSafeText(fact.answer).length;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.length < length) lo = mid + 1;
    else hi = mid;
  }
  // Widen around the answer's place until NEAR others are in the window (or the list ends).
  let from = lo;
  let to = lo;
  const near: Candidate[] = [];
  while (near.length < NEAR && (from > 0 || to < list.length)) {
    const left = from > 0 ? list[from - 1]! : null;
    const right = to < list.length ? list[to]! : null;
    const take = left && (!right || length - left.length <= right.length - length) ? left : right!;
    if (take === left) from -= 1;
    else to += 1;
    if (!own.has(take.key)) near.push(take);
  }
  if (near.length < 3) return [];
  return shuffle(near, rng)
    .slice(0, 3)
    .map((c) => c.answer);
}
