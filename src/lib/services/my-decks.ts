/**
 * Decks of one's own ("My decks"): listing them, writing one in the app fact by fact,
 * retiring a fact and bringing it back, renaming and deleting a deck, and reading one for
 * the deck pages. A deck written here is stored as the built-in ones are (a deck record,
 * its facts and questions, a card per fact) with `origin: 'mine'`; an imported deck has
 * `origin: 'import'` and is edited the same way. Every change reads the deck, compiles it
 * with `compileMyDeck` and installs it in one transaction: a fact that keeps its id keeps
 * its card and history, a fact that leaves the deck is retired with its history kept.
 * The generator, the scheduler and the form's rules load when a change is first made:
 * showing a deck needs none of them.
 */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import type { MyDeckSource } from '$lib/deck/mine';
import type { MyDeckMeta } from '$lib/deck/mine-draft';
import type { FieldMessages, MyFactDraft } from '$lib/deck/mine-form';
import type { Clock } from '$lib/srs/clock';
import { onAppDatabase } from './app-database';
import { isEditable, readView, type MyDeckView } from './stored-decks';
import { getStudyPlan } from './study-plan';

export { isEditable };
export type { MyDeckSummary, MyDeckView, StoredDeck } from './stored-decks';

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

/**
 * What a change needs, loaded on the first one: the generator, the install (with the
 * scheduler) and the form's rules. Loaded before a transaction starts: awaiting anything
 * but the database inside one would end it.
 */
async function tools() {
  const [{ compileMyDeck }, { installDeck }, rules, { normalizeText }] = await Promise.all([
    import('$lib/deck/mine'),
    import('./install-decks'),
    import('$lib/deck/mine-draft'),
    import('$lib/deck/normalize')
  ]);
  return { compileMyDeck, installDeck, normalizeText, ...rules };
}

type Tools = Awaited<ReturnType<typeof tools>>;

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
  const t = await tools();
  const checked = t.checkDeckMeta(meta);
  if (!checked.ok) return checked;
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
    await t.installDeck(db, t.compileMyDeck(deck), clock.now(), false, 'mine');
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
  edit: (view: MyDeckView, t: Tools) => Edit
): Promise<MyDeckChange> {
  const t = await tools();
  return db.transaction('rw', writeTables(db), async () => {
    const view = await readView(db, id);
    if (!view || !isEditable(view.origin)) {
      return { ok: false, problems: { facts: 'this deck is not one of yours on this device' } };
    }
    const next = edit(view, t);
    if ('problems' in next) return { ok: false, problems: next.problems };
    await t.installDeck(db, t.compileMyDeck(next.deck), clock.now(), false);
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
  return change(db, deckId, clock, (view, t) => {
    const result = t.putDraft(view.deck, draft, {
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
  return change(db, deckId, clock, (view, t) => {
    const fact = view.retired.find((f) => f.id === factId);
    if (!fact) return refused({ facts: 'this fact is not among the retired ones' });
    const key = t.normalizeText(fact.prompt);
    if (key && view.deck.facts.some((f) => t.normalizeText(f.prompt) === key)) {
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
  const checked = (await tools()).checkDeckMeta(meta);
  if (!checked.ok) return checked;
  return change(db, deckId, clock, (view, t) => ({
    deck: t.tidy({ ...view.deck, ...checked.meta }, view.retired)
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

/** The changes the deck editor and the new deck form make, on the app's database. */
export const myDecks = /* @__PURE__ */ onAppDatabase({
  createMyDeck,
  saveMyFact,
  retireMyFact,
  restoreMyFact,
  renameMyDeck,
  deleteMyDeck
});
