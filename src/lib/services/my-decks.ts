/**
 * Decks of one's own ("My decks"): listing them, writing one in the app fact by fact,
 * retiring a fact and bringing it back, renaming and deleting a deck, and reading one for
 * the deck pages. A deck written here is stored as the built-in ones are (a deck record,
 * its facts and questions, a card per fact) with `origin: 'mine'`; an imported deck has
 * `origin: 'import'` and is edited the same way. Every change reads the deck, compiles it
 * with `compileMyDeck` and installs it in one transaction: a fact that keeps its id keeps
 * its card and history, a fact that leaves the deck is retired with its history kept.
 * The generator (`compileMyDeck`) loads when a change is first made, not with a screen.
 */
import { getSetting, putSetting, type FactRecord, type SourcedeckDatabase } from '$lib/db/db';
import type { DeckOrigin, MyDeckSource, MyFact } from '$lib/deck/mine';
import {
  checkDeckMeta,
  putDraft,
  tidy,
  type FieldMessages,
  type MyDeckMeta,
  type MyFactDraft
} from '$lib/deck/mine-draft';
import { normalizeText } from '$lib/deck/normalize';
import type { DeckFile } from '$lib/deck/types';
import type { Clock } from '$lib/srs/clock';
import { onAppDatabase } from './app-database';
import { installDeck } from './install-decks';
import { factsInOrder, isEditable, originOf } from './stored-decks';
import { getStudyPlan } from './study-plan';

export { isEditable };
export type { MyDeckSummary, StoredDeck } from './stored-decks';

/** A deck as its editor shows it. */
export interface MyDeckView {
  deck: MyDeckSource;
  /** Facts retired from the deck, with their history kept: they can be brought back. */
  retired: MyFact[];
  origin: DeckOrigin;
  /** Answers given to the deck's facts on this device: deleting the deck deletes them. */
  answers: number;
}

/** What a change says when it is refused: a message per form field. */
export type ChangeProblems = FieldMessages & Partial<Record<keyof MyDeckMeta, string>>;

export type MyDeckChange = { ok: true; view: MyDeckView } | { ok: false; problems: ChangeProblems };

/** A change to a deck: the deck as it becomes, or why it cannot. */
type Edit = { deck: MyDeckSource } | { problems: ChangeProblems };

const MY_DECK_ID = /^mine-[0-9a-f]{8}$/;

/** The tables a change to a deck of one's own writes. */
function writeTables(db: SourcedeckDatabase) {
  return [db.decks, db.facts, db.questions, db.cards, db.names, db.log, db.settings];
}

/** The generator, loaded on the first change: no screen needs it to show a deck. */
async function compiler(): Promise<(deck: MyDeckSource) => DeckFile> {
  return (await import('$lib/deck/mine')).compileMyDeck;
}

function asMyFact(record: FactRecord): MyFact {
  const { deckId: _deckId, retired: _retired, ...fact } = record;
  return fact as MyFact;
}

/** The deck as stored: its record's title, topics and sources, its live and retired facts. Works inside a transaction. */
async function readView(db: SourcedeckDatabase, id: string): Promise<MyDeckView | null> {
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

/** 8 random hex digits. */
function randomHex(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 8; i++) hex += Math.floor(random() * 16).toString(16);
  return hex;
}

/**
 * Creates an empty deck written here and returns its id. A learner who chose which decks
 * Today studies gets the new deck added to that choice: it was made to be studied.
 */
export async function createMyDeck(
  db: SourcedeckDatabase,
  meta: MyDeckMeta,
  clock: Clock,
  random: () => number = Math.random
): Promise<
  { ok: true; id: string } | { ok: false; problems: Partial<Record<keyof MyDeckMeta, string>> }
> {
  const checked = checkDeckMeta(meta);
  if (!checked.ok) return checked;
  const compile = await compiler();
  return db.transaction('rw', writeTables(db), async () => {
    let id = `mine-${randomHex(random)}`;
    while (!MY_DECK_ID.test(id) || (await db.decks.get(id))) id = `mine-${randomHex(random)}`;
    const deck: MyDeckSource = {
      id,
      title: checked.meta.title,
      description: checked.meta.description,
      topics: [],
      sources: [],
      facts: []
    };
    await installDeck(db, compile(deck), clock.now(), false, 'mine');
    const plan = await getStudyPlan(db);
    if (plan.decks) await putSetting(db, 'studyPlan', { ...plan, decks: [...plan.decks, id] });
    return { ok: true as const, id };
  });
}

/**
 * Reads the deck, changes it and installs it, all in one transaction: a change made in
 * another tab meanwhile is not lost, and a change that fails writes nothing.
 */
async function change(
  db: SourcedeckDatabase,
  id: string,
  clock: Clock,
  edit: (view: MyDeckView) => Edit
): Promise<MyDeckChange> {
  const compile = await compiler();
  return db.transaction('rw', writeTables(db), async () => {
    const view = await readView(db, id);
    if (!view || !isEditable(view.origin)) {
      return { ok: false, problems: { facts: 'this deck is not one of yours on this device' } };
    }
    const next = edit(view);
    if ('problems' in next) return { ok: false, problems: next.problems };
    await installDeck(db, compile(next.deck), clock.now(), false);
    return { ok: true, view: (await readView(db, id))! };
  });
}

const refused = (problems: ChangeProblems): Edit => ({ problems });

/**
 * Adds a fact (`factId` null) or changes one: it keeps its id, so its card and history
 * stay. Problems are worded as a teacher's CSV or YAML reader words them, per field.
 */
export async function saveMyFact(
  db: SourcedeckDatabase,
  deckId: string,
  draft: MyFactDraft,
  factId: string | null,
  clock: Clock
): Promise<MyDeckChange> {
  return change(db, deckId, clock, (view) => {
    const result = putDraft(view.deck, draft, {
      ...(factId && { factId }),
      retired: view.retired
    });
    return result.ok ? { deck: result.deck } : refused(result.problems);
  });
}

/** Takes a fact out of the deck: its card leaves the queue, its history is kept. */
export async function retireMyFact(
  db: SourcedeckDatabase,
  deckId: string,
  factId: string,
  clock: Clock
): Promise<MyDeckChange> {
  return change(db, deckId, clock, (view) => {
    if (!view.deck.facts.some((f) => f.id === factId)) {
      return refused({ facts: 'this fact is not in the deck' });
    }
    return { deck: { ...view.deck, facts: view.deck.facts.filter((f) => f.id !== factId) } };
  });
}

/** Brings a retired fact back, with its card and history as they were. */
export async function restoreMyFact(
  db: SourcedeckDatabase,
  deckId: string,
  factId: string,
  clock: Clock
): Promise<MyDeckChange> {
  return change(db, deckId, clock, (view) => {
    const fact = view.retired.find((f) => f.id === factId);
    if (!fact) return refused({ facts: 'this fact is not among the retired ones' });
    const key = normalizeText(fact.prompt);
    if (key && view.deck.facts.some((f) => normalizeText(f.prompt) === key)) {
      return refused({ facts: 'another fact of the deck has the same prompt: retire it first' });
    }
    return { deck: { ...view.deck, facts: [...view.deck.facts, fact] } };
  });
}

/** Gives the deck a new title and description. */
export async function renameMyDeck(
  db: SourcedeckDatabase,
  deckId: string,
  meta: MyDeckMeta,
  clock: Clock
): Promise<MyDeckChange> {
  const checked = checkDeckMeta(meta);
  if (!checked.ok) return checked;
  return change(db, deckId, clock, (view) => ({
    deck: tidy({ ...view.deck, ...checked.meta }, view.retired)
  }));
}

/**
 * Deletes a deck of one's own and everything of it on this device: its facts, questions
 * and names, its cards and every answer given to it, its study settings, its place in the
 * study plan, and a study session over it. False when there is no such deck to delete.
 */
export async function deleteMyDeck(db: SourcedeckDatabase, deckId: string): Promise<boolean> {
  return db.transaction('rw', [...writeTables(db), db.sessions], async () => {
    const record = await db.decks.get(deckId);
    if (!record || record.builtIn || !isEditable(record.origin)) return false;
    await db.decks.delete(deckId);
    for (const table of [db.facts, db.questions, db.cards]) {
      await table.where('deckId').equals(deckId).delete();
    }
    await db.names.delete(deckId);
    await db.log.where('[deckId+day]').between([deckId, -Infinity], [deckId, Infinity]).delete();
    await db.settings.delete(`deck:${deckId}`);
    const plan = await getSetting(db, 'studyPlan');
    if (plan?.decks?.includes(deckId)) {
      const decks = plan.decks.filter((d) => d !== deckId);
      await putSetting(db, 'studyPlan', { ...plan, decks: decks.length > 0 ? decks : null });
    }
    const session = await db.sessions.get('current');
    if (session?.deckIds.includes(deckId)) await db.sessions.delete('current');
    return true;
  });
}

/** What the deck editor and the new deck form need, on the app's database. */
export const myDecks = /* @__PURE__ */ onAppDatabase({
  readMyDeck,
  createMyDeck,
  saveMyFact,
  retireMyFact,
  restoreMyFact,
  renameMyDeck,
  deleteMyDeck
});
