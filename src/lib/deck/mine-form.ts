/**
 * The form in which a learner writes a fact of their own: its fields as typed, and which
 * facts it can edit. Checking them is `mine-draft.ts`, which screens load after their
 * first paint (it brings the validation library). Pure: no storage, no DOM.
 */
import type { MyFact } from './mine';

/** The source part of the form: every field may be left empty, the title not when another is filled. */
export interface MySourceDraft {
  title: string;
  author: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  url: string;
  /** The paragraph of the source that states the fact, counted from 1. */
  para: string;
}

/** The form's fields as typed. */
export interface MyFactDraft {
  prompt: string;
  answer: string;
  /** Other answers that count as right, separated by `;`. */
  variants: string;
  /** A sentence stating the fact; empty for the prompt and answer together (`defaultStatement`). */
  statement: string;
  explanation: string;
  /** A topic's title: one of the deck's, or a new one. Empty is "General". */
  topic: string;
  source: MySourceDraft;
}

export const EMPTY_SOURCE: MySourceDraft = Object.freeze({
  title: '',
  author: '',
  date: '',
  url: '',
  para: ''
});

export function emptyDraft(topic = ''): MyFactDraft {
  return {
    prompt: '',
    answer: '',
    variants: '',
    statement: '',
    explanation: '',
    topic,
    source: { ...EMPTY_SOURCE }
  };
}

/** The form's fields a message can stand beside; `facts` is about the deck as a whole. */
export const MY_FACT_FIELDS = [
  'prompt',
  'answer',
  'variants',
  'statement',
  'explanation',
  'topic',
  'source.title',
  'source.author',
  'source.date',
  'source.url',
  'source.para',
  'facts'
] as const;
export type MyFactField = (typeof MY_FACT_FIELDS)[number];

/** The first message about each field that has one. */
export type FieldMessages = Partial<Record<MyFactField, string>>;

/**
 * Whether the form can edit a fact: one written here, or an imported card or multiple
 * choice, whose questions read the fact's prompt, answer and variants. An imported gap,
 * true/false, number or matching note keeps its own shape: it can be retired, not edited.
 */
export function canEditInForm(fact: MyFact): boolean {
  return !fact.imported || fact.imported.form === 'card' || fact.imported.form === 'choice';
}
