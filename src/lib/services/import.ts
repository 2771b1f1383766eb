/**
 * Importing cards from a file: Anki packages, CSV and other text, GIFT. A file is first read
 * into a preview (nothing is written), then, when the learner confirms, written in ONE
 * transaction: the deck, its facts, questions and cards, and the review history the file
 * carried, replayed through this app's scheduler so each card's memory continues where the
 * other app left it. Runs in the import worker (`import.worker.ts`).
 */
import {
  type AnswerLogRecord,
  type CardRecord,
  type LogRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import { compileMyDeck } from '$lib/deck/mine';
import { hashString } from '$lib/deck/rng';
import { notesToDeck, type ImportedDeck } from '$lib/deck/import/to-deck';
import { ImportError, type ImportResult, type ImportedReview } from '$lib/deck/import/types';
import type { Clock } from '$lib/srs/clock';
import { studyDay } from '$lib/srs/day';
import { createScheduler } from '$lib/srs/scheduler';
import { getDeckSettings } from './deck-settings';
import { installDeck } from './install-decks';

/** The formats a file may be read as. */
export type ImportFormat = 'anki' | 'csv' | 'anki-text' | 'quizlet' | 'gift';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  anki: 'an Anki package',
  csv: 'a CSV or tab-separated file',
  'anki-text': "Anki's Notes in Plain Text",
  quizlet: 'a Quizlet export',
  gift: 'a GIFT quiz (Moodle)'
};

/** What the preview shows before anything is written. */
export interface ImportPreview {
  format: ImportFormat;
  title: string;
  deckId: string;
  /** True when a deck from the same file is already here: importing updates it, history kept. */
  updates: boolean;
  notes: number;
  /** Questions the notes will give, by kind. */
  questions: Partial<Record<string, number>>;
  /** Review rows of history that come along, and the cards they belong to. */
  reviews: number;
  cardsWithHistory: number;
  suspended: number;
  images: number;
  skipped: ImportResult['skipped'];
  warnings: string[];
  /** What an Anki package held, before it became cards here. */
  read?: { notes: number; cards: number; reviews: number };
  /** The first few notes as prompt and answer, for the learner to see that it reads right. */
  sample: { prompt: string; answer: string }[];
}

/** A deck id from the file's name and format: the same file imported again updates its deck. */
export function importDeckId(fileName: string, format: ImportFormat): string {
  return `mine-${hashString(`${format}:${fileName.trim().toLowerCase()}`).toString(16).padStart(8, '0')}`;
}

/** The deck an import would write, and its preview. Reads the database only to say "updates". */
export async function previewImport(
  db: SourcedeckDatabase,
  result: ImportResult,
  format: ImportFormat,
  fileName: string,
  now: number
): Promise<{ imported: ImportedDeck; preview: ImportPreview }> {
  if (result.notes.length === 0)
    throw new ImportError(
      result.skipped.length
        ? `Nothing in this file can be studied here: ${result.skipped.map((s) => `${s.what} (${s.why})`).join('; ')}.`
        : 'This file holds no cards.'
    );
  const deckId = importDeckId(fileName, format);
  const imported = notesToDeck(result, {
    deckId,
    title: result.title,
    fileName,
    format: FORMAT_NAMES[format].replace(/^an? /, ''),
    date: new Date(now).toISOString().slice(0, 10)
  });
  const file = compileMyDeck(imported.deck);
  const questions: Partial<Record<string, number>> = {};
  for (const q of file.questions) questions[q.kind] = (questions[q.kind] ?? 0) + 1;
  const histories = [...imported.histories.values()];
  const preview: ImportPreview = {
    format,
    title: result.title,
    deckId,
    updates: (await db.decks.get(deckId)) !== undefined,
    notes: imported.deck.facts.length,
    questions,
    reviews: histories.reduce((n, h) => n + h.filter(counts).length, 0),
    cardsWithHistory: histories.filter((h) => h.some(counts)).length,
    suspended: imported.suspended.size,
    images: imported.deck.facts.filter((f) => f.image).length,
    skipped: result.skipped,
    warnings: result.warnings,
    ...('counts' in result && isReadCounts(result.counts)
      ? {
          read: {
            notes: result.counts.notes,
            cards: result.counts.cards,
            reviews: result.counts.reviews
          }
        }
      : {}),
    sample: imported.deck.facts.slice(0, 5).map((f) => ({ prompt: f.prompt, answer: f.answer }))
  };
  return { imported, preview };
}

function isReadCounts(value: unknown): value is { notes: number; cards: number; reviews: number } {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v?.notes === 'number' && typeof v.cards === 'number' && typeof v.reviews === 'number'
  );
}

/** A review that moves the schedule: a manual reschedule has no rating of its own. */
const counts = (review: ImportedReview) => review.type !== 'manual';

/**
 * Writes the imported deck in one transaction: the deck (or its update), and for each card
 * with history its log rows and the memory they give. A review already here (same card,
 * same moment) is not written twice, so importing the same file again adds nothing.
 */
export async function commitImport(
  db: SourcedeckDatabase,
  imported: ImportedDeck,
  title: string,
  now: number,
  clock: Clock
): Promise<{ deckId: string; notes: number; reviews: number }> {
  const deck = { ...imported.deck, title: title.trim() || imported.deck.title };
  const file = compileMyDeck(deck);
  const firstQuestion = new Map<string, { id: string; kind: AnswerLogRecord['kind'] }>();
  for (const q of file.questions)
    if (!firstQuestion.has(q.factIds[0]!)) firstQuestion.set(q.factIds[0]!, q);
  let reviews = 0;
  await db.transaction(
    'rw',
    [db.decks, db.facts, db.questions, db.cards, db.names, db.log, db.settings],
    async () => {
      await installDeck(db, file, now, false, 'import');
      const settings = await getDeckSettings(db, deck.id);
      const scheduler = createScheduler(settings);
      const ids = deck.facts.map((f) => f.id);
      const cards = new Map(
        (await db.cards.bulkGet(ids)).flatMap((c) => (c ? [[c.factId, c] as const] : []))
      );
      const logged = new Set(
        (await db.log.where('factId').anyOf(ids).toArray()).map((r) => `${r.factId}@${r.at}`)
      );
      const rows: LogRecord[] = [];
      const changed: CardRecord[] = [];
      for (const fact of deck.facts) {
        const card = cards.get(fact.id);
        if (!card) continue;
        const history = (imported.histories.get(fact.id) ?? [])
          .filter(counts)
          .filter((r) => !logged.has(`${fact.id}@${r.at}`))
          .sort((a, b) => a.at - b.at);
        let memory = card.memory;
        const question = firstQuestion.get(fact.id)!;
        for (const review of history) {
          const after = scheduler.review(memory, review.rating, review.at);
          rows.push({
            type: 'answer',
            factId: fact.id,
            deckId: deck.id,
            questionId: question.id,
            kind: question.kind,
            rating: review.rating,
            given: null,
            correct: null,
            durationMs: Math.max(0, Math.round(review.durationMs)),
            at: review.at,
            day: studyDay(review.at, settings.dayStartHour, clock.tzOffset(review.at)),
            before: memory,
            after,
            imported: true
          });
          memory = after;
        }
        const suspended = imported.suspended.has(fact.id);
        if (history.length > 0 || suspended || card.suspended) {
          const { suspended: _was, ...rest } = card;
          changed.push({
            ...rest,
            memory,
            due: memory.due,
            state: memory.state,
            ...(suspended ? { retired: 1 as const, suspended: true } : { retired: 0 as const })
          });
        }
      }
      await db.log.bulkAdd(rows);
      await db.cards.bulkPut(changed);
      reviews = rows.length;
    }
  );
  return { deckId: deck.id, notes: deck.facts.length, reviews };
}
