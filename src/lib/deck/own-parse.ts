/**
 * Reading a teacher's own facts, pasted or uploaded as YAML (the format of
 * decks/README.md, relaxed) or as a spreadsheet saved as CSV, into an `OwnDeck`. Every
 * problem names the line it was found on, so a teacher can fix the file they wrote. Kept
 * apart from `own.ts` because only the assignment builder reads files: the YAML parser
 * loads with that screen alone. Pure: no storage, no DOM.
 */
import * as v from 'valibot';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import {
  DATE_MESSAGE,
  KEBAB,
  era,
  importance,
  isoDate,
  kebabMessage,
  kind,
  tooLong,
  yamlText
} from './fields';
import {
  OWN_LIMITS,
  defaultStatement,
  isRecord,
  isHttpUrl,
  httpUrl,
  hasDefaultStatement,
  ownFactSchemas,
  ownId,
  ownText,
  type OwnDeck,
  type OwnParseResult,
  type OwnProblem,
  type OwnSource
} from './own';
import { normalizeText, slugify } from './normalize';
import { hashString } from './rng';
import {
  FORMAT_VERSION,
  type Citation,
  type ConflictFact,
  type Fact,
  type FactKind,
  type FactValue,
  type PlainFact,
  type Topic
} from './types';

const L = OWN_LIMITS;

/** Text as a teacher types it in YAML, where `answer: 1869` or `answer: true` is not a string. */
const looseText = (max: number) =>
  v.pipe(
    v.union([v.string(), v.number(), v.boolean()], 'must be text'),
    v.transform(String),
    ownText(max)
  );

const DEFAULT_TOPIC: Topic = { id: 'general', title: 'General' };

/** `own-` + 8 hex + `-`: what is left of an id for the teacher's own part. */
const FACT_SLUG_MAX = L.maxIdChars - 'own-00000000-'.length;

const YEAR_ANSWER = /^[12]\d{3}$/;

const DEFAULT_IMPORTANCE = 2;

const DEFAULT_CSV_TITLE = 'My facts';

// ---------------------------------------------------------------- building facts

/** What both formats hand over for a plain fact, before ids and defaults are settled. */
interface DraftPlain {
  conflict: false;
  /** Kebab-case slug the teacher gave, or undefined to derive one from the prompt. */
  slug?: string;
  kind?: FactKind;
  statement?: string;
  prompt: string;
  answer: string;
  variants: string[];
  distractors?: string[];
  value?: FactValue;
  label?: string;
  topic: string;
  era?: PlainFact['era'];
  importance?: 1 | 2 | 3;
  explanation?: string;
  note?: string;
  citations: Citation[];
}

interface DraftConflict {
  conflict: true;
  slug?: string;
  kind?: FactKind;
  statement?: string;
  prompt: string;
  claims: ConflictFact['claims'];
  label?: string;
  topic: string;
  era?: PlainFact['era'];
  importance?: 1 | 2 | 3;
  explanation?: string;
  note?: string;
}

type Draft = DraftPlain | DraftConflict;

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
function uniqueSlug(base: string, taken: Set<string>, max: number): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) {
    const suffix = `-${n}`;
    slug = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(slug);
  return slug;
}

/** Gives every draft a slug (its own, or one from its prompt) and the deck its id. */
function assemble(
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
function factWarnings(
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

function byLine(a: OwnProblem, b: OwnProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

function result(deck: OwnDeck, problems: OwnProblem[], warnings: OwnProblem[]): OwnParseResult {
  return problems.length
    ? { ok: false, problems: problems.sort(byLine) }
    : { ok: true, deck, warnings: warnings.sort(byLine) };
}

function tooLongText(text: string): OwnProblem[] {
  return text.length > L.maxChars
    ? [
        {
          line: null,
          message: `the text is too long: ${text.length} characters, at most ${L.maxChars}`
        }
      ]
    : [];
}

// ---------------------------------------------------------------- format detection

/**
 * Reads a pasted or uploaded fact base. The file extension decides when there is one;
 * otherwise a first line that is a CSV header with a prompt (or question) and an answer
 * column means CSV, anything else is read as YAML.
 */
export function parseOwnDeckText(text: string, fileName?: string): OwnParseResult {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const title = fileName ? titleFromFileName(fileName) : undefined;
  if (extension === 'csv' || extension === 'tsv') return parseOwnCsv(text, title);
  if (extension === 'yaml' || extension === 'yml') return parseOwnYaml(text);
  return looksLikeCsv(text) ? parseOwnCsv(text, title) : parseOwnYaml(text);
}

/** "chemistry_basics.csv" → "Chemistry basics". */
function titleFromFileName(fileName: string): string | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, L.maxTitleChars)
    .trim();
  return base ? base[0]?.toUpperCase() + base.slice(1) : undefined;
}

function looksLikeCsv(text: string): boolean {
  const header = firstLine(stripBom(text));
  return DELIMITERS.some((d) => hasRequiredColumns(splitHeader(header, d)));
}

// ---------------------------------------------------------------- CSV

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

type CsvColumn =
  | 'prompt'
  | 'answer'
  | 'variants'
  | 'topic'
  | 'source'
  | 'explanation'
  | 'statement'
  | 'distractors'
  | 'id';

const COLUMN_NAMES: Record<string, CsvColumn> = {
  prompt: 'prompt',
  question: 'prompt',
  answer: 'answer',
  variants: 'variants',
  variant: 'variants',
  topic: 'topic',
  source: 'source',
  explanation: 'explanation',
  statement: 'statement',
  distractors: 'distractors',
  distractor: 'distractors',
  id: 'id'
};

const COLUMN_LIMITS: Record<CsvColumn, number> = {
  prompt: L.maxFieldChars,
  answer: L.maxAnswerChars,
  variants: L.maxFieldChars,
  topic: L.maxTitleChars,
  source: L.maxFieldChars,
  explanation: L.maxFieldChars,
  statement: L.maxFieldChars,
  distractors: L.maxFieldChars,
  id: FACT_SLUG_MAX
};

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(text: string): string {
  return text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
}

function headerName(cell: string): string {
  return cell.trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

function splitHeader(line: string, delimiter: Delimiter): string[] {
  return line.split(delimiter).map(headerName);
}

function hasRequiredColumns(names: string[]): boolean {
  const columns = names.map((n) => COLUMN_NAMES[n]);
  return columns.includes('prompt') && columns.includes('answer');
}

/**
 * Spreadsheets in many locales save with `;` (the comma being their decimal mark), some
 * with tabs: the delimiter is the one that splits the header into known columns.
 */
function detectDelimiter(header: string): Delimiter {
  const fitting = DELIMITERS.find((d) => hasRequiredColumns(splitHeader(header, d)));
  if (fitting) return fitting;
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (header.split(d).length > header.split(best).length) best = d;
  return best;
}

interface CsvRow {
  /** The physical line the row starts on. */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 with the leniency of real exports: CRLF, LF or CR line ends, quoted fields with
 * `""` escapes and line breaks, spaces around fields ignored. Line numbers count physical
 * lines, so a row after a multi-line field still points where an editor shows it.
 */
function readCsv(text: string, delimiter: Delimiter): { rows: CsvRow[]; problems: OwnProblem[] } {
  const rows: CsvRow[] = [];
  const problems: OwnProblem[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;

  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    cell = '';
    quoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        cell += '\n';
        line++;
      } else {
        cell += c;
      }
    } else if (c === '"' && !quoted && cell.trim() === '') {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (c === delimiter) {
      endCell();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      // After a closing quote ("a" b) too: kept rather than lost, as spreadsheets do.
      cell += c;
    }
  }
  if (inQuotes) {
    problems.push({
      line: quoteLine,
      message: 'a quoted field is never closed: a closing " is missing'
    });
  }
  endRow();
  return { rows, problems };
}

/** Several answers in one cell: `;` or `|` between them. */
function splitList(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function titleOfSlug(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Reads a spreadsheet saved as CSV: one fact per row under a header naming its columns.
 * A prompt that repeats an earlier one (ignoring case and punctuation) is an error, not a
 * warning: it is either a pasted-twice row or one question with two answers, and either
 * way a learner would be graded against the wrong one.
 */
export function parseOwnCsv(text: string, title?: string): OwnParseResult {
  const deckTitle = title?.trim().slice(0, L.maxTitleChars).trim() || DEFAULT_CSV_TITLE;
  const oversize = tooLongText(text);
  if (oversize.length) return { ok: false, problems: oversize };
  const body = stripBom(text);
  const delimiter = detectDelimiter(firstLine(body));
  const { rows, problems } = readCsv(body, delimiter);
  const warnings: OwnProblem[] = [];
  const [header, ...records] = rows;
  if (!header) {
    return {
      ok: false,
      problems: [{ line: null, message: 'the file is empty: it needs a header row and facts' }]
    };
  }

  const columns = new Map<CsvColumn, number>();
  header.cells.forEach((cell, index) => {
    const name = headerName(cell);
    const column = COLUMN_NAMES[name];
    if (!column) {
      warnings.push({
        line: header.line,
        ...(name && { field: name }),
        message: name
          ? `column "${name}" is not one Sourcedeck reads and is ignored`
          : `column ${index + 1} has no name and is ignored`
      });
    } else if (columns.has(column)) {
      problems.push({ line: header.line, field: name, message: 'this column appears twice' });
    } else {
      columns.set(column, index);
    }
  });
  if (!columns.has('prompt') || !columns.has('answer')) {
    const found = header.cells.map(headerName).filter(Boolean);
    problems.push({
      line: header.line,
      message: `the header needs a prompt and an answer column (found: ${found.join(', ') || 'none'})`
    });
    return { ok: false, problems };
  }
  if (records.length === 0) {
    problems.push({ line: header.line, message: 'there are no facts below the header' });
  }
  if (!columns.has('source')) {
    warnings.push({
      line: header.line,
      message: 'there is no source column: learners will not see where the facts come from'
    });
  }

  const topics = new Map<string, Topic>();
  const topicIds = new Set<string>();
  const sources = new Map<string, OwnSource>();
  const sourceIds = new Set<string>();
  const prompts = new Map<string, number>();
  const givenIds = new Map<string, number>();
  const drafts: Draft[] = [];
  const draftLines: number[] = [];

  for (const [rowIndex, row] of records.entries()) {
    if (rowIndex === L.maxFacts) {
      problems.push({
        line: row.line,
        message: `too many facts: at most ${L.maxFacts} rows`
      });
      break;
    }
    const rowProblems: OwnProblem[] = [];
    const extra = row.cells.slice(header.cells.length);
    if (extra.some((cell) => cell.trim() !== '')) {
      const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
      rowProblems.push({
        line: row.line,
        message: `this row has ${row.cells.length} cells but the header has ${header.cells.length} columns: put quotes around a field that contains a ${name}`
      });
    }
    const get = (column: CsvColumn): string => {
      const index = columns.get(column);
      const value = index === undefined ? '' : (row.cells[index] ?? '').trim();
      if (value.length > COLUMN_LIMITS[column]) {
        rowProblems.push({
          line: row.line,
          field: column,
          message: tooLong(COLUMN_LIMITS[column])
        });
      }
      return value;
    };
    const prompt = get('prompt');
    const answer = get('answer');
    const variants = splitList(get('variants'));
    const distractors = splitList(get('distractors'));
    const topicTitle = get('topic');
    const sourceText = get('source');
    const explanation = get('explanation');
    const statement = get('statement');
    const slug = get('id');

    if (!prompt) rowProblems.push({ line: row.line, field: 'prompt', message: 'is empty' });
    if (!answer) rowProblems.push({ line: row.line, field: 'answer', message: 'is empty' });
    for (const [field, items] of [
      ['variants', variants],
      ['distractors', distractors]
    ] as const) {
      if (items.length > L.maxListItems) {
        rowProblems.push({
          line: row.line,
          field,
          message: `may have at most ${L.maxListItems} entries`
        });
      }
      if (items.some((item) => item.length > L.maxAnswerChars)) {
        rowProblems.push({
          line: row.line,
          field,
          message: `each entry may have at most ${L.maxAnswerChars} characters`
        });
      }
    }
    if (slug && !KEBAB.test(slug)) {
      rowProblems.push({
        line: row.line,
        field: 'id',
        message: kebabMessage('water-formula')
      });
    } else if (slug) {
      const first = givenIds.get(slug);
      if (first !== undefined) {
        rowProblems.push({
          line: row.line,
          field: 'id',
          message: `is the same as on line ${first}`
        });
      } else givenIds.set(slug, row.line);
    }
    const promptKey = normalizeText(prompt);
    if (promptKey) {
      const first = prompts.get(promptKey);
      if (first !== undefined) {
        rowProblems.push({
          line: row.line,
          field: 'prompt',
          message: `repeats the prompt on line ${first}`
        });
      } else prompts.set(promptKey, row.line);
    }

    // An empty topic cell and a cell saying "General" are the same topic.
    const title = topicTitle || DEFAULT_TOPIC.title;
    const topicKey = normalizeText(title) || title;
    let topic = topics.get(topicKey);
    if (!topic) {
      topic = topicTitle
        ? { id: uniqueSlug(slugify(title) || 'topic', topicIds, 40), title }
        : { ...DEFAULT_TOPIC, id: uniqueSlug(DEFAULT_TOPIC.id, topicIds, 40) };
      topics.set(topicKey, topic);
    }
    if (topics.size > L.maxTopics) {
      rowProblems.push({
        line: row.line,
        field: 'topic',
        message: `too many topics: at most ${L.maxTopics}`
      });
    }

    const citations: Citation[] = [];
    if (sourceText) {
      let source = sources.get(sourceText);
      if (!source) {
        const readable = sourceText.replace(/^https?:\/\/(www\.)?/i, '');
        const id = uniqueSlug(slugify(readable, 8) || 'source', sourceIds, 40);
        source = {
          id,
          title: sourceText,
          ...(isHttpUrl(sourceText) && { url: sourceText })
        };
        sources.set(sourceText, source);
      }
      if (sources.size > L.maxSources) {
        rowProblems.push({
          line: row.line,
          field: 'source',
          message: `too many different sources: at most ${L.maxSources}`
        });
      }
      citations.push({ source: source.id });
    } else if (columns.has('source')) {
      warnings.push({
        line: row.line,
        field: 'source',
        message: 'is empty: learners will not see where this fact comes from'
      });
    }

    problems.push(...rowProblems);
    if (rowProblems.length) continue;
    drafts.push({
      conflict: false,
      ...(slug && { slug }),
      prompt,
      answer,
      variants,
      ...(distractors.length && { distractors }),
      ...(statement && { statement }),
      ...(explanation && { explanation }),
      topic: topic.id,
      citations
    });
    draftLines.push(row.line);
  }

  if (problems.length) return { ok: false, problems: problems.sort(byLine) };
  // Only the topics and sources facts use (a row with a problem may have named others),
  // in the order they first appear.
  const usedTopics = new Set(drafts.map((d) => d.topic));
  const cited = new Set(
    drafts.flatMap((d) => (d.conflict ? [] : d.citations.map((c) => c.source)))
  );
  const deck = assemble(
    {
      title: deckTitle,
      topics: [...topics.values()].filter((t) => usedTopics.has(t.id)),
      sources: [...sources.values()].filter((s) => cited.has(s.id))
    },
    drafts
  );
  deck.facts.forEach((fact, index) => {
    // Missing sources were reported per row (or once, with no source column) above.
    warnings.push(...factWarnings(fact, { line: draftLines[index] ?? null }, false));
  });
  return result(deck, problems, warnings);
}

// ---------------------------------------------------------------- YAML

type PathKey = string | number;

/** Input schemas: the README's fields, with what a teacher may leave out made optional. */
const { plainFact: inPlainFact, conflictFact: inConflictFact } = ownFactSchemas(
  {
    // `id: 1969` is a number to YAML but a fine kebab-case id.
    id: v.optional(v.pipe(yamlText('must be text'), ownId(FACT_SLUG_MAX))),
    kind: v.optional(kind),
    statement: v.optional(looseText(L.maxFieldChars)),
    prompt: looseText(L.maxFieldChars),
    label: v.optional(looseText(L.maxFieldChars)),
    topic: v.optional(ownId(L.maxIdChars)),
    era: v.optional(era),
    importance: v.optional(importance),
    explanation: v.optional(looseText(L.maxFieldChars)),
    note: v.optional(looseText(L.maxFieldChars))
  },
  {
    answer: looseText(L.maxAnswerChars),
    date: isoDate('yaml', DATE_MESSAGE),
    notBoolean: 'must be true or false',
    claimsAsList: true
  }
);

const inDeck = v.strictObject({
  format: v.optional(v.literal(FORMAT_VERSION, `must be ${FORMAT_VERSION}`)),
  // Accepted so that a built-in deck.yaml can be pasted as it is; the deck id is always
  // derived from the content and the order of own decks is fixed.
  id: v.optional(ownId(L.maxIdChars)),
  order: v.optional(v.number('must be a number')),
  title: looseText(L.maxTitleChars),
  description: v.optional(looseText(L.maxFieldChars)),
  topics: v.optional(
    v.pipe(
      v.array(
        v.strictObject({ id: ownId(L.maxIdChars), title: looseText(L.maxTitleChars) }),
        'must be a list of { id, title }'
      ),
      v.minLength(1, 'needs at least one topic, or leave topics out'),
      v.maxLength(L.maxTopics, `may have at most ${L.maxTopics} topics`)
    )
  ),
  sources: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          id: ownId(L.maxIdChars),
          title: looseText(L.maxFieldChars),
          url: v.optional(httpUrl)
        }),
        'must be a list of { id, title, url }'
      ),
      v.maxLength(L.maxSources, `may have at most ${L.maxSources} sources`)
    )
  ),
  facts: v.pipe(
    v.array(v.unknown(), 'must be a list of facts'),
    v.minLength(1, 'needs at least one fact'),
    v.maxLength(L.maxFacts, `may have at most ${L.maxFacts} facts`)
  )
});

/** Finds the line of what a path points at in the YAML document, or its nearest ancestor. */
class YamlLines {
  constructor(
    private readonly doc: Document,
    private readonly counter: LineCounter
  ) {}

  line(path: readonly PathKey[], atKey = false): number | null {
    let node: unknown = this.doc.contents;
    let best = this.offset(node);
    for (const [index, key] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key)
        );
        if (!pair) break;
        const keyOffset = this.offset(pair.key);
        if (atKey && index === path.length - 1) return this.toLine(keyOffset ?? best);
        node = pair.value;
        best = this.offset(node) ?? keyOffset ?? best;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        const offset = this.offset(node);
        if (offset === null) break;
        best = offset;
      } else break;
    }
    return this.toLine(best);
  }

  private offset(node: unknown): number | null {
    const range = (node as { range?: unknown } | null | undefined)?.range;
    return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : null;
  }

  private toLine(offset: number | null): number | null {
    return offset === null ? null : this.counter.linePos(offset).line;
  }
}

/** A dotted field path for people: list positions count from 1. */
function fieldOf(path: readonly PathKey[]): string | undefined {
  return (
    path.map((key) => (typeof key === 'number' ? String(key + 1) : key)).join('.') || undefined
  );
}

function issueProblems(
  issues: readonly v.BaseIssue<unknown>[],
  base: readonly PathKey[],
  lines: YamlLines,
  factId?: string
): OwnProblem[] {
  return issues.map((issue) => {
    const items = issue.path ?? [];
    const keys = items.map((item) => item.key as PathKey);
    const last = items.at(-1);
    const objectIssue = issue.type === 'object' || issue.type === 'strict_object';
    const unknownField = objectIssue && issue.expected === 'never' && last?.origin === 'key';
    const missing = objectIssue && last !== undefined && issue.input === undefined;
    // An unknown field's path ends at the field itself; point at its key.
    const line = lines.line([...base, ...keys], unknownField);
    const message = unknownField
      ? 'unknown field (check its spelling)'
      : missing
        ? 'is missing'
        : objectIssue
          ? 'must be a mapping of field: value lines'
          : issue.message;
    const field = fieldOf(keys);
    return {
      line,
      ...(field && { field }),
      ...(factId && { factId }),
      message
    };
  });
}

/**
 * Reads one YAML document: the fields of deck.yaml and the `facts:` of facts.yaml
 * together (decks/README.md), plus `sources:` as `{ id, title, url }`. What a teacher may
 * leave out: `format`, `id`, `topics` (then gathered from the facts), a fact's `id`,
 * `kind` (a year is a date, anything else a term), `statement`, `era`, `importance`,
 * `topic` (when the deck has one topic, or none listed) and `citations` (a warning).
 */
export function parseOwnYaml(text: string): OwnParseResult {
  const oversize = tooLongText(text);
  if (oversize.length) return { ok: false, problems: oversize };
  const counter = new LineCounter();
  const doc = parseDocument(stripBom(text), { lineCounter: counter, prettyErrors: false });
  const lines = new YamlLines(doc, counter);
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : counter.linePos(offset).line;
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        line: lineAt(error.pos[0]),
        message: `YAML syntax: ${error.message}`
      }))
    };
  }
  const warnings: OwnProblem[] = doc.warnings.map((warning) => ({
    line: lineAt(warning.pos[0]),
    message: `YAML: ${warning.message}`
  }));
  let data: unknown;
  try {
    // toJS limits alias expansion, so a billion-laughs document fails here instead of hanging.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      ok: false,
      problems: [{ line: null, message: `YAML: ${(error as Error).message}` }]
    };
  }
  if (!isRecord(data)) {
    return {
      ok: false,
      problems: [
        {
          line: lines.line([]),
          message: 'expected a deck: title: ..., then facts: with a list of facts'
        }
      ]
    };
  }

  const problems: OwnProblem[] = [];
  const top = v.safeParse(inDeck, data);
  if (!top.success) problems.push(...issueProblems(top.issues, [], lines));

  // Facts are checked one by one even when the deck fields are wrong, so that a teacher
  // sees every problem in one go.
  const rawFacts = Array.isArray(data.facts) ? data.facts.slice(0, L.maxFacts) : [];
  const parsed: {
    index: number;
    factId: string;
    fact: v.InferOutput<typeof inPlainFact> | v.InferOutput<typeof inConflictFact>;
  }[] = [];
  rawFacts.forEach((raw: unknown, index) => {
    const record = isRecord(raw) ? raw : {};
    const factId =
      typeof record.id === 'string' || typeof record.id === 'number'
        ? String(record.id)
        : `#${index + 1}`;
    const schema = record.conflict === true ? inConflictFact : inPlainFact;
    const checked = v.safeParse(schema, raw);
    if (checked.success) parsed.push({ index, factId, fact: checked.output });
    else problems.push(...issueProblems(checked.issues, ['facts', index], lines, factId));
  });
  if (!top.success) return { ok: false, problems: problems.sort(byLine) };
  const deckIn = top.output;

  // Fact problems name the field within the fact, as the valibot ones do.
  const at = (path: PathKey[], factId?: string): Omit<OwnProblem, 'message'> => {
    const field = fieldOf(path[0] === 'facts' ? path.slice(2) : path);
    return { line: lines.line(path), ...(field && { field }), ...(factId && { factId }) };
  };

  const duplicates = (ids: string[], where: 'topics' | 'sources') =>
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        problems.push({
          line: lines.line([where, index, 'id']),
          field: `${where}.${index + 1}.id`,
          message: `"${id}" is used twice`
        });
      }
    });
  const sourceIds = (deckIn.sources ?? []).map((s) => s.id);
  duplicates(sourceIds, 'sources');
  const sources = new Set(sourceIds);

  let topics: Topic[];
  if (deckIn.topics) {
    topics = deckIn.topics;
    duplicates(
      topics.map((t) => t.id),
      'topics'
    );
  } else {
    const ids = [...new Set(parsed.map((p) => p.fact.topic ?? DEFAULT_TOPIC.id))];
    topics = ids.map((id) =>
      id === DEFAULT_TOPIC.id ? DEFAULT_TOPIC : { id, title: titleOfSlug(id) }
    );
    if (topics.length > L.maxTopics) {
      problems.push({
        line: lines.line(['facts']),
        field: 'facts',
        message: `the facts use ${topics.length} topics: at most ${L.maxTopics}`
      });
    }
  }
  const topicIds = new Set(topics.map((t) => t.id));
  const topicList = topics.map((t) => t.id).join(', ');

  const slugLines = new Map<string, number | null>();
  const drafts: Draft[] = [];
  const draftAt: { path: PathKey[]; factId: string }[] = [];
  for (const { index, factId, fact } of parsed) {
    const path: PathKey[] = ['facts', index];
    const before = problems.length;
    if (fact.id !== undefined) {
      const first = slugLines.get(fact.id);
      if (first !== undefined) {
        problems.push({
          ...at([...path, 'id'], factId),
          message: `the id "${fact.id}" is already used on line ${first}`
        });
      } else slugLines.set(fact.id, lines.line([...path, 'id']));
    }
    let topic = fact.topic;
    if (topic === undefined) {
      if (!deckIn.topics) topic = DEFAULT_TOPIC.id;
      else if (topics.length === 1) topic = topics[0]?.id;
      else {
        problems.push({
          ...at(path, factId),
          field: 'topic',
          message: `is missing: the deck has several topics (${topicList})`
        });
      }
    } else if (!topicIds.has(topic)) {
      problems.push({
        ...at([...path, 'topic'], factId),
        message: `"${topic}" is not one of the deck's topics (${topicList})`
      });
    }
    const citationLists: [PathKey[], Citation[]][] = fact.conflict
      ? fact.claims.map((claim, i): [PathKey[], Citation[]] => [
          [...path, 'claims', i, 'citations'],
          claim.citations
        ])
      : [[[...path, 'citations'], fact.citations]];
    for (const [listPath, citations] of citationLists) {
      citations.forEach((citation, i) => {
        if (!sources.has(citation.source)) {
          problems.push({
            ...at([...listPath, i, 'source'], factId),
            message: sources.size
              ? `"${citation.source}" is not one of the sources (${sourceIds.join(', ')})`
              : `"${citation.source}" is not a source: list it under sources: with an id and a title`
          });
        }
      });
    }
    if (problems.length > before || topic === undefined) continue;
    const shared = {
      ...(fact.id !== undefined && { slug: fact.id }),
      ...(fact.kind !== undefined && { kind: fact.kind }),
      ...(fact.statement !== undefined && { statement: fact.statement }),
      prompt: fact.prompt,
      ...(fact.label !== undefined && { label: fact.label }),
      topic,
      ...(fact.era !== undefined && { era: fact.era }),
      ...(fact.importance !== undefined && { importance: fact.importance }),
      ...(fact.explanation !== undefined && { explanation: fact.explanation }),
      ...(fact.note !== undefined && { note: fact.note })
    };
    drafts.push(
      fact.conflict
        ? {
            ...shared,
            conflict: true,
            claims: fact.claims.map((claim) => ({
              answer: claim.answer,
              variants: claim.variants,
              ...(claim.value !== undefined && { value: claim.value }),
              citations: claim.citations
            }))
          }
        : {
            ...shared,
            conflict: false,
            answer: fact.answer,
            variants: fact.variants,
            ...(fact.distractors !== undefined && { distractors: fact.distractors }),
            ...(fact.value !== undefined && { value: fact.value }),
            citations: fact.citations
          }
    );
    draftAt.push({ path, factId });
  }

  const deck = assemble(
    {
      title: deckIn.title,
      ...(deckIn.description !== undefined && { description: deckIn.description }),
      topics,
      sources: (deckIn.sources ?? []).map((s) => ({
        id: s.id,
        title: s.title,
        ...(s.url !== undefined && { url: s.url })
      }))
    },
    drafts
  );
  deck.facts.forEach((fact, i) => {
    const where = draftAt[i];
    if (where) warnings.push(...factWarnings(fact, at(where.path, where.factId)));
  });
  return result(deck, problems, warnings);
}
