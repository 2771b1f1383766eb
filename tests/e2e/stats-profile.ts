/**
 * A seeded profile for the statistics tests and screenshots: 1,000 answers over 99 study
 * days written into the app's database, and what the screen should say about them.
 */
import type { Page } from '@playwright/test';
import { openToday, readStore } from './helpers';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** The fixed clock: Monday 23 November 2026, 9:00 UTC. Study days start at 4:00. */
export const NOW = Date.UTC(2026, 10, 23, 9, 0);
export const TODAY = Math.floor((NOW - 4 * HOUR) / DAY);
export const dayStart = (day: number) => day * DAY + 4 * HOUR;

export const DECK_A = 'cold-war-alliance';
export const DECK_B = 'wartime-aid';

type Kind = 'choice' | 'typed' | 'flashcard';
export interface Row {
  type: 'answer';
  factId: string;
  deckId: string;
  questionId: string;
  kind: Kind;
  rating: 1 | 2 | 3 | 4;
  given: string | null;
  correct: boolean | null;
  durationMs: number;
  at: number;
  day: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * A profile of 1,000 answers over 99 study days: every day from 100 days ago to today but
 * the 50th and 49th days ago, ten answers a day and twenty today. Each fact of two decks
 * is new on its first answer; later answers are reviews of cards in review, ten days after
 * their last review with a stability of ten days, so the scheduler predicts 90% recall for
 * each. Recognition (choice) fails one review in twenty, production (typed) one in three,
 * recall (flashcard) one in four.
 */
export function profile(facts: { id: string; deckId: string }[]) {
  const days: number[] = [];
  for (let day = TODAY - 100; day <= TODAY; day++)
    if (day !== TODAY - 50 && day !== TODAY - 49) days.push(day);
  const rows: Row[] = [];
  const seen = new Set<string>();
  let i = 0;
  for (const day of days) {
    const count = day === TODAY ? 20 : 10;
    for (let j = 0; j < count; j++, i++) {
      const fact = facts[i % facts.length]!;
      const at = dayStart(day) + HOUR + j * 60_000;
      const kind: Kind = j % 10 < 5 ? 'choice' : j % 10 < 8 ? 'typed' : 'flashcard';
      const isNew = !seen.has(fact.id);
      seen.add(fact.id);
      const fails =
        !isNew &&
        ((kind === 'choice' && i % 20 === 0) ||
          (kind === 'typed' && i % 3 === 0) ||
          (kind === 'flashcard' && i % 4 === 1));
      const memory = (state: number) => ({
        due: at,
        stability: state ? 10 : 0,
        difficulty: state ? 5 : 0,
        scheduledDays: state ? (j % 2 ? 30 : 10) : 0,
        learningSteps: 0,
        reps: state ? 3 : 0,
        lapses: 0,
        state,
        lastReview: state ? at - 10 * DAY : null
      });
      rows.push({
        type: 'answer',
        factId: fact.id,
        deckId: fact.deckId,
        questionId: `${fact.id}:${kind}:0`,
        kind,
        rating: fails ? 1 : i % 7 === 0 ? 2 : 3,
        given: kind === 'flashcard' ? null : 'an answer',
        correct: kind === 'flashcard' ? null : !fails,
        durationMs: 5000 + (i % 5) * 1000,
        at,
        day,
        before: memory(isNew ? 0 : 2),
        after: { ...memory(2), due: at + 10 * DAY, lastReview: at }
      });
    }
  }
  return { rows, days };
}

/** Cards due around today's start and the next day's, for the forecast: 3 overdue, 2 today, 1 tomorrow. */
export const DUE = [
  dayStart(TODAY) - 40 * DAY,
  dayStart(TODAY) - DAY,
  dayStart(TODAY) - 60_000,
  dayStart(TODAY) + 60_000,
  dayStart(TODAY + 1) - 60_000,
  dayStart(TODAY + 1) + 60_000
];

/** Opens Today on the fixed clock (installing the decks), then writes the profile into the app's database. */
export async function seed(page: Page) {
  await page.clock.install({ time: NOW });
  await openToday(page);
  const facts = (await readStore<{ id: string; deckId: string }>(page, 'facts')).filter(
    (f) => f.deckId === DECK_A || f.deckId === DECK_B
  );
  // The decks' facts interleaved: A, B, A, B…
  const a = facts.filter((f) => f.deckId === DECK_A);
  const b = facts.filter((f) => f.deckId === DECK_B);
  const mixed = a.flatMap((f, i) => (b[i] ? [f, b[i]] : [f]));
  const seeded = profile(mixed);
  const dueFacts = b.slice(-DUE.length).map((f) => f.id);
  await page.evaluate(
    async ({ rows, days }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sourcedeck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['log', 'settings'], 'readwrite');
        for (const row of rows) tx.objectStore('log').add(row);
        tx.objectStore('settings').put({ key: 'studyDays', value: days });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows: seeded.rows, days: seeded.days }
  );
  const review = (due: number) => ({
    due,
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state: 2,
    lastReview: due - 10 * DAY
  });
  for (const [i, factId] of dueFacts.entries()) await putMemory(page, factId, review(DUE[i]!));
  return seeded;
}

/** Gives a fact's card a memory state, as answers would have. */
export async function putMemory(page: Page, factId: string, memory: Record<string, unknown>) {
  await page.evaluate(
    async ({ factId, memory }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sourcedeck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('cards', 'readwrite');
        const cards = tx.objectStore('cards');
        const request = cards.get(factId);
        request.onsuccess = () =>
          cards.put({ ...request.result, due: memory.due, state: memory.state, memory });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { factId, memory }
  );
}

/** What the screen should say, counted row by row from the seeded profile. */
export function expected(rows: Row[], from: number) {
  const inPeriod = rows.filter((r) => r.day >= from);
  const reviews = inPeriod.filter((r) => r.before.state === 2);
  const share = (list: Row[]) => {
    const passed = list.filter((r) => r.rating > 1).length;
    return { passed, total: list.length, percent: `${Math.round((100 * passed) / list.length)}%` };
  };
  const all = share(reviews);
  const p = all.passed / all.total;
  return {
    answers: inPeriod.length,
    learned: inPeriod.filter((r) => r.before.state === 0).length,
    all,
    recognition: share(reviews.filter((r) => r.kind === 'choice')),
    production: share(reviews.filter((r) => r.kind === 'typed')),
    recall: share(reviews.filter((r) => r.kind === 'flashcard')),
    // Every review was predicted at 90%.
    logLoss: (-(p * Math.log(0.9) + (1 - p) * Math.log(0.1))).toFixed(3)
  };
}
