/**
 * One deck's study day, read from the indexes: what was done and what is due before the day
 * ends. Today counts it; day-queue.ts orders it for a session. Nothing here needs the
 * scheduler, so Today loads without it.
 */
import { keptAnswers } from '$lib/srs/kept';
import {
  getSetting,
  type AnswerLogRecord,
  type LogRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import { nextDayStart, studyDay } from '$lib/srs/day';
import { allotNewCards } from '$lib/srs/limits';
import { CardState } from '$lib/srs/types';
import { getDeckSettings } from './deck-settings';
import { getStudyPlan } from './study-plan';

/** Answers that still count: those no later undo took back. */
export function countingAnswers(rows: LogRecord[]): AnswerLogRecord[] {
  return keptAnswers<AnswerLogRecord>(rows);
}

/** A deck's live cards in one state due before `dayEnd`, by index. */
export function dueBefore(db: SourcedeckDatabase, deckId: string, state: number, dayEnd: number) {
  return db.cards
    .where('[deckId+retired+state+due]')
    .between([deckId, 0, state, -Infinity], [deckId, 0, state, dayEnd], true, false);
}

/** The answers of a deck's study day that still count, and how many new and review cards they were. */
export async function doneToday(db: SourcedeckDatabase, deckId: string, day: number) {
  const answers = countingAnswers(
    await db.log.where('[deckId+day]').equals([deckId, day]).toArray()
  );
  const firstOfFact = new Map<string, AnswerLogRecord>();
  for (const a of answers) if (!firstOfFact.has(a.factId)) firstOfFact.set(a.factId, a);
  const newCards = [...firstOfFact.values()].filter((a) => a.before.state === CardState.New).length;
  const reviews = [...firstOfFact.values()].filter(
    (a) => a.before.state === CardState.Review
  ).length;
  return { newCards, reviews, answers };
}

/** Counts of one deck for today, from indexes only (no card is read). */
export async function deckCounts(db: SourcedeckDatabase, deckId: string, now: number, tz: number) {
  const settings = await getDeckSettings(db, deckId);
  const day = studyDay(now, settings.dayStartHour, tz);
  const dayEnd = nextDayStart(now, settings.dayStartHour, tz);
  const dueIn = (state: number) => dueBefore(db, deckId, state, dayEnd).count();
  const [done, dueReviews, learning, relearning, fresh] = await Promise.all([
    doneToday(db, deckId, day),
    dueIn(CardState.Review),
    dueIn(CardState.Learning),
    dueIn(CardState.Relearning),
    db.cards.where('[deckId+retired+state]').equals([deckId, 0, CardState.New]).count()
  ]);
  const reviewRoom = Math.max(0, settings.reviewsPerDay - done.reviews);
  const soonIds = (await getSetting(db, 'reviewSoon')) ?? [];
  const soon = soonIds.length
    ? (await db.cards.bulkGet(soonIds)).filter(
        (c) =>
          c && c.deckId === deckId && !c.retired && !(c.state !== CardState.New && c.due < dayEnd)
      ).length
    : 0;
  return {
    day,
    soon,
    reviews: Math.min(dueReviews, reviewRoom),
    backlog: Math.max(0, dueReviews - reviewRoom),
    learning: learning + relearning,
    newCards: Math.min(fresh, Math.max(0, settings.newPerDay - done.newCards)),
    /** New cards this deck introduced today. */
    newDone: done.newCards,
    studied: new Set(done.answers.map((a) => a.factId)).size
  };
}

/**
 * How many new cards each of `deckIds` (in study order) may introduce today under its own
 * limit and the collection's: new cards done today in any deck count against the latter.
 * `minNewPerDay` raises both for an assignment that needs it to be done in time.
 */
export async function newCardAllotment(
  db: SourcedeckDatabase,
  deckIds: readonly string[],
  now: number,
  tz: number,
  minNewPerDay = 0
): Promise<Map<string, number>> {
  const [plan, decks] = await Promise.all([
    getStudyPlan(db),
    db.decks.toCollection().primaryKeys()
  ]);
  const counts = new Map(
    await Promise.all(
      decks.map(async (id) => [id, await deckNewRoom(db, id, now, tz, minNewPerDay)] as const)
    )
  );
  const done = [...counts.values()].reduce((n, c) => n + c.done, 0);
  return allotNewCards(
    deckIds.map((deckId) => ({ deckId, available: counts.get(deckId)?.available ?? 0 })),
    done,
    Math.max(plan.newPerDay, minNewPerDay)
  );
}

/** A deck's new cards done today and still allowed by its own limit, from indexes. */
async function deckNewRoom(
  db: SourcedeckDatabase,
  deckId: string,
  now: number,
  tz: number,
  minNewPerDay: number
) {
  const settings = await getDeckSettings(db, deckId);
  const day = studyDay(now, settings.dayStartHour, tz);
  const [done, fresh] = await Promise.all([
    doneToday(db, deckId, day),
    db.cards.where('[deckId+retired+state]').equals([deckId, 0, CardState.New]).count()
  ]);
  const limit = Math.max(settings.newPerDay, minNewPerDay);
  return {
    done: done.newCards,
    available: Math.min(fresh, Math.max(0, limit - done.newCards))
  };
}
