/**
 * A deck and the learner's history of it, as an Anki package. Reads the deck, its facts,
 * their cards and the answers kept (an undone answer is left out) in one read transaction;
 * writes nothing. Runs in the backup worker, which loads this module (and SQLite) only
 * when asked for an Anki file.
 */
import type { SourcedeckDatabase } from '$lib/db/db';
import { deckRows } from '$lib/deck/export-csv';
import {
  apkgFileName,
  buildApkg,
  type AnkiExportFact,
  type AnkiExportInput
} from '$lib/share/anki-export';
import type { MemoryState } from '$lib/srs/types';
import { loadSqlite } from './sqlite';
import { countingAnswers } from './study-day';

/** What goes into the package: the deck's live facts, their cards and the kept answers. */
export async function ankiExportInput(
  db: SourcedeckDatabase,
  deckId: string,
  now: number
): Promise<AnkiExportInput> {
  return db.transaction('r', [db.decks, db.facts, db.questions, db.cards, db.log], async () => {
    const deck = await db.decks.get(deckId);
    if (!deck)
      throw new Error('This deck is not on this device yet: open it once, then try again.');
    const facts = (await db.facts.where('deckId').equals(deckId).toArray()).filter(
      (f) => f.retired === 0
    );
    const rows = deckRows({ facts, sources: deck.sources, topics: deck.topics });
    const ids = facts.map((f) => f.id);
    // An imported fact's picture is on its questions: the first one found goes with the note.
    const pictures = new Map<string, { type: string; data: Uint8Array }>();
    for (const question of await db.questions.where('factId').anyOf(ids).toArray()) {
      if (question.image && !pictures.has(question.factId))
        pictures.set(question.factId, question.image);
    }
    const exportFacts = facts.map((fact, i): AnkiExportFact => {
      const [, prompt = '', answer = '', , , explanation = '', topic = '', source, para, others] =
        rows[i]!;
      const where = [source && (para ? `${source}, paragraph ${para}` : source), others]
        .filter(Boolean)
        .join('; ');
      const picture = pictures.get(fact.id);
      return {
        id: fact.id,
        prompt,
        answer,
        explanation,
        source: where,
        topic,
        ...(picture && { picture })
      };
    });
    const cards = await db.cards.bulkGet(ids);
    const memory = new Map<string, MemoryState>();
    for (const card of cards) if (card) memory.set(card.factId, card.memory);
    const live = new Set(ids);
    const answers = countingAnswers(await db.log.where('factId').anyOf(ids).toArray());
    return {
      deckId,
      deckTitle: deck.title,
      facts: exportFacts,
      memory,
      reviews: answers
        .filter((a) => live.has(a.factId))
        .map((a) => ({
          factId: a.factId,
          at: a.at,
          rating: a.rating,
          durationMs: a.durationMs,
          before: a.before,
          after: a.after
        })),
      now
    };
  });
}

/** The package's bytes, its file name, and how many notes and review rows it holds. */
export async function exportDeckToAnki(db: SourcedeckDatabase, deckId: string, now: number) {
  const input = await ankiExportInput(db, deckId, now);
  const { bytes, notes, reviews } = await buildApkg(input, await loadSqlite());
  return { bytes, fileName: apkgFileName(deckId, now), notes, reviews };
}
