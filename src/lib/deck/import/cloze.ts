/**
 * Anki's cloze deletions (`{{c1::answer}}`, `{{c1::answer::hint}}`) made into `ClozeNote`s:
 * one note per cloze number, as Anki makes one card per number. Shared by the readers of
 * Anki's text export and of Anki packages, so both read a cloze the same way.
 *
 * The markup is read the way Anki 2.1.56+ reads it: `{{c1,2::…}}` belongs to two numbers,
 * gaps may nest (`{{c1::a {{c2::b}}}}`), the first `::` inside a gap starts its hint, and
 * `}}` outside any gap is text. A gap left open is kept as written, not dropped as Anki
 * does, so no text is lost. Written as a single linear scan, not a regex: a field is text
 * from a file and may be long or hostile.
 * Pure: no storage, no DOM.
 */
import { htmlToSafeText } from './html-text';
import type { ClozeNote } from './types';

/** Gaps nested deeper than this are taken as text, as in Anki. */
const MAX_DEPTH = 10;
/** Cloze numbers Anki can store (a card's template number is 16 bits). */
const MAX_NUMBER = 65535;
/**
 * At most this many cloze numbers become notes, and fewer for a very long text: every
 * note repeats the whole text, so the work grows with numbers × length.
 */
export const MAX_CLOZE_NUMBERS = 500;
const MAX_CLOZE_WORK = 5_000_000;

/**
 * Marks where each gap opens and closes while the text is made into safe text, with the
 * gap's number in the list written in digits of their own: private-use characters, taken
 * out of the field first, that `htmlToSafeText` keeps as they are.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const END = '\uE002';
const DIGIT_ZERO = 0xe010;
const PRIVATE = /[\uE000-\uE01F]/g;

interface Gap {
  numbers: number[];
  nodes: ClozePart[];
  hint?: string;
  /** Where its `{{c` stands in the text, to keep an unclosed gap as written. */
  start: number;
}

type ClozePart = string | Gap;

/** The text split into plain runs and gaps (HTML kept as it is). */
function parseCloze(html: string): ClozePart[] {
  const top: ClozePart[] = [];
  const open: Gap[] = [];
  let text = '';
  const flush = () => {
    if (!text) return;
    const gap = open.at(-1);
    if (gap) {
      // Anki: in a run of a gap's own text, the first '::' starts the hint.
      const colons = text.indexOf('::');
      if (colons >= 0) {
        gap.nodes.push(text.slice(0, colons));
        gap.hint = text.slice(colons + 2);
      } else gap.nodes.push(text);
    } else top.push(text);
    text = '';
  };
  let i = 0;
  const n = html.length;
  // The next '{' and '}}' at or after i, found again only once passed: one pass in all.
  let brace = -1;
  let close = -1;
  while (i < n) {
    if (brace < i) brace = html.indexOf('{', i);
    if (close < i) close = html.indexOf('}}', i);
    const next = Math.min(brace < 0 ? n : brace, close < 0 ? n : close);
    if (next > i) {
      text += html.slice(i, next);
      i = next;
      continue;
    }
    if (html.startsWith('{{c', i)) {
      let j = i + 3;
      while (j < n && j - i < 64 && isDigitOrComma(html.charCodeAt(j))) j += 1;
      const numbers = [
        ...new Set(
          html
            .slice(i + 3, j)
            .split(',')
            .filter((s) => /^[0-9]{1,5}$/.test(s))
            .map(Number)
            .filter((k) => k >= 1 && k <= MAX_NUMBER)
        )
      ].sort((a, b) => a - b);
      if (j > i + 3 && html.startsWith('::', j)) {
        flush();
        // Past the depth Anki allows, the marker is dropped, as Anki drops it.
        if (open.length < MAX_DEPTH) open.push({ numbers, nodes: [], start: i });
        i = j + 2;
        continue;
      }
    } else if (html.startsWith('}}', i) && open.length > 0) {
      flush();
      const gap = open.pop() as Gap;
      (open.at(-1)?.nodes ?? top).push(gap);
      i += 2;
      continue;
    } else if (html.startsWith('}}', i)) {
      text += '}}';
      i += 2;
      continue;
    }
    text += html[i];
    i += 1;
  }
  flush();
  // A gap that never closes is kept as the text it is, from its opening on: nothing of it
  // has reached the top level, since a gap is attached only when it closes.
  const unclosed = open[0];
  if (unclosed) {
    text = html.slice(unclosed.start);
    open.length = 0;
    flush();
  }
  return top;
}

function isDigitOrComma(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2c;
}

/** The cloze numbers in a field, ascending (Anki makes a card for each; 0 is not a card). */
export function clozeNumbers(html: string): number[] {
  return numbersIn(parseCloze(html));
}

function numbersIn(parts: ClozePart[]): number[] {
  const found = new Set<number>();
  const walk = (list: ClozePart[]) => {
    for (const part of list) {
      if (typeof part === 'string') continue;
      for (const k of part.numbers) found.add(k);
      walk(part.nodes);
    }
  };
  walk(parts);
  return [...found].sort((a, b) => a - b);
}

/** A gap's marker: OPEN or CLOSE, its index in digits of their own, END. */
function marker(kind: string, id: number): string {
  let digits = '';
  for (const digit of String(id)) digits += String.fromCharCode(DIGIT_ZERO + Number(digit));
  return kind + digits + END;
}

/** What the markers stand for, by index: the gap's numbers and its hint (HTML). */
interface MarkedGap {
  numbers: number[];
  hint?: string;
}

/** The whole text with every gap shown (its hint left out) between its two markers. */
function markAll(parts: ClozePart[], gaps: MarkedGap[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const id = gaps.length;
    gaps.push({ numbers: part.numbers, ...(part.hint !== undefined && { hint: part.hint }) });
    out += marker(OPEN, id) + markAll(part.nodes, gaps) + marker(CLOSE, id);
  }
  return out;
}

/** Safe text read back as runs (emphasised or not) and the markers between them. */
type Piece =
  { text: string; emphasis: boolean } | { open: number } | { close: number } | { raw: string };

function pieces(safe: string): Piece[] {
  const out: Piece[] = [];
  let text = '';
  let emphasis = false;
  const push = () => {
    if (text) out.push({ text, emphasis });
    text = '';
  };
  for (let i = 0; i < safe.length; i += 1) {
    const c = safe[i] as string;
    if (c === '\\' && (safe[i + 1] === '*' || safe[i + 1] === '\\')) {
      text += c + safe[i + 1];
      i += 1;
    } else if (c === '*') {
      push();
      emphasis = !emphasis;
    } else if (c === OPEN || c === CLOSE) {
      push();
      let id = 0;
      let j = i + 1;
      for (; j < safe.length && safe[j] !== END; j += 1) {
        id = id * 10 + (safe.charCodeAt(j) - DIGIT_ZERO);
      }
      out.push(c === OPEN ? { open: id } : { close: id });
      i = j;
    } else text += c;
  }
  push();
  return out;
}

/**
 * Safe text of a list of pieces. Each run carries its own emphasis, so a piece cut out of
 * the middle (`*The {{c1::capital*}}`) never leaves a lone asterisk; spaces go outside the
 * marks, as `htmlToSafeText` writes them.
 */
function join(list: Piece[]): string {
  let out = '';
  let run: { text: string; emphasis: boolean } | null = null;
  const flush = () => {
    if (!run) return;
    const trimmed = run.text.trim();
    if (!run.emphasis || !trimmed) out += run.text;
    else {
      const lead = run.text.slice(0, run.text.length - run.text.trimStart().length);
      const trail = run.text.slice(run.text.trimEnd().length);
      out += `${lead}*${trimmed}*${trail}`;
    }
    run = null;
  };
  for (const piece of list) {
    if ('text' in piece) {
      if (run && run.emphasis === piece.emphasis) run.text += piece.text;
      else {
        flush();
        run = { ...piece };
      }
    } else if ('raw' in piece) {
      flush();
      out += piece.raw;
    }
  }
  flush();
  return out;
}

/**
 * The notes of one Anki cloze note: one `ClozeNote` per cloze number, in ascending order,
 * keyed `${keyBase}:${number - 1}` (the card's template number in Anki, so a reader can
 * match a card and its review history to its note).
 *
 * `text` and `extra` are Anki field HTML (a caller with plain text escapes it first). The
 * note's first gap of the number is the answer; its other gaps of the same number show as
 * `[...]` (or `[hint]`), and since the note shape has room for one answer only, the whole
 * text with those gaps filled in then leads the explanation, so the learner still sees
 * them. Gaps of other numbers read as plain text. A number whose first gap is empty, or
 * sits where no text is shown (inside a tag or a script), gives no note.
 *
 * The HTML is made into safe text once, with markers where the gaps are; each number's
 * note is then cut from that, so a note with many numbers costs little more than one.
 */
export function clozeNotes(text: string, extra: string, keyBase: string): ClozeNote[] {
  const clean = text.replace(PRIVATE, '');
  const parts = parseCloze(clean);
  const budget = Math.max(1, Math.floor(MAX_CLOZE_WORK / Math.max(1, clean.length)));
  const wanted = numbersIn(parts).slice(0, Math.min(MAX_CLOZE_NUMBERS, budget));
  if (wanted.length === 0) return [];
  const gaps: MarkedGap[] = [];
  const all = pieces(htmlToSafeText(markAll(parts, gaps)));
  const hints = new Map<number, string>();
  const hintOf = (id: number): string => {
    let hint = hints.get(id);
    if (hint === undefined) {
      const html = gaps[id]?.hint;
      hint = html ? htmlToSafeText(html.replace(PRIVATE, '')) : '';
      hints.set(id, hint);
    }
    return hint;
  };
  const extraText = extra ? htmlToSafeText(extra.replace(PRIVATE, '')) : '';
  let whole: string | null = null;
  const notes: ClozeNote[] = [];
  for (const number of wanted) {
    const active = (id: number) => gaps[id]?.numbers.includes(number) === true;
    const before: Piece[] = [];
    const answer: Piece[] = [];
    const after: Piece[] = [];
    let first = -1;
    let stage: Piece[] = before;
    let closed = false;
    let others = 0;
    // The gap whose text is being left out (one of the number's gaps after the first).
    let skipping = -1;
    for (const piece of all) {
      if (skipping >= 0) {
        if ('close' in piece && piece.close === skipping) skipping = -1;
        continue;
      }
      if (stage === answer) {
        if ('close' in piece && piece.close === first) {
          stage = after;
          closed = true;
        } else if ('text' in piece) answer.push(piece);
        continue;
      }
      if ('open' in piece && active(piece.open)) {
        if (first < 0) {
          first = piece.open;
          stage = answer;
        } else {
          others += 1;
          stage.push({ raw: `[${hintOf(piece.open) || '...'}]` });
          skipping = piece.open;
        }
      } else if ('text' in piece) stage.push(piece);
    }
    if (first < 0 || !closed) continue;
    const answerText = join(answer).trim();
    if (!answerText) continue;
    const hint = hintOf(first);
    const explanation: string[] = [];
    if (others > 0) {
      whole ??= join(all);
      explanation.push(whole);
    }
    if (extraText) explanation.push(extraText);
    notes.push({
      form: 'cloze',
      key: `${keyBase}:${number - 1}`,
      before: join(before).trimStart(),
      answer: answerText,
      after: join(after).trimEnd(),
      ...(hint && { hint }),
      ...(explanation.length > 0 && { explanation: explanation.join('\n\n') })
    });
  }
  return notes;
}
