/**
 * The questions about several facts at once: putting dated events in order, and matching
 * events to their years and people to their roles. Pure.
 */
import { dateKey, valueYears } from './answers';
import { compare, rngFor, uniqueCitations, type Context } from './generate-context';
import { normalizeText } from './normalize';
import { shuffle, type Rng } from './rng';
import type { Citation, MatchQuestion, OrderQuestion, PlainFact } from './types';

interface Dated {
  fact: PlainFact;
  key: string;
  year: number;
}

function datedFacts(context: Context): Dated[] {
  return (
    context.facts
      // A period ({ from, to }) has no single place in a timeline: only points in time.
      .filter(
        (f): f is PlainFact =>
          !f.conflict && f.kind === 'date' && !!f.label && !(f.value && 'from' in f.value)
      )
      .map((fact) => ({ fact, key: dateKey(fact) ?? '', year: valueYears(fact)[0] ?? NaN }))
      .filter((d) => d.key !== '' && Number.isFinite(d.year))
  );
}

/** Picks `size` facts including the anchor, all with different years, at random. */
function pickDistinctYears(anchor: Dated, all: Dated[], size: number, rng: Rng): Dated[] | null {
  const picked = [anchor];
  for (const other of shuffle(all, rng)) {
    if (picked.length === size) break;
    if (picked.some((p) => p.year === other.year || p.fact.label === other.fact.label)) continue;
    picked.push(other);
  }
  return picked.length >= 3 ? picked : null;
}

export function orderQuestions(context: Context): OrderQuestion[] {
  const dated = datedFacts(context);
  const questions: OrderQuestion[] = [];
  const seen = new Set<string>();
  for (const anchor of dated) {
    const rng = rngFor(context, anchor.fact.id, 'order');
    const size = 3 + Math.floor(rng() * 3);
    const picked = pickDistinctYears(anchor, dated, Math.min(size, 5), rng);
    if (
      !picked ||
      !firstTime(
        seen,
        picked.map((p) => p.fact.id)
      )
    )
      continue;
    const chronological = [...picked].sort((a, b) => compare(a.key, b.key));
    const items = shuffle(picked, rng);
    if (items.every((item, i) => item === chronological[i])) items.reverse();
    questions.push({
      id: `${anchor.fact.id}:order:0`,
      factIds: picked.map((p) => p.fact.id),
      kind: 'order',
      prompt: 'Put these events in order, earliest first.',
      answer: chronological.map((d) => d.fact.label).join(' → '),
      explanation: chronological.map((d) => `${d.fact.answer}: ${d.fact.label}`).join('. ') + '.',
      citations: uniqueCitations(picked.flatMap((p) => p.fact.citations)),
      items: items.map((d) => ({ factId: d.fact.id, label: d.fact.label as string })),
      correctOrder: chronological.map((d) => d.fact.id)
    });
  }
  return questions;
}

export function matchQuestions(context: Context): MatchQuestion[] {
  const questions: MatchQuestion[] = [];
  const seen = new Set<string>();
  const dated = datedFacts(context);
  for (const anchor of dated) {
    const rng = rngFor(context, anchor.fact.id, 'match-years');
    const picked = pickDistinctYears(anchor, dated, 4, rng);
    if (
      !picked ||
      picked.length < 4 ||
      !firstTime(
        seen,
        picked.map((p) => p.fact.id)
      )
    )
      continue;
    const pairs = picked.map((d) => ({
      factId: d.fact.id,
      left: d.fact.label as string,
      right: String(d.year)
    }));
    const citations = uniqueCitations(picked.flatMap((d) => d.fact.citations));
    questions.push(
      matchQuestion(anchor.fact, 'years', 'Match each event to its year.', pairs, citations, rng)
    );
  }

  const people = context.facts.filter(
    (f): f is PlainFact => !f.conflict && f.kind === 'person' && !!f.label
  );
  for (const anchor of people) {
    const rng = rngFor(context, anchor.id, 'match-people');
    const picked = [anchor];
    for (const other of shuffle(people, rng)) {
      if (picked.length === 4) break;
      const clash = picked.some(
        (p) => normalizeText(p.answer) === normalizeText(other.answer) || p.label === other.label
      );
      if (!clash) picked.push(other);
    }
    if (
      picked.length < 3 ||
      !firstTime(
        seen,
        picked.map((p) => `people:${p.id}`)
      )
    )
      continue;
    const pairs = picked.map((f) => ({ factId: f.id, left: f.answer, right: f.label as string }));
    const citations = uniqueCitations(picked.flatMap((f) => f.citations));
    questions.push(
      matchQuestion(anchor, 'people', 'Match each person to their role.', pairs, citations, rng)
    );
  }
  return questions;
}

/** Records a set of fact ids; false if the same set was seen before. */
function firstTime(seen: Set<string>, ids: string[]): boolean {
  const key = [...ids].sort().join('|');
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function matchQuestion(
  anchor: PlainFact,
  variant: string,
  prompt: string,
  pairs: MatchQuestion['pairs'],
  citations: Citation[],
  rng: Rng
): MatchQuestion {
  const facts = pairs.map((p) => p.factId);
  return {
    id: `${anchor.id}:match:${variant}`,
    factIds: facts,
    kind: 'match',
    prompt,
    answer: pairs.map((p) => `${p.left}: ${p.right}`).join('; '),
    explanation: pairs.map((p) => `${p.left}: ${p.right}`).join('. ') + '.',
    citations,
    pairs: shuffle(pairs, rng),
    options: shuffle(
      pairs.map((p) => p.right),
      rng
    )
  };
}
