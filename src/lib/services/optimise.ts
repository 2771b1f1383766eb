/**
 * Fitting the scheduler to the learner: reads the kept answers into card histories, fits
 * FSRS-6 parameters on the older 80% (in time order), scores the parameters in use and the
 * fitted ones on the newest 20% with the app's own scheduler, and adopts the fitted ones
 * only when they predict those reviews better, recomputing the memory of the cards that use
 * them (Undo does the same with the previous ones). The collection's parameters live in the
 * `schedulerParameters` setting (so backups carry them). A deck may keep its own: fitted to
 * its answers alone (every function here takes a `deckId` for that), recorded in
 * `schedulerParameters:<deck>` with what Undo puts back, and used through the deck's
 * settings (`setDeckWeights` in deck-settings.ts); such a deck is left out of the
 * collection's fit. Run by optimise.worker.ts: the optimiser (WebAssembly) loads there only.
 */
import {
  getSetting,
  putSetting,
  type CardRecord,
  type LogRecord,
  type SchedulerParameters,
  type SourcedeckDatabase
} from '$lib/db/db';
import {
  compareParameters,
  historiesFromLog,
  isBetter,
  reviewCount,
  type CardHistory,
  type Comparison,
  type OptimiseLogRow,
  type TrainingItems
} from '$lib/srs/optimise';
import type { PredictionMetrics } from '$lib/srs/prediction-metrics';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler, type Scheduler } from '$lib/srs/scheduler';
import { CardState } from '$lib/srs/types';
import type { DeckSettings } from '$lib/srs/types';
import { getDeckSettings, setDeckWeights } from './deck-settings';

const parametersKey = (deckId?: string) =>
  deckId ? (`schedulerParameters:${deckId}` as const) : 'schedulerParameters';

/** The weights a deck keeps of its own (null: it follows the collection's). */
async function ownWeights(db: SourcedeckDatabase, deckId: string): Promise<number[] | null> {
  return (await getSetting(db, `deck:${deckId}`))?.weights ?? null;
}

export type { Comparison, SchedulerParameters };

/** The share of reviews, oldest first, the app fits on; the rest judge the fit. */
export const APP_TRAIN_FRACTION = 0.8;

const PAGE = 20_000;

/** Every log row, a page at a time so a long history can report progress. */
async function readLog(
  db: SourcedeckDatabase,
  onRead?: (done: number, total: number) => void
): Promise<LogRecord[]> {
  const total = await db.log.count();
  const rows: LogRecord[] = [];
  let last = -Infinity;
  for (;;) {
    const page = await db.log.where(':id').above(last).limit(PAGE).toArray();
    if (page.length === 0) break;
    rows.push(...page);
    last = page.at(-1)!.id!;
    onRead?.(rows.length, total);
    if (page.length < PAGE) break;
  }
  return rows;
}

function optimiseRows(rows: readonly LogRecord[]): OptimiseLogRow[] {
  return rows.map((r) =>
    r.type === 'undo'
      ? { type: 'undo', id: r.id, undoes: r.undoes }
      : {
          type: 'answer',
          id: r.id,
          factId: r.factId,
          deckId: r.deckId,
          at: r.at,
          day: r.day,
          rating: r.rating
        }
  );
}

/** The kept answers, per card (an undone answer does not count). */
export async function loadHistories(
  db: SourcedeckDatabase,
  onRead?: (done: number, total: number) => void
): Promise<CardHistory[]> {
  return historiesFromLog(optimiseRows(await readLog(db, onRead)));
}

/**
 * The collection's fitted parameters, or null while it uses the FSRS-6 defaults and has
 * nothing to undo; with `deckId`, the record of that deck's own (null: it has never had any).
 */
export async function schedulerParameters(
  db: SourcedeckDatabase,
  deckId?: string
): Promise<SchedulerParameters | null> {
  return (await getSetting(db, parametersKey(deckId))) ?? null;
}

/** How many kept answers there are (of one deck, with `deckId`), and the parameters in use. */
export async function optimiserStatus(db: SourcedeckDatabase, deckId?: string) {
  const histories = (await loadHistories(db)).filter((h) => !deckId || h.deckId === deckId);
  return { reviews: reviewCount(histories), parameters: await schedulerParameters(db, deckId) };
}

export type OptimiseStep = 'reading' | 'fitting' | 'evaluating';

/**
 * Fits parameters to the kept answers of every deck that follows the collection's
 * parameters (or, with `deckId`, of that deck alone) and compares them with those in use
 * there. Writes nothing.
 * @param fit the optimiser (fsrs-rs): parameters for training items
 */
export async function fitParameters(
  db: SourcedeckDatabase,
  fit: (items: TrainingItems) => readonly number[] | Float32Array,
  onStep?: (step: OptimiseStep, done?: number, total?: number) => void,
  deckId?: string
): Promise<Comparison> {
  onStep?.('reading', 0, 1);
  const read = await loadHistories(db, (done, total) => onStep?.('reading', done, total));
  const all = deckId ? read.filter((h) => h.deckId === deckId) : read;
  const collection = (await schedulerParameters(db))?.weights ?? undefined;
  const current = deckId ? ((await ownWeights(db, deckId)) ?? collection) : collection;
  // Each card replays with its deck's steps and retention; decks with parameters of their
  // own are not the collection's to fit.
  const decks = new Map<string, DeckSettings & { own: boolean }>();
  for (const id of new Set(all.map((h) => h.deckId ?? ''))) {
    const settings = await getDeckSettings(db, id);
    decks.set(id, { ...settings, own: (await ownWeights(db, id)) !== null });
  }
  const histories = deckId ? all : all.filter((h) => !decks.get(h.deckId ?? '')!.own);
  const schedulers = new Map<string, Scheduler>();
  const schedulerFor = (weights: readonly number[] | undefined, history: CardHistory) => {
    const key = `${weights === current ? 'current' : 'fitted'}|${history.deckId ?? ''}`;
    let scheduler = schedulers.get(key);
    if (!scheduler) {
      const { own: _own, weights: _deckWeights, ...options } = decks.get(history.deckId ?? '')!;
      scheduler = createScheduler({ ...options, ...(weights ? { weights } : {}) });
      schedulers.set(key, scheduler);
    }
    return scheduler;
  };
  return compareParameters({
    histories,
    trainFraction: APP_TRAIN_FRACTION,
    current,
    fit,
    schedulerFor,
    onStep: (step) => onStep?.(step)
  });
}

/**
 * Recomputes the memory (stability, difficulty) of every studied card whose deck follows
 * the collection's parameters (with `deckId`: of that deck's cards), by replaying its kept
 * answers with the parameters it now uses, as Anki does when parameters change; when each
 * card is due stays as scheduled. Inside a transaction on the log, cards and settings.
 * Returns how many cards changed.
 */
async function refreshMemories(db: SourcedeckDatabase, deckId?: string): Promise<number> {
  const histories = historiesFromLog(optimiseRows(await db.log.toArray()));
  const cards = new Map((await db.cards.toArray()).map((c) => [c.factId, c]));
  const schedulers = new Map<string, Scheduler | null>();
  const changed: CardRecord[] = [];
  for (const history of histories) {
    const card = cards.get(history.cardId);
    if (!card || card.memory.state === CardState.New) continue;
    if (deckId && card.deckId !== deckId) continue;
    let scheduler = schedulers.get(card.deckId);
    if (scheduler === undefined) {
      const own = !deckId && (await ownWeights(db, card.deckId));
      scheduler = own ? null : createScheduler(await getDeckSettings(db, card.deckId));
      schedulers.set(card.deckId, scheduler);
    }
    if (!scheduler) continue;
    const { stability, difficulty } = replayLog(scheduler, history.reviews, card.createdAt);
    if (stability === card.memory.stability && difficulty === card.memory.difficulty) continue;
    changed.push({ ...card, memory: { ...card.memory, stability, difficulty } });
  }
  await db.cards.bulkPut(changed);
  return changed.length;
}

/** What adopting needs of a comparison. */
export type Fitted = Pick<Comparison, 'weights' | 'reviews'> & {
  before: PredictionMetrics;
  after: PredictionMetrics;
};

/**
 * Makes fitted parameters the collection's, keeping those they replace for Undo, and
 * recomputes the memory of the cards that use them. Refuses parameters that do not predict
 * the held-out reviews better than those in use. One transaction.
 */
export async function adoptParameters(
  db: SourcedeckDatabase,
  fitted: Fitted,
  now: number,
  deckId?: string
): Promise<SchedulerParameters> {
  if (!isBetter(fitted.before, fitted.after))
    throw new Error('These parameters predict your answers no better than the ones in use.');
  return db.transaction('rw', [db.settings, db.cards, db.log], async () => {
    const parameters: SchedulerParameters = {
      weights: [...fitted.weights],
      // A deck's "previous" is its own weights before, or null: it followed the collection.
      previous: deckId
        ? await ownWeights(db, deckId)
        : ((await schedulerParameters(db))?.weights ?? null),
      adoptedAt: now,
      reviews: fitted.reviews,
      logLossBefore: fitted.before.logLoss,
      logLossAfter: fitted.after.logLoss
    };
    await putSetting(db, parametersKey(deckId), parameters);
    if (deckId) await setDeckWeights(db, deckId, parameters.weights);
    await refreshMemories(db, deckId);
    return parameters;
  });
}

/** Puts back the parameters the last adoption replaced (and the memories they give); nothing to undo afterwards. */
export async function undoParameters(
  db: SourcedeckDatabase,
  now: number,
  deckId?: string
): Promise<SchedulerParameters> {
  return db.transaction('rw', [db.settings, db.cards, db.log], async () => {
    const current = await schedulerParameters(db, deckId);
    if (!current || current.previous === undefined)
      throw new Error('There is no change of parameters to undo.');
    const parameters: SchedulerParameters = {
      weights: current.previous,
      adoptedAt: now,
      reviews: current.reviews,
      logLossBefore: current.logLossAfter,
      logLossAfter: current.logLossBefore
    };
    await putSetting(db, parametersKey(deckId), parameters);
    if (deckId) await setDeckWeights(db, deckId, parameters.weights);
    await refreshMemories(db, deckId);
    return parameters;
  });
}
