/** Searching and filtering facts, as the fact list does it. Pure. */
import { normalizeText } from './normalize';
import type { ServedFact } from './types';

export interface FactFilter {
  query: string;
  topic: string;
  era: string;
  kind: string;
  conflictsOnly: boolean;
}

function searchableText(fact: ServedFact): string {
  const claims = fact.conflict
    ? fact.claims.map((c) => c.answer).join(' ')
    : fact.variants.join(' ');
  return normalizeText(
    [fact.statement, fact.prompt, fact.answer, fact.label, fact.explanation, fact.note, claims]
      .filter(Boolean)
      .join(' ')
  );
}

/** Facts matching every word of the query (accents and case ignored) and every filter. */
export function filterFacts(facts: readonly ServedFact[], filter: FactFilter): ServedFact[] {
  const words = normalizeText(filter.query).split(' ').filter(Boolean);
  return facts.filter((fact) => {
    if (filter.topic && fact.topic !== filter.topic) return false;
    if (filter.era && fact.era !== filter.era) return false;
    if (filter.kind && fact.kind !== filter.kind) return false;
    if (filter.conflictsOnly && !fact.conflict) return false;
    if (words.length === 0) return true;
    const text = ` ${searchableText(fact)} `;
    return words.every((word) => text.includes(` ${word}`));
  });
}

export function filterFromParams(params: URLSearchParams): FactFilter {
  return {
    query: params.get('q') ?? '',
    topic: params.get('topic') ?? '',
    era: params.get('era') ?? '',
    kind: params.get('kind') ?? '',
    conflictsOnly: params.get('conflicts') === '1'
  };
}

export function filterToParams(filter: FactFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.query) params.set('q', filter.query);
  if (filter.topic) params.set('topic', filter.topic);
  if (filter.era) params.set('era', filter.era);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.conflictsOnly) params.set('conflicts', '1');
  return params;
}
