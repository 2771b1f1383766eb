/**
 * A deck of one's own made into a teacher's own deck (`OwnDeck`), the shape an assignment
 * link carries. Only facts written in the app go: an imported note's questions come from its
 * imported shape, which a link does not carry. The deck gets an `own-` id from its content,
 * as a teacher's file does, and its facts that id as their prefix; a source's author and
 * date join its title, the one text a link keeps of a source. Pure: no storage, no DOM.
 */
import type { MyDeckSource } from './mine';
import type { OwnDeck, OwnSource } from './own';
import { OWN_LIMITS } from './own-limits';
import { hashString } from './rng';
import type { Fact, Source } from './types';

/** "Chemistry, chapter 2 (R. Chang, 2010)": what a link keeps of a source. */
function ownSource(source: Source): OwnSource {
  const details = [source.authors.join(', '), source.date].filter(Boolean).join(', ');
  const title = details ? `${source.title} (${details})` : source.title;
  return {
    id: source.id,
    title: title.length <= OWN_LIMITS.maxFieldChars ? title : source.title,
    ...(source.url !== undefined && { url: source.url })
  };
}

/**
 * The deck's facts written in the app as an own deck, with how many imported facts were
 * left out; `deck` is null when no fact is left.
 */
export function myDeckAsOwnDeck(deck: MyDeckSource): { deck: OwnDeck | null; leftOut: number } {
  const written = deck.facts.filter((f) => !f.imported);
  const leftOut = deck.facts.length - written.length;
  if (written.length === 0) return { deck: null, leftOut };
  const facts: Fact[] = written.map((fact) => {
    const { imported: _imported, image: _image, noFalseStatement: _nf, ...plain } = fact;
    return { ...plain, id: fact.id.slice(deck.id.length + 1) };
  });
  const topicIds = new Set(facts.map((f) => f.topic));
  const cited = new Set(facts.flatMap((f) => (f.conflict ? [] : f.citations.map((c) => c.source))));
  const topics = deck.topics.filter((t) => topicIds.has(t.id));
  const sources = deck.sources.filter((s) => cited.has(s.id)).map(ownSource);
  const content = JSON.stringify({ title: deck.title, topics, sources, facts });
  const id = `own-${hashString(content).toString(16).padStart(8, '0')}`;
  return {
    deck: {
      id,
      title: deck.title,
      ...(deck.description && { description: deck.description }),
      topics,
      sources,
      facts: facts.map((f) => ({ ...f, id: `${id}-${f.id}` }))
    },
    leftOut
  };
}
