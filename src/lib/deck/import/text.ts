/**
 * Flashcards in text form made into notes: a spreadsheet saved as CSV or tab-separated
 * text, Anki's "Notes in Plain Text" export, and Quizlet's export. Each reader returns an
 * `ImportResult` for the preview, with every line it leaves out named and explained; a
 * file that cannot be read at all throws an `ImportError` naming the problem and its line.
 *
 * Everything here is one pass over the text with no backtracking regexes: a file may be
 * 20 MB, or hostile, and is read in a worker the learner is waiting on.
 * Pure: no storage, no DOM.
 */
import { clozeNotes } from './cloze';
import { escapeSafeText, htmlToSafeText } from './html-text';
import {
  ImportError,
  type CardNote,
  type ImportResult,
  type ImportSkip,
  type ImportedNote
} from './types';

/** What the text readers accept: larger files are refused before any reading. */
export const TEXT_LIMITS = {
  /** Bytes of text (as UTF-8, as the file was). */
  maxBytes: 20 * 1024 * 1024,
  /** Notes from one file. */
  maxNotes: 20_000,
  /** Rows of a table: a bound on memory, well above what the notes allow. */
  maxRows: 100_000,
  /**
   * Characters in one field: no card holds more, and reading HTML takes time that grows
   * faster than its length (`htmlToSafeText` on many line breaks).
   */
  maxFieldChars: 100_000,
  /**
   * Characters in all the notes together: a bound on memory, since a cloze note repeats its
   * text once per number and a reversed card its fields twice.
   */
  maxNoteChars: 60_000_000
} as const;

const DEFAULT_TITLE = 'Imported cards';
const MB = 1024 * 1024;

/** One row of a table: its cells and the line (1-based) it starts on. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A table read from CSV or tab-separated text, for a screen to show and map. */
export interface TextTable {
  /** All rows, the header row (if any) first; blank lines are left out. */
  rows: TableRow[];
  /** The delimiter between cells: given, or the one that fits the text best. */
  delimiter: string;
  /** Whether the first row names the columns: a guess the learner may flip. */
  header: boolean;
  /** The most cells in any row. */
  columns: number;
}

export interface ReadTableOptions {
  /** One character between cells; detected among tab, comma and semicolon when absent. */
  delimiter?: string;
  /** Whether the first row is a header; guessed when absent. */
  header?: boolean;
}

/** Which column (counted from 0) holds what. */
export interface TableMapping {
  prompt: number;
  answer: number;
  /** Other accepted answers, separated by `|` or `;`. */
  variants?: number;
  explanation?: number;
  topic?: number;
  /** Tags separated by spaces or commas. */
  tags?: number;
}

export interface TableImportOptions {
  /** The cells are HTML (made into safe text); otherwise they are plain text. */
  html?: boolean;
}

/** Quizlet's export settings, as the learner chose them on Quizlet. */
export interface QuizletOptions {
  /** Between term and definition: a tab, a comma, or any text. */
  between: 'tab' | 'comma' | string;
  /** Between cards: a line break, a semicolon, or any text. */
  cards: 'newline' | 'semicolon' | string;
}

/** What a pasted or dropped text looks like, for a screen to pick its reader. */
export type TextFormat = 'anki' | 'gift' | 'quizlet' | 'csv' | 'tsv';

// ---------------------------------------------------------------------------------------
// Limits and small helpers

/**
 * Refuses text over the size limit, before any other work (a length check, then a count).
 * The size is rounded up, so a file just over the limit never reads as equal to it.
 */
function checkSize(text: string): void {
  // A UTF-16 unit is at least one UTF-8 byte, and at most three.
  const bytes = text.length > TEXT_LIMITS.maxBytes ? text.length : utf8Length(text);
  if (bytes > TEXT_LIMITS.maxBytes) {
    throw new ImportError(
      `This text is ${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB, more than the limit of ${TEXT_LIMITS.maxBytes / MB} MB: split it into smaller files.`
    );
  }
}

function utf8Length(text: string): number {
  if (text.length * 3 <= TEXT_LIMITS.maxBytes) return text.length; // cannot be over
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function tooManyNotes(line: number): ImportError {
  return new ImportError(
    `This file has more than ${TEXT_LIMITS.maxNotes.toLocaleString('en')} notes (the limit, reached on line ${line}): split it into smaller files.`,
    line
  );
}

function tooMuchText(line: number): ImportError {
  return new ImportError(
    `The notes from this file would hold more than ${TEXT_LIMITS.maxNoteChars / 1_000_000} million characters (the limit, reached on line ${line}): split it into smaller files.`,
    line
  );
}

/** Why a field is too long for a card, or nothing. */
function tooLongField(fields: (string | undefined)[]): string | undefined {
  const longest = fields.reduce((most, field) => Math.max(most, field?.length ?? 0), 0);
  if (longest <= TEXT_LIMITS.maxFieldChars) return undefined;
  return `a field has ${longest.toLocaleString('en')} characters, more than the ${TEXT_LIMITS.maxFieldChars.toLocaleString('en')} a card can hold`;
}

/** The characters a note holds, for the memory bound. */
function noteChars(note: ImportedNote): number {
  let chars = 0;
  for (const value of Object.values(note) as unknown[]) {
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) for (const item of value) chars += String(item).length;
  }
  return chars;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function plainCell(cell: string): string {
  return escapeSafeText(cell.replace(/\r\n?/g, '\n').trim());
}

/** Plain text as HTML, the way Anki stores a plain field: for the cloze reader, which reads HTML. */
function plainToHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n?|\n/g, '<br>');
}

function delimiterName(delimiter: string): string {
  if (delimiter === '\t') return 'tab';
  if (delimiter === ' ') return 'space';
  return `"${delimiter}"`;
}

/** Notes made so far, with the lines they came from, and what was left out. */
class Collector {
  readonly notes: ImportedNote[] = [];
  readonly skipped: ImportSkip[] = [];
  readonly warnings: string[] = [];
  private readonly seen = new Map<string, number>();
  private chars = 0;

  skip(line: number, why: string): void {
    this.skipped.push({ what: `line ${line}`, why });
  }

  /** Adds a note unless an identical one came before; false (and said) when it did. */
  add(note: ImportedNote, line: number, same: string): boolean {
    const first = this.seen.get(same);
    if (first !== undefined) {
      this.skip(
        line,
        first === line ? 'the same card twice' : `the same prompt and answer as line ${first}`
      );
      return false;
    }
    this.seen.set(same, line);
    if (this.notes.length >= TEXT_LIMITS.maxNotes) throw tooManyNotes(line);
    this.chars += noteChars(note);
    if (this.chars > TEXT_LIMITS.maxNoteChars) throw tooMuchText(line);
    this.notes.push(note);
    return true;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  result(title: string): ImportResult {
    return {
      title: title.trim() || DEFAULT_TITLE,
      notes: this.notes,
      skipped: this.skipped,
      warnings: this.warnings
    };
  }
}

function cardIdentity(note: CardNote): string {
  return `${note.prompt}\u0000${note.answer}`;
}

// ---------------------------------------------------------------------------------------
// CSV and tab-separated text

interface TokenizeOptions {
  delimiter: string;
  /** The line the text starts on (after header lines a reader took off). */
  startLine: number;
  /** A line starting with `#` where a row would start is a comment (Anki's files). */
  comments: boolean;
  /** Stop after this many rows. */
  maxRows: number;
  /** Stop quietly at a broken quote instead of throwing (for guessing the delimiter). */
  lenient: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;

/**
 * RFC 4180 with the leniency of real files: CRLF, LF or CR line ends; quoted fields with
 * `""` for a quote and line breaks inside; spaces before an opening quote ignored; a quote
 * inside an unquoted field taken as a character. Unquoted cells are trimmed. Rows whose
 * cells are all empty are left out. Line numbers count physical lines, so a row after a
 * multi-line field points where an editor shows it.
 *
 * A quote that does not pair up throws: one never closed (it would swallow the rest of the
 * file), or one closed only on a later line with more text after it (it swallowed the lines
 * between). Either way the error names the line where the quote opened.
 */
function tokenize(text: string, options: TokenizeOptions): TableRow[] {
  const { delimiter, comments, maxRows, lenient } = options;
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: TableRow[] = [];
  let i = 0;
  let line = options.startLine;
  while (i < n) {
    const rowLine = line;
    if (comments && text.charCodeAt(i) === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i += 1;
      i = lineEnd(text, i);
      line += 1;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      let k = i;
      if (d !== SPACE) while (k < n && text.charCodeAt(k) === SPACE) k += 1;
      if (k < n && text.charCodeAt(k) === QUOTE) {
        const quoteLine = line;
        let value = '';
        let p = k + 1;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q < 0) {
            if (lenient) return rows;
            throw new ImportError(
              `The quote opened on line ${quoteLine} is never closed: add the closing " or remove the opening one.`,
              quoteLine
            );
          }
          line += countBreaks(text, p, q);
          value += text.slice(p, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            p = q + 2;
          } else {
            p = q + 1;
            break;
          }
        }
        let e = p;
        while (e < n) {
          const c = text.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
          e += 1;
        }
        const tail = text.slice(p, e);
        if (tail.trim()) {
          if (line > quoteLine) {
            if (lenient) return rows;
            throw new ImportError(
              `The quote opened on line ${quoteLine} closes only on line ${line}, with more text after it: a closing " is missing on line ${quoteLine}, or there is a stray one.`,
              quoteLine
            );
          }
          // "a" b: kept rather than lost, as spreadsheets do.
          value += tail.trimEnd();
        }
        cells.push(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
        i = e;
      } else {
        let e = i;
        while (e < n) {
          const c = text.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
          e += 1;
        }
        cells.push(text.slice(i, e).trim());
        i = e;
      }
      if (i < n && text.charCodeAt(i) === d) {
        i += 1;
        continue;
      }
      break;
    }
    if (i < n) {
      i = lineEnd(text, i);
      line += 1;
    }
    if (cells.some((cell) => cell !== '')) {
      if (rows.length >= maxRows) {
        if (lenient) return rows;
        throw new ImportError(
          `This table has more than ${maxRows.toLocaleString('en')} rows (the limit, reached on line ${rowLine}), and at most ${TEXT_LIMITS.maxNotes.toLocaleString('en')} notes can come from one file: split it into smaller files.`,
          rowLine
        );
      }
      rows.push({ line: rowLine, cells });
    }
  }
  return rows;
}

/** The index after the line break at i (CRLF, LF or CR). */
function lineEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 2;
  return i < text.length ? i + 1 : i;
}

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count += 1;
  }
  return count;
}

/** Candidates in the order they win a tie: a tab is never text, a semicolon rarely is. */
const CANDIDATES = ['\t', ';', ','] as const;
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 50;

/** The start of a text cut at a line break, for guessing from. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
  return text.slice(0, cut > 0 ? cut : SAMPLE_CHARS);
}

/**
 * The delimiter that splits the first rows most consistently into two or more cells. A
 * row's cell count is read with quotes, so a comma inside a quoted field does not count.
 */
function detectDelimiter(text: string, comments = false): string {
  const sample = sampleOf(text);
  let best: string = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const rows = tokenize(sample, {
      delimiter: candidate,
      startLine: 1,
      comments,
      maxRows: SAMPLE_ROWS,
      lenient: true
    });
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
    let mode = 0;
    let modeRows = 0;
    for (const [count, times] of counts) {
      if (times > modeRows || (times === modeRows && count > mode)) {
        mode = count;
        modeRows = times;
      }
    }
    if (mode < 2 || rows.length === 0) continue;
    const knownHeader = (rows[0]?.cells ?? []).filter((c) => columnRole(c) !== undefined).length;
    const score = modeRows / rows.length + (knownHeader >= 2 ? 1 : 0);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

type Role = keyof TableMapping;

const ROLE_NAMES: Record<Role, readonly string[]> = {
  prompt: ['prompt', 'question', 'front', 'term', 'word', 'q', 'text', 'cue'],
  answer: ['answer', 'back', 'definition', 'meaning', 'translation', 'a', 'response'],
  variants: ['variants', 'variant', 'alternatives', 'also accepted', 'synonyms'],
  explanation: ['explanation', 'notes', 'note', 'extra', 'back extra', 'details', 'comment'],
  topic: ['topic', 'deck', 'category', 'chapter', 'subject', 'section'],
  tags: ['tags', 'tag', 'labels']
};

/** The role a header cell names, if any. */
function columnRole(cell: string): Role | undefined {
  const name = cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    if (ROLE_NAMES[role].includes(name)) return role;
  }
  return undefined;
}

const NUMBER = /^[-+]?[0-9]+(?:[.,][0-9]+)?$/;

/** A cell that reads like a column name: a few capitalised words, no digits, no sentence. */
function labelLike(cell: string): boolean {
  return (
    cell.length > 0 &&
    cell.length <= 30 &&
    cell.split(/\s+/).length <= 4 &&
    /^\p{Lu}/u.test(cell) &&
    !/[0-9?!.:;]/.test(cell)
  );
}

/**
 * Whether the first row names the columns: it does when its cells are names like front
 * and back, or when it is unlike the rows below it (a word above a column of numbers, or
 * short capitalised labels above much longer text).
 */
function guessHeader(rows: TableRow[]): boolean {
  const first = rows[0];
  if (!first || rows.length < 2) return false;
  const cells = first.cells.map((c) => c.trim());
  const known = cells.filter((c) => columnRole(c) !== undefined).length;
  if (known >= 2 || (known === 1 && cells.filter(Boolean).length === 1)) return true;
  const labels = cells.every(labelLike) && new Set(cells).size === cells.length;
  const body = rows.slice(1, 51);
  let longer = 0;
  for (const [index, cell] of cells.entries()) {
    const below = body.map((row) => (row.cells[index] ?? '').trim()).filter(Boolean);
    if (below.length === 0) continue;
    const numbers = below.filter((c) => NUMBER.test(c)).length;
    if (numbers / below.length >= 0.8 && cell && !NUMBER.test(cell)) return true;
    const mean = below.reduce((sum, c) => sum + c.length, 0) / below.length;
    if (mean >= Math.max(12, cell.length * 3)) longer += 1;
  }
  return labels && longer > 0;
}

/**
 * Reads CSV or tab-separated text into rows of cells. The delimiter is detected unless
 * given, and whether the first row is a header is guessed unless given: both are for a
 * screen to show and let the learner change (read again with the other delimiter, or
 * flip `header`). Throws `ImportError` for text over the size limit, a quote that does
 * not pair up (naming the line it opened on), or a delimiter that cannot be one.
 */
export function readTable(text: string, options: ReadTableOptions = {}): TextTable {
  checkSize(text);
  const body = stripBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(body);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new ImportError(
      `The delimiter must be one character other than a quote or a line break (got ${JSON.stringify(delimiter)}).`
    );
  }
  const rows = tokenize(body, {
    delimiter,
    startLine: 1,
    comments: false,
    maxRows: TEXT_LIMITS.maxRows,
    lenient: false
  });
  return {
    rows,
    delimiter,
    header: options.header ?? guessHeader(rows),
    columns: rows.reduce((most, row) => Math.max(most, row.cells.length), 0)
  };
}

/**
 * The mapping to offer first: columns named in the header where there is one, otherwise
 * (or for what the header does not name) the first column as the prompt and the next as
 * the answer.
 */
export function guessMapping(table: TextTable): TableMapping {
  const found: Partial<TableMapping> = {};
  if (table.header) {
    for (const [index, cell] of (table.rows[0]?.cells ?? []).entries()) {
      const role = columnRole(cell);
      if (role && found[role] === undefined) found[role] = index;
    }
  }
  const taken = new Set(Object.values(found));
  const free = () => {
    let index = 0;
    while (taken.has(index)) index += 1;
    taken.add(index);
    return index;
  };
  const prompt = found.prompt ?? free();
  const answer = found.answer ?? free();
  return { ...found, prompt, answer };
}

/** A column as the learner knows it: its header name, or its place. */
function columnLabel(table: TextTable, index: number): string {
  const name = table.header ? (table.rows[0]?.cells[index] ?? '').trim() : '';
  return name ? `"${name}"` : `column ${index + 1}`;
}

function splitVariants(cell: string): string[] {
  return cell.split(/[|;]/);
}

function splitTags(cell: string): string[] {
  return cell.split(/[\s,;]+/).filter(Boolean);
}

/** Counts pictures and sounds a text format cannot carry, to say they were left out. */
function mediaWarnings(cells: Iterable<string>, html: boolean, into: Collector): void {
  let images = 0;
  let sounds = 0;
  for (const cell of cells) {
    if (html) images += cell.match(/<img\b/gi)?.length ?? 0;
    sounds += cell.match(/\[sound:/gi)?.length ?? 0;
  }
  if (images > 0) {
    into.warn(
      `${images} picture${images === 1 ? '' : 's'} left out: a text file names pictures but does not carry them.`
    );
  }
  if (sounds > 0) {
    into.warn(
      `${sounds} sound${sounds === 1 ? '' : 's'} left out: a text file names sounds but does not carry them.`
    );
  }
}

/** Drops Anki's `[sound:file.mp3]` references, which would show as text. */
function withoutSounds(text: string): string {
  return text.includes('[sound:') ? text.replace(/\[sound:[^\]\n]{0,1000}\]/g, '') : text;
}

/**
 * Makes the rows of a table into cards, with the mapping the learner chose. A row with an
 * empty prompt or answer is left out and said; so is a row with the same prompt and answer
 * as an earlier one. Cells are plain text unless `html` is set, when they are HTML made into
 * safe text (scripts, handlers and links dropped). Throws `ImportError` for a mapping that
 * cannot work or more notes than the limit.
 */
export function tableToImport(
  table: TextTable,
  mapping: TableMapping,
  title: string,
  options: TableImportOptions = {}
): ImportResult {
  const columns = [mapping.prompt, mapping.answer];
  for (const index of Object.values(mapping) as (number | undefined)[]) {
    if (index !== undefined && (!Number.isInteger(index) || index < 0)) {
      throw new ImportError(`A column number must be 0 or more (got ${index}).`);
    }
  }
  if (mapping.prompt === mapping.answer) {
    throw new ImportError('The prompt and the answer must come from different columns.');
  }
  if (table.rows.length > 0 && Math.max(...columns) >= table.columns) {
    throw new ImportError(
      table.columns < 2
        ? `Every row has only one cell: a card needs a prompt column and an answer column (is the delimiter ${delimiterName(table.delimiter)} right?).`
        : `The table has ${table.columns} columns: there is no column ${Math.max(...columns) + 1}.`
    );
  }
  const html = options.html === true;
  const convert = (cell: string | undefined): string =>
    cell ? (html ? htmlToSafeText(withoutSounds(cell)) : plainCell(withoutSounds(cell))) : '';
  const into = new Collector();
  const body = table.header ? table.rows.slice(1) : table.rows;
  mediaWarnings(
    body.flatMap((row) => [row.cells[mapping.prompt] ?? '', row.cells[mapping.answer] ?? '']),
    html,
    into
  );
  const mapped = (Object.values(mapping) as (number | undefined)[]).filter(
    (index): index is number => index !== undefined
  );
  for (const row of body) {
    const tooLong = tooLongField(mapped.map((index) => row.cells[index]));
    if (tooLong) {
      into.skip(row.line, tooLong);
      continue;
    }
    const prompt = convert(row.cells[mapping.prompt]);
    const answer = convert(row.cells[mapping.answer]);
    if (!prompt || !answer) {
      into.skip(
        row.line,
        `the ${!prompt ? 'prompt' : 'answer'} (${columnLabel(table, !prompt ? mapping.prompt : mapping.answer)}) is empty`
      );
      continue;
    }
    const pick = (index: number | undefined) =>
      index === undefined ? undefined : row.cells[index];
    const variants = [
      ...new Set(
        splitVariants(pick(mapping.variants) ?? '')
          .map(convert)
          .filter((v) => v && v !== answer)
      )
    ];
    const explanation = convert(pick(mapping.explanation));
    const topic = convert(pick(mapping.topic));
    const tags = [...new Set(splitTags(pick(mapping.tags) ?? ''))];
    const note: CardNote = {
      form: 'card',
      key: `line-${row.line}`,
      prompt,
      answer,
      ...(variants.length > 0 && { variants }),
      ...(explanation && { explanation }),
      ...(topic && { topic }),
      ...(tags.length > 0 && { tags })
    };
    into.add(note, row.line, cardIdentity(note));
  }
  if (body.length === 0) into.warn('There are no rows to make cards from.');
  return into.result(title);
}

// ---------------------------------------------------------------------------------------
// Anki's "Notes in Plain Text" export

const SEPARATOR_NAMES: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  space: ' ',
  pipe: '|',
  colon: ':'
};

interface AnkiHeaders {
  separator?: string;
  html?: boolean;
  tags: string[];
  notetype?: string;
  deck?: string;
  /** 1-based columns, as Anki counts them. */
  notetypeColumn?: number;
  deckColumn?: number;
  tagsColumn?: number;
  guidColumn?: number;
}

/** The value of a `#key column:N` header: a column from 1, or nothing. */
function columnNumber(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^[0-9]{1,4}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 ? n : undefined;
}

/**
 * Reads the header lines at the top of an Anki text file (Anki 2.1.54+): `#key:value`, each
 * on its own line, an old-style `tags:` line possibly first. Returns where the notes start.
 */
function readAnkiHeaders(
  text: string,
  warnings: Collector
): { headers: AnkiHeaders; offset: number; line: number } {
  const headers: AnkiHeaders = { tags: [] };
  let offset = 0;
  let line = 1;
  let first = true;
  while (offset < text.length) {
    let end = offset;
    while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR)
      end += 1;
    const content = text.slice(offset, end);
    if (first && content.startsWith('tags:')) {
      headers.tags.push(...splitTags(content.slice(5)));
    } else if (content.startsWith('#')) {
      const colon = content.indexOf(':');
      if (colon > 0)
        readAnkiHeader(content.slice(1, colon), content.slice(colon + 1), headers, warnings);
    } else break;
    first = false;
    offset = lineEnd(text, end);
    line += 1;
  }
  return { headers, offset, line };
}

function readAnkiHeader(
  rawKey: string,
  value: string,
  headers: AnkiHeaders,
  into: Collector
): void {
  const key = rawKey.trim().toLowerCase();
  switch (key) {
    case 'separator': {
      const named = SEPARATOR_NAMES[value.trim().toLowerCase()];
      const literal = value.length === 1 ? value : value.trim().length === 1 ? value.trim() : '';
      const separator = named ?? literal;
      if (separator && separator !== '"') headers.separator = separator;
      else
        into.warn(
          `The separator "${value.trim()}" is not one Sourcedeck knows: it was guessed instead.`
        );
      break;
    }
    case 'html': {
      const flag = value.trim().toLowerCase();
      if (flag === 'true' || flag === 'false') headers.html = flag === 'true';
      break;
    }
    case 'tags':
      headers.tags.push(...splitTags(value));
      break;
    case 'notetype':
      headers.notetype = value.trim() || undefined;
      break;
    case 'deck':
      headers.deck = value.trim() || undefined;
      break;
    case 'notetype column':
      headers.notetypeColumn = columnNumber(value);
      break;
    case 'deck column':
      headers.deckColumn = columnNumber(value);
      break;
    case 'tags column':
      headers.tagsColumn = columnNumber(value);
      break;
    case 'guid column':
      headers.guidColumn = columnNumber(value);
      break;
    // `columns` only names the columns for Anki's import screen; other keys are Anki's too.
  }
}

/** Whether fields look like HTML, as Anki guesses when a file does not say. */
function looksLikeHtml(rows: TableRow[]): boolean {
  const pattern =
    /<\/?[a-z][a-z0-9]*\b[^<>]{0,2000}>|&(?:[a-z]{2,8}|#[0-9]{1,7}|#x[0-9a-f]{1,6});/i;
  return rows.slice(0, 50).some((row) => row.cells.some((cell) => pattern.test(cell)));
}

/** How a note type's fields become cards, from its name (Anki's stock types, in English). */
type NoteKind = 'basic' | 'reversed' | 'optional-reversed' | 'typed' | 'cloze' | 'other';

function noteKind(name: string | undefined, firstField: string): NoteKind {
  if (!name) return /\{\{c[0-9]/.test(firstField) ? 'cloze' : 'basic';
  const lower = name.toLowerCase();
  if (lower.includes('cloze')) return 'cloze';
  if (lower.includes('optional reversed')) return 'optional-reversed';
  if (lower.includes('reversed')) return 'reversed';
  if (lower.includes('type in the answer')) return 'typed';
  if (/^basic\b/.test(lower)) return 'basic';
  return 'other';
}

/** `A::B::C` gives its last part: the topic. A deck without `::` gives none. */
function deckTopic(deck: string | undefined): string | undefined {
  if (!deck || !deck.includes('::')) return undefined;
  return deck.slice(deck.lastIndexOf('::') + 2).trim() || undefined;
}

function deckRoot(deck: string): string {
  const at = deck.indexOf('::');
  return (at < 0 ? deck : deck.slice(0, at)).trim();
}

/**
 * Reads Anki's "Notes in Plain Text" export (or any text file with Anki's file headers):
 * one note per row, the columns the headers name (GUID, note type, deck, tags) taken out,
 * the others being the note's fields in order. A Basic note gives a card (two for a
 * reversed type); a Cloze note gives one cloze per number; another note type gives a card
 * of its first two fields, with a warning. A deck `A::B` gives the topic `B`, and decks
 * sharing a root deck name the import. Without `#html:`, fields are read as HTML when they
 * look like it, as Anki does.
 */
export function readAnkiText(text: string, title: string): ImportResult {
  checkSize(text);
  const body = stripBom(text);
  const into = new Collector();
  const { headers, offset, line } = readAnkiHeaders(body, into);
  const rest = body.slice(offset);
  const delimiter = headers.separator ?? detectDelimiter(rest, true);
  const rows = tokenize(rest, {
    delimiter,
    startLine: line,
    comments: true,
    maxRows: TEXT_LIMITS.maxRows,
    lenient: false
  });
  const html = headers.html ?? looksLikeHtml(rows);
  const meta = new Set(
    [headers.guidColumn, headers.notetypeColumn, headers.deckColumn, headers.tagsColumn].filter(
      (c): c is number => c !== undefined
    )
  );
  const cell = (row: TableRow, column: number | undefined) =>
    column === undefined ? undefined : row.cells[column - 1]?.trim();
  const toSafe = (field: string) =>
    html ? htmlToSafeText(withoutSounds(field)) : plainCell(withoutSounds(field));
  mediaWarnings(
    rows.flatMap((row) => row.cells),
    html,
    into
  );

  const guids = new Map<string, number>();
  const roots = new Set<string>();
  for (const row of rows) {
    const tooLong = tooLongField(row.cells);
    if (tooLong) {
      into.skip(row.line, tooLong);
      continue;
    }
    const fields = row.cells.filter((_, index) => !meta.has(index + 1));
    const notetype = cell(row, headers.notetypeColumn) || headers.notetype;
    const deck = cell(row, headers.deckColumn) || headers.deck;
    const guid = cell(row, headers.guidColumn);
    if (guid) {
      const first = guids.get(guid);
      if (first !== undefined) {
        into.skip(row.line, `the same note (GUID ${guid}) as line ${first}`);
        continue;
      }
      guids.set(guid, row.line);
    }
    const keyBase = guid ? guid : `line-${row.line}`;
    const topic = deckTopic(deck);
    const tags = [...new Set([...headers.tags, ...splitTags(cell(row, headers.tagsColumn) ?? '')])];
    const common = {
      ...(topic && { topic }),
      ...(tags.length > 0 && { tags })
    };
    const [front = '', back = '', ...others] = fields;
    const kind = noteKind(notetype, front);
    if (deck) roots.add(deckRoot(deck));

    if (kind === 'cloze') {
      const source = html ? front : plainToHtml(front);
      const extra = html ? back : plainToHtml(back);
      const notes = clozeNotes(withoutSounds(source), withoutSounds(extra), keyBase);
      if (notes.length === 0) {
        into.skip(row.line, 'a cloze note with no gap to fill ({{c1::…}})');
        continue;
      }
      for (const note of notes) {
        into.add(
          { ...note, ...common },
          row.line,
          `${note.before}\u0000${note.answer}\u0000${note.after}`
        );
      }
      continue;
    }

    const prompt = toSafe(front);
    const answer = toSafe(back);
    if (!prompt || !answer) {
      into.skip(row.line, `the ${!prompt ? 'first' : 'second'} field is empty`);
      continue;
    }
    if (kind === 'other') {
      into.warn(
        `Note type "${notetype}": its first field is taken as the prompt and its second as the answer.`
      );
    }
    // Fields past the second are background (the "Add Reverse" flag of the optional type is not).
    const extraFields = kind === 'optional-reversed' ? others.slice(1) : others;
    const explanation = extraFields.map(toSafe).filter(Boolean).join('\n\n');
    const card: CardNote = {
      form: 'card',
      key: `${keyBase}:0`,
      prompt,
      answer,
      ...(kind === 'typed' && { typed: true }),
      ...(explanation && { explanation }),
      ...common
    };
    into.add(card, row.line, cardIdentity(card));
    const reverse =
      kind === 'reversed' || (kind === 'optional-reversed' && (others[0] ?? '').trim() !== '');
    if (reverse) {
      const back: CardNote = { ...card, key: `${keyBase}:1`, prompt: answer, answer: prompt };
      into.add(back, row.line, cardIdentity(back));
    }
  }
  if (rows.length === 0) into.warn('There are no notes below the file headers.');
  const [root] = roots;
  const deckTitle = roots.size === 1 && root && root !== 'Default' ? root : '';
  return into.result(deckTitle || title);
}

// ---------------------------------------------------------------------------------------
// Quizlet

function quizletSeparator(value: string, names: Record<string, string>, what: string): string {
  const named = names[value];
  const separator = (named ?? value).replace(/\r\n?/g, '\n');
  if (!separator) throw new ImportError(`The separator between ${what} is empty.`);
  return separator;
}

/**
 * Reads Quizlet's export: cards separated by `cards`, each the term (the prompt), then
 * `between`, then the definition (the answer). Quizlet writes no quotes, so the first
 * `between` in a card ends its term. A card without it, or with an empty side, is left out
 * and said, with its line.
 */
export function readQuizlet(text: string, options: QuizletOptions, title: string): ImportResult {
  checkSize(text);
  const between = quizletSeparator(
    options.between,
    { tab: '\t', comma: ',' },
    'term and definition'
  );
  const cards = quizletSeparator(options.cards, { newline: '\n', semicolon: ';' }, 'cards');
  const body = stripBom(text).replace(/\r\n?/g, '\n');
  const into = new Collector();
  const byLine = cards === '\n';
  let line = 1;
  let start = 0;
  let position = 0;
  while (start <= body.length) {
    const found = body.indexOf(cards, start);
    const end = found < 0 ? body.length : found;
    const card = body.slice(start, end);
    // The card's own line: past the blank lines a separator like ";\n" leaves before it.
    const lead = card.length - card.trimStart().length;
    const cardLine = line + countBreaks(card, 0, lead);
    line += countBreaks(body, start, found < 0 ? body.length : found + cards.length);
    start = found < 0 ? body.length + 1 : found + cards.length;
    if (!card.trim()) continue;
    position += 1;
    const tooLong = tooLongField([card]);
    if (tooLong) {
      into.skip(cardLine, tooLong);
      continue;
    }
    const at = card.indexOf(between);
    if (at < 0) {
      into.skip(cardLine, `no ${delimiterName(between)} between term and definition`);
      continue;
    }
    const prompt = plainCell(card.slice(0, at));
    const answer = plainCell(card.slice(at + between.length));
    if (!prompt || !answer) {
      into.skip(cardLine, `the ${!prompt ? 'term' : 'definition'} is empty`);
      continue;
    }
    const note: CardNote = {
      form: 'card',
      key: byLine ? `line-${cardLine}` : `card-${position}`,
      prompt,
      answer
    };
    into.add(note, cardLine, cardIdentity(note));
  }
  return into.result(title);
}

// ---------------------------------------------------------------------------------------
// Which reader

const ANKI_HEADER_KEYS = new Set([
  'separator',
  'html',
  'tags',
  'columns',
  'notetype',
  'deck',
  'notetype column',
  'deck column',
  'tags column',
  'guid column'
]);

/** Whether the text opens with Anki's file headers (`#separator:tab` and the like). */
function hasAnkiHeaders(sample: string): boolean {
  const lines = sample.split(/\r\n|\r|\n/, 20);
  for (const [index, line] of lines.entries()) {
    if (index === 0 && line.startsWith('tags:')) continue;
    if (!line.startsWith('#')) return false;
    const colon = line.indexOf(':');
    if (colon > 0 && ANKI_HEADER_KEYS.has(line.slice(1, colon).trim().toLowerCase())) return true;
  }
  return false;
}

/** GIFT's marks: a `::title::` or `$CATEGORY:` line, or an answer block `{=…}`, `{~…}`, `{#…}`, `{T}`. */
function looksLikeGift(sample: string): boolean {
  return (
    /^[ \t]*::[^:\n]{1,200}::/m.test(sample) ||
    /^[ \t]*\$CATEGORY:/m.test(sample) ||
    /\{[ \t\r\n]*(?:[=~#]|(?:T|F|TRUE|FALSE)[ \t]*\})/i.test(sample)
  );
}

/**
 * Guesses which reader a pasted or dropped text is for: Anki's export by its file headers,
 * GIFT (read elsewhere) by its marks, a Quizlet list by its shape (each line a term, one
 * tab and a definition, or `term,definition;` cards run together), and otherwise a
 * table, CSV or tab-separated. The file name's extension settles GIFT, CSV and TSV.
 */
export function detectTextFormat(text: string, fileName?: string): TextFormat {
  const sample = sampleOf(stripBom(text.slice(0, SAMPLE_CHARS + 1)));
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1];
  if (hasAnkiHeaders(sample)) return 'anki';
  if (extension === 'gift' || looksLikeGift(sample)) return 'gift';
  if (extension === 'csv') return 'csv';
  if (extension === 'tsv' || extension === 'tab') return 'tsv';
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 'csv';
  const delimiter = detectDelimiter(sample);
  if (delimiter === '\t') {
    const quizlet = lines
      .slice(0, SAMPLE_ROWS)
      .every((l) => l.split('\t').length === 2 && !l.trimStart().startsWith('"'));
    const headed = guessHeader(
      tokenize(sample, {
        delimiter: '\t',
        startLine: 1,
        comments: false,
        maxRows: SAMPLE_ROWS,
        lenient: true
      })
    );
    return quizlet && !headed ? 'quizlet' : 'tsv';
  }
  // Quizlet's "comma, semicolon" export: one long line of term,definition; cards.
  if (lines.length <= 2) {
    const cards = lines
      .join('')
      .split(';')
      .filter((c) => c.trim() !== '');
    if (cards.length >= 2 && cards.every((c) => c.includes(','))) return 'quizlet';
  }
  return 'csv';
}
