/**
 * A teacher's own deck made into questions by the same generator as the built-in decks,
 * on the device that needs them. Apart from `own.ts` so that checking an assignment does
 * not load the generator.
 */
import { compileDeck } from './compile';
import { hasDefaultStatement, type OwnDeck, type OwnSource } from './own';
import { FORMAT_VERSION, type DeckFile, type Source } from './types';

/** Own decks come after the built-in ones wherever decks are sorted by `order`. */
const OWN_ORDER = 1000;

function ownSourceAsSource(source: OwnSource): Source {
  // `short` is how the generator names a source in conflict questions; a teacher's source
  // has only a title.
  return {
    id: source.id,
    short: source.title,
    title: source.title,
    authors: [],
    outlet: '',
    date: '',
    ...(source.url !== undefined && { url: source.url })
  };
}

/**
 * The deck as the built-in ones are served, questions made by the shared generator. Facts
 * whose statement is the default (see `defaultStatement`) get no true/false or cloze.
 */
export function compileOwnDeck(deck: OwnDeck): DeckFile {
  const sources = deck.sources.map(ownSourceAsSource);
  const file = compileDeck(
    {
      meta: {
        format: FORMAT_VERSION,
        id: deck.id,
        title: deck.title,
        description: deck.description ?? '',
        order: OWN_ORDER,
        topics: deck.topics
      },
      facts: deck.facts
    },
    { sources }
  );
  const noStatement = new Set(deck.facts.filter(hasDefaultStatement).map((f) => f.id));
  const questions = file.questions.filter(
    (q) => !(noStatement.has(q.factIds[0] ?? '') && (q.kind === 'truefalse' || q.kind === 'cloze'))
  );
  return { ...file, questions };
}
