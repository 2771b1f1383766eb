/**
 * What counts as a true answer to a fact, across the whole collection. The generator uses
 * it so that no distractor and no "false" statement is true according to any fact. Pure.
 */
import { normalizeText } from './normalize';
import type { Fact } from './types';

/** Every accepted answer of a fact, normalised: answer and variants, or every claim's. */
export function acceptedKeys(fact: Fact): string[] {
  const forms = fact.conflict
    ? fact.claims.flatMap((claim) => [claim.answer, ...claim.variants])
    : [fact.answer, ...fact.variants];
  return [...new Set(forms.map(normalizeText).filter(Boolean))];
}

/**
 * An index of the collection's answers by what they answer (normalised label and prompt),
 * so a candidate can be tested against every fact about the same thing, conflicts included.
 */
export class TruthIndex {
  #bySubject = new Map<string, Set<string>>();
  #statements = new Set<string>();

  constructor(facts: readonly Fact[]) {
    for (const fact of facts)
      if (!fact.conflict) this.#statements.add(normalizeText(fact.statement));
    for (const fact of facts) {
      for (const subject of subjectsOf(fact)) {
        const set = this.#bySubject.get(subject) ?? new Set<string>();
        for (const key of acceptedKeys(fact)) set.add(key);
        this.#bySubject.set(subject, set);
      }
    }
  }

  /** True when a sentence is, word for word, the statement of some fact. */
  isStatedFact(sentence: string): boolean {
    return this.#statements.has(normalizeText(sentence));
  }

  /** True when `candidate` is an accepted answer of `fact` or of any fact about the same thing. */
  isTrueFor(candidate: string, fact: Fact): boolean {
    const key = normalizeText(candidate);
    if (acceptedKeys(fact).includes(key)) return true;
    return subjectsOf(fact).some((subject) => this.#bySubject.get(subject)?.has(key) ?? false);
  }
}

function subjectsOf(fact: Fact): string[] {
  return [fact.label, fact.prompt].filter((s): s is string => !!s).map((s) => normalizeText(s));
}

/** The years a date fact's value covers, or an empty list. */
export function valueYears(fact: Fact): number[] {
  const value = fact.conflict ? undefined : fact.value;
  if (!value) return [];
  if ('year' in value) return [value.year];
  if ('date' in value) return [Number(value.date.slice(0, 4))];
  if ('from' in value) return [value.from, value.to];
  return [];
}

/** A sortable key for a dated fact (YYYY-MM-DD, missing parts as 00), or null. */
export function dateKey(fact: Fact): string | null {
  const value = fact.conflict ? undefined : fact.value;
  if (!value) return null;
  if ('year' in value) return `${value.year}-00-00`;
  if ('date' in value) return `${value.date}-00-00`.slice(0, 10);
  if ('from' in value) return `${value.from}-00-00`;
  return null;
}
