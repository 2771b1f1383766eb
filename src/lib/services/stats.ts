/**
 * What the statistics screen and a fact's history show, read in one transaction and
 * computed by srs/stats.ts. The screens load this module only when they need it: it brings
 * the scheduler (ts-fsrs) with it.
 */
import { getSetting, type CardRecord, type LogRecord, type SourcedeckDatabase } from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { dayStart, studyDay } from '$lib/srs/day';
import { createScheduler, type Scheduler } from '$lib/srs/scheduler';
import {
  computeStats,
  factHistory,
  keptAnswers,
  type FactHistory,
  type Period,
  type Stats
} from '$lib/srs/stats';
import { CardState, DEFAULT_DECK_SETTINGS, type DeckSettings } from '$lib/srs/types';
import { onAppDatabase } from './app-database';
import { getDeckSettings } from './deck-settings';

export type { Period };

export interface StatsScope {
  /** One deck, or null for the whole collection. */
  deckId: string | null;
  period: Period;
}

export interface StatsView {
  scope: StatsScope;
  /** The deck's title, or null for the whole collection. */
  title: string | null;
  /** Every installed deck, in the collection's order: for choosing one and naming rows. */
  decks: { id: string; title: string }[];
  /** The hour the study days shown start. */
  dayStartHour: number;
  stats: Stats;
}

/** Days the forecast looks ahead. */
const FORECAST_DAYS = 30;
/** Days the heatmap shows. */
const YEAR = 365;

/**
 * The schedulers that predicted each answer's recall: one per deck, with its settings, as
 * the answers were scheduled (services/study-log.ts).
 */
async function schedulers(
  db: SourcedeckDatabase,
  deckIds: Iterable<string>
): Promise<(deckId: string) => Scheduler> {
  const byDeck = new Map<string, Scheduler>();
  for (const id of new Set(deckIds)) byDeck.set(id, createScheduler(await getDeckSettings(db, id)));
  const fallback = createScheduler(DEFAULT_DECK_SETTINGS);
  return (deckId) => byDeck.get(deckId) ?? fallback;
}

/** A deck's live cards that may be due before `until` (new ones never are), by index. */
function dueCards(db: SourcedeckDatabase, deckId: string, until: number): Promise<CardRecord[]> {
  return Promise.all(
    [CardState.Learning, CardState.Review, CardState.Relearning].map((state) =>
      db.cards
        .where('[deckId+retired+state+due]')
        .between([deckId, 0, state, -Infinity], [deckId, 0, state, until], true, false)
        .toArray()
    )
  ).then((lists) => lists.flat());
}

/**
 * The statistics of the collection or one deck over a period, or null for a deck that is
 * not on this device. The heatmap covers the last year and the streak all of it, whatever
 * the period; a deck's streak counts the days it was studied.
 */
export async function loadStats(
  db: SourcedeckDatabase,
  scope: StatsScope,
  clock: Clock
): Promise<StatsView | null> {
  const now = clock.now();
  const tz = clock.tzOffset(now);
  const read = await db.transaction('r', [db.decks, db.log, db.cards, db.settings], async () => {
    const decks = await db.decks.toArray();
    decks.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
    const deck = scope.deckId === null ? null : decks.find((d) => d.id === scope.deckId);
    if (deck === undefined) return null;
    // As Today: a deck's own day, the collection's that of its first deck.
    const first = deck ?? decks[0];
    const settings: DeckSettings = first
      ? await getDeckSettings(db, first.id)
      : DEFAULT_DECK_SETTINGS;
    const today = studyDay(now, settings.dayStartHour, tz);
    const horizon = dayStart(today + FORECAST_DAYS, settings.dayStartHour, tz);
    let rows: LogRecord[];
    let studyDays: number[] | undefined;
    if (deck) {
      rows = await db.log
        .where('[deckId+day]')
        .between([deck.id, -Infinity], [deck.id, Infinity])
        .toArray();
    } else {
      // The collection's study days are kept apart (the streak's record, as Today reads
      // it), so only the period and the last year of the log are read. A day's margin
      // covers decks whose days start at another hour.
      studyDays = (await getSetting(db, 'studyDays')) ?? [];
      const from = scope.period === 'all' ? -Infinity : today - Math.max(scope.period, YEAR) - 1;
      rows = await db.log.where('day').aboveOrEqual(from).toArray();
    }
    const cards = (
      await Promise.all((deck ? [deck] : decks).map((d) => dueCards(db, d.id, horizon)))
    ).flat();
    const answers = keptAnswers(rows);
    const schedulerOf = await schedulers(
      db,
      answers.map((a) => a.deckId)
    );
    return { decks, deck, settings, answers, cards, studyDays, schedulerOf };
  });
  if (!read) return null;
  const stats = computeStats({
    answers: read.answers,
    cards: read.cards,
    now,
    tz,
    dayStartHour: read.settings.dayStartHour,
    period: scope.period,
    retrievability: (a) => read.schedulerOf(a.deckId).retrievability(a.before, a.at),
    ...(read.studyDays ? { studyDays: read.studyDays } : {})
  });
  return {
    scope,
    title: read.deck?.title ?? null,
    decks: read.decks.map((d) => ({ id: d.id, title: d.title })),
    dayStartHour: read.settings.dayStartHour,
    stats
  };
}

/** One fact's kept answers and its memory now (null while never studied). */
export async function loadFactHistory(
  db: SourcedeckDatabase,
  factId: string,
  clock: Clock
): Promise<FactHistory> {
  const now = clock.now();
  const { rows, card, schedulerOf } = await db.transaction(
    'r',
    [db.log, db.cards, db.settings],
    async () => {
      const [rows, card] = await Promise.all([
        db.log.where('factId').equals(factId).toArray(),
        db.cards.get(factId)
      ]);
      const deckIds = card ? [card.deckId] : rows.map((r) => r.deckId);
      return { rows, card, schedulerOf: await schedulers(db, deckIds) };
    }
  );
  const scheduler = schedulerOf(card?.deckId ?? '');
  return factHistory(keptAnswers(rows), card ?? null, now, scheduler.retrievability);
}

/** The statistics use cases, on the app's database. */
export const statsUseCases = /* @__PURE__ */ onAppDatabase({ loadStats, loadFactHistory });
