/**
 * The study use cases: today's overview, starting or resuming a session, answering,
 * changing a rating, undoing. Each answer is one transaction over the card, the log and
 * the saved session, so a closed tab or a reload never loses it.
 */
import { createRng } from '$lib/deck/rng';
import type { Clock } from '$lib/srs/clock';
import type { Question, QuestionKind } from '$lib/deck/types';
import type {
  AnswerLogRecord,
  CardRecord,
  DeckRecord,
  FactRecord,
  LogRecord,
  QuestionRecord,
  SessionRecord,
  SourcedeckDatabase,
  UndoLogRecord
} from '$lib/db/db';
import { getSetting, putSetting } from '$lib/db/db';
import { calendarDay, nextDayStart, studyDay } from '$lib/srs/day';
import { chooseQuestion } from '$lib/srs/forms';
import { buildDayQueue, interleaveTopics, newCardsToMeetDue, nextCard } from '$lib/srs/queue';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler } from '$lib/srs/scheduler';
import { moveToUpcoming, withLearning } from '$lib/srs/session-moves';
import { streakDays } from '$lib/srs/streak';
import {
  CardState,
  DEFAULT_DECK_SETTINGS,
  type DeckSettings,
  type MemoryState,
  type Rating
} from '$lib/srs/types';

export { systemClock, type Clock } from './clock';

const settingsKey = (deckId: string) => `deck:${deckId}` as const;
const DEFAULT_SECONDS_PER_CARD = 15;

export async function getDeckSettings(
  db: SourcedeckDatabase,
  deckId: string
): Promise<DeckSettings> {
  return { ...DEFAULT_DECK_SETTINGS, ...(await getSetting(db, settingsKey(deckId))) };
}

export async function saveDeckSettings(
  db: SourcedeckDatabase,
  deckId: string,
  settings: DeckSettings
): Promise<void> {
  await putSetting(db, settingsKey(deckId), settings);
}

/** Answers that still count: those no later undo took back. */
function countingAnswers(rows: LogRecord[]): AnswerLogRecord[] {
  const undone = new Set(rows.filter((r) => r.type === 'undo').map((r) => r.undoes));
  return rows.filter((r): r is AnswerLogRecord => r.type === 'answer' && !undone.has(r.id!));
}

async function doneToday(db: SourcedeckDatabase, deckId: string, day: number) {
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

export interface DeckToday {
  deck: Pick<DeckRecord, 'id' | 'title' | 'order' | 'builtIn'>;
  reviews: number;
  newCards: number;
  learning: number;
  backlog: number;
  /** Cards studied today in this deck. */
  studied: number;
  minutes: number;
}

export interface TodayOverview {
  decks: DeckToday[];
  total: {
    reviews: number;
    newCards: number;
    learning: number;
    backlog: number;
    studied: number;
    minutes: number;
  };
  streak: { days: number; studiedToday: boolean };
}

async function deckQueue(
  db: SourcedeckDatabase,
  deckId: string,
  now: number,
  tz: number,
  seed: string,
  scope?: ReadonlySet<string>,
  minNewPerDay = 0
) {
  const stored = await getDeckSettings(db, deckId);
  // An assignment may need more new cards a day than the deck allows to be done in time.
  const settings = { ...stored, newPerDay: Math.max(stored.newPerDay, minNewPerDay) };
  const day = studyDay(now, settings.dayStartHour, tz);
  const dayEnd = nextDayStart(now, settings.dayStartHour, tz);
  const done = await doneToday(db, deckId, day);
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

/** A deck's live cards in one state due before `dayEnd`, by index. */
function dueBefore(db: SourcedeckDatabase, deckId: string, state: number, dayEnd: number) {
  return db.cards
    .where('[deckId+retired+state+due]')
    .between([deckId, 0, state, -Infinity], [deckId, 0, state, dayEnd], true, false);
}

async function secondsPerCard(db: SourcedeckDatabase): Promise<number> {
  const recent = (await db.log.orderBy('id').reverse().limit(60).toArray()).filter(
    (r): r is AnswerLogRecord => r.type === 'answer'
  );
  if (recent.length < 5) return DEFAULT_SECONDS_PER_CARD;
  const durations = recent.map((r) => Math.min(r.durationMs, 120_000)).sort((a, b) => a - b);
  return Math.max(4, (durations[Math.floor(durations.length / 2)] ?? 15_000) / 1000);
}

/** Counts of one deck for today, from indexes only (no card is read). */
async function deckCounts(db: SourcedeckDatabase, deckId: string, now: number, tz: number) {
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
    studied: new Set(done.answers.map((a) => a.factId)).size
  };
}

export async function todayOverview(db: SourcedeckDatabase, clock: Clock): Promise<TodayOverview> {
  const now = clock.now();
  const tz = clock.tzOffset(now);
  const decks = (await db.decks.toArray()).sort(
    (a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)
  );
  const [seconds, counts, studyDays] = await Promise.all([
    secondsPerCard(db),
    Promise.all(decks.map((deck) => deckCounts(db, deck.id, now, tz))),
    getSetting(db, 'studyDays')
  ]);
  const rows: DeckToday[] = decks.map((deck, i) => {
    const c = counts[i]!;
    const cardsToShow = c.reviews + c.soon + c.learning + c.newCards * 2;
    return {
      deck: { id: deck.id, title: deck.title, order: deck.order, builtIn: deck.builtIn },
      reviews: c.reviews + c.soon,
      newCards: c.newCards,
      learning: c.learning,
      backlog: c.backlog,
      studied: c.studied,
      minutes: Math.ceil((cardsToShow * seconds) / 60)
    };
  });
  const sum = (key: keyof Omit<DeckToday, 'deck'>) => rows.reduce((n, r) => n + r[key], 0);
  const today = counts[0]?.day ?? studyDay(now, DEFAULT_DECK_SETTINGS.dayStartHour, tz);
  return {
    decks: rows,
    total: {
      reviews: sum('reviews'),
      newCards: sum('newCards'),
      learning: sum('learning'),
      backlog: sum('backlog'),
      studied: sum('studied'),
      minutes: sum('minutes')
    },
    streak: streakDays(studyDays ?? [], today)
  };
}

// ---------------------------------------------------------------- sessions

export interface ShownCard {
  fact: FactRecord;
  question: Question;
  card: CardRecord;
  deck: DeckRecord;
  /** When each rating would bring the card back. */
  preview: Record<Rating, number>;
  /** Answers of other facts of the same kind in the deck: a typo close to one is no typo. */
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
  const queues = await Promise.all(
    deckIds.map((id) => deckQueue(db, id, now, tz, 'session', factScope, minNew))
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
    ...(scope ? { assignment: scope.assignment, kinds: [...scope.kinds] } : {})
  };
  return db.transaction('rw', [db.sessions, db.cards, db.questions, db.log], async () => {
    const advanced = await advance(db, session, now);
    await db.sessions.put(advanced);
    return advanced;
  });
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
    const all = await db.questions.where('factId').equals(factId).toArray();
    // An assignment's kinds when the fact has questions of them; any otherwise.
    const kinds = session.kinds;
    const allowed = kinds?.length ? all.filter((q) => kinds.includes(q.kind)) : all;
    const questions = allowed.length > 0 ? allowed : all;
    const question = chooseQuestion(
      questions,
      card.memory,
      card.lastKind ?? null,
      createRng(`${factId}|${card.memory.reps}|${session.startedAt}`)
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
    [db.facts, db.questions, db.cards, db.decks, db.settings],
    async () => {
      const [fact, question, card] = await Promise.all([
        db.facts.get(factId),
        db.questions.get(questionId),
        db.cards.get(factId)
      ]);
      if (!fact || !question || !card) return null;
      const typed = question.kind === 'typed' || question.kind === 'cloze';
      const [deck, settings, siblings] = await Promise.all([
        db.decks.get(card.deckId),
        getDeckSettings(db, card.deckId),
        typed
          ? db.facts
              .where('deckId')
              .equals(card.deckId)
              .limit(2000)
              .filter((f) => f.kind === fact.kind && f.id !== fact.id && !f.conflict)
              .toArray()
          : Promise.resolve([])
      ]);
      if (!deck) return null;
      return {
        others: siblings.map((f) => f.answer),
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
async function record(
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

/** Appends an undo entry for an answer and puts its card back as it was. Inside a transaction. */
async function unrecord(
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
  if (card)
    await db.cards.put({
      ...card,
      memory: entry.before,
      due: entry.before.due,
      state: entry.before.state
    });
  return entry;
}

const STUDY_TABLES = (db: SourcedeckDatabase) => [
  db.sessions,
  db.cards,
  db.log,
  db.questions,
  db.settings
];

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
  return db.transaction('rw', STUDY_TABLES(db), async () => {
    const session = await db.sessions.get('current');
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
    updated.upcoming = (await advance(db, updated, now)).current;
    await db.sessions.put(updated);
    return updated;
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
  return db.transaction('rw', STUDY_TABLES(db), async () => {
    const session = await db.sessions.get('current');
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
    updated.upcoming = (await advance(db, updated, now)).current;
    await db.sessions.put(updated);
    return updated;
  });
}

/** Leaves the feedback and moves to the next card. */
export async function continueSession(
  db: SourcedeckDatabase,
  clock: Clock,
  expected?: { logId: number }
): Promise<SessionRecord> {
  const now = clock.now();
  return db.transaction('rw', STUDY_TABLES(db), async () => {
    const session = await db.sessions.get('current');
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
  return db.transaction('rw', STUDY_TABLES(db), async () => {
    const session = await db.sessions.get('current');
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
