/**
 * A study session: starting or resuming it, the card on screen, answering, changing a
 * rating, moving on, undoing, ending. Each answer is one transaction over the card, the
 * log and the saved session, so a closed tab or a reload never loses it.
 */
import { createRng } from '$lib/deck/rng';
import type { Question, QuestionKind } from '$lib/deck/types';
import {
  getSetting,
  type AnswerLogRecord,
  type CardRecord,
  type DeckRecord,
  type FactRecord,
  type QuestionRecord,
  type SessionRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { calendarDay, studyDay } from '$lib/srs/day';
import { chooseQuestion } from '$lib/srs/forms';
import { interleaveTopics, newCardsToMeetDue, nextCard } from '$lib/srs/queue';
import { createScheduler } from '$lib/srs/scheduler';
import { moveToUpcoming, withLearning } from '$lib/srs/session-moves';
import { CardState, type Rating } from '$lib/srs/types';
import { onAppDatabase } from './app-database';
import { sessionScope } from './assignment-progress';
import { getDeckSettings } from './deck-settings';
import { knownNames } from './known-names';
import { deckQueue } from './day-queue';
import { newCardAllotment } from './study-day';
import { getStudyPlan } from './study-plan';
import { record, unrecord, type AnswerInput } from './study-log';

export type { AnswerInput, AnswerLogRecord, SessionRecord };

export interface ShownCard {
  fact: FactRecord;
  question: Question;
  card: CardRecord;
  deck: DeckRecord;
  /** When each rating would bring the card back. */
  preview: Record<Rating, number>;
  /** For typed answers, every name the collection knows: a typo as close to one is no typo. */
  others: string[];
}

/**
 * Narrows a session to one assignment: its facts only, asked in its question kinds, and
 * enough of its new facts a day to meet every one before the due date.
 */
export interface SessionScope {
  assignment: string;
  facts: readonly string[];
  kinds: readonly QuestionKind[];
  /** YYYY-MM-DD, the last day of the assignment. */
  due?: string;
}

/** What a study screen studies: one assignment's facts, the given decks, or every deck. */
export async function studyTarget(
  db: SourcedeckDatabase,
  deckIds: string[],
  assignmentId?: string
): Promise<{ deckIds: string[]; scope?: SessionScope }> {
  const assignment = assignmentId ? await db.assignments.get(assignmentId) : undefined;
  if (assignment) return { deckIds: [assignment.assignment.deck], scope: sessionScope(assignment) };
  if (deckIds.length > 0) return { deckIds };
  // Nothing named: the decks of the learner's plan, as Today counts them.
  const plan = await getStudyPlan(db);
  const decks = (await db.decks.toArray())
    .filter((d) => !plan.decks || plan.decks.includes(d.id))
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  return { deckIds: decks.map((d) => d.id) };
}

/** Starts a session over the given decks, or returns today's unfinished one for them. */
export async function startSession(
  db: SourcedeckDatabase,
  deckIds: string[],
  clock: Clock,
  scope?: SessionScope
): Promise<SessionRecord> {
  const now = clock.now();
  const tz = clock.tzOffset(now);
  const existing = await db.sessions.get('current');
  const firstSettings = await getDeckSettings(db, deckIds[0] ?? '');
  const day = studyDay(now, firstSettings.dayStartHour, tz);
  if (
    existing &&
    existing.day === day &&
    existing.deckIds.join() === deckIds.join() &&
    existing.assignment === scope?.assignment &&
    (existing.current ||
      existing.feedback ||
      existing.planned.length > 0 ||
      existing.learning.length > 0)
  ) {
    return existing;
  }
  const factScope = scope ? new Set(scope.facts) : undefined;
  let minNew = 0;
  if (scope?.due) {
    const unstarted = (await db.cards.bulkGet([...scope.facts])).filter(
      (c) => c && !c.retired && c.state === CardState.New
    ).length;
    minNew = newCardsToMeetDue(unstarted, day, calendarDay(scope.due));
  }
  // The collection's new-card limit shared among the decks in order, as Today shows it.
  const allotment = await newCardAllotment(db, deckIds, now, tz, minNew);
  const queues = await Promise.all(
    deckIds.map((id) =>
      deckQueue(db, id, now, tz, 'session', factScope, minNew, allotment.get(id) ?? 0)
    )
  );
  const cards = new Map(
    (await db.cards.bulkGet(queues.flatMap((q) => q.queue.queue)))
      .filter(Boolean)
      .map((c) => [c!.factId, c!])
  );
  // Merge the decks' queues in turn, then keep topics apart.
  const merged: CardRecord[] = [];
  const longest = Math.max(0, ...queues.map((q) => q.queue.queue.length));
  for (let i = 0; i < longest; i++) {
    for (const q of queues) {
      const id = q.queue.queue[i];
      const card = id ? cards.get(id) : undefined;
      if (card) merged.push(card);
    }
  }
  const planned = interleaveTopics(
    merged.map((c) => ({ factId: c.factId, topic: `${c.deckId}/${c.topic}` }))
  ).map((c) => c.factId);
  // Facts a practice test sent back come first, once each.
  const soon = (await getSetting(db, 'reviewSoon')) ?? [];
  const soonCards = (await db.cards.bulkGet(soon)).filter(
    (c): c is CardRecord =>
      !!c && !c.retired && deckIds.includes(c.deckId) && (!factScope || factScope.has(c.factId))
  );
  const soonIds = soonCards.map((c) => c.factId);
  planned.splice(0, planned.length, ...soonIds, ...planned.filter((id) => !soonIds.includes(id)));
  const assigned = scope ? {} : await assignedKinds(db, planned);
  const session: SessionRecord = {
    id: 'current',
    deckIds,
    day,
    startedAt: now,
    planned,
    learning: [],
    current: null,
    feedback: null,
    lastFactId: null,
    answered: 0,
    answerIds: [],
    total: planned.length,
    ...(scope ? { assignment: scope.assignment, kinds: [...scope.kinds] } : {}),
    ...(Object.keys(assigned).length > 0 ? { assignedKinds: assigned } : {})
  };
  return db.transaction('rw', [db.sessions, db.cards, db.questions, db.log], async () => {
    const advanced = await advance(db, session, now);
    await db.sessions.put(advanced);
    return advanced;
  });
}

/**
 * The kinds of question the active assignments ask of the given facts: a fact a teacher
 * assigned as typed answers is asked as one whichever session it comes up in, or a goal of
 * "answer each fact twice" could be met without ever typing. A fact in two assignments may
 * be asked in the kinds of either.
 */
async function assignedKinds(
  db: SourcedeckDatabase,
  factIds: readonly string[]
): Promise<Record<string, QuestionKind[]>> {
  const wanted = new Set(factIds);
  const kinds = new Map<string, Set<QuestionKind>>();
  for (const record of await db.assignments.where('status').equals('active').toArray()) {
    for (const factId of record.assignment.facts) {
      if (!wanted.has(factId)) continue;
      const set = kinds.get(factId) ?? new Set<QuestionKind>();
      for (const kind of record.assignment.kinds) set.add(kind);
      kinds.set(factId, set);
    }
  }
  return Object.fromEntries([...kinds].map(([factId, set]) => [factId, [...set]]));
}

/** Moves the session to its next card and picks that card's question. Inside a transaction. */
async function advance(
  db: SourcedeckDatabase,
  session: SessionRecord,
  now: number
): Promise<SessionRecord> {
  let planned = [...session.planned];
  const learningCards = (await db.cards.bulkGet(session.learning)).filter(
    (c): c is CardRecord => !!c
  );
  for (;;) {
    const factId = nextCard(
      planned,
      learningCards.map((c) => ({ factId: c.factId, memory: c.memory })),
      now,
      session.lastFactId
    );
    if (!factId) return { ...session, planned, current: null };
    const fromPlan = planned.includes(factId);
    planned = planned.filter((id) => id !== factId);
    const card = learningCards.find((c) => c.factId === factId) ?? (await db.cards.get(factId));
    // Answered meanwhile in another tab, or retired by an update: skip it.
    const answeredElsewhere =
      fromPlan &&
      card &&
      card.memory.lastReview !== null &&
      card.memory.lastReview >= session.startedAt;
    if (!card || card.retired || answeredElsewhere) continue;
    const questions = await db.questions.where('factId').equals(factId).toArray();
    // The studied assignment's kinds, or those of the assignments the fact is in.
    const question = chooseQuestion(
      questions,
      card.memory,
      card.lastKind ?? null,
      createRng(`${factId}|${card.memory.reps}|${session.startedAt}`),
      session.kinds ?? session.assignedKinds?.[factId]
    );
    if (!question) continue;
    const learning = session.learning.filter((id) => id !== factId);
    return { ...session, planned, learning, current: { factId, questionId: question.id } };
  }
}

/** The card on screen with everything the screen shows. */
export async function loadShownCard(
  db: SourcedeckDatabase,
  session: SessionRecord,
  clock: Clock
): Promise<ShownCard | null> {
  if (!session.current) return null;
  const { factId, questionId } = session.current;
  // One read transaction, two rounds of parallel reads: this is on the answer-to-next-card path.
  return db.transaction(
    'r',
    [db.facts, db.questions, db.cards, db.decks, db.settings, db.names],
    async () => {
      const [fact, question, card] = await Promise.all([
        db.facts.get(factId),
        db.questions.get(questionId),
        db.cards.get(factId)
      ]);
      if (!fact || !question || !card) return null;
      const typed = question.kind === 'typed' || question.kind === 'cloze';
      const [deck, settings, others] = await Promise.all([
        db.decks.get(card.deckId),
        getDeckSettings(db, card.deckId),
        typed ? knownNames(db) : Promise.resolve([])
      ]);
      if (!deck) return null;
      return {
        others,
        fact,
        question: stripRecord(question),
        card,
        deck,
        preview: createScheduler(settings).preview(card.memory, clock.now())
      };
    }
  );
}

function stripRecord(q: QuestionRecord): Question {
  const { deckId: _deckId, factId: _factId, ...question } = q;
  return question as Question;
}

/** The card whose feedback is on screen with the answer given, as a reload shows it again. */
export async function loadFeedback(
  db: SourcedeckDatabase,
  session: SessionRecord,
  clock: Clock
): Promise<{ shown: ShownCard; answer: AnswerLogRecord } | null> {
  if (!session.feedback) return null;
  const answer = await db.log.get(session.feedback.logId);
  const shown = await loadShownCard(db, { ...session, current: session.feedback }, clock);
  return answer?.type === 'answer' && shown ? { shown, answer } : null;
}

/** The saved session as it is now (another tab may have moved it on). */
export async function currentSession(db: SourcedeckDatabase): Promise<SessionRecord | null> {
  return (await db.sessions.get('current')) ?? null;
}

/**
 * The saved session moved on since this screen last read it: another tab of the same
 * learner answered or continued. Nothing was written; the screen should show the session
 * as it now is.
 */
export class StaleSessionError extends Error {
  constructor() {
    super('This session moved on in another tab.');
  }
}

/** Runs `move` on the saved session in one transaction over all that an answer touches. */
function onSavedSession<T>(
  db: SourcedeckDatabase,
  move: (session: SessionRecord | undefined) => Promise<T>
): Promise<T> {
  const tables = [db.sessions, db.cards, db.log, db.questions, db.settings];
  return db.transaction('rw', tables, async () => move(await db.sessions.get('current')));
}

/** Saves the session with the card Continue will show, chosen now. Inside a transaction. */
async function saveWithUpcoming(
  db: SourcedeckDatabase,
  session: SessionRecord,
  now: number
): Promise<SessionRecord> {
  const saved = { ...session, upcoming: (await advance(db, session, now)).current };
  await db.sessions.put(saved);
  return saved;
}

/**
 * Records the answer to the card on screen, in one transaction with the card's new state
 * and the saved session. The card stays on screen with its feedback (`feedback`).
 */
export async function answerCurrent(
  db: SourcedeckDatabase,
  input: AnswerInput,
  clock: Clock,
  expected?: { questionId: string }
): Promise<SessionRecord> {
  const now = clock.now();
  return onSavedSession(db, async (session) => {
    if (!session?.current || (expected && session.current.questionId !== expected.questionId)) {
      throw new StaleSessionError();
    }
    const { factId, questionId } = session.current;
    const [card, question] = await Promise.all([
      db.cards.get(factId),
      db.questions.get(questionId)
    ]);
    if (!card || !question) throw new Error('The card on screen no longer exists.');
    const { logId, learnsToday } = await record(
      db,
      card,
      questionId,
      question.kind,
      input,
      now,
      clock
    );
    const learning = withLearning(session.learning, factId, learnsToday);
    const updated: SessionRecord = {
      ...session,
      learning,
      lastFactId: factId,
      answered: session.answered + 1,
      answerIds: [...session.answerIds, logId],
      current: null,
      feedback: { factId, questionId, logId }
    };
    return saveWithUpcoming(db, updated, now);
  });
}

/** Replaces the rating of the answer whose feedback is on screen (the log keeps both). */
export async function changeRating(
  db: SourcedeckDatabase,
  rating: Rating,
  clock: Clock,
  expected?: { logId: number }
): Promise<SessionRecord> {
  const now = clock.now();
  return onSavedSession(db, async (session) => {
    if (!session?.feedback || (expected && session.feedback.logId !== expected.logId)) {
      throw new StaleSessionError();
    }
    const previous = await db.log.get(session.feedback.logId);
    if (!previous || previous.type !== 'answer' || previous.rating === rating) return session;
    await unrecord(db, previous.id!, now);
    const card = (await db.cards.get(previous.factId))!;
    const { logId, learnsToday } = await record(
      db,
      card,
      previous.questionId,
      previous.kind,
      { rating, given: previous.given, correct: previous.correct, durationMs: previous.durationMs },
      previous.at,
      clock
    );
    const learning = withLearning(session.learning, card.factId, learnsToday);
    const updated: SessionRecord = {
      ...session,
      learning,
      answerIds: [...session.answerIds.filter((id) => id !== previous.id), logId],
      feedback: { ...session.feedback, logId }
    };
    // The new rating may put the card in (or out of) learning: choose the next card again.
    return saveWithUpcoming(db, updated, now);
  });
}

/** Leaves the feedback and moves to the next card. */
export async function continueSession(
  db: SourcedeckDatabase,
  clock: Clock,
  expected?: { logId: number }
): Promise<SessionRecord> {
  const now = clock.now();
  return onSavedSession(db, async (session) => {
    if (!session) throw new StaleSessionError();
    // Already moved on (another tab pressed Continue): show where it is now.
    if (session.current || (expected && session.feedback?.logId !== expected.logId)) {
      return session;
    }
    const updated = session.upcoming
      ? moveToUpcoming(session)
      : await advance(db, { ...session, feedback: null, upcoming: null }, now);
    await db.sessions.put(updated);
    return updated;
  });
}

/**
 * Takes back the session's last answer: the card returns to its state before it and
 * comes back on screen to be answered again. The log keeps the answer and the undo.
 */
export async function undoLastAnswer(
  db: SourcedeckDatabase,
  clock: Clock
): Promise<SessionRecord | null> {
  const now = clock.now();
  return onSavedSession(db, async (session) => {
    const logId = session?.answerIds.at(-1);
    if (!session || logId === undefined) return null;
    const entry = await unrecord(db, logId, now);
    const planned = session.current
      ? [session.current.factId, ...session.planned]
      : session.planned;
    const updated: SessionRecord = {
      ...session,
      planned: planned.filter((id) => id !== entry.factId),
      learning: session.learning.filter((id) => id !== entry.factId),
      answered: Math.max(0, session.answered - 1),
      answerIds: session.answerIds.slice(0, -1),
      current: { factId: entry.factId, questionId: entry.questionId },
      feedback: null,
      upcoming: null,
      lastFactId: null
    };
    await db.sessions.put(updated);
    return updated;
  });
}

/** Ends the session (finished or abandoned). */
export async function endSession(db: SourcedeckDatabase): Promise<void> {
  await db.sessions.delete('current');
}

/** What the study screen needs, on the app's database. */
export const sessionUseCases = /* @__PURE__ */ onAppDatabase({
  studyTarget,
  startSession,
  loadShownCard,
  loadFeedback,
  currentSession,
  answerCurrent,
  changeRating,
  continueSession,
  undoLastAnswer,
  endSession
});
