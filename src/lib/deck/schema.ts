/**
 * Validation of hand-written fact bases (already parsed from YAML) against the format in
 * decks/README.md. Every problem names the file, the fact id when there is one, and the
 * field. Pure: no I/O.
 */
import * as v from 'valibot';
import {
  era,
  factValue,
  importance,
  isoDate,
  kebabId,
  kind,
  paragraph,
  trimmedText,
  yamlText,
  year
} from './fields';
import { FORMAT_VERSION, type BadForm, type DeckMeta, type Fact, type Source } from './types';

const kebab = kebabId(Infinity, { notKebab: 'must be kebab-case (a-z, 0-9 and single hyphens)' });
const text = trimmedText();
const formatField = v.literal(FORMAT_VERSION, `must be ${FORMAT_VERSION}`);

const citation = v.strictObject({ source: kebab, para: paragraph() });
const citations = v.pipe(v.array(citation), v.minLength(1, 'needs at least one citation'));

const value = factValue({ date: isoDate('yaml'), year: year(), number: v.number(), unit: text });
const variants = v.optional(v.array(yamlText()), []);
const answer = v.pipe(yamlText(), v.trim(), v.nonEmpty());

const common = {
  id: kebab,
  kind,
  statement: text,
  prompt: text,
  label: v.optional(text),
  topic: kebab,
  era,
  importance,
  explanation: v.optional(text),
  note: v.optional(text)
};

const plainFact = v.strictObject({
  ...common,
  conflict: v.optional(v.literal(false)),
  answer,
  variants,
  distractors: v.optional(v.array(text)),
  noFalseStatement: v.optional(v.literal(true)),
  value: v.optional(value),
  citations
});

const claim = v.strictObject({ answer, variants, value: v.optional(value), citations });
const conflictFact = v.strictObject({
  ...common,
  conflict: v.literal(true),
  claims: v.pipe(v.array(claim), v.minLength(2, 'a conflict needs at least two claims'))
});

const factsFile = v.strictObject({
  format: formatField,
  facts: v.array(v.unknown())
});

const deckFile = v.strictObject({
  format: formatField,
  id: kebab,
  title: text,
  description: text,
  order: v.optional(v.number(), 100),
  topics: v.pipe(
    v.array(v.strictObject({ id: kebab, title: text })),
    v.minLength(1, 'needs at least one topic')
  )
});

const sourcesFile = v.strictObject({
  format: formatField,
  sources: v.array(
    v.strictObject({
      id: kebab,
      short: v.optional(text),
      file: v.optional(text),
      title: text,
      authors: v.optional(v.array(text), []),
      outlet: text,
      date: yamlText(),
      dateNote: v.optional(text),
      url: v.optional(v.pipe(v.string(), v.url()))
    })
  )
});

const badFormsFile = v.strictObject({
  format: formatField,
  forms: v.array(
    v.strictObject({
      bad: text,
      good: text,
      source: v.optional(kebab),
      para: v.optional(v.number())
    })
  )
});

/** One thing wrong with a fact base, located as precisely as possible. */
export interface DeckProblem {
  file: string;
  factId?: string;
  field?: string;
  message: string;
}

export function formatProblem(problem: DeckProblem): string {
  const where = [problem.file, problem.factId && `fact ${problem.factId}`, problem.field]
    .filter(Boolean)
    .join(' › ');
  return `${where}: ${problem.message}`;
}

function issuesToProblems(
  file: string,
  issues: v.BaseIssue<unknown>[],
  factId?: string,
  prefix = ''
): DeckProblem[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || undefined;
    const message =
      issue.type === 'strict_object'
        ? `unknown field (check its spelling): ${issue.message}`
        : issue.message;
    return { file, ...(factId ? { factId } : {}), ...(field ? { field } : {}), message };
  });
}

export type Checked<T> =
  { ok: true; value: T; problems: [] } | { ok: false; problems: DeckProblem[] };

export function parseDeckMeta(file: string, data: unknown): Checked<DeckMeta> {
  const result = v.safeParse(deckFile, data);
  return result.success
    ? { ok: true, value: result.output, problems: [] }
    : { ok: false, problems: issuesToProblems(file, result.issues) };
}

export function parseSources(file: string, data: unknown): Checked<Source[]> {
  const result = v.safeParse(sourcesFile, data);
  return result.success
    ? { ok: true, value: result.output.sources, problems: [] }
    : { ok: false, problems: issuesToProblems(file, result.issues) };
}

export function parseBadForms(file: string, data: unknown): Checked<BadForm[]> {
  const result = v.safeParse(badFormsFile, data);
  return result.success
    ? { ok: true, value: result.output.forms, problems: [] }
    : { ok: false, problems: issuesToProblems(file, result.issues) };
}

/**
 * Validates a facts file. Facts that are valid are returned even when others are not, so
 * that every problem in the file is reported at once.
 */
export function parseFacts(
  file: string,
  data: unknown
): { facts: Fact[]; problems: DeckProblem[] } {
  const top = v.safeParse(factsFile, data);
  if (!top.success) return { facts: [], problems: issuesToProblems(file, top.issues) };
  const facts: Fact[] = [];
  const problems: DeckProblem[] = [];
  top.output.facts.forEach((raw, index) => {
    const record = (raw ?? {}) as Record<string, unknown>;
    const factId = typeof record.id === 'string' ? record.id : `#${index + 1}`;
    const schema = record.conflict === true ? conflictFact : plainFact;
    const result = v.safeParse(schema, raw);
    if (result.success) facts.push(result.output as Fact);
    else problems.push(...issuesToProblems(file, result.issues, factId));
  });
  return { facts, problems };
}
