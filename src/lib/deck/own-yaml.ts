/**
 * Reading a teacher's facts written in YAML: the format of decks/README.md, relaxed. Every
 * problem names the line it was found on, so a teacher can fix the file they wrote. Only
 * the assignment builder reads files, so the YAML parser loads with that screen alone.
 * Pure: no storage, no DOM.
 */
import * as v from 'valibot';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { DATE_MESSAGE, era, importance, isoDate, kind, yamlText } from './fields';
import {
  OWN_LIMITS,
  httpUrl,
  isRecord,
  ownFactSchemas,
  ownId,
  ownText,
  type OwnParseResult,
  type OwnProblem
} from './own';
import {
  DEFAULT_TOPIC,
  FACT_SLUG_MAX,
  assemble,
  byLine,
  factWarnings,
  stripBom,
  toParseResult,
  tooLongText,
  type Draft
} from './own-draft';
import { FORMAT_VERSION, type Citation, type Topic } from './types';

const L = OWN_LIMITS;

/** Text as a teacher types it in YAML, where `answer: 1869` or `answer: true` is not a string. */
const looseText = (max: number) =>
  v.pipe(
    v.union([v.string(), v.number(), v.boolean()], 'must be text'),
    v.transform(String),
    ownText(max)
  );

type PathKey = string | number;

/** "alps-and-pyrenees" → "Alps and pyrenees": a topic's title when the deck lists none. */
function titleOfSlug(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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
 * How deep lists and mappings may nest in a teacher's file. A facts file needs 7 levels at
 * most (deck, facts, a fact, its claims, a claim, its citations, a citation); the limit is
 * far above that and far below the depth at which the YAML parser, which recurses once per
 * level, runs out of stack.
 */
export const MAX_YAML_DEPTH = 20;

const TOO_DEEP = `lists and mappings are nested more than ${MAX_YAML_DEPTH} levels deep here, and a facts file needs no more than 7: check for brackets [ or { that are never closed, and for lines indented further and further`;

/**
 * The first line on which lists and mappings nest deeper than `limit`, or null: one pass
 * over the text, without parsing it or recursing. Block nesting is counted by indentation
 * (each `- ` or `? ` on a line opens one more level), flow nesting by `[` and `{` where a
 * value starts, outside quotes, comments and block scalars (`|`, `>`). It may count a level
 * too many (a plain value continued on a deeper line) but not too few for what the parser
 * would nest.
 */
export function tooDeepAt(text: string, limit = MAX_YAML_DEPTH): number | null {
  const lines = text.split(/\r\n|\r|\n/);
  /** Indentation columns of the open block collections and the node on the line. */
  let columns: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  /** Inside a block scalar: lines indented more than this are its text. */
  let scalarAbove: number | null = null;

  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const indent = line.length - line.replace(/^ +/, '').length;
    if (scalarAbove !== null) {
      if (line.trim() === '' || indent > scalarAbove) continue;
      scalarAbove = null;
    }
    let i = 0;
    if (quote === null && flow === 0) {
      const rest = line.slice(indent);
      if (rest === '' || rest.startsWith('#')) continue;
      if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(rest)) {
        columns = [];
        i = 3;
      } else {
        while (columns.length > 0 && columns[columns.length - 1]! >= indent) columns.pop();
        columns.push(indent);
        i = indent;
        // `- - x`, `- key: x`, `? key`: each indicator opens a node at a deeper column.
        for (;;) {
          const indicator = /^[-?:](?: +|$)/.exec(line.slice(i));
          if (!indicator) break;
          i += indicator[0].length;
          if (i >= line.length || line[i] === '#') break;
          columns.push(i);
        }
        if (columns.length > limit) return lineNo;
      }
    }
    // Where a node may start: line start, after `[`, `{`, `,` (in flow), `: ` or `? `.
    let atStart = true;
    for (; i < line.length; i++) {
      const c = line[i] as string;
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') {
          quote = null;
          atStart = false;
        }
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") {
          quote = null;
          atStart = false;
        }
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) break;
      if (atStart && (c === '"' || c === "'")) {
        quote = c;
      } else if (atStart && (c === '&' || c === '!')) {
        // An anchor or a tag comes before the node it names: skip it, still at a start.
        while (i + 1 < line.length && !/[\s,[\]{}]/.test(line[i + 1] as string)) i++;
      } else if (atStart && flow === 0 && (c === '|' || c === '>')) {
        scalarAbove = columns[columns.length - 1] ?? 0;
        break;
      } else if (c === '[' || c === '{') {
        if (atStart || flow > 0) {
          flow++;
          if (columns.length + flow > limit) return lineNo;
          atStart = true;
        } else atStart = false;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        atStart = false;
      } else if (c === ',' && flow > 0) {
        atStart = true;
      } else if ((c === ':' || c === '?') && (flow > 0 || /\s/.test(line[i + 1] ?? ' '))) {
        atStart = true;
      } else {
        atStart = false;
      }
    }
  }
  return null;
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
  const body = stripBom(text);
  // Checked before parsing: the parser recurses once per level, and a file nested a
  // thousand deep would take it to the end of the stack before anything could be said.
  const deepLine = tooDeepAt(body);
  if (deepLine !== null) return { ok: false, problems: [{ line: deepLine, message: TOO_DEEP }] };
  const counter = new LineCounter();
  const doc = parseDocument(body, { lineCounter: counter, prettyErrors: false });
  const lines = new YamlLines(doc, counter);
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : counter.linePos(offset).line;
  if (doc.errors.length) {
    // The parser reports running out of stack as a syntax error: say what it means, once.
    const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
    if (overflow) {
      return { ok: false, problems: [{ line: lineAt(overflow.pos[0]), message: TOO_DEEP }] };
    }
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
      problems: [
        {
          line: null,
          message: error instanceof RangeError ? TOO_DEEP : `YAML: ${(error as Error).message}`
        }
      ]
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
  return toParseResult(deck, problems, warnings);
}
