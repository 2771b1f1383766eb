/**
 * A GIFT parse tree (`gift.ts`) made into the neutral notes of `types.ts`: multiple choice
 * with one right answer (or several equally right, kept as the first) becomes a choice note,
 * true/false a true/false note, short answer a typed card, numerical a numeric note,
 * matching a match note. Questions that need several options chosen together, essays and
 * descriptions have no note form here and are listed as skipped, with where and why.
 * A category gives the topic of the questions after it.
 *
 * Text in HTML becomes safe text through `htmlToSafeText`; Markdown keeps its emphasis;
 * moodle and plain text are kept as written (their asterisks escaped).
 * Pure: no storage, no DOM.
 */
import { giftLines } from './gift';
import type { GiftChoice, GiftNumber, GiftQuestion, GiftText } from './gift';
import { escapeSafeText, htmlToSafeText } from './html-text';
import type { ImportedNote, ImportResult, ImportSkip } from './types';

/** A weight this close to 100% is full marks (Moodle writes thirds as 33.33333). */
const FULL_MARKS = 99.5;

/**
 * Notes from a parsed GIFT file. The deck title is `fileTitle` (the file's name): a GIFT
 * category is usually Moodle's "Default for <course>" or one of several sections, so it
 * names a topic, not the deck. Only when `fileTitle` is blank does the first category's
 * name stand in.
 */
export function giftToImport(questions: GiftQuestion[], fileTitle: string): ImportResult {
  const notes: ImportedNote[] = [];
  const skipped: ImportSkip[] = [];
  const warnings: string[] = [];
  const keys = noteKeys(questions);
  let topic: string | undefined;
  let firstCategory: string | undefined;
  const lines = giftLines(questions);
  let position = 0;
  for (const [index, q] of questions.entries()) {
    if (q.type === 'Category') {
      topic = categoryName(q.title);
      firstCategory ??= topic;
      continue;
    }
    position += 1;
    const what = describe(q, position, lines?.[index]);
    if (q.type === 'Essay' || q.type === 'Description') {
      skipped.push({
        what,
        why:
          q.type === 'Essay'
            ? 'essay questions need a teacher to mark them'
            : 'a description is text between questions, with nothing to answer'
      });
      continue;
    }
    const common = {
      key: keys.get(q)!,
      ...(topic ? { topic } : {}),
      ...(q.tags?.length ? { tags: [...q.tags] } : {})
    };
    const prompt = safeText(q.stem);
    if (!prompt) {
      skipped.push({ what, why: 'its question text is empty once the markup is taken out' });
      continue;
    }
    const general = q.globalFeedback ? safeText(q.globalFeedback) : '';
    const explained = (feedback: GiftText | null | undefined) => {
      const explanation = general || (feedback ? safeText(feedback) : '');
      return explanation ? { explanation } : {};
    };
    const skip = (why: string) => skipped.push({ what, why });
    const warn = (message: string) => warnings.push(`${capitalize(what)}: ${message}.`);

    switch (q.type) {
      case 'TF': {
        // Moodle shows the first feedback after a wrong answer, the second after a right one.
        const right = q.falseFeedback ?? q.trueFeedback;
        notes.push({
          ...common,
          form: 'truefalse',
          statement: prompt,
          answer: q.isTrue,
          ...explained(right)
        });
        break;
      }
      case 'MC': {
        const graded = q.choices.map((c) => ({ choice: c, credit: creditOf(c) }));
        const full = graded.filter((g) => g.credit >= FULL_MARKS);
        const partial = graded.filter((g) => g.credit > 0 && g.credit < FULL_MARKS);
        const right = full[0] ?? (partial.length === 1 ? partial[0] : undefined);
        if (!right) {
          skip(
            partial.length > 1
              ? 'several options must be chosen together for full marks, and a choice question has one right answer'
              : 'no option is marked right'
          );
          break;
        }
        const answer = safeText(right.choice.text);
        const distractors = unique(
          graded
            .filter((g) => g !== right && g.credit < FULL_MARKS)
            .map((g) => safeText(g.choice.text))
        ).filter((d) => d && d !== answer);
        if (!answer || distractors.length === 0) {
          skip(answer ? 'it has no wrong options to choose from' : 'its right option is empty');
          break;
        }
        if (full.length > 1)
          warn(
            `${full.length} options were right; the first, "${clip(answer)}", is the answer and the others are left out`
          );
        if (right.credit >= FULL_MARKS && partial.length > 0)
          warn('options worth part of the marks are offered as wrong options');
        notes.push({
          ...common,
          form: 'choice',
          prompt,
          answer,
          distractors,
          ...explained(right.choice.feedback)
        });
        break;
      }
      case 'Short': {
        const accepted = q.choices.filter(
          (c) => creditOf(c) >= FULL_MARKS && c.text.text.trim() !== '*'
        );
        const [first, ...others] = accepted;
        const answer = first ? safeText(first.text) : '';
        if (!first || !answer) {
          skip('no answer is worth full marks');
          break;
        }
        const variants = unique(others.map((c) => safeText(c.text))).filter(
          (v) => v && v !== answer
        );
        const partly = q.choices.filter((c) => {
          const credit = creditOf(c);
          return credit > 0 && credit < FULL_MARKS && c.text.text.trim() !== '*';
        });
        if (partly.length)
          warn(
            `answers worth part of the marks (${partly.map((c) => `"${clip(safeText(c.text))}"`).join(', ')}) are not accepted`
          );
        notes.push({
          ...common,
          form: 'card',
          prompt,
          answer,
          ...(variants.length ? { variants } : {}),
          typed: true,
          ...explained(first.feedback)
        });
        break;
      }
      case 'Numerical': {
        let chosen: GiftNumber | undefined;
        let feedback: GiftText | null = null;
        if (!Array.isArray(q.choices)) chosen = q.choices;
        else {
          const numeric = q.choices.filter(
            (c): c is GiftChoice<GiftNumber> => c.isCorrect && 'type' in c.text
          );
          const best = numeric.find((c) => creditOf(c) >= FULL_MARKS);
          chosen = best?.text;
          feedback = best?.feedback ?? null;
          if (best && numeric.some((c) => c !== best && creditOf(c) > 0))
            warn('other numbers worth part of the marks are left out');
        }
        const range = chosen ? numericRange(chosen) : null;
        if (!range) {
          skip('no number is worth full marks');
          break;
        }
        notes.push({ ...common, form: 'numeric', prompt, ...range, ...explained(feedback) });
        break;
      }
      case 'Matching': {
        const pairs = q.matchPairs.map((p) => ({
          left: safeText(p.subquestion),
          right: escapeSafeText(p.subanswer.trim())
        }));
        const kept = pairs.filter((p) => p.left && p.right);
        const extra = pairs.filter((p) => !p.left && p.right);
        if (kept.length < 2) {
          skip('a matching question needs at least two pairs');
          break;
        }
        if (extra.length)
          warn(
            `extra answers with nothing to match (${extra.map((p) => `"${clip(p.right)}"`).join(', ')}) are left out`
          );
        notes.push({ ...common, form: 'match', prompt, pairs: kept, ...explained(null) });
        break;
      }
    }
  }
  return {
    title: fileTitle.trim() || firstCategory || 'GIFT questions',
    notes,
    skipped,
    warnings
  };
}

type Question = Exclude<GiftQuestion, { type: 'Category' }>;

/**
 * A note's key: the question's title when it has one no other question shares, else
 * `q<position>` (the position among the file's questions, from 1). Titles that look like
 * `q12` are not used, so a title never takes another question's positional key.
 */
function noteKeys(questions: GiftQuestion[]): Map<Question, string> {
  const asked = questions.filter((q): q is Question => q.type !== 'Category');
  const count = new Map<string, number>();
  for (const q of asked) if (q.title) count.set(q.title, (count.get(q.title) ?? 0) + 1);
  return new Map(
    asked.map((q, i) => [
      q,
      q.title && count.get(q.title) === 1 && !/^q\d+$/.test(q.title) ? q.title : `q${i + 1}`
    ])
  );
}

/** `$course$/top/Algebra/Groups` → "Groups": the last part of the path, without Moodle's context and "top". */
export function categoryName(path: string): string | undefined {
  // In a category path "//" is a slash inside a name, and a single "/" separates names.
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i += 1) {
    if (path[i] !== '/') current += path[i];
    else if (path[i + 1] === '/') {
      current += '/';
      i += 1;
    } else {
      parts.push(current);
      current = '';
    }
  }
  parts.push(current);
  const names = parts.map((p) => p.trim()).filter(Boolean);
  while (names.length && /^\$[a-z0-9]+\$$/i.test(names[0]!)) names.shift();
  if (names[0] === 'top') names.shift();
  return names.at(-1);
}

/** "essay question "Q8" on line 4", for the preview to point at. */
function describe(q: Question, position: number, line: number | undefined): string {
  const kind = KIND[q.type];
  const title = q.title ? ` "${clip(q.title)}"` : '';
  if (line !== undefined) return `${kind}${title} on line ${line}`;
  return title ? `${kind}${title}` : `${kind}, question ${position} of the file`;
}

const KIND: Record<Question['type'], string> = {
  MC: 'multiple-choice question',
  Short: 'short-answer question',
  Numerical: 'numerical question',
  TF: 'true/false question',
  Matching: 'matching question',
  Essay: 'essay question',
  Description: 'description'
};

/** The share of the marks an answer earns: its weight, or all for `=` and none for `~`. */
function creditOf(choice: GiftChoice<unknown>): number {
  return choice.weight ?? (choice.isCorrect ? 100 : 0);
}

/** The accepted interval of a numerical answer; null when it is not a finite number. */
function numericRange(n: GiftNumber): { value: number; min: number; max: number } | null {
  let value: number;
  let min: number;
  let max: number;
  if (n.type === 'simple') value = min = max = n.number;
  else if (n.type === 'range') {
    value = n.number;
    min = tidy(n.number - Math.abs(n.range));
    max = tidy(n.number + Math.abs(n.range));
  } else {
    min = Math.min(n.numberLow, n.numberHigh);
    max = Math.max(n.numberLow, n.numberHigh);
    value = tidy((min + max) / 2);
  }
  return [value, min, max].every(Number.isFinite) ? { value, min, max } : null;
}

/** Drops the noise of binary fractions: 3.1415 - 0.0005 is 3.141, not 3.1409999999999996. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** A tag, a comment or an entity: what makes Moodle's own format read a text as HTML. */
const LOOKS_LIKE_HTML =
  /<(?:[a-z][a-z0-9]*\b[^<>]*|\/[a-z][a-z0-9]*\s*)>|<!--|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/**
 * Safe text from a piece of GIFT text, by its format. Moodle's own format (the default)
 * lets HTML through, as Moodle shows it: a text with tags or entities is read as HTML;
 * any other text stays as written (a lone `<` or `&` is a character).
 */
export function safeText(t: GiftText): string {
  if (t.format === 'html' || (t.format === 'moodle' && LOOKS_LIKE_HTML.test(t.text)))
    return htmlToSafeText(t.text);
  if (t.format === 'markdown') return markdownToSafeText(t.text);
  return escapeSafeText(t.text).trim();
}

/**
 * Markdown kept as text: `*a*`, `**a**`, `_a_` and `__a__` become emphasis, backslash
 * escapes give their character, every other asterisk is a literal one, and the two
 * trailing spaces of a line break go. Emphasis does not nest in safe text, so an inner
 * one is dropped, and it stays within one line. One pass: openers wait, per kind of
 * mark, for a closer on the same line.
 */
export function markdownToSafeText(md: string): string {
  const pieces: string[] = [];
  const pairs: [number, number][] = [];
  const open = new Map<string, number>();
  const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let text = '';
  const flush = () => {
    if (text) pieces.push(escapeSafeText(text));
    text = '';
  };
  let i = 0;
  while (i < md.length) {
    const c = md[i]!;
    if (c === '\\' && i + 1 < md.length && /[!-/:-@[-`{-~]/.test(md[i + 1]!)) {
      text += md[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') open.clear();
    if (c !== '*' && c !== '_') {
      text += c;
      i += 1;
      continue;
    }
    let end = i;
    while (md[end] === c) end += 1;
    const mark = md.slice(i, end);
    const before = md[i - 1];
    const after = md[end];
    i = end;
    if (mark.length > 2) {
      text += mark;
      continue;
    }
    const flanked = c === '_' ? (x: string | undefined) => isWord(x) : () => false;
    const canClose = !isSpace(before) && !flanked(after);
    const canOpen = !isSpace(after) && !flanked(before);
    flush();
    pieces.push(escapeSafeText(mark));
    const opener = open.get(mark);
    if (canClose && opener !== undefined) {
      pairs.push([opener, pieces.length - 1]);
      // Marks opened inside this pair and still waiting can no longer close.
      for (const [other, at] of open) if (at > opener) open.delete(other);
      open.delete(mark);
    } else if (canOpen) open.set(mark, pieces.length - 1);
  }
  flush();
  pairs.sort((a, b) => a[0] - b[0]);
  let outerEnd = -1;
  for (const [from, to] of pairs) {
    const inner = from < outerEnd;
    pieces[from] = pieces[to] = inner ? '' : '*';
    if (!inner) outerEnd = to;
  }
  return pieces
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
