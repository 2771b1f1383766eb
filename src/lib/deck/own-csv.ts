/**
 * Reading a teacher's facts from a spreadsheet saved as CSV: one fact per row under a
 * header naming its columns. Every problem names the line it was found on. Pure: no
 * storage, no DOM.
 */
import { KEBAB, kebabMessage, tooLong } from './fields';
import { normalizeText, slugify } from './normalize';
import { OWN_LIMITS, type OwnParseResult, type OwnProblem, type OwnSource } from './own';
import { isHttpUrl } from './web-address';
import {
  DEFAULT_TOPIC,
  FACT_SLUG_MAX,
  assemble,
  byLine,
  factWarnings,
  stripBom,
  toParseResult,
  tooLongText,
  uniqueSlug,
  type Draft
} from './own-draft';
import type { Citation, Topic } from './types';

const L = OWN_LIMITS;

const DEFAULT_CSV_TITLE = 'My facts';

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

/** A first line that is a header with a prompt (or question) and an answer column. */
export function looksLikeCsv(text: string): boolean {
  const header = firstLine(stripBom(text));
  return DELIMITERS.some((d) => hasRequiredColumns(splitHeader(header, d)));
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
 * A quote that does not pair up: one never closed (it swallows the rest of the file), or
 * one closed only on a later line with more text after it in the same field (it swallowed
 * the lines between). Either way the rows from `line` to `until` are not what the teacher
 * wrote, so nothing else is reported about them.
 */
interface QuoteMismatch {
  /** Where the quote opens. */
  line: number;
  /** The cell it opens in, counted from 0 in its row. */
  cell: number;
  /** Where the stray field ends: the line it closes on, or the last line. */
  until: number;
  closed: boolean;
}

/**
 * RFC 4180 with the leniency of real exports: CRLF, LF or CR line ends, quoted fields with
 * `""` escapes and line breaks, spaces around fields ignored. Line numbers count physical
 * lines, so a row after a multi-line field still points where an editor shows it.
 */
function readCsv(
  text: string,
  delimiter: Delimiter
): { rows: CsvRow[]; mismatch: QuoteMismatch | null } {
  const rows: CsvRow[] = [];
  let mismatch: QuoteMismatch | null = null;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  // Set when a quoted field spanning lines has just closed: text after it means the quotes
  // did not pair up as the teacher meant.
  let closedAcross: { line: number; cell: number } | null = null;

  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    cell = '';
    quoted = false;
    closedAcross = null;
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
          if (line > quoteLine) closedAcross = { line: quoteLine, cell: cells.length };
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
      if (closedAcross && c.trim() !== '' && !mismatch) {
        mismatch = { ...closedAcross, until: line, closed: true };
      }
      // After a closing quote ("a" b) too: kept rather than lost, as spreadsheets do.
      cell += c;
    }
  }
  if (inQuotes) {
    mismatch = { line: quoteLine, cell: cells.length, until: line, closed: false };
  }
  endRow();
  return { rows, mismatch };
}

/** What the teacher calls a column: its header as written, or its place. */
function columnName(header: CsvRow | undefined, mismatch: QuoteMismatch): string {
  const name =
    header && header.line < mismatch.line
      ? (header.cells[mismatch.cell] ?? '').trim().replace(/^"|"$/g, '').trim()
      : '';
  return name ? `"${name}"` : `column ${mismatch.cell + 1}`;
}

/** The mismatched quote in words, at the line where it opens. */
function quoteProblem(header: CsvRow | undefined, mismatch: QuoteMismatch): OwnProblem {
  const where = columnName(header, mismatch);
  return {
    line: mismatch.line,
    message: mismatch.closed
      ? `a quote opened in ${where} closes only on line ${mismatch.until}, with more text after it: a closing " is missing on line ${mismatch.line}, or there is a stray one`
      : `a quote opened in ${where} is never closed: add the closing " or remove the opening one`
  };
}

/** Several answers in one cell: `;` or `|` between them. */
function splitList(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Reads a spreadsheet saved as CSV: one fact per row under a header naming its columns.
 * A prompt that repeats an earlier one (ignoring case and punctuation) is an error, not a
 * warning: it is either a pasted-twice row or one question with two answers, and either
 * way a learner would be graded against the wrong one.
 */
export function parseOwnCsv(text: string, title?: string): OwnParseResult {
  const oversize = tooLongText(text);
  if (oversize.length) return { ok: false, problems: oversize };
  const body = stripBom(text);
  const delimiter = detectDelimiter(firstLine(body));
  const { rows, mismatch } = readCsv(body, delimiter);
  const [header, ...records] = rows;
  if (mismatch) {
    // The rows the stray quote ran through are not the teacher's rows: their "empty"
    // answers and odd cell counts would only point away from the quote.
    const after = parseRows(header, records, delimiter, title);
    return {
      ok: false,
      problems: [
        quoteProblem(header, mismatch),
        ...(after.ok
          ? []
          : after.problems.filter(
              (p) => p.line === null || p.line < mismatch.line || p.line > mismatch.until
            ))
      ].sort(byLine)
    };
  }
  return parseRows(header, records, delimiter, title);
}

/** The facts of the rows under the header, once the quotes are known to pair up. */
function parseRows(
  header: CsvRow | undefined,
  records: CsvRow[],
  delimiter: Delimiter,
  title: string | undefined
): OwnParseResult {
  const deckTitle = title?.trim().slice(0, L.maxTitleChars).trim() || DEFAULT_CSV_TITLE;
  const problems: OwnProblem[] = [];
  const warnings: OwnProblem[] = [];
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
  return toParseResult(deck, problems, warnings);
}
