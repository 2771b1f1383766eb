/**
 * What the two readers of a teacher's file (`own-csv.ts`, `own-yaml.ts`) share: a fact as
 * a reader drafts it, and making a deck of drafts, with fact ids, defaults, the deck's id
 * and the warnings a teacher would want. Pure: no storage, no DOM.
 */
import {
  OWN_LIMITS,
  defaultStatement,
  hasDefaultStatement,
  type OwnDeck,
  type OwnParseResult,
  type OwnProblem,
  type OwnSource
} from './own';
import { normalizeText, slugify } from './normalize';
import { hashString } from './rng';
import type { Citation, ConflictFact, Fact, FactKind, FactValue, PlainFact, Topic } from './types';

const L = OWN_LIMITS;

export const DEFAULT_TOPIC: Topic = { id: 'general', title: 'General' };

/** `own-` + 8 hex + `-`: what is left of an id for the teacher's own part. */
export const FACT_SLUG_MAX = L.maxIdChars - 'own-00000000-'.length;

const YEAR_ANSWER = /^[12]\d{3}$/;

const DEFAULT_IMPORTANCE = 2;

/** What both formats hand over for any fact, before ids and defaults are settled. */
interface DraftCommon {
  /** Kebab-case slug the teacher gave, or undefined to derive one from the prompt. */
  slug?: string;
  kind?: FactKind;
  statement?: string;
  prompt: string;
  label?: string;
  topic: string;
  era?: PlainFact['era'];
  importance?: 1 | 2 | 3;
  explanation?: string;
  note?: string;
}

interface DraftPlain extends DraftCommon {
  conflict: false;
  answer: string;
  variants: string[];
  distractors?: string[];
  value?: FactValue;
  citations: Citation[];
}

interface DraftConflict extends DraftCommon {
  conflict: true;
  claims: ConflictFact['claims'];
}

export type Draft = DraftPlain | DraftConflict;

/** A four-digit year alone is the one answer whose kind and value are certain from its text. */
function inferKind(answer: string): FactKind {
  return YEAR_ANSWER.test(answer) ? 'date' : 'term';
}

function finishFact(draft: Draft, id: string): Fact {
  const common = {
    id,
    kind: draft.kind ?? inferKind(draft.conflict ? (draft.claims[0]?.answer ?? '') : draft.answer),
    prompt: draft.prompt,
    ...(draft.label !== undefined && { label: draft.label }),
    topic: draft.topic,
    ...(draft.era !== undefined && { era: draft.era }),
    importance: draft.importance ?? DEFAULT_IMPORTANCE,
    ...(draft.explanation !== undefined && { explanation: draft.explanation }),
    ...(draft.note !== undefined && { note: draft.note })
  };
  if (draft.conflict) {
    return {
      ...common,
      statement: draft.statement ?? `Sources differ: ${draft.prompt}`,
      conflict: true,
      claims: draft.claims
    };
  }
  // A bare year is the one value that can be read off the answer; numeric, order and
  // match questions need it.
  const value =
    draft.value ??
    (common.kind === 'date' && YEAR_ANSWER.test(draft.answer)
      ? { year: Number(draft.answer) }
      : undefined);
  return {
    ...common,
    statement: draft.statement ?? defaultStatement(draft.prompt, draft.answer),
    answer: draft.answer,
    variants: draft.variants,
    ...(draft.distractors !== undefined && { distractors: draft.distractors }),
    ...(value !== undefined && { value }),
    citations: draft.citations
  };
}

/** `base`, or `base-2`, `base-3` ... whichever is not taken yet; records it as taken. */
export function uniqueSlug(base: string, taken: Set<string>, max: number): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) {
    const suffix = `-${n}`;
    slug = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(slug);
  return slug;
}

/** Gives every draft a slug (its own, or one from its prompt) and the deck its id. */
export function assemble(
  meta: { title: string; description?: string; topics: Topic[]; sources: OwnSource[] },
  drafts: Draft[]
): OwnDeck {
  const taken = new Set(drafts.flatMap((d) => (d.slug ? [d.slug] : [])));
  const slugs = drafts.map(
    (d, index) =>
      d.slug ?? uniqueSlug(slugify(d.prompt) || `fact-${index + 1}`, taken, FACT_SLUG_MAX)
  );
  const unprefixed = drafts.map((d, index) => finishFact(d, slugs[index] as string));
  // The id hashes everything that makes up the deck, so a changed fact, topic or source
  // is a different deck: a learner's history never attaches to facts it was not about.
  const content = JSON.stringify({
    title: meta.title,
    description: meta.description ?? null,
    topics: meta.topics,
    sources: meta.sources,
    facts: unprefixed
  });
  const id = `own-${hashString(content).toString(16).padStart(8, '0')}`;
  return {
    id,
    title: meta.title,
    ...(meta.description !== undefined && { description: meta.description }),
    topics: meta.topics,
    sources: meta.sources,
    facts: unprefixed.map((fact) => ({ ...fact, id: `${id}-${fact.id}` }))
  };
}

/** Warnings that do not stop a deck but that a teacher would want to know about. */
export function factWarnings(
  fact: Fact,
  at: Omit<OwnProblem, 'message'>,
  checkCitations = true
): OwnProblem[] {
  if (fact.conflict) return [];
  const warnings: OwnProblem[] = [];
  if (checkCitations && fact.citations.length === 0) {
    warnings.push({ ...at, message: 'cites no source: learners will not see where it comes from' });
  }
  const answerKey = normalizeText(fact.answer);
  if (answerKey && ` ${normalizeText(fact.prompt)} `.includes(` ${answerKey} `)) {
    warnings.push({
      ...at,
      field: 'prompt',
      message: 'the prompt contains the answer, so it gives it away'
    });
  }
  if (!hasDefaultStatement(fact) && !fact.statement.includes(fact.answer)) {
    warnings.push({
      ...at,
      field: 'statement',
      message:
        'the answer does not appear word for word in the statement, so it makes no fill-the-gap question'
    });
  }
  return warnings;
}

export function byLine(a: OwnProblem, b: OwnProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

export function toParseResult(
  deck: OwnDeck,
  problems: OwnProblem[],
  warnings: OwnProblem[]
): OwnParseResult {
  return problems.length
    ? { ok: false, problems: problems.sort(byLine) }
    : { ok: true, deck, warnings: warnings.sort(byLine) };
}

export function tooLongText(text: string): OwnProblem[] {
  return text.length > L.maxChars
    ? [
        {
          line: null,
          message: `the text is too long: ${text.length} characters, at most ${L.maxChars}`
        }
      ]
    : [];
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
