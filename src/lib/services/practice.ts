/**
 * Practice tests, timelines and match rounds: building them from the installed decks,
 * scoring answers, keeping results, and sending missed facts to the review queue.
 */
import { createRng, sample } from '$lib/deck/rng';
import type { Question, QuestionKind, Source, Topic } from '$lib/deck/types';
import {
  getSetting,
  putSetting,
  type PracticeItem,
  type PracticeResult,
  type SourcedeckDatabase
} from '$lib/db/db';
import { onAppDatabase } from './app-database';
import { knownNames } from './known-names';

export type { PracticeItem, PracticeResult };
import { PRACTICE_KINDS } from './practice-answers';
export { PRACTICE_KINDS, scoreAnswer, shuffledFor, type PracticeAnswer } from './practice-answers';

export interface PracticeOptions {
  deckIds: string[];
  kinds: QuestionKind[];
  /** Topic ids to keep; all topics when empty. */
  topics: string[];
  /** 10 to 50 questions. */
  length: number;
  seed: string;
  /** Facts to keep (an assignment's); every fact of the decks when absent. */
  factIds?: readonly string[];
}

/** The decks to choose from, in their order, and every source they cite (each once). */
export async function loadPracticeDecks(
  db: SourcedeckDatabase
): Promise<{ decks: { id: string; title: string; topics: Topic[] }[]; sources: Source[] }> {
  const decks = (await db.decks.toArray()).sort((a, b) => a.order - b.order);
  const byId: Record<string, Source> = {};
  for (const source of decks.flatMap((d) => d.sources)) byId[source.id] ??= source;
  return {
    decks: decks.map((d) => ({ id: d.id, title: d.title, topics: d.topics })),
    sources: Object.values(byId)
  };
}

/** Questions for a test: at most one per fact, in a seeded random order. */
export async function buildPracticeTest(
  db: SourcedeckDatabase,
  options: PracticeOptions
): Promise<Question[]> {
  const length = Math.min(50, Math.max(1, Math.round(options.length)));
  const [questions, facts] = await Promise.all([
    db.questions.where('deckId').anyOf(options.deckIds).toArray(),
    db.facts.where('deckId').anyOf(options.deckIds).toArray()
  ]);
  const live = new Map(facts.filter((f) => !f.retired).map((f) => [f.id, f]));
  const topics = new Set(options.topics);
  const only = options.factIds ? new Set(options.factIds) : null;
  const kinds = new Set(options.kinds.filter((k) => PRACTICE_KINDS.includes(k)));
  const byFact = new Map<string, Question[]>();
  for (const q of questions.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const fact = live.get(q.factId);
    if (!fact || !kinds.has(q.kind) || (only && !q.factIds.every((id) => only.has(id)))) continue;
    if (topics.size > 0 && !topics.has(fact.topic)) continue;
    const { deckId: _deckId, factId: _factId, ...question } = q;
    byFact.set(q.factId, [...(byFact.get(q.factId) ?? []), question as Question]);
  }
  const rng = createRng(options.seed);
  const factIds = sample([...byFact.keys()].sort(), length, rng);
  return factIds.map((id) => {
    const choices = byFact.get(id)!;
    return choices[Math.floor(rng() * choices.length)]!;
  });
}

export async function savePracticeResult(
  db: SourcedeckDatabase,
  result: Omit<PracticeResult, 'id' | 'score'>
): Promise<PracticeResult> {
  const score = result.items.length
    ? result.items.reduce((n, i) => n + i.score, 0) / result.items.length
    : 0;
  const saved: PracticeResult = { ...result, score };
  saved.id = (await db.practice.add(saved)) as number;
  return saved;
}

export function practiceHistory(db: SourcedeckDatabase, limit = 20): Promise<PracticeResult[]> {
  return db.practice.orderBy('at').reverse().limit(limit).toArray();
}

/** Puts facts at the front of their decks' next study sessions (their memory state is untouched). */
export async function sendToReview(db: SourcedeckDatabase, factIds: string[]): Promise<number> {
  return db.transaction('rw', db.settings, async () => {
    const current = (await getSetting(db, 'reviewSoon')) ?? [];
    const next = [...new Set([...current, ...factIds])];
    await putSetting(db, 'reviewSoon', next);
    return next.length - current.length;
  });
}

/** What the practice screens need, on the app's database. */
export const practiceUseCases = /* @__PURE__ */ onAppDatabase({
  knownNames,
  loadPracticeDecks,
  practiceHistory,
  buildPracticeTest,
  savePracticeResult,
  sendToReview
});
