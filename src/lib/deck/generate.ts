/**
 * The question generator: from the facts of one deck, deterministically for a seed, the
 * questions of every kind. Pure and fast: it runs at build time for the built-in decks
 * and in the browser for a teacher's own facts.
 */
import { TruthIndex, valueYears } from './answers';
import { conflictQuestions } from './conflict-questions';
import type { EntityCatalog } from './entities';
import { factQuestions } from './fact-questions';
import { compare, type Context } from './generate-context';
import { matchQuestions, orderQuestions } from './order-match-questions';
import type { Fact, PlainFact, Question, Source } from './types';

export interface GenerateOptions {
  /** Every fact of the collection: distractors must not be true according to any of them. */
  collection?: readonly Fact[];
  sources?: readonly Source[];
  /** Same seed, same questions. */
  seed?: string;
  /** Typed entities: wrong options for named answers come only from the same kind. */
  entities?: EntityCatalog;
}

const DEFAULT_SEED = 'sourcedeck';

/** Generates every question of a deck. Question ids depend on fact ids only. */
export function generateQuestions(
  facts: readonly Fact[],
  options: GenerateOptions = {}
): Question[] {
  const collection = options.collection ?? facts;
  const years = collection.flatMap(valueYears);
  const sortedFacts = [...facts].sort((a, b) => compare(a.id, b.id));
  const sortedCollection = [...collection].sort((a, b) => compare(a.id, b.id));
  const context: Context = {
    facts: sortedFacts,
    collection: sortedCollection,
    deckByKind: byKind(sortedFacts),
    collectionByKind: byKind(sortedCollection),
    truth: truthIndexFor(collection),
    sources: new Map((options.sources ?? []).map((source) => [source.id, source])),
    seed: options.seed ?? DEFAULT_SEED,
    yearRange: years.length ? [Math.min(...years) - 6, Math.max(...years)] : [1900, 2100],
    ...(options.entities && { entities: options.entities })
  };
  const questions: Question[] = [];
  for (const fact of facts) {
    questions.push(
      ...(fact.conflict ? conflictQuestions(fact, context) : factQuestions(fact, context))
    );
  }
  questions.push(...orderQuestions(context), ...matchQuestions(context));
  return questions;
}

// Decks of one collection share its truth index: build it once per collection.
const truthIndexes = new WeakMap<readonly Fact[], TruthIndex>();
function truthIndexFor(collection: readonly Fact[]): TruthIndex {
  let index = truthIndexes.get(collection);
  if (!index) {
    index = new TruthIndex(collection);
    truthIndexes.set(collection, index);
  }
  return index;
}

function byKind(facts: readonly Fact[]): Map<string, PlainFact[]> {
  const map = new Map<string, PlainFact[]>();
  for (const fact of facts) {
    if (fact.conflict) continue;
    const list = map.get(fact.kind) ?? [];
    list.push(fact);
    map.set(fact.kind, list);
  }
  return map;
}
