/**
 * Decks of one's own: written in the app ("My decks") or imported from Anki, text or GIFT.
 * Both are stored like the built-in decks (a deck record, facts, questions, a card per
 * fact); this module makes their questions. A fact written by hand gets its questions from
 * the same generator as the built-in decks; a fact that came from an import carries its
 * `imported` shape (a cloze, a file's own wrong options, a true/false statement…) and gets
 * the forms that make sense for it (see `import/to-deck.ts`).
 * Pure: no storage, no DOM.
 */
import { compileDeck } from './compile';
import { hasDefaultStatement } from './own';
import { importedQuestions } from './import/to-deck';
import {
  FORMAT_VERSION,
  type DeckFile,
  type Occlusion,
  type PlainFact,
  type Source,
  type Topic
} from './types';

/** Own decks come after the built-in ones wherever decks are sorted by `order`. */
export const MY_DECK_ORDER = 1000;

/**
 * What an imported note was, beyond a prompt and an answer: kept on its fact, so that its
 * questions can be made again (after an edit) and a screen can show it as it was.
 */
export type ImportedShape =
  | { form: 'card'; typed?: boolean }
  | { form: 'cloze'; before: string; after: string; hint?: string }
  | { form: 'choice' }
  | { form: 'truefalse'; statement: string; answer: boolean }
  | { form: 'numeric'; value: number; min: number; max: number }
  | { form: 'match'; pairs: { left: string; right: string }[] }
  | ({ form: 'occlusion' } & Occlusion);

/** A fact of one's own. `imported` is absent for a fact written in the app. */
export type MyFact = PlainFact & {
  imported?: ImportedShape;
  /** A small picture from an import, shown with the prompt. */
  image?: { type: string; data: Uint8Array };
};

/** Where a deck of one's own came from: written here, imported from a file, or sent by a teacher. */
export type DeckOrigin = 'mine' | 'import' | 'assignment';

export interface MyDeckSource {
  /** `mine-` and a random or content-derived suffix; never an id of a built-in deck. */
  id: string;
  title: string;
  description: string;
  topics: Topic[];
  sources: Source[];
  facts: MyFact[];
}

/**
 * The deck as the built-in ones are served. Facts written in the app go through the shared
 * generator (facts whose statement is the default one get no true/false or cloze, as a
 * teacher's own facts); imported facts get their own forms.
 */
export function compileMyDeck(deck: MyDeckSource): DeckFile {
  const written = deck.facts.filter((f) => !f.imported);
  const imported = deck.facts.filter((f) => f.imported);
  const file = compileDeck(
    {
      meta: {
        format: FORMAT_VERSION,
        id: deck.id,
        title: deck.title,
        description: deck.description,
        order: MY_DECK_ORDER,
        topics: deck.topics
      },
      facts: written
    },
    { sources: deck.sources }
  );
  const noStatement = new Set(written.filter(hasDefaultStatement).map((f) => f.id));
  const generated = file.questions.filter(
    (q) => !(noStatement.has(q.factIds[0] ?? '') && (q.kind === 'truefalse' || q.kind === 'cloze'))
  );
  return {
    ...file,
    // Every source stays, cited or not: a source written for a fact still being drafted is kept.
    sources: deck.sources,
    facts: deck.facts,
    questions: [...generated, ...importedQuestions(imported, deck.facts)]
  };
}
