/**
 * Reading the decks of one's own that are stored on this device (written here, imported,
 * or a teacher's): the list the Decks screen shows and a deck as the deck pages show a
 * built-in one, and as its editor shows it. Light on purpose: the Decks screen and the deck
 * pages load it after their first paint, and none of it needs the generator, the scheduler
 * or the form's rules. Changing a deck is `my-decks.ts`.
 */
import type { DeckRecord, FactRecord, SourcedeckDatabase } from '$lib/db/db';
import type { DeckOrigin, MyDeckSource, MyFact } from '$lib/deck/mine';
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

/** A deck as its editor shows it. */
export interface MyDeckView {
  deck: MyDeckSource;
  /** Facts retired from the deck, with their history kept: they can be brought back. */
  retired: MyFact[];
  origin: DeckOrigin;
  /** Answers given to the deck's facts on this device: deleting the deck deletes them. */
  answers: number;
}

function asMyFact(record: FactRecord): MyFact {
  const { deckId: _deckId, retired: _retired, ...fact } = record;
  return fact as MyFact;
}

/** The deck as stored: its record's title, topics and sources, its live and retired facts. Works inside a transaction. */
export async function readView(db: SourcedeckDatabase, id: string): Promise<MyDeckView | null> {
  const record = await db.decks.get(id);
  if (!record || record.builtIn) return null;
  const [facts, answers] = await Promise.all([
    factsInOrder(db, id),
    db.log
      .where('[deckId+day]')
      .between([id, -Infinity], [id, Infinity])
      .filter((r) => r.type === 'answer')
      .count()
  ]);
  return {
    deck: {
      id: record.id,
      title: record.title,
      description: record.description,
      topics: record.topics,
      sources: record.sources,
      facts: facts.filter((f) => !f.retired).map(asMyFact)
    },
    retired: facts.filter((f) => f.retired).map(asMyFact),
    origin: originOf(record),
    answers
  };
}

/** A deck of one's own with its facts, or null when there is none with this id. */
export async function readMyDeck(db: SourcedeckDatabase, id: string): Promise<MyDeckView | null> {
  return db.transaction('r', [db.decks, db.facts, db.cards, db.log], () => readView(db, id));
}

/** What the Decks screen, the deck pages and the deck editor read, on the app's database. */
export const storedDecks = /* @__PURE__ */ onAppDatabase({ listMyDecks, storedDeck, readMyDeck });
