/**
 * What every importer (Anki packages, CSV and other text, GIFT) produces: notes in one
 * neutral shape, before they become a deck of one's own. Readers never write anything;
 * the preview is built from these, and only then does a service store them.
 *
 * All text here is safe text: plain characters, `\n` for a line break, and emphasis
 * written as `*like this*` (a literal asterisk is `\*`). It is shown as text, never as
 * HTML (see `html-text.ts`).
 * Pure: no storage, no DOM.
 */
import type { Occlusion } from '../types';

/** A rating of an answer, as Anki and FSRS count them: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type ImportedRating = 1 | 2 | 3 | 4;

/** One past review of a card, oldest first in `ImportedNote.history`. */
export interface ImportedReview {
  /** Epoch ms. */
  at: number;
  rating: ImportedRating;
  durationMs: number;
  /**
   * What Anki called it: `learn`, `review`, `relearn`, `filtered` (a cram or filtered-deck
   * review, which FSRS skips when it did not change the schedule) or `manual` (a reschedule
   * by hand, which has no rating of its own).
   */
  type: 'learn' | 'review' | 'relearn' | 'filtered' | 'manual';
}

interface NoteCommon {
  /**
   * Unique within one import and stable across imports of the same file (an Anki note's
   * guid with the card's template number, a GIFT question's title or position, a text
   * line's number): a second import of the same file finds the same notes.
   */
  key: string;
  /** The topic the note belongs to, from an Anki subdeck (`A::B` gives `B`), a GIFT category or a column. */
  topic?: string;
  tags?: string[];
  /** Background shown after the answer (Anki's extra fields, GIFT feedback). */
  explanation?: string;
  /** A small picture shown with the prompt (Anki media), already checked to be an image. */
  image?: { name: string; type: string; data: Uint8Array };
  /** Anki: the card was suspended, and stays so. */
  suspended?: boolean;
  /** Anki: the card's review log, oldest first. Empty or absent for a new card. */
  history?: ImportedReview[];
}

/** A question and its answer (Anki Basic and its reversed cards, CSV, Quizlet). */
export interface CardNote extends NoteCommon {
  form: 'card';
  prompt: string;
  answer: string;
  /** Other answers accepted when typed. */
  variants?: string[];
  /** The learner is asked to type the answer (Anki's type-in-the-answer note type, GIFT short answer). */
  typed?: boolean;
}

/** A text with one gap to fill (one Anki cloze number; every gap of that number). */
export interface ClozeNote extends NoteCommon {
  form: 'cloze';
  /** The text before the first gap, the answer, the text after it (other gaps of the same number are written as `[...]`). */
  before: string;
  answer: string;
  after: string;
  /** Anki's hint (`{{c1::answer::hint}}`), shown in the gap. */
  hint?: string;
}

/** A question with given options (GIFT multiple choice); the wrong options are the file's own. */
export interface ChoiceNote extends NoteCommon {
  form: 'choice';
  prompt: string;
  answer: string;
  /** The wrong options, at least one. */
  distractors: string[];
}

/** A statement to judge true or false (GIFT true/false). */
export interface TrueFalseNote extends NoteCommon {
  form: 'truefalse';
  statement: string;
  answer: boolean;
}

/** A number to give (GIFT numerical): right when within `[min, max]`. */
export interface NumericNote extends NoteCommon {
  form: 'numeric';
  prompt: string;
  value: number;
  min: number;
  max: number;
}

/** Pairs to match (GIFT matching). */
export interface MatchNote extends NoteCommon {
  form: 'match';
  prompt: string;
  pairs: { left: string; right: string }[];
}

/**
 * One card of an Anki Image Occlusion note: its picture with shapes over it, the shapes of
 * gap `occlusion.target` to recall. Answered by uncovering them (a flashcard).
 */
export interface OcclusionNote extends NoteCommon {
  form: 'occlusion';
  prompt: string;
  /** In words, for lists and exports: which shape is uncovered. */
  answer: string;
  image: NonNullable<NoteCommon['image']>;
  occlusion: Occlusion;
}

export type ImportedNote =
  CardNote | ClozeNote | ChoiceNote | TrueFalseNote | NumericNote | MatchNote | OcclusionNote;

/** Something in the file that does not become a note, said to the learner in the preview. */
export interface ImportSkip {
  /** What was skipped, in words ("3 audio files", "essay question on line 12"). */
  what: string;
  /** Why, in words. */
  why: string;
}

/** The result of reading one file, shown as the preview before anything is written. */
export interface ImportResult {
  /** The deck title to offer (from the file name, the Anki deck or the GIFT category). */
  title: string;
  notes: ImportedNote[];
  skipped: ImportSkip[];
  /** Things that were read but changed on the way ("other note type: first field as prompt"). */
  warnings: string[];
}

/** A file that could not be read at all: the message names the problem (and the line, for text). */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
