/**
 * Wrong answers for a fact's choice and true/false questions: of the same kind and form as
 * its answer, and never true according to any fact. Pure.
 */
import { acceptedKeys } from './answers';
import { fits, NAMED_KINDS } from './entities';
import { rngFor, type Context } from './generate-context';
import { normalizeText } from './normalize';
import { sample, shuffle, type Rng } from './rng';
import type { PlainFact } from './types';

/**
 * Judgements and reasons are not mutually exclusive: another fact's claim may be just as
 * true. These kinds get wrong options only from the fact's own hand-written distractors.
 */
export const AUTHORED_ONLY_KINDS = new Set(['claim', 'cause']);

/**
 * Up to `count` wrong answers for a fact, of the same kind and form as its answer. None
 * equals an accepted answer, none is true according to any fact about the same thing,
 * none appears in the fact's own statement or prompt, and no two are alike.
 */
export function findDistractors(fact: PlainFact, context: Context, count: number): string[] {
  const rng = rngFor(context, fact.id, 'distractors');
  const catalog = context.entities;
  const named = catalog && NAMED_KINDS.has(fact.kind) && catalog.describes(fact.id);
  const answerEntity = named ? catalog.answerEntity(fact.id) : undefined;
  // A number written in words ("Fourteen", "second largest") has no same-form siblings.
  const generated =
    AUTHORED_ONLY_KINDS.has(fact.kind) || (fact.kind === 'number' && !/\d/.test(fact.answer))
      ? []
      : fact.kind === 'date' && /\b\d{4}\b/.test(fact.answer)
        ? shiftedYears(fact, context, rng)
        : fact.kind === 'number' && /\d/.test(fact.answer)
          ? scaledNumbers(fact, context, rng)
          : named
            ? // Described answers meet only entities of their own kind; a list or an
              // unnamed answer only its hand-written distractors.
              answerEntity
              ? shuffle(catalog.alternativesTo(answerEntity, fact.era), rng).map((e) => e.name)
              : []
            : siblingAnswers(fact, context, rng);
  // Hand-written distractors first: an author knows best what is plausible and wrong. A
  // hand-written one that names an entity must still be of the answer's kind.
  const authored = (fact.distractors ?? []).filter((d) => {
    const entity = answerEntity && catalog?.find(d);
    return !entity || fits(entity, answerEntity, fact.era);
  });
  const candidates = [...authored, ...generated];
  // No two options name the same thing, nor the answer under another name.
  const namedThings = new Set<string>();
  const thingOf = (text: string) => catalog?.find(text)?.name;
  for (const answer of [fact.answer, ...fact.variants]) {
    const thing = thingOf(answer);
    if (thing) namedThings.add(thing);
  }
  const accepted = new Set(acceptedKeys(fact));
  const context_text = normalizeText(`${fact.statement} ${fact.prompt} ${fact.label ?? ''}`);
  const chosen: string[] = [];
  const chosenKeys = new Set<string>();
  for (const candidate of candidates) {
    const key = normalizeText(candidate);
    if (!key || accepted.has(key) || chosenKeys.has(key)) continue;
    if (context.truth.isTrueFor(candidate, fact)) continue;
    if (` ${context_text} `.includes(` ${key} `)) continue;
    if (overlaps(key, accepted)) continue;
    const thing = thingOf(candidate);
    if (thing && namedThings.has(thing)) continue;
    if (thing) namedThings.add(thing);
    chosen.push(candidate);
    chosenKeys.add(key);
    if (chosen.length === count) break;
  }
  return chosen;
}

/** One contains the other as whole words ("China" and "China and the Soviet Union"). */
function overlaps(key: string, accepted: Set<string>): boolean {
  for (const answer of accepted) {
    if (` ${answer} `.includes(` ${key} `) || ` ${key} `.includes(` ${answer} `)) return true;
  }
  return false;
}

/** The answer with every four-digit year moved by the same small offset. */
function shiftedYears(fact: PlainFact, context: Context, rng: Rng): string[] {
  const [low, high] = context.yearRange;
  const years = [...fact.answer.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]));
  const offsets = shuffle([-1, 1, -2, 2, -3, 3, -4, 4, -5, 5], rng);
  const results: string[] = [];
  for (const offset of offsets) {
    if (years.some((y) => y + offset < low || y + offset > high)) continue;
    results.push(fact.answer.replace(/\b(\d{4})\b/g, (y) => String(Number(y) + offset)));
  }
  return results;
}

/** Same-unit numbers from other facts first, then the answer's number scaled. */
function scaledNumbers(fact: PlainFact, context: Context, rng: Rng): string[] {
  const match = /\d[\d,]*(\.\d+)?/.exec(fact.answer);
  if (!match) return [];
  const text = match[0];
  const n = Number(text.replace(/,/g, ''));
  const grouped = text.includes(',');
  const format = (x: number) => (grouped ? x.toLocaleString('en-US') : String(x));
  const unit = fact.value && 'unit' in fact.value ? fact.value.unit : null;
  const siblings = context.collection
    .filter((f): f is PlainFact => !f.conflict && f.id !== fact.id && f.kind === 'number')
    .filter((f) => unit !== null && f.value && 'unit' in f.value && f.value.unit === unit)
    .map((f) => (f.value && 'number' in f.value ? f.value.number : NaN))
    .filter((x) => Number.isFinite(x) && x !== n && x > n / 10 && x < n * 10);
  const factors = n < 20 ? [] : shuffle([0.5, 2, 1.5, 0.75, 3, 0.25, 4], rng);
  const scaled = factors.map((f) => roundLike(n * f, n)).filter((x) => x !== n && x > 0);
  const steps =
    n < 20
      ? shuffle([-3, -2, -1, 1, 2, 3, 4, 5], rng)
          .map((d) => n + d)
          .filter((x) => x > 0)
      : [];
  const values = [...new Set([...shuffle(siblings, rng), ...scaled, ...steps])];
  return values.map(
    (x) =>
      fact.answer.slice(0, match.index) + format(x) + fact.answer.slice(match.index + text.length)
  );
}

/** Rounds to as many significant figures as the original number shows. */
function roundLike(x: number, original: number): number {
  const digits = String(Math.trunc(original)).replace(/0+$/, '').length || 1;
  const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(Math.abs(x))) + 1 - digits));
  return Math.round(x / magnitude) * magnitude;
}

/** Answers of other facts of the same kind: same deck first, closest in length first. */
function siblingAnswers(fact: PlainFact, context: Context, rng: Rng): string[] {
  const pool = (byKind: Map<string, PlainFact[]>) =>
    (byKind.get(fact.kind) ?? []).filter((f) => f.id !== fact.id).map((f) => f.answer);
  // Same shape (digits or none), similar length, and for names a shared word (a family
  // name) first: options that only differ in content, so none gives the answer away.
  const hasDigit = /\d/.test(fact.answer);
  // A list answer ("China and the Soviet Union") only meets other lists, a single name only single names.
  const isList = (text: string) => /,| and /.test(text);
  const answerIsList = isList(fact.answer);
  const answerWords = new Set(normalizeText(fact.answer).split(' '));
  const shared = (answer: string) =>
    fact.kind === 'person'
      ? normalizeText(answer)
          .split(' ')
          .filter((w) => answerWords.has(w)).length
      : 0;
  const closeness = (answer: string) =>
    Math.abs(Math.log((answer.length + 4) / (fact.answer.length + 4))) - shared(answer);
  const rank = (answers: string[]) =>
    shuffle(answers, rng)
      .filter((a) => /\d/.test(a) === hasDigit && isList(a) === answerIsList && closeness(a) < 0.9)
      .sort((a, b) => closeness(a) - closeness(b))
      .slice(0, 8);
  // Pick at random among the closest in length, so options do not give the answer away by form.
  const sameDeck = sample(rank(pool(context.deckByKind)), 8, rng);
  const collection = sample(rank(pool(context.collectionByKind)), 8, rng);
  return [...sameDeck, ...collection];
}
