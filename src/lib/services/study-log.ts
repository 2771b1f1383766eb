/**
 * The answer log, which is the record of what the learner did (the stored card is a cache
 * of it). Answers and their undos are written here together with the card, inside the
 * caller's transaction, and read back: the answers that still count, a card rebuilt.
 */
import type { Question } from '$lib/deck/types';
import {
  getSetting,
  putSetting,
  type AnswerLogRecord,
  type CardRecord,
  type LogRecord,
  type SourcedeckDatabase,
  type UndoLogRecord
} from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { nextDayStart, studyDay } from '$lib/srs/day';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler } from '$lib/srs/scheduler';
import { CardState, type MemoryState, type Rating } from '$lib/srs/types';
import { getDeckSettings } from './deck-settings';
import { countingAnswers } from './study-day';

export interface AnswerInput {
  rating: Rating;
  given: string | null;
  correct: boolean | null;
  durationMs: number;
}

interface Recorded {
  logId: number;
  after: MemoryState;
  learnsToday: boolean;
}

/** Writes one answer: log entry and card state. Inside a transaction. */
export async function record(
  db: SourcedeckDatabase,
  card: CardRecord,
  questionId: string,
  kind: Question['kind'],
  input: AnswerInput,
  now: number,
  clock: Clock
): Promise<Recorded> {
  const settings = await getDeckSettings(db, card.deckId);
  const after = createScheduler(settings).review(card.memory, input.rating, now);
  const day = studyDay(now, settings.dayStartHour, clock.tzOffset(now));
  const logId = (await db.log.add({
    type: 'answer',
    factId: card.factId,
    deckId: card.deckId,
    questionId,
    kind,
    rating: input.rating,
    given: input.given,
    correct: input.correct,
    durationMs: Math.max(0, Math.round(input.durationMs)),
    at: now,
    day,
    before: card.memory,
    after
  } satisfies AnswerLogRecord as LogRecord)) as number;
  await db.cards.put({
    ...card,
    memory: after,
    due: after.due,
    state: after.state,
    lastKind: kind
  });
  await addStudyDay(db, day);
  const soon = await getSetting(db, 'reviewSoon');
  if (soon?.includes(card.factId)) {
    await putSetting(
      db,
      'reviewSoon',
      soon.filter((id) => id !== card.factId)
    );
  }
  // Still in (re)learning with a step due before the day ends: it comes back this session.
  const learnsToday =
    (after.state === CardState.Learning || after.state === CardState.Relearning) &&
    after.due < nextDayStart(now, settings.dayStartHour, clock.tzOffset(now));
  return { logId, after, learnsToday };
}

/** Records that `day` had an answer (the streak reads these). Inside a transaction. */
async function addStudyDay(db: SourcedeckDatabase, day: number): Promise<void> {
  const days = (await getSetting(db, 'studyDays')) ?? [];
  if (days.at(-1) === day || days.includes(day)) return;
  await putSetting(
    db,
    'studyDays',
    [...days, day].sort((a, b) => a - b)
  );
}

/** Forgets that `day` had an answer, when none of its answers is kept. Inside a transaction. */
async function removeStudyDay(db: SourcedeckDatabase, day: number): Promise<void> {
  const days = (await getSetting(db, 'studyDays')) ?? [];
  if (days.includes(day))
    await putSetting(
      db,
      'studyDays',
      days.filter((d) => d !== day)
    );
}

/**
 * Appends an undo entry for an answer and puts its card back as it was; a day left with no
 * kept answer leaves the study days. Inside a transaction.
 */
export async function unrecord(
  db: SourcedeckDatabase,
  logId: number,
  now: number
): Promise<AnswerLogRecord> {
  const entry = await db.log.get(logId);
  if (!entry || entry.type !== 'answer') throw new Error('That answer is not in the log.');
  const card = await db.cards.get(entry.factId);
  const undo: UndoLogRecord = {
    type: 'undo',
    undoes: logId,
    factId: entry.factId,
    deckId: entry.deckId,
    at: now,
    day: entry.day
  };
  await db.log.add(undo as LogRecord);
  // A day whose only answers were taken back is not a study day: the streak forgets it.
  if (countingAnswers(await db.log.where('day').equals(entry.day).toArray()).length === 0)
    await removeStudyDay(db, entry.day);
  if (card)
    await db.cards.put({
      ...card,
      memory: entry.before,
      due: entry.before.due,
      state: entry.before.state
    });
  return entry;
}

/** Rebuilds a card's memory from the log alone (for checks and repairs). */
export async function rebuildCardFromLog(
  db: SourcedeckDatabase,
  factId: string
): Promise<MemoryState | null> {
  const card = await db.cards.get(factId);
  if (!card) return null;
  // In log order (the index keeps it), so answers given at the same moment replay in turn.
  const rows = await db.log.where('factId').equals(factId).toArray();
  const settings = await getDeckSettings(db, card.deckId);
  return replayLog(createScheduler(settings), countingAnswers(rows), card.createdAt);
}
