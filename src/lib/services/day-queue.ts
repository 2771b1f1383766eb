/**
 * The day's queue of one deck for a study session: study-day.ts's counts put in order, the
 * most forgotten reviews first (which needs the scheduler's retrievability).
 */
import { createRng } from '$lib/deck/rng';
import type { CardRecord, SourcedeckDatabase } from '$lib/db/db';
import { nextDayStart, studyDay } from '$lib/srs/day';
import { buildDayQueue } from '$lib/srs/queue';
import { createScheduler } from '$lib/srs/scheduler';
import { CardState } from '$lib/srs/types';
import { getDeckSettings } from './deck-settings';
import { doneToday, dueBefore } from './study-day';

/** The day's queue of one deck, optionally narrowed to some facts. */
export async function deckQueue(
  db: SourcedeckDatabase,
  deckId: string,
  now: number,
  tz: number,
  seed: string,
  scope?: ReadonlySet<string>,
  minNewPerDay = 0,
  newCap = Infinity
) {
  const stored = await getDeckSettings(db, deckId);
  // An assignment may need more new cards a day than the deck allows to be done in time.
  const raised = { ...stored, newPerDay: Math.max(stored.newPerDay, minNewPerDay) };
  const day = studyDay(now, raised.dayStartHour, tz);
  const dayEnd = nextDayStart(now, raised.dayStartHour, tz);
  const done = await doneToday(db, deckId, day);
  // The collection's limit leaves this deck `newCap` more new cards today at most.
  const settings = {
    ...raised,
    newPerDay: Math.min(raised.newPerDay, done.newCards + newCap)
  };
  const newRoom = Math.max(0, settings.newPerDay - done.newCards);
  const inScope = (c: CardRecord) => !scope || scope.has(c.factId);
  const dueIn = (state: number) => dueBefore(db, deckId, state, dayEnd).filter(inScope).toArray();
  const [reviews, learning, relearning, fresh] = await Promise.all([
    dueIn(CardState.Review),
    dueIn(CardState.Learning),
    dueIn(CardState.Relearning),
    // New cards in fact-id order; enough of them to shuffle the day's share from.
    db.cards
      .where('[deckId+retired+state]')
      .equals([deckId, 0, CardState.New])
      .filter(inScope)
      .limit(Math.max(newRoom * 4, 40))
      .toArray()
  ]);
  const queue = buildDayQueue({
    cards: [...reviews, ...learning, ...relearning, ...fresh].map((c) => ({
      factId: c.factId,
      topic: c.topic,
      memory: c.memory
    })),
    now,
    dayEnd,
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
    doneToday: { newCards: done.newCards, reviews: done.reviews },
    scheduler: createScheduler(settings),
    rng: createRng(`${seed}|${deckId}|${day}`)
  });
  return { settings, day, queue, done };
}
