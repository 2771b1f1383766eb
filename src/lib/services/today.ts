/**
 * Today: each deck's reviews, new cards and time to study, the day's totals and the
 * streak, kept live as answers land (in this tab or another).
 */
import {
  getSetting,
  putSetting,
  liveQuery,
  type AnswerLogRecord,
  type DeckRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { studyDay } from '$lib/srs/day';
import { BACKUP_REMINDER_DAYS, studyDaysWithoutBackup } from '$lib/srs/reminder';
import { streakDays } from '$lib/srs/streak';
import { DEFAULT_DECK_SETTINGS, type StudyPlan } from '$lib/srs/types';
import { onAppDatabase } from './app-database';
import { deckCounts } from './study-day';
import { DEFAULT_SECONDS_PER_CARD, getStudyPlan } from './study-plan';

export interface DeckToday {
  deck: Pick<DeckRecord, 'id' | 'title' | 'order' | 'builtIn'>;
  reviews: number;
  /**
   * New cards: in a deck's row, what studying that deck alone may introduce today (its own
   * limit capped by what the collection's leaves); in the total, the collection's share.
   */
  newCards: number;
  learning: number;
  backlog: number;
  /** Cards studied today in this deck. */
  studied: number;
  minutes: number;
}

export interface TodayOverview {
  /** The learner's plan: which decks Today studies, how many new a day, set up or not. */
  plan: StudyPlan;
  /** The decks studied (the plan's, or all). */
  decks: DeckToday[];
  total: Omit<DeckToday, 'deck'>;
  streak: { days: number; studiedToday: boolean };
  /** Assignments from a teacher still active: Today lists them when there are any. */
  activeAssignments: number;
  /** Days studied since the last backup (or the reminder's last "not now"), when that is enough to offer one; else 0. */
  backupReminder: number;
}

async function secondsPerCard(db: SourcedeckDatabase): Promise<number> {
  const recent = (await db.log.orderBy('id').reverse().limit(60).toArray()).filter(
    (r): r is AnswerLogRecord => r.type === 'answer'
  );
  if (recent.length < 5) return DEFAULT_SECONDS_PER_CARD;
  const durations = recent.map((r) => Math.min(r.durationMs, 120_000)).sort((a, b) => a - b);
  return Math.max(4, (durations[Math.floor(durations.length / 2)] ?? 15_000) / 1000);
}

export async function todayOverview(db: SourcedeckDatabase, clock: Clock): Promise<TodayOverview> {
  const now = clock.now();
  const tz = clock.tzOffset(now);
  const [plan, allDecks] = await Promise.all([getStudyPlan(db), db.decks.toArray()]);
  allDecks.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const [seconds, allCounts, studyDays, activeAssignments, lastBackupAt, dismissed] =
    await Promise.all([
      secondsPerCard(db),
      Promise.all(allDecks.map((deck) => deckCounts(db, deck.id, now, tz))),
      getSetting(db, 'studyDays'),
      db.assignments.where('status').equals('active').count(),
      getSetting(db, 'lastBackupAt'),
      getSetting(db, 'backupReminderDismissed')
    ]);
  const studied = (_: unknown, i: number) => !plan.decks || plan.decks.includes(allDecks[i]!.id);
  const decks = allDecks.filter(studied);
  const counts = allCounts.filter(studied);
  // New cards: each deck's own limit, then the collection's. Studying one deck may use all of
  // what the collection leaves, so each row offers that much; the day's total is what the
  // collection leaves, shared among the decks studied. New cards met today in any deck count
  // against it.
  const doneToday = allCounts.reduce((n, c) => n + c.newDone, 0);
  const room = Math.max(0, plan.newPerDay - doneToday);
  const minutes = (cardsToShow: number) => Math.ceil((cardsToShow * seconds) / 60);
  const rows: DeckToday[] = decks.map((deck, i) => {
    const c = counts[i]!;
    const newCards = Math.min(room, c.newCards);
    return {
      deck: { id: deck.id, title: deck.title, order: deck.order, builtIn: deck.builtIn },
      reviews: c.reviews + c.soon,
      newCards,
      learning: c.learning,
      backlog: c.backlog,
      studied: c.studied,
      minutes: minutes(c.reviews + c.soon + c.learning + newCards * 2)
    };
  });
  const sum = (key: keyof Omit<DeckToday, 'deck'>) => rows.reduce((n, r) => n + r[key], 0);
  const newCards = Math.min(room, sum('newCards'));
  const today = allCounts[0]?.day ?? studyDay(now, DEFAULT_DECK_SETTINGS.dayStartHour, tz);
  return {
    plan,
    decks: rows,
    total: {
      reviews: sum('reviews'),
      newCards,
      learning: sum('learning'),
      backlog: sum('backlog'),
      studied: sum('studied'),
      minutes: minutes(sum('reviews') + sum('learning') + newCards * 2)
    },
    streak: streakDays(studyDays ?? [], today),
    activeAssignments,
    backupReminder: reminder(studyDays ?? [], lastBackupAt, dismissed, tz)
  };
}

function reminder(
  studyDays: number[],
  lastBackupAt: number | undefined,
  dismissed: number | undefined,
  tz: number
): number {
  const backupDay =
    lastBackupAt === undefined
      ? null
      : studyDay(lastBackupAt, DEFAULT_DECK_SETTINGS.dayStartHour, tz);
  const days = studyDaysWithoutBackup(studyDays, backupDay, dismissed ?? null);
  return days >= BACKUP_REMINDER_DAYS ? days : 0;
}

/** Puts Today's backup reminder off until seven more study days have passed. */
export async function dismissBackupReminder(db: SourcedeckDatabase, clock: Clock): Promise<void> {
  const now = clock.now();
  await putSetting(
    db,
    'backupReminderDismissed',
    studyDay(now, DEFAULT_DECK_SETTINGS.dayStartHour, clock.tzOffset(now))
  );
}

/**
 * Calls `onNext` with today's overview now and again whenever the data behind it changes;
 * returns the function that stops.
 */
export function watchTodayOverview(
  db: SourcedeckDatabase,
  clock: Clock,
  onNext: (overview: TodayOverview) => void,
  onError: (error: unknown) => void
): () => void {
  const subscription = liveQuery(() => todayOverview(db, clock)).subscribe({
    next: onNext,
    error: onError
  });
  return () => subscription.unsubscribe();
}

/** How many decks are installed: none on a first visit. */
export function countDecks(db: SourcedeckDatabase): Promise<number> {
  return db.decks.count();
}

/** What Today needs, on the app's database. */
export const todayUseCases = /* @__PURE__ */ onAppDatabase({
  watchTodayOverview,
  countDecks,
  dismissBackupReminder
});
