/**
 * Turns validated deck sources into the served deck files and the collection index. Pure.
 */
import type { EntityCatalog } from './entities';
import { generateQuestions } from './generate';
import { deckHash } from './hash';
import {
  FORMAT_VERSION,
  type Citation,
  type DeckFile,
  type DeckIndex,
  type DeckSource,
  type DeckSummary,
  type Fact,
  type QuestionKind,
  type ServedFact,
  type Source
} from './types';

export interface CompileOptions {
  sources: readonly Source[];
  /** All facts of the collection, for the distractor rules; defaults to the deck's own. */
  collection?: readonly Fact[];
  seed?: string;
  /** The collection's typed entities, for wrong options of the answer's own kind. */
  entities?: EntityCatalog;
}

/** Fills in `answer` and `citations` of a conflict from its claims. */
export function serveFact(fact: Fact): ServedFact {
  if (!fact.conflict) return fact;
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const claim of fact.claims) {
    for (const c of claim.citations) {
      const key = `${c.source}#${c.para}`;
      if (!seen.has(key)) citations.push(c);
      seen.add(key);
    }
  }
  return {
    ...fact,
    answer: `Sources differ: ${fact.claims.map((claim) => claim.answer).join(' / ')}`,
    citations
  };
}

export function compileDeck(deck: DeckSource, options: CompileOptions): DeckFile {
  const questions = generateQuestions(deck.facts, {
    collection: options.collection ?? deck.facts,
    sources: options.sources,
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.entities && { entities: options.entities })
  });
  const facts = deck.facts.map(serveFact);
  const cited = new Set(facts.flatMap((fact) => fact.citations.map((c) => c.source)));
  return {
    format: FORMAT_VERSION,
    id: deck.meta.id,
    title: deck.meta.title,
    description: deck.meta.description,
    order: deck.meta.order,
    topics: deck.meta.topics,
    sources: options.sources.filter((source) => cited.has(source.id)),
    facts,
    questions
  };
}

export function summarizeDeck(deck: DeckFile): DeckSummary {
  const questionKinds: Partial<Record<QuestionKind, number>> = {};
  for (const question of deck.questions) {
    questionKinds[question.kind] = (questionKinds[question.kind] ?? 0) + 1;
  }
  return {
    id: deck.id,
    hash: deckHash(deck),
    title: deck.title,
    description: deck.description,
    order: deck.order,
    topics: deck.topics.map((topic) => ({
      ...topic,
      factCount: deck.facts.filter((fact) => fact.topic === topic.id).length
    })),
    factCount: deck.facts.length,
    conflictCount: deck.facts.filter((fact) => fact.conflict).length,
    questionCount: deck.questions.length,
    questionKinds,
    sources: deck.sources.map((source) => source.id)
  };
}

export function buildIndex(decks: readonly DeckFile[]): DeckIndex {
  return {
    format: FORMAT_VERSION,
    decks: [...decks].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)).map(summarizeDeck)
  };
}
