/**
 * The learner's statistics, from the answer log and the cards: reviews per study day and
 * the streak, the forecast of due cards, true retention, how well the scheduler's predicted
 * recall matches what happened, and time, answers and new facts per day; and one fact's
 * history. Pure: the clock, the time zone, the day's start hour and the scheduler's
 * retrievability come in as parameters.
 */
import { keptAnswers as keptOf } from './kept';
import type { QuestionKind } from '$lib/deck/types';
import { dayStart, studyDay } from './day';
import { streakDays } from './streak';
import { CardState, type MemoryState, type Rating } from './types';

/** One answer as the log keeps it (the database's answer rows have this shape). */
export interface StatsAnswer {
  type: 'answer';
  id?: number;
  factId: string;
  deckId: string;
  kind: QuestionKind;
  rating: Rating;
  given: string | null;
  correct: boolean | null;
  durationMs: number;
  /** Epoch ms. */
  at: number;
  /** Study day of `at`, as written with the answer (srs/day.ts). */
  day: number;
  before: MemoryState;
  after: MemoryState;
  imported?: true;
}

/** A log row that takes back an earlier answer, by its id. */
export interface StatsUndo {
  type: 'undo';
  undoes: number;
}

export type StatsLogRow = StatsAnswer | StatsUndo;

/** What the forecast needs of a card. */
export interface StatsCard {
  due: number;
  state: number;
  /** 1 when the card left the queue (fact retired, card suspended). */
  retired: 0 | 1;
}

/** The three forms a question takes, by what the learner must do. */
export type QuestionForm = 'recognition' | 'production' | 'recall';

export const QUESTION_FORMS: readonly QuestionForm[] = ['recognition', 'production', 'recall'];

/** Recognise the answer among others; produce it; recall it and judge oneself. */
export const FORM_OF_KIND: Record<QuestionKind, QuestionForm> = {
  choice: 'recognition',
  truefalse: 'recognition',
  match: 'recognition',
  typed: 'production',
  cloze: 'production',
  numeric: 'production',
  order: 'production',
  flashcard: 'recall'
};

/** A card whose interval was at least this many days is mature (Anki's rule). */
export const MATURE_DAYS = 21;

/** The periods the screen offers: a number of study days ending today, or all of them. */
export type Period = 30 | 90 | 365 | 'all';

const DAY = 86_400_000;

/** Answers that still count (srs/kept.ts): the rule Today and the streak use too. */
export function keptAnswers(rows: readonly StatsLogRow[]): StatsAnswer[] {
  return keptOf(rows);
}

/** Passed: any rating but Again. */
export const passed = (a: Pick<StatsAnswer, 'rating'>): boolean => a.rating >= 2;

/** An answer to a card that was in review before it: what true retention counts. */
export const isReview = (a: Pick<StatsAnswer, 'before'>): boolean =>
  a.before.state === CardState.Review;

// ---------------------------------------------------------------------------------------
// Study days: the heatmap and the streak

export interface Heatmap {
  /** The first day shown: `today - 364`. */
  from: number;
  /** Answers on each day from `from` to today (365 numbers, today last). */
  counts: number[];
  total: number;
  /** Days with at least one answer. */
  studiedDays: number;
  /** The day with the most answers (the latest of equals), or null with none. */
  busiest: { day: number; count: number } | null;
}

/** Kept answers per study day over the last 365 days, today included. */
export function heatmap(answers: readonly StatsAnswer[], today: number, length = 365): Heatmap {
  const from = today - length + 1;
  const counts = new Array<number>(length).fill(0);
  for (const a of answers) {
    const i = a.day - from;
    if (i >= 0 && i < length) counts[i]!++;
  }
  let busiest: Heatmap['busiest'] = null;
  for (const [i, count] of counts.entries())
    if (count > 0 && (!busiest || count >= busiest.count)) busiest = { day: from + i, count };
  return {
    from,
    counts,
    total: counts.reduce((n, c) => n + c, 0),
    studiedDays: counts.filter((c) => c > 0).length,
    busiest
  };
}

export interface Streaks {
  /** Today's streak, as Today shows it. */
  current: number;
  studiedToday: boolean;
  /** The longest run of study days ever, by the same rule. */
  longest: number;
}

/**
 * The current and the longest streak. A streak forgives one missed day between two study
 * days (srs/streak.ts): its length is the number of days studied in it.
 */
export function streaks(studiedDays: readonly number[], today: number): Streaks {
  const days = [...new Set(studiedDays)].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  days.forEach((day, i) => {
    run = i > 0 && day - days[i - 1]! <= 2 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  const { days: current, studiedToday } = streakDays(days, today);
  return { current, studiedToday, longest };
}

// ---------------------------------------------------------------------------------------
// Forecast

export interface Forecast {
  /** Cards due before today's start: overdue. */
  backlog: number;
  /** Cards due on each study day from today (index 0) on. */
  days: number[];
}

/**
 * Cards due per study day for the next `length` days, today first, and the backlog. A day
 * runs from `dayStartHour` to the same hour the next day (srs/day.ts); new cards (never
 * studied) and cards out of the queue are not due.
 * @param tz minutes, as Date.prototype.getTimezoneOffset gives them
 */
export function forecast(
  cards: Iterable<StatsCard>,
  today: number,
  dayStartHour: number,
  tz: number,
  length = 30
): Forecast {
  const start = dayStart(today, dayStartHour, tz);
  const days = new Array<number>(length).fill(0);
  let backlog = 0;
  for (const card of cards) {
    if (card.retired || card.state === CardState.New) continue;
    if (card.due < start) backlog++;
    else {
      const i = studyDay(card.due, dayStartHour, tz) - today;
      if (i < length) days[i]!++;
    }
  }
  return { backlog, days };
}

// ---------------------------------------------------------------------------------------
// True retention

export interface Share {
  passed: number;
  total: number;
  /** passed / total, or null with no reviews. */
  rate: number | null;
}

export interface Retention {
  all: Share;
  /** Cards whose interval before the answer was under MATURE_DAYS. */
  young: Share;
  mature: Share;
  byForm: Record<QuestionForm, Share>;
  /** Decks in order of their first review in the answers. */
  byDeck: { deckId: string; share: Share }[];
}

const share = (passedCount: number, total: number): Share => ({
  passed: passedCount,
  total,
  rate: total > 0 ? passedCount / total : null
});

class Tally {
  passed = 0;
  total = 0;
  add(ok: boolean) {
    this.total++;
    if (ok) this.passed++;
  }
  get share(): Share {
    return share(this.passed, this.total);
  }
}

/**
 * True retention: the share of reviews passed (Hard, Good, Easy) among answers to cards
 * that were in review before the answer; answers in learning and relearning do not count.
 */
export function trueRetention(answers: readonly StatsAnswer[]): Retention {
  const all = new Tally();
  const young = new Tally();
  const mature = new Tally();
  const byForm = { recognition: new Tally(), production: new Tally(), recall: new Tally() };
  const byDeck = new Map<string, Tally>();
  for (const a of answers) {
    if (!isReview(a)) continue;
    const ok = passed(a);
    all.add(ok);
    (a.before.scheduledDays < MATURE_DAYS ? young : mature).add(ok);
    byForm[FORM_OF_KIND[a.kind]].add(ok);
    let deck = byDeck.get(a.deckId);
    if (!deck) byDeck.set(a.deckId, (deck = new Tally()));
    deck.add(ok);
  }
  return {
    all: all.share,
    young: young.share,
    mature: mature.share,
    byForm: {
      recognition: byForm.recognition.share,
      production: byForm.production.share,
      recall: byForm.recall.share
    },
    byDeck: [...byDeck].map(([deckId, tally]) => ({ deckId, share: tally.share }))
  };
}

/**
 * When recognition retention is much higher than production retention: both measured on
 * at least `minReviews` reviews and `gap` (0.10 = ten points) or more apart. Choice
 * questions then flatter the learner: the screen says so.
 */
export function recognitionFlatters(
  retention: Retention,
  gap = 0.1,
  minReviews = 10
): { recognition: number; production: number } | null {
  const { recognition, production } = retention.byForm;
  if (recognition.total < minReviews || production.total < minReviews) return null;
  if (recognition.rate === null || production.rate === null) return null;
  return recognition.rate - production.rate >= gap - 1e-9
    ? { recognition: recognition.rate, production: production.rate }
    : null;
}

// ---------------------------------------------------------------------------------------
// Calibration

export interface CalibrationBin {
  /** Predicted recall from `from` (included) to `to` (excluded, 1 included in the last bin). */
  from: number;
  to: number;
  count: number;
  /** Mean predicted recall of the bin's reviews, or null when empty. */
  predicted: number | null;
  /** Share of the bin's reviews passed, or null when empty. */
  actual: number | null;
}

export interface Calibration {
  bins: CalibrationBin[];
  count: number;
  /** Mean predicted and actual recall over every review, or null with none. */
  predicted: number | null;
  actual: number | null;
  /** Mean log loss (natural log) of the predictions, or null with none. */
  logLoss: number | null;
}

/** Predictions are kept this far from 0 and 1, so one surprise does not make the loss infinite. */
const EPSILON = 1e-4;

/**
 * Predicted recall against what happened, for answers to cards in review: the predicted
 * recall is the scheduler's retrievability of the memory before the answer at the moment of
 * the answer (`retrievability`, the code that schedules), the outcome passed or not. Ten
 * equal bins of predicted recall, and the log loss over all of them.
 */
export function calibration(
  answers: readonly StatsAnswer[],
  retrievability: (answer: StatsAnswer) => number,
  binCount = 10
): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ count: 0, predicted: 0, passed: 0 }));
  let loss = 0;
  let count = 0;
  let predictedSum = 0;
  let passedSum = 0;
  for (const a of answers) {
    if (!isReview(a)) continue;
    const r = Math.min(1, Math.max(0, retrievability(a)));
    const ok = passed(a);
    const bin = sums[Math.min(binCount - 1, Math.floor(r * binCount))]!;
    bin.count++;
    bin.predicted += r;
    if (ok) bin.passed++;
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, r));
    loss -= ok ? Math.log(p) : Math.log(1 - p);
    count++;
    predictedSum += r;
    if (ok) passedSum++;
  }
  return {
    bins: sums.map((s, i) => ({
      from: i / binCount,
      to: (i + 1) / binCount,
      count: s.count,
      predicted: s.count ? s.predicted / s.count : null,
      actual: s.count ? s.passed / s.count : null
    })),
    count,
    predicted: count ? predictedSum / count : null,
    actual: count ? passedSum / count : null,
    logLoss: count ? loss / count : null
  };
}

// ---------------------------------------------------------------------------------------
// Activity per day

export interface DayActivity {
  day: number;
  answers: number;
  timeMs: number;
  /** Facts answered for the first time (their card was new) that day. */
  learned: number;
}

/**
 * Answers, time spent (sum of `durationMs`) and new facts learned on each study day from
 * `from` to `to`, both included. A fact is learned on the day of its first kept answer,
 * the one given while its card was new.
 */
export function activity(answers: readonly StatsAnswer[], from: number, to: number): DayActivity[] {
  const days: DayActivity[] = [];
  for (let day = from; day <= to; day++) days.push({ day, answers: 0, timeMs: 0, learned: 0 });
  const seen = new Set<string>();
  const byTime = [...answers].sort((a, b) => a.at - b.at);
  for (const a of byTime) {
    const first = a.before.state === CardState.New && !seen.has(a.factId);
    if (first) seen.add(a.factId);
    const row = days[a.day - from];
    if (!row) continue;
    row.answers++;
    row.timeMs += a.durationMs;
    if (first) row.learned++;
  }
  return days;
}

export interface ActivityBucket {
  /** First and last study day of the bucket. */
  from: number;
  to: number;
  answers: number;
  timeMs: number;
  learned: number;
}

/** Days per bar for a span of days: one day up to 92 days, a week up to two years, else 30. */
export function bucketSize(days: number): number {
  if (days <= 92) return 1;
  if (days <= 731) return 7;
  return 30;
}

/** Sums consecutive days into buckets of `size`, the last bucket ending with the last day. */
export function bucketActivity(days: readonly DayActivity[], size: number): ActivityBucket[] {
  const buckets: ActivityBucket[] = [];
  // Buckets are counted back from the last day, so the newest bar is a whole one.
  for (let end = days.length; end > 0; end -= size) {
    const slice = days.slice(Math.max(0, end - size), end);
    buckets.unshift({
      from: slice[0]!.day,
      to: slice[slice.length - 1]!.day,
      answers: slice.reduce((n, d) => n + d.answers, 0),
      timeMs: slice.reduce((n, d) => n + d.timeMs, 0),
      learned: slice.reduce((n, d) => n + d.learned, 0)
    });
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------
// Everything the statistics screen shows

export interface StatsInput {
  /** Kept answers (see keptAnswers) of the collection or deck: the whole period and the last year at least. */
  answers: readonly StatsAnswer[];
  /** The cards that may be due in the next 30 days (others may be left out). */
  cards: Iterable<StatsCard>;
  now: number;
  /** Minutes, as Date.prototype.getTimezoneOffset gives them at `now`. */
  tz: number;
  /** The hour a study day starts (the deck's; for a collection, the first deck's, as Today). */
  dayStartHour: number;
  period: Period;
  /** The scheduler's retrievability of the memory before an answer, at the answer. */
  retrievability: (answer: StatsAnswer) => number;
  /** Every study day with a kept answer, when known apart from `answers` (the streak's record). */
  studyDays?: readonly number[];
}

export interface Stats {
  today: number;
  /** The period's first and last study day (the last is today). */
  from: number;
  to: number;
  heatmap: Heatmap;
  streak: Streaks;
  forecast: Forecast;
  retention: Retention;
  /** Recognition and production retention when the first is much higher (see recognitionFlatters). */
  flatters: { recognition: number; production: number } | null;
  calibration: Calibration;
  /** The heatmap by calendar month, its text alternative. */
  months: MonthRow[];
  /** Totals over the period. */
  totals: { answers: number; timeMs: number; learned: number; studiedDays: number };
  /** Days per bar of `activity`. */
  bucketDays: number;
  activity: ActivityBucket[];
}

export function computeStats(input: StatsInput): Stats {
  const today = studyDay(input.now, input.dayStartHour, input.tz);
  const firstDay = input.answers.reduce((min, a) => Math.min(min, a.day), today);
  const from = input.period === 'all' ? firstDay : today - input.period + 1;
  const inPeriod = input.answers.filter((a) => a.day >= from && a.day <= today);
  const days = activity(input.answers, from, today);
  const size = bucketSize(days.length);
  const map = heatmap(input.answers, today);
  const retention = trueRetention(inPeriod);
  return {
    today,
    from,
    to: today,
    heatmap: map,
    streak: streaks(input.studyDays ?? input.answers.map((a) => a.day), today),
    forecast: forecast(input.cards, today, input.dayStartHour, input.tz),
    retention,
    flatters: recognitionFlatters(retention),
    calibration: calibration(inPeriod, input.retrievability),
    months: heatmapByMonth(map),
    totals: {
      answers: inPeriod.length,
      timeMs: inPeriod.reduce((n, a) => n + a.durationMs, 0),
      learned: days.reduce((n, d) => n + d.learned, 0),
      studiedDays: days.filter((d) => d.answers > 0).length
    },
    bucketDays: size,
    activity: bucketActivity(days, size)
  };
}

// ---------------------------------------------------------------------------------------
// One fact

export interface FactAnswer {
  at: number;
  day: number;
  kind: QuestionKind;
  form: QuestionForm;
  rating: Rating;
  given: string | null;
  correct: boolean | null;
  durationMs: number;
  /** Given in another app and brought in by an import. */
  imported: boolean;
}

export interface FactMemory {
  state: CardState;
  /** Days for recall to fall to 90%. */
  stability: number;
  /** 1 (easy) to 10 (hard). */
  difficulty: number;
  /** Chance of recalling it now, 0 to 1. */
  retrievability: number;
  /** Epoch ms of the next review. */
  due: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  /** Out of the queue (fact retired or card suspended). */
  retired: boolean;
}

export interface FactHistory {
  /** Kept answers, oldest first. */
  answers: FactAnswer[];
  /** The memory now, or null while the fact was never studied. */
  memory: FactMemory | null;
}

/** One fact's kept answers and the memory of it now. */
export function factHistory(
  answers: readonly StatsAnswer[],
  card: { memory: MemoryState; retired: 0 | 1 } | null,
  now: number,
  retrievability: (memory: MemoryState, at: number) => number
): FactHistory {
  const list = [...answers]
    .sort((a, b) => a.at - b.at)
    .map((a): FactAnswer => ({
      at: a.at,
      day: a.day,
      kind: a.kind,
      form: FORM_OF_KIND[a.kind],
      rating: a.rating,
      given: a.given,
      correct: a.correct,
      durationMs: a.durationMs,
      imported: !!a.imported
    }));
  const m = card?.memory;
  return {
    answers: list,
    memory:
      m && m.state !== CardState.New
        ? {
            state: m.state,
            stability: m.stability,
            difficulty: m.difficulty,
            retrievability: retrievability(m, now),
            due: m.due,
            reps: m.reps,
            lapses: m.lapses,
            lastReview: m.lastReview,
            retired: card.retired === 1
          }
        : null
  };
}

// ---------------------------------------------------------------------------------------
// Study days as calendar dates

/** The calendar date (YYYY-MM-DD) a study day number stands for (the inverse of calendarDay). */
export function dayDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Monday 0 to Sunday 6: the day of the week of a study day number (day 0 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export interface MonthRow {
  /** YYYY-MM */
  month: string;
  studiedDays: number;
  answers: number;
}

/** The heatmap by calendar month, oldest first: the text alternative to its squares. */
export function heatmapByMonth(map: Heatmap): MonthRow[] {
  const rows: MonthRow[] = [];
  map.counts.forEach((count, i) => {
    const month = dayDate(map.from + i).slice(0, 7);
    let row = rows[rows.length - 1];
    if (!row || row.month !== month) rows.push((row = { month, studiedDays: 0, answers: 0 }));
    row.answers += count;
    if (count > 0) row.studiedDays++;
  });
  return rows;
}
