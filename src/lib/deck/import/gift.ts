/**
 * Reading GIFT, Moodle's plain-text quiz format, into a parse tree: one entry per question
 * or category, with the question's type, title, text and answers as the file wrote them.
 * The tree has the shape of the shared reference fixtures (`shared/fixtures/gift`), so the
 * reader is checked against them; `gift-notes.ts` turns it into notes.
 *
 * A hand-written scanner in one pass over the text: no regular expression that can
 * backtrack, so a large or hostile file is read in linear time. A file that breaks the
 * format throws an `ImportError` naming the problem and its line.
 * Pure: no storage, no DOM.
 *
 * The format, as read here:
 * - Questions are separated by blank lines (a blank line inside `{...}` does not end one).
 * - Lines starting with `//` are comments, dropped wherever they are; `// [id:x]` and
 *   `// [tag:y]` give the next question its id and tags.
 * - `$CATEGORY: path` on its own line names the category of the questions after it.
 * - A question is `::title::` (optional), `[html]`, `[markdown]`, `[moodle]` or `[plain]`
 *   (optional, default moodle), its text, then an answer block `{...}`. Text after the
 *   block makes it a fill-in-the-gap question (`_____` marks the gap). No block at all
 *   makes a description.
 * - In the block: nothing (essay); `TRUE`, `FALSE`, `T` or `F` with up to two `#feedback`
 *   (true/false); `#` then numbers (numerical: `n`, `n:tolerance`, `low..high`, or a list
 *   of `=` answers); answers `=right` and `~wrong`, each with an optional `%weight%`,
 *   `[format]` and `#feedback` (multiple choice when any is `~`, matching when every one
 *   is `=left -> right`, short answer otherwise); a single word or phrase (short answer);
 *   and `####general feedback` at the end.
 * - `\~ \= \# \{ \} \:` stand for the character itself, `\\` for a backslash, `\n` for
 *   a line break. In moodle and plain text a line break in the file is a space; in html
 *   and markdown text it is kept.
 */
import { ImportError } from './types';

/** How a piece of text is written: Moodle's auto-format, HTML, Markdown or plain text. */
export type GiftFormat = 'moodle' | 'html' | 'markdown' | 'plain';

/** A piece of text with its format; escapes are already resolved. */
export interface GiftText {
  format: GiftFormat;
  text: string;
}

/** One answer of a multiple-choice, short-answer or numerical question. */
export interface GiftChoice<T = GiftText> {
  /** Written with `=` (true) or `~` (false). */
  isCorrect: boolean;
  /** The `%weight%`, a percentage of the marks, or null when none was written. */
  weight: number | null;
  text: T;
  feedback: GiftText | null;
}

/** A numerical answer: a number, a number with a tolerance, or a range. */
export type GiftNumber =
  | { type: 'simple'; number: number }
  | { type: 'range'; number: number; range: number }
  | { type: 'high-low'; numberHigh: number; numberLow: number };

interface GiftQuestionCommon {
  /** From a `// [id:...]` comment before the question. */
  id: string | null;
  /** From `// [tag:...]` comments before the question. */
  tags: string[] | null;
  title: string | null;
  stem: GiftText;
  /** The answers sit inside the text (`Grant is {...} in Grant's tomb.`); the stem shows `_____` there. */
  hasEmbeddedAnswers: boolean;
}

interface GiftAnswered extends GiftQuestionCommon {
  /** The `####` feedback shown whatever the answer. */
  globalFeedback: GiftText | null;
}

export interface GiftMultipleChoice extends GiftAnswered {
  type: 'MC';
  choices: GiftChoice[];
}

export interface GiftShortAnswer extends GiftAnswered {
  type: 'Short';
  choices: GiftChoice[];
}

export interface GiftNumerical extends GiftAnswered {
  type: 'Numerical';
  /**
   * One number when the block is just `#n`, `#n:t` or `#a..b`; otherwise the list of
   * answers (a `~` answer with no number, Moodle's "anything else", has the text `*`).
   */
  choices: GiftNumber | GiftChoice<GiftNumber | GiftText>[];
}

export interface GiftTrueFalse extends GiftAnswered {
  type: 'TF';
  isTrue: boolean;
  /**
   * The first and second `#feedback`. Named as the reference tree names them; Moodle shows
   * the first to a learner who answers wrongly and the second to one who answers rightly.
   */
  trueFeedback: GiftText | null;
  falseFeedback: GiftText | null;
}

export interface GiftMatching extends GiftAnswered {
  type: 'Matching';
  matchPairs: { subquestion: GiftText; subanswer: string }[];
}

export interface GiftEssay extends GiftAnswered {
  type: 'Essay';
}

/** Text with no answer block: shown between questions, nothing to answer. */
export interface GiftDescription extends GiftQuestionCommon {
  type: 'Description';
}

/** `$CATEGORY: $course$/top/A/B`: the questions after it belong to that category. */
export interface GiftCategory {
  type: 'Category';
  title: string;
}

export type GiftQuestion =
  | GiftMultipleChoice
  | GiftShortAnswer
  | GiftNumerical
  | GiftTrueFalse
  | GiftMatching
  | GiftEssay
  | GiftDescription
  | GiftCategory;

/**
 * The line each entry of a parsed tree starts on, by the tree (one entry per parse). Kept
 * beside the tree rather than in it, so the tree stays exactly the reference shape.
 */
const startLines = new WeakMap<GiftQuestion[], number[]>();

/**
 * The 1-based line each entry of a tree returned by `parseGift` starts on, by index;
 * undefined for a tree made otherwise (or a copy of one).
 */
export function giftLines(tree: GiftQuestion[]): readonly number[] | undefined {
  return startLines.get(tree);
}

const FORMATS: readonly GiftFormat[] = ['html', 'markdown', 'moodle', 'plain'];
const BACKSLASH = 92;
const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;

/** A set of ASCII characters, for `Reader.scan`. */
function stopSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (const c of chars) set[c.charCodeAt(0)] = 1;
  return set;
}
const BRACES = stopSet('{}');
const MARKS = stopSet('=~');
const MARKS_OR_HASH = stopSet('=~#');
const HASH = stopSet('#');
const COLON = stopSet(':');

interface Meta {
  id: string | null;
  tags: string[];
}

/** The text with comment lines taken out, and what is needed to name lines of the file. */
interface Source {
  s: string;
  /** Where each remaining line starts in `s`. */
  starts: Int32Array;
  /** The line of the file each remaining line is. */
  fileLines: Int32Array;
  /** 1 at a line break that ends a question: the next line is blank or a category. */
  breakAt: Uint8Array;
  /** `[id:]` and `[tag:]` comments, by the index of the next non-blank line. */
  meta: Map<number, Meta>;
}

/** Reads a GIFT file into its questions and categories, in file order. */
export function parseGift(text: string): GiftQuestion[] {
  const lines: number[] = [];
  const tree = new Reader(prepare(text)).readAll(lines);
  startLines.set(tree, lines);
  return tree;
}

function prepare(text: string): Source {
  const whole = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = whole.split('\n');
  // Typed arrays and no per-line objects: a megabyte can hold a million lines.
  const fileLines = new Int32Array(lines.length);
  const meta = new Map<number, Meta>();
  let kept = 0;
  let pending: Meta | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const indent = indentOf(line);
    if (line.startsWith('//', indent)) {
      const found = metaOfComment(line);
      if (found) {
        pending ??= { id: null, tags: [] };
        pending.id = found.id ?? pending.id;
        for (const tag of found.tags) pending.tags.push(tag);
      }
      continue;
    }
    if (pending && indent < line.length) {
      meta.set(kept, pending);
      pending = null;
    }
    fileLines[kept] = i + 1;
    kept += 1;
  }
  const keptLines =
    kept === lines.length ? lines : Array.from(fileLines.subarray(0, kept), (l) => lines[l - 1]!);
  const s = kept === lines.length ? whole : keptLines.join('\n');
  const starts = new Int32Array(kept);
  const breakAt = new Uint8Array(s.length + 1);
  let at = 0;
  for (let k = 0; k < kept; k += 1) {
    const line = keptLines[k]!;
    starts[k] = at;
    if (k > 0 && (isBlank(line) || isCategoryLine(line))) breakAt[at - 1] = 1;
    at += line.length + 1;
  }
  return { s, starts, fileLines: fileLines.subarray(0, kept), breakAt, meta };
}

/** Where the first character other than a space or tab is (the length for a blank line). */
function indentOf(line: string): number {
  let k = 0;
  while (line.charCodeAt(k) === SPACE || line.charCodeAt(k) === TAB) k += 1;
  return k;
}

function isBlank(line: string): boolean {
  return indentOf(line) === line.length;
}

function isCategoryLine(line: string): boolean {
  const k = indentOf(line);
  return line[k] === '$' && line.slice(k, k + 10).toUpperCase() === '$CATEGORY:';
}

/** `// [id:12] [tag:a] [tag:b]` → its id and tags, or null for an ordinary comment. */
function metaOfComment(line: string): Meta | null {
  const found: Meta = { id: null, tags: [] };
  for (const m of line.matchAll(/\[(id|tag):([^[\]\n]*)\]/g)) {
    const value = m[2]!.trim();
    if (!value) continue;
    if (m[1] === 'id') found.id = value;
    else found.tags.push(value);
  }
  return found.id !== null || found.tags.length > 0 ? found : null;
}

/** Resolves GIFT escapes: `\~ \= \# \{ \} \: \\` give the character, `\n` a line break. */
function unescape(raw: string): string {
  return raw.replace(/\\([\\~=#{}:n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Text as the format reads it: moodle and plain turn a line break (with the spaces around it) into one space. */
function textOf(raw: string, format: GiftFormat): string {
  const spaced =
    format === 'html' || format === 'markdown'
      ? raw
      : raw.replace(/[ \t\n]+/g, (run) => (run.includes('\n') ? ' ' : run));
  return unescape(spaced).trim();
}

/** A number as GIFT writes one (a weight, a numerical answer): decimal, maybe with an exponent. */
function numberOf(raw: string): number | null {
  const t = raw.trim();
  // Checked character by character first: `Number` alone takes "0x10", "Infinity", "".
  if (!/^[+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

/** A range of `s`: [from, to). */
interface Span {
  from: number;
  to: number;
}

type Answered = Exclude<GiftQuestion, GiftDescription | GiftCategory>;

/** What an answer block adds to a question: its type and answers. */
type AnswerPart = {
  [K in Answered['type']]: Omit<Extract<Answered, { type: K }>, keyof GiftAnswered>;
}[Answered['type']];

/** One `=` or `~` answer inside a block, before it is interpreted. */
interface RawAnswer {
  /** Empty for the unmarked first answer of `{#n}`. */
  marker: '=' | '~' | '';
  weight: number | null;
  body: Span;
  feedback: Span | null;
}

class Reader {
  private readonly s: string;
  private readonly n: number;

  constructor(private readonly src: Source) {
    this.s = src.s;
    this.n = src.s.length;
  }

  /** Every entry, in order; `lines` gets the line each starts on. */
  readAll(lines: number[]): GiftQuestion[] {
    const out: GiftQuestion[] = [];
    let pos = 0;
    for (;;) {
      pos = this.skipSpace(pos, this.n);
      if (pos >= this.n) return out;
      const line = this.lineOf(pos);
      let entry: GiftQuestion;
      if (this.s[pos] === '$' && this.s.slice(pos, pos + 10).toUpperCase() === '$CATEGORY:') {
        const end = this.lineEnd(pos);
        const title = this.s.slice(pos + 10, end).trim();
        if (!title) this.fail('$CATEGORY: needs the name of a category after it.', pos);
        entry = { type: 'Category', title };
        pos = end;
      } else {
        entry = this.readQuestion(pos);
        pos = this.end;
      }
      lines.push(line);
      out.push(entry);
    }
  }

  // ---- Positions and lines ----

  private lineIndex(pos: number): number {
    const { starts } = this.src;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private lineOf(pos: number): number {
    return this.src.fileLines[this.lineIndex(pos)] ?? 1;
  }

  private lineEnd(pos: number): number {
    const end = this.s.indexOf('\n', pos);
    return end < 0 ? this.n : end;
  }

  private fail(message: string, pos: number): never {
    throw new ImportError(message, this.lineOf(pos));
  }

  private isSpace(pos: number): boolean {
    const c = this.s.charCodeAt(pos);
    return c === SPACE || c === TAB || c === NEWLINE;
  }

  private skipSpace(pos: number, to: number): number {
    while (pos < to && this.isSpace(pos)) pos += 1;
    return pos;
  }

  /**
   * The first character of `stops` from `from` that is not escaped, or `to` when there is
   * none; with `atBreak`, the end of the question stops it too. A backslash escapes the
   * character after it, except a line break.
   */
  private scan(from: number, to: number, stops: Uint8Array, atBreak: boolean): number {
    const { s } = this;
    const { breakAt } = this.src;
    let i = from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) i += s.charCodeAt(i + 1) === NEWLINE ? 1 : 2;
      else if ((c < 128 && stops[c] === 1) || (atBreak && breakAt[i] === 1)) return i;
      else i += 1;
    }
    return to;
  }

  /** `[html]` and the like at `pos`: the format and where the text after it starts. */
  private formatAt(pos: number, to: number): { format: GiftFormat | null; next: number } {
    if (this.s[pos] === '[') {
      for (const format of FORMATS) {
        const tag = `[${format}]`;
        if (pos + tag.length <= to && this.s.startsWith(tag, pos))
          return { format, next: pos + tag.length };
      }
    }
    return { format: null, next: pos };
  }

  /** Text with an optional `[format]` before it (after spaces); `fallback` when there is none. */
  private formatted(span: Span, fallback: GiftFormat): GiftText {
    const { format, next } = this.formatAt(this.skipSpace(span.from, span.to), span.to);
    const chosen = format ?? fallback;
    return { format: chosen, text: textOf(this.s.slice(next, span.to), chosen) };
  }

  /** Feedback: formatted text, or null when it is empty. */
  private feedback(span: Span | null, fallback: GiftFormat): GiftText | null {
    if (!span) return null;
    const text = this.formatted(span, fallback);
    return text.text ? text : null;
  }

  // ---- Questions ----

  /** Where the question last read ends. */
  private end = 0;

  /** The question at `start`; `end` is then where it ends. */
  private readQuestion(start: number): GiftQuestion {
    const { s, n } = this;
    const { breakAt } = this.src;
    let pos = start;
    let title: string | null = null;
    if (s.startsWith('::', pos)) {
      let i = this.scan(pos + 2, n, COLON, true);
      while (i < n && s[i] === ':' && s[i + 1] !== ':') i = this.scan(i + 1, n, COLON, true);
      if (i >= n || breakAt[i])
        this.fail(
          'A question title starts with :: but is not closed with :: before the question ends.',
          pos
        );
      title = textOf(s.slice(pos + 2, i), 'plain') || null;
      pos = i + 2;
    }
    while (pos < n && this.isSpace(pos) && !breakAt[pos]) pos += 1;
    const { format, next } = this.formatAt(pos, n);
    const stemFormat = format ?? 'moodle';
    const stemFrom = next;

    // The text, up to the answer block or the end of the question.
    const i = this.scan(stemFrom, n, BRACES, true);
    if (s[i] === '}') this.strayBrace(i);
    if (i >= n || s[i] !== '{') {
      const stem = { format: stemFormat, text: textOf(s.slice(stemFrom, i), stemFormat) };
      if (!stem.text)
        this.fail(
          title !== null
            ? `The question "${title}" has a title but no text and no answers.`
            : 'A question has no text and no answers.',
          start
        );
      const meta = this.metaFor(start, i);
      this.end = i;
      // Built property by property: object spread is slow for many small questions.
      return {
        id: meta.id,
        tags: meta.tags,
        type: 'Description',
        title,
        stem,
        hasEmbeddedAnswers: false
      };
    }

    // The answer block, to its closing brace (blank lines inside are allowed).
    const open = i;
    const close = this.scan(open + 1, n, BRACES, false);
    if (close >= n) this.fail('The answer block opened with { is never closed with }.', open);
    if (s[close] === '{')
      this.fail(
        `The answer block opened with { on line ${this.lineOf(open)} is not closed with } before the next { on line ${this.lineOf(close)} (write \\{ for a brace in the text).`,
        open
      );

    // Text after the block, to the end of the question: the answers sat inside the text.
    const end = this.scan(close + 1, n, BRACES, true);
    if (s[end] === '{')
      this.fail(
        'A second answer block in one question: leave a blank line between questions (or write \\{ for a brace in the text).',
        end
      );
    if (s[end] === '}') this.strayBrace(end);

    const before = textOf(s.slice(stemFrom, open), stemFormat);
    const after = textOf(s.slice(close + 1, end), stemFormat);
    const stem: GiftText = {
      format: stemFormat,
      text: after ? [before, '_____', after].filter(Boolean).join(' ') : before
    };
    const meta = this.metaFor(start, end);
    const [globalFeedback, part] = this.readBlock(stemFormat, { from: open + 1, to: close });
    this.end = end;
    const answered: GiftAnswered = {
      id: meta.id,
      tags: meta.tags,
      title,
      stem,
      hasEmbeddedAnswers: after !== '',
      globalFeedback
    };
    return Object.assign(answered, part);
  }

  private strayBrace(pos: number): never {
    this.fail('A } closes no answer block (write \\} for a brace in the text).', pos);
  }

  /** The id and tags from comments among the lines a question spans. */
  private metaFor(from: number, to: number): { id: string | null; tags: string[] | null } {
    let id: string | null = null;
    const tags: string[] = [];
    const last = this.lineIndex(Math.max(from, to - 1));
    for (let k = this.lineIndex(from); k <= last; k += 1) {
      const found = this.src.meta.get(k);
      if (!found) continue;
      id = found.id ?? id;
      for (const tag of found.tags) tags.push(tag);
    }
    return { id, tags: tags.length ? tags : null };
  }

  /** The general feedback and the type-specific part of an answer block. */
  private readBlock(stemFormat: GiftFormat, block: Span): [GiftText | null, AnswerPart] {
    const { s } = this;
    let answersEnd = this.scan(block.from, block.to, HASH, false);
    while (answersEnd < block.to && !s.startsWith('####', answersEnd))
      answersEnd = this.scan(answersEnd + 1, block.to, HASH, false);
    const globalFeedback =
      answersEnd < block.to
        ? this.feedback({ from: answersEnd + 4, to: block.to }, stemFormat)
        : null;
    const first = this.skipSpace(block.from, answersEnd);
    if (first >= answersEnd) return [globalFeedback, { type: 'Essay' }];
    const c = s[first];
    if (c === '#')
      return [globalFeedback, this.readNumerical(stemFormat, { from: first + 1, to: answersEnd })];
    if (c === '=' || c === '~') {
      const answers = this.readAnswers({ from: first, to: answersEnd }, false);
      return [globalFeedback, this.classify(stemFormat, answers)];
    }
    const truth = this.trueFalseAt(first, answersEnd);
    if (truth) {
      const [wrong, right] = this.hashSplit({ from: truth.next, to: answersEnd });
      return [
        globalFeedback,
        {
          type: 'TF',
          isTrue: truth.value,
          trueFeedback: this.feedback(wrong, stemFormat),
          falseFeedback: this.feedback(right, stemFormat)
        }
      ];
    }
    // A lone answer without `=`: a short answer, with optional feedback.
    const [body, feedback] = this.oneAnswer({ from: first, to: answersEnd });
    const lone: AnswerPart = {
      type: 'Short',
      choices: [
        {
          isCorrect: true,
          weight: null,
          text: this.formatted(body, stemFormat),
          feedback: this.feedback(feedback, stemFormat)
        }
      ]
    };
    return [globalFeedback, lone];
  }

  /**
   * `TRUE`, `FALSE`, `T` or `F` at `pos`, followed by nothing but `#feedback`. Anything else
   * (`{F sharp}`) is a short answer.
   */
  private trueFalseAt(pos: number, to: number): { value: boolean; next: number } | null {
    let end = pos;
    while (end < to && end - pos < 5 && /[A-Z]/.test(this.s[end]!)) end += 1;
    const word = this.s.slice(pos, end);
    const after = this.skipSpace(end, to);
    if (after < to && this.s[after] !== '#') return null;
    if (word === 'T' || word === 'TRUE') return { value: true, next: end };
    if (word === 'F' || word === 'FALSE') return { value: false, next: end };
    return null;
  }

  /** True/false feedback: what follows the first `#` and the second `#`. */
  private hashSplit(span: Span): [Span | null, Span | null] {
    const h1 = this.scan(span.from, span.to, HASH, false);
    if (h1 >= span.to) return [null, null];
    const h2 = this.scan(h1 + 1, span.to, HASH, false);
    if (h2 >= span.to) return [{ from: h1 + 1, to: span.to }, null];
    return [
      { from: h1 + 1, to: h2 },
      { from: h2 + 1, to: span.to }
    ];
  }

  /** A lone answer: its text up to `#`, and its feedback. Rejects `=` and `~` after text. */
  private oneAnswer(span: Span): [Span, Span | null] {
    if (this.scan(span.from, span.to, MARKS, false) < span.to)
      this.fail(
        'The answer block has text before its first answer: start each answer with = (right) or ~ (wrong), or write \\= and \\~ for the characters.',
        span.from
      );
    const hash = this.scan(span.from, span.to, HASH, false);
    if (hash >= span.to) return [span, null];
    return [
      { from: span.from, to: hash },
      { from: hash + 1, to: span.to }
    ];
  }

  /**
   * The `=` and `~` answers of a block, each with its weight, text and feedback. With
   * `firstUnmarked`, the first answer may lack its `=` (numerical `{#n}` and `{#n ~...}`).
   */
  private readAnswers(span: Span, firstUnmarked: boolean): RawAnswer[] {
    const { s } = this;
    const answers: RawAnswer[] = [];
    let i = span.from;
    while (i < span.to) {
      let marker: RawAnswer['marker'] = '';
      if (s[i] === '=' || s[i] === '~') {
        marker = s[i] as '=' | '~';
        i += 1;
      } else if (!(firstUnmarked && answers.length === 0)) {
        this.fail('Each answer starts with = (right) or ~ (wrong).', i);
      }
      let weight: number | null = null;
      const w = this.skipSpace(i, span.to);
      if (marker && s[w] === '%') {
        let close = w + 1;
        while (close < span.to && close - w <= 24 && /[0-9.+\- ]/.test(s[close]!)) close += 1;
        weight = s[close] === '%' ? numberOf(s.slice(w + 1, close)) : null;
        if (weight === null)
          this.fail('A weight is a number between two % signs, like %50% or %-25%.', w);
        i = close + 1;
      }
      const bodyFrom = i;
      i = this.scan(i, span.to, MARKS_OR_HASH, false);
      const body = { from: bodyFrom, to: i };
      let feedback: Span | null = null;
      if (i < span.to && s[i] === '#') {
        const from = i + 1;
        i = this.scan(from, span.to, MARKS, false);
        feedback = { from, to: i };
      }
      answers.push({ marker, weight, body, feedback });
    }
    return answers;
  }

  /** Multiple choice when any answer is `~`, matching when every one is `a -> b`, else short answer. */
  private classify(fmt: GiftFormat, answers: RawAnswer[]): AnswerPart {
    const choice = (a: RawAnswer): GiftChoice => ({
      isCorrect: a.marker === '=',
      weight: a.weight,
      text: this.formatted(a.body, fmt),
      feedback: this.feedback(a.feedback, fmt)
    });
    if (answers.some((a) => a.marker === '~')) return { type: 'MC', choices: answers.map(choice) };
    const arrows = answers.map((a) => this.s.slice(a.body.from, a.body.to).indexOf('->'));
    if (arrows.every((k) => k >= 0)) {
      return {
        type: 'Matching',
        matchPairs: answers.map((a, k) => {
          const arrow = a.body.from + arrows[k]!;
          return {
            subquestion: this.formatted({ from: a.body.from, to: arrow }, fmt),
            subanswer: textOf(this.s.slice(arrow + 2, a.body.to), 'plain')
          };
        })
      };
    }
    return { type: 'Short', choices: answers.map(choice) };
  }

  private readNumerical(fmt: GiftFormat, span: Span): AnswerPart {
    const first = this.skipSpace(span.from, span.to);
    if (first >= span.to || this.s[first] === '#')
      this.fail('A numerical answer needs a number after the #.', span.from - 1);
    const answers = this.readAnswers({ from: first, to: span.to }, true);
    const only = answers[0]!;
    if (answers.length === 1 && only.marker === '' && !only.feedback)
      return { type: 'Numerical', choices: this.numberSpec(only) };
    return {
      type: 'Numerical',
      choices: answers.map((a) => {
        const written = textOf(this.s.slice(a.body.from, a.body.to), 'plain');
        return {
          isCorrect: a.marker !== '~',
          weight: a.weight,
          // An answer with no number is Moodle's "anything else", written `*`.
          text: written === '' || written === '*' ? { format: fmt, text: '*' } : this.numberSpec(a),
          feedback: this.feedback(a.feedback, fmt)
        };
      })
    };
  }

  /** `n`, `n:tolerance` or `low..high`. */
  private numberSpec(answer: RawAnswer): GiftNumber {
    const written = textOf(this.s.slice(answer.body.from, answer.body.to), 'plain');
    const number = (raw: string): number => {
      const value = numberOf(raw);
      if (value === null)
        this.fail(
          `"${clip(raw.trim())}" is not a number (a numerical answer is n, n:tolerance or low..high).`,
          this.skipSpace(answer.body.from, answer.body.to)
        );
      return value;
    };
    const dots = written.indexOf('..');
    if (dots >= 0)
      return {
        type: 'high-low',
        numberLow: number(written.slice(0, dots)),
        numberHigh: number(written.slice(dots + 2))
      };
    const colon = written.indexOf(':');
    if (colon >= 0)
      return {
        type: 'range',
        number: number(written.slice(0, colon)),
        range: number(written.slice(colon + 1))
      };
    return { type: 'simple', number: number(written) };
  }
}

/** A piece of the file quoted in a message, kept short. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
