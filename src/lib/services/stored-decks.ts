/**
 * Reading the decks of one's own that are stored on this device (written here, imported,
 * or a teacher's): the list the Decks screen shows and a deck as the deck pages show a
 * built-in one. Light on purpose: those screens load it after their first paint, without
 * the generator or the scheduler. Changing a deck is `my-decks.ts`.
 */
import type { DeckRecord, FactRecord, SourcedeckDatabase } from '$lib/db/db';
import type { DeckOrigin } from '$lib/deck/mine';
import { FORMAT_VERSION, type DeckFile } from '$lib/deck/types';
import { onAppDatabase } from './app-database';

/** A stored deck as a deck page shows it, with where it came from. */
export type StoredDeck = DeckFile & {
  origin: DeckOrigin;
  /** Written here or imported: the learner may edit and delete it. */
  editable: boolean;
};

/** A deck of one's own as the Decks screen lists it. */
export interface MyDeckSummary {
  id: string;
  title: string;
  /** Facts in the deck, retired ones not counted. */
  facts: number;
  /** Written here, imported from a file, or a teacher's (sent with an assignment). */
  origin: DeckOrigin;
}

/** Decks the learner may edit and delete: written here or imported, not a teacher's. */
export function isEditable(origin: DeckOrigin | undefined): boolean {
  return origin === 'mine' || origin === 'import';
}

/** A teacher's deck, from before decks said where they came from, has no origin. */
export const originOf = (deck: DeckRecord): DeckOrigin => deck.origin ?? 'assignment';

/** The decks of one's own, in the order they were made (an imported one by its first import). */
export async function listMyDecks(db: SourcedeckDatabase): Promise<MyDeckSummary[]> {
  return db.transaction('r', [db.decks, db.cards], async () => {
    const own = (await db.decks.toArray())
      .filter((d) => !d.builtIn)
      .sort((a, b) => a.installedAt - b.installedAt || (a.id < b.id ? -1 : 1));
    const counts = await Promise.all(
      own.map((d) =>
        db.cards
          .where('[deckId+retired+state]')
          .between([d.id, 0, -Infinity], [d.id, 0, Infinity])
          .count()
      )
    );
    return own.map((d, i) => ({
      id: d.id,
      title: d.title,
      facts: counts[i] ?? 0,
      origin: originOf(d)
    }));
  });
}

/**
 * A deck's stored facts in the order they were written: by when their card was made (a
 * fact brought back keeps its place), then by id. Works inside a transaction.
 */
export async function factsInOrder(db: SourcedeckDatabase, id: string): Promise<FactRecord[]> {
  const [facts, cards] = await Promise.all([
    db.facts.where('deckId').equals(id).toArray(),
    db.cards.where('deckId').equals(id).toArray()
  ]);
  const made = new Map(cards.map((c) => [c.factId, c.createdAt]));
  return facts.sort(
    (a, b) => (made.get(a.id) ?? 0) - (made.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1)
  );
}

/**
 * A stored deck of one's own (written here, imported, or a teacher's) as the deck pages
 * show a built-in one: its live facts and their questions. Null when there is none.
 */
export async function storedDeck(db: SourcedeckDatabase, id: string): Promise<StoredDeck | null> {
  return db.transaction('r', [db.decks, db.facts, db.cards, db.questions], async () => {
    const record = await db.decks.get(id);
    if (!record || record.builtIn) return null;
    const [facts, questions] = await Promise.all([
      factsInOrder(db, id),
      db.questions.where('deckId').equals(id).toArray()
    ]);
    return {
      format: FORMAT_VERSION,
      id: record.id,
      title: record.title,
      description: record.description,
      order: record.order,
      topics: record.topics,
      sources: record.sources,
      facts: facts.filter((f) => !f.retired).map(({ deckId: _d, retired: _r, ...fact }) => fact),
      questions: questions.map(({ deckId: _d, factId: _f, ...question }) => question),
      origin: originOf(record),
      editable: isEditable(record.origin)
    };
  });
}

/** What the Decks screen and the deck pages need, on the app's database. */
export const storedDecks = /* @__PURE__ */ onAppDatabase({ listMyDecks, storedDeck });
