/** The fact-base format version this code reads and writes. */
export const FORMAT_VERSION = 1;

export const FACT_KINDS = [
  'date',
  'number',
  'person',
  'place',
  'organization',
  'event',
  'term',
  'cause',
  'claim'
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const ERAS = ['1950-1964', '1965-1975', '1976-1991', '1992-2010', '2011-2019'] as const;
export type Era = (typeof ERAS)[number];

/** A paragraph of a source: `para` counts blank-line separated blocks from 1. */
export interface Citation {
  source: string;
  /** Absent only in a teacher's own deck, whose sources need not be split in paragraphs. */
  para?: number;
}

/** Machine-readable value of a date or number fact. Dates are ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type FactValue =
  | { date: string }
  | { year: number }
  | { from: number; to: number }
  | { number: number; unit: string };

export interface Claim {
  answer: string;
  variants: string[];
  value?: FactValue;
  citations: Citation[];
}

interface FactCommon {
  id: string;
  kind: FactKind;
  statement: string;
  prompt: string;
  label?: string;
  topic: string;
  /** Always set in the built-in decks; a teacher's own deck may leave it out. */
  era?: Era;
  importance: 1 | 2 | 3;
  explanation?: string;
  note?: string;
}

export interface PlainFact extends FactCommon {
  conflict?: false;
  answer: string;
  variants: string[];
  /** Hand-written wrong answers for multiple choice and true/false, tried before generated ones. */
  distractors?: string[];
  /**
   * No wrong answer swapped into the statement makes a fair false statement (the rest of
   * the sentence would give it away): the fact gets no generated false statement.
   */
  noFalseStatement?: true;
  value?: FactValue;
  citations: Citation[];
}

/** A fact on which sources disagree: each claim with its own citations. */
export interface ConflictFact extends FactCommon {
  conflict: true;
  claims: Claim[];
}

export type Fact = PlainFact | ConflictFact;

export interface Topic {
  id: string;
  title: string;
}

export interface DeckMeta {
  format: number;
  id: string;
  title: string;
  description: string;
  order: number;
  topics: Topic[];
}

export interface Source {
  id: string;
  /** How questions name the source, e.g. "The Hankyoreh"; the year is added. */
  short?: string;
  file?: string;
  title: string;
  authors: string[];
  outlet: string;
  date: string;
  dateNote?: string;
  url?: string;
}

export interface BadForm {
  bad: string;
  good: string;
  source?: string;
  para?: number;
}

/** A deck as written: its metadata and facts, before questions are generated. */
export interface DeckSource {
  meta: DeckMeta;
  facts: Fact[];
}

export const QUESTION_KINDS = [
  'flashcard',
  'typed',
  'choice',
  'truefalse',
  'cloze',
  'numeric',
  'order',
  'match'
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * A shape drawn over an imported picture (Anki's Image Occlusion). Positions and sizes are
 * fractions of the picture's width (x) and height (y).
 */
export type OcclusionShape = {
  /** The gap it belongs to: the card of that number asks for it; 0 is a label always shown. */
  ordinal: number;
  /** Covered on the other cards of the note too (Anki's "hide all, guess one"). */
  hidden?: true;
} & (
  | { shape: 'rect'; left: number; top: number; width: number; height: number }
  | { shape: 'ellipse'; left: number; top: number; rx: number; ry: number }
  | { shape: 'polygon'; points: [number, number][] }
  | { shape: 'text'; left: number; top: number; text: string; size: number }
);

/** The shapes over a question's picture, and the gap whose shapes the learner recalls. */
export interface Occlusion {
  shapes: OcclusionShape[];
  target: number;
}

interface QuestionCommon {
  /** `<fact id>:<kind>:<variant>`; never derived from a position. */
  id: string;
  /** The fact the question is about first, then any others it uses. */
  factIds: string[];
  kind: QuestionKind;
  prompt: string;
  /** The correct answer as shown to the learner. */
  answer: string;
  explanation: string;
  citations: Citation[];
  /** True when the question is about a disagreement between sources. */
  conflict?: boolean;
  /**
   * True when its text is safe text from an import (line breaks, `*emphasis*`): screens
   * show it with SafeText. Text written here or in the built-in decks is shown as it is.
   */
  rich?: true;
  /** A picture from an imported card, shown with the prompt. */
  image?: { type: string; data: Uint8Array };
  /** Shapes covering parts of the picture: the target's are uncovered with the answer. */
  occlusion?: Occlusion;
}

export interface FlashcardQuestion extends QuestionCommon {
  kind: 'flashcard';
}
export interface TypedQuestion extends QuestionCommon {
  kind: 'typed';
  /** Other answers that count as correct. */
  accepted: string[];
}
export interface ChoiceQuestion extends QuestionCommon {
  kind: 'choice';
  /** 3 or 4 options, one of which equals `answer`. */
  options: string[];
}
export interface TrueFalseQuestion extends QuestionCommon {
  kind: 'truefalse';
  /** The statement to judge (also in `prompt`). */
  statement: string;
  options: ['True', 'False'];
  answer: 'True' | 'False';
}
export interface ClozeQuestion extends QuestionCommon {
  kind: 'cloze';
  /** The statement split around the gap: `before` + answer + `after`. */
  before: string;
  after: string;
  accepted: string[];
}
export interface NumericQuestion extends QuestionCommon {
  kind: 'numeric';
  /** The number expected, with its unit ("year" for dates). */
  value: number;
  unit: string;
  /** Any number from `min` to `max` counts as right (an imported question's tolerance or range). */
  min?: number;
  max?: number;
}
export interface OrderQuestion extends QuestionCommon {
  kind: 'order';
  /** Items as first shown (shuffled); `correctOrder` lists their fact ids earliest first. */
  items: { factId: string; label: string }[];
  correctOrder: string[];
}
export interface MatchQuestion extends QuestionCommon {
  kind: 'match';
  /** Each left item with its right partner; `options` is the right column as first shown. */
  pairs: { factId: string; left: string; right: string }[];
  options: string[];
}

export type Question =
  | FlashcardQuestion
  | TypedQuestion
  | ChoiceQuestion
  | TrueFalseQuestion
  | ClozeQuestion
  | NumericQuestion
  | OrderQuestion
  | MatchQuestion;

/** A fact as served in `/decks/<id>.json`: `answer` and `citations` are filled in for conflicts too. */
export type ServedFact = Fact & { answer: string; citations: Citation[] };

/** The contract of `/decks/<id>.json`: the deck's `deck.yaml` with its sources, facts and questions. */
export interface DeckFile extends DeckMeta {
  sources: Source[];
  facts: ServedFact[];
  questions: Question[];
}

/** One entry of `/decks/index.json`. */
export interface DeckSummary {
  id: string;
  /** Fingerprint of the deck file: a different one means the deck changed. */
  hash: string;
  title: string;
  description: string;
  order: number;
  topics: (Topic & { factCount: number })[];
  factCount: number;
  conflictCount: number;
  questionCount: number;
  questionKinds: Partial<Record<QuestionKind, number>>;
  sources: string[];
}

export interface DeckIndex {
  format: number;
  decks: DeckSummary[];
}
