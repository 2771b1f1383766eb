import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getSetting, putSetting, type LogRecord, type SourcedeckDatabase } from '$lib/db/db';
import { createScheduler } from '$lib/srs/scheduler';
import { simulateLearner } from '$lib/srs/synthetic-learner';
import { DEFAULT_DECK_SETTINGS } from '$lib/srs/types';
import type { TrainingItems } from '$lib/srs/optimise';
import { loadFsrsOptimiser } from '../../../scripts/fsrs-node.mjs';
import { createBackup, restoreBackup } from './backup';
import {
  getDeckSettings,
  loadDeckSettings,
  saveDeckSettings,
  setDeckWeights
} from './deck-settings';
import {
  adoptParameters,
  fitParameters,
  optimiserStatus,
  undoParameters,
  type Comparison
} from './optimise';
import { replayLog } from '$lib/srs/rebuild';
import { answerAll, DAY, dropDatabase, makeClock, openStudyDatabase, START } from './study-fixture';
import { countingAnswers } from './study-day';

let fit: (items: TrainingItems) => Float32Array;
beforeAll(async () => {
  fit = await loadFsrsOptimiser();
});

const dbs: SourcedeckDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await dropDatabase(db);
});

/** A database with 1,000 simulated answers on the mini deck's id, and one of them undone. */
async function seeded(): Promise<SourcedeckDatabase> {
  const db = await openStudyDatabase();
  dbs.push(db);
  const log = simulateLearner({ reviews: 1_000, start: START - 120 * DAY });
  await db.log.bulkAdd(
    log.answers.map((a): LogRecord => ({
      type: 'answer',
      factId: `sim-${a.card}`,
      deckId: 'mini',
      questionId: `sim-${a.card}:flashcard`,
      kind: 'flashcard',
      rating: a.rating,
      given: null,
      correct: null,
      durationMs: 5000,
      at: a.at,
      day: a.day,
      before: a.before,
      after: a.after
    }))
  );
  const last = log.answers.at(-1)!;
  const undo: LogRecord = {
    type: 'undo',
    undoes: 1_000,
    factId: `sim-${last.card}`,
    deckId: 'mini',
    at: last.at + 1000,
    day: last.day
  };
  await db.log.add(undo);
  return db;
}

describe('fitting the scheduler to the learner', () => {
  let db: SourcedeckDatabase;
  let comparison: Comparison;

  it('counts the kept answers and fits on the older 80% with fsrs-rs, judged on the newest 20%', async () => {
    db = await seeded();
    expect((await optimiserStatus(db)).reviews).toBe(999);
    const steps: string[] = [];
    comparison = await fitParameters(db, fit, (step) => steps.push(step));
    expect([...new Set(steps)]).toEqual(['reading', 'fitting', 'evaluating']);
    expect(comparison.reviews).toBe(999);
    expect(comparison.trainReviews).toBe(Math.floor(999 * 0.8));
    expect(comparison.weights).toHaveLength(21);
    for (const w of comparison.weights.slice(0, 4)) expect(w).toBeGreaterThanOrEqual(0.1);
    // The simulated learner forgets faster than the defaults say: the fit predicts better.
    expect(comparison.after.logLoss).toBeLessThan(comparison.before.logLoss);
    expect(comparison.better).toBe(true);
    dbs.splice(dbs.indexOf(db), 1);
  });

  it('adopts: every deck that follows the collection schedules with the fitted parameters', async () => {
    // A card in review: Good each time it came due, five times.
    const app = createScheduler(DEFAULT_DECK_SETTINGS);
    let state = app.newState(START);
    for (let k = 0; k < 5; k++) state = app.review(state, 3, Math.max(START, state.due));
    expect(state.state).toBe(2);
    const before = createScheduler(await getDeckSettings(db, 'mini')).preview(state, state.due);
    const saved = await adoptParameters(db, comparison, START);
    expect(saved.previous).toBeNull();
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(comparison.weights);
    const after = createScheduler(await getDeckSettings(db, 'mini')).preview(state, state.due);
    expect(after[3]).not.toBe(before[3]);
    expect(after[4]).not.toBe(before[4]);
  });

  it('is carried by a backup and comes back in an empty browser', async () => {
    const file = (await createBackup(db, makeClock(START + DAY), 'test')).bytes;
    const target = await openStudyDatabase();
    dbs.push(target);
    expect((await restoreBackup(target, file)).ok).toBe(true);
    expect((await getSetting(target, 'schedulerParameters'))?.weights).toEqual(comparison.weights);
    expect((await getDeckSettings(target, 'mini')).weights).toEqual(comparison.weights);
  });

  it('undoes: the parameters before come back, and there is nothing more to undo', async () => {
    const undone = await undoParameters(db, START + 2 * DAY);
    expect(undone.weights).toBeNull();
    expect(undone.previous).toBeUndefined();
    expect((await getDeckSettings(db, 'mini')).weights).toBeUndefined();
    await expect(undoParameters(db, START + 3 * DAY)).rejects.toThrow(/nothing|no change/i);
    dbs.push(db);
  });

  it('refuses parameters that predict no better than those in use', async () => {
    const plain = await openStudyDatabase();
    dbs.push(plain);
    const same = { ...comparison, after: comparison.before };
    await expect(adoptParameters(plain, same, START)).rejects.toThrow(/no better/);
    expect(await getSetting(plain, 'schedulerParameters')).toBeUndefined();
  });
});

describe('the memory of studied cards', () => {
  it('is recomputed from their answers when parameters are adopted, and back on Undo; when they are due stays', async () => {
    const db = await openStudyDatabase();
    dbs.push(db);
    const clock = makeClock();
    await answerAll(db, clock, 3);
    clock.advance(3 * DAY);
    await answerAll(db, clock, 3);
    const studied = (await db.cards.toArray()).filter((c) => c.memory.state === 2);
    expect(studied.length).toBeGreaterThan(0);
    const card = studied[0]!;
    const weights = createWeights(0.3);
    const metrics = (logLoss: number) => ({ logLoss, auc: 0.6, rmseBins: 0.05, count: 50 });
    await adoptParameters(
      db,
      { weights, reviews: 500, before: metrics(0.5), after: metrics(0.4) },
      clock.now()
    );
    const answers = countingAnswers(await db.log.where('factId').equals(card.factId).toArray());
    const fitted = replayLog(
      createScheduler({ ...DEFAULT_DECK_SETTINGS, weights }),
      answers,
      card.createdAt
    );
    const adopted = (await db.cards.get(card.factId))!;
    expect(adopted.memory.stability).toBe(fitted.stability);
    expect(adopted.memory.difficulty).toBe(fitted.difficulty);
    expect(adopted.memory.stability).not.toBe(card.memory.stability);
    expect(adopted.due).toBe(card.due);
    expect(adopted.memory.due).toBe(card.memory.due);

    await undoParameters(db, clock.now());
    expect((await db.cards.get(card.factId))!.memory).toEqual(card.memory);
  });
});

describe('a deck with parameters of its own', () => {
  it('keeps them over the collection’s, through the settings form, and can let them go', async () => {
    const db = await openStudyDatabase();
    dbs.push(db);
    const collection = [...createWeights(0.3)];
    const own = [...createWeights(0.5)];
    await adoptForCollection(db, collection);
    // The settings form never pins the collection's parameters on the deck.
    const form = (await loadDeckSettings(db, 'mini'))!.settings;
    expect(form.weights).toBeUndefined();
    await saveDeckSettings(db, 'mini', { ...form, newPerDay: 5 });
    expect((await getSetting(db, 'deck:mini'))?.weights).toBeUndefined();
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(collection);

    await setDeckWeights(db, 'mini', own);
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(own);
    await saveDeckSettings(db, 'mini', { ...DEFAULT_DECK_SETTINGS, newPerDay: 7 });
    expect(await getDeckSettings(db, 'mini')).toMatchObject({ newPerDay: 7, weights: own });
    await setDeckWeights(db, 'mini', null);
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(collection);
  });
});

describe('fitting one deck to its own answers', () => {
  it('fits on that deck alone, adopts as its own parameters over the collection’s, and Undo lets it follow the collection again', async () => {
    const db = await seeded();
    const collection = createWeights(0.3);
    await adoptForCollection(db, collection);
    // A second deck's answer does not count for 'mini'.
    const other = await db.log.add({
      ...(await db.log.where('deckId').equals('mini').first())!,
      id: undefined,
      deckId: 'other',
      factId: 'other-1'
    } as LogRecord);
    expect(other).toBeGreaterThan(0);
    const whole = await optimiserStatus(db);
    const deck = await optimiserStatus(db, 'mini');
    expect(deck.reviews).toBe(whole.reviews - 1);
    expect(deck.parameters).toBeNull();

    const comparison = await fitParameters(db, fit, undefined, 'mini');
    expect(comparison.reviews).toBe(deck.reviews);
    // Judged against what the deck uses now: the collection's parameters.
    const held = await fitParameters(db, fit);
    expect(comparison.before.logLoss).toBeCloseTo(held.before.logLoss, 2);
    expect(comparison.better).toBe(true);

    const saved = await adoptParameters(db, comparison, START + DAY, 'mini');
    expect(saved.previous).toBeNull();
    expect(await getSetting(db, 'schedulerParameters:mini')).toEqual(saved);
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(comparison.weights);
    // The collection's record is untouched, and its next fit leaves this deck out.
    expect((await getSetting(db, 'schedulerParameters'))?.weights).toEqual(collection);
    expect((await optimiserStatus(db, 'mini')).parameters?.weights).toEqual(comparison.weights);
    // A backup carries the deck's own parameters and what Undo would put back.
    const copy = await openStudyDatabase();
    dbs.push(copy);
    const file = (await createBackup(db, makeClock(START + DAY), 'test')).bytes;
    expect((await restoreBackup(copy, file)).ok).toBe(true);
    expect(await getSetting(copy, 'schedulerParameters:mini')).toEqual(saved);
    expect((await getDeckSettings(copy, 'mini')).weights).toEqual(comparison.weights);

    const undone = await undoParameters(db, START + 2 * DAY, 'mini');
    expect(undone.weights).toBeNull();
    expect((await getSetting(db, 'deck:mini'))?.weights).toBeUndefined();
    expect((await getDeckSettings(db, 'mini')).weights).toEqual(collection);
    await expect(undoParameters(db, START + 3 * DAY, 'mini')).rejects.toThrow(/no change/);
  });
});

/** Makes `weights` the collection's adopted parameters, as an earlier fit would have. */
function adoptForCollection(db: SourcedeckDatabase, weights: number[]): Promise<unknown> {
  return putSetting(db, 'schedulerParameters', {
    weights,
    previous: null,
    adoptedAt: START,
    reviews: 500,
    logLossBefore: 0.5,
    logLossAfter: 0.4
  });
}

function createWeights(scale: number): number[] {
  const defaults = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
  ];
  return defaults.map((w, k) => (k < 4 ? Math.max(0.1, w * scale) : w));
}
