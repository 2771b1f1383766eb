/**
 * Installing and updating the built-in decks in the learner's database. A deck is
 * (re)installed when its content changed: facts and questions are replaced, new facts get
 * a new card, a fact that left the deck keeps its card and history but leaves the queue,
 * and a fact that comes back returns with its history; the names the deck knows are kept
 * for grading. One transaction per deck.
 */
import { deckHash } from '$lib/deck/hash';
import { deckNames } from '$lib/deck/names';
import type { DeckFile, DeckIndex } from '$lib/deck/types';
import type { DeckOrigin } from '$lib/deck/mine';
import type { SourcedeckDatabase, CardRecord, FactRecord, QuestionRecord } from '$lib/db/db';
import { createScheduler } from '$lib/srs/scheduler';
import { DEFAULT_DECK_SETTINGS } from '$lib/srs/types';

export interface InstallReport {
  installed: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Installs one deck, or updates it when its content changed. `origin` marks a deck of one's
 * own (kept from the stored record when not given).
 */
export async function installDeck(
  db: SourcedeckDatabase,
  deck: DeckFile,
  now: number,
  builtIn = true,
  origin?: DeckOrigin
): Promise<'installed' | 'updated' | 'unchanged'> {
  const hash = deckHash(deck);
  const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);
  const names = deckNames(deck.facts);
  return db.transaction('rw', [db.decks, db.facts, db.questions, db.cards, db.names], async () => {
    const existing = await db.decks.get(deck.id);
    if (existing?.contentHash === hash) return 'unchanged';

    const factIds = new Set(deck.facts.map((f) => f.id));
    const oldFacts = await db.facts.where('deckId').equals(deck.id).toArray();
    const leaving = oldFacts.filter((f) => !factIds.has(f.id)).map((f) => f.id);

    await db.decks.put({
      id: deck.id,
      title: deck.title,
      description: deck.description,
      order: deck.order,
      topics: deck.topics,
      sources: deck.sources,
      contentHash: hash,
      builtIn,
      ...((origin ?? existing?.origin) && { origin: origin ?? existing?.origin }),
      installedAt: existing?.installedAt ?? now,
      updatedAt: now
    });
    await db.facts.bulkPut(
      deck.facts.map((f): FactRecord => ({ ...f, deckId: deck.id, retired: 0 }))
    );
    await db.facts.where('id').anyOf(leaving).modify({ retired: 1 });
    await db.names.put({ deckId: deck.id, names });

    await db.questions.where('deckId').equals(deck.id).delete();
    await db.questions.bulkPut(
      deck.questions.map((q): QuestionRecord => ({
        ...q,
        deckId: deck.id,
        factId: q.factIds[0] as string
      }))
    );

    const cards = new Map(
      (await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => [c.factId, c])
    );
    const changed: CardRecord[] = [];
    for (const fact of deck.facts) {
      const card = cards.get(fact.id);
      if (!card) {
        const memory = scheduler.newState(now);
        changed.push({
          factId: fact.id,
          deckId: deck.id,
          topic: fact.topic,
          retired: 0,
          due: memory.due,
          state: memory.state,
          memory,
          createdAt: now
        });
      } else if ((card.retired && !card.suspended) || card.topic !== fact.topic) {
        // A suspended card stays out of the queue while its fact is in the deck.
        changed.push({ ...card, retired: card.suspended ? 1 : 0, topic: fact.topic });
      }
    }
    for (const id of leaving) {
      const card = cards.get(id);
      if (card && !card.retired) changed.push({ ...card, retired: 1 });
    }
    await db.cards.bulkPut(changed);
    return existing ? 'updated' : 'installed';
  });
}

/**
 * Installs or updates every deck of the built-in collection, one transaction per deck in
 * the index's order, and tells `onProgress` after each deck (and once before the first) how
 * many are done.
 */
export async function installBuiltInDecks(
  db: SourcedeckDatabase,
  loadIndex: () => Promise<DeckIndex>,
  loadDeck: (id: string) => Promise<DeckFile>,
  now: number,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<InstallReport> {
  const report: InstallReport = { installed: [], updated: [], unchanged: [] };
  const index = await loadIndex();
  const installed = new Map((await db.decks.toArray()).map((d) => [d.id, d.contentHash]));
  const total = index.decks.length;
  onProgress(0, total);
  // The index carries each deck's fingerprint: fetch only decks that changed. They are all
  // requested at once (on a phone's network each request waits a round trip; in turn, eight
  // decks waited eight), and written in the index's order, one transaction each, so a cut
  // leaves a prefix of the collection and progress counts up.
  const files = new Map(
    index.decks
      .filter((summary) => installed.get(summary.id) !== summary.hash)
      .map((summary) => {
        const file = loadDeck(summary.id);
        file.catch(() => {}); // reported when its turn comes
        return [summary.id, file] as const;
      })
  );
  for (const [i, summary] of index.decks.entries()) {
    const file = files.get(summary.id);
    if (!file) {
      report.unchanged.push(summary.id);
    } else {
      const outcome = await installDeck(db, await file, now);
      report[outcome].push(summary.id);
    }
    onProgress(i + 1, total);
  }
  return report;
}
