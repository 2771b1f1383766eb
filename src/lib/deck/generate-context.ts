/**
 * What every question builder of the generator (`generate.ts`) works from: the facts, the
 * distractor pools, the truth index and the seed, and the small helpers they share. Pure.
 */
import type { TruthIndex } from './answers';
import type { EntityCatalog } from './entities';
import { createRng, type Rng } from './rng';
import type { Citation, Fact, PlainFact, Source } from './types';

export interface Context {
  facts: readonly Fact[];
  collection: readonly Fact[];
  /** Plain facts by kind, sorted by id: the distractor pools. */
  deckByKind: Map<string, PlainFact[]>;
  collectionByKind: Map<string, PlainFact[]>;
  truth: TruthIndex;
  sources: Map<string, Source>;
  seed: string;
  yearRange: [number, number];
  /** The built-in collection's named things; own decks have none. */
  entities?: EntityCatalog;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rngFor(context: Context, ...parts: string[]): Rng {
  return createRng([context.seed, ...parts].join('|'));
}

export function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.source}#${c.para}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
