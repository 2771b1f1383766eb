/**
 * Showing safe text (see import/types.ts): split into runs a screen shows as text nodes,
 * with <em> around emphasis. Apart from the importer so that study screens load only this.
 * Pure.
 */

/** One run of safe text, for a screen to show: emphasised or not. */
export interface SafeTextRun {
  text: string;
  emphasis: boolean;
}

/** Splits safe text into runs, for a screen to show as text nodes (with `<em>` around emphasis). */
export function safeTextRuns(text: string): SafeTextRun[] {
  const runs: SafeTextRun[] = [];
  let current = '';
  let emphasis = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) {
      current += text[i + 1];
      i += 1;
    } else if (c === '*') {
      if (current) runs.push({ text: current, emphasis });
      current = '';
      emphasis = !emphasis;
    } else current += c;
  }
  if (current) runs.push({ text: current, emphasis });
  return runs;
}

/** Safe text without its emphasis marks: for grading, comparing and searching. */
export function plainOfSafeText(text: string): string {
  return text.replace(/\\([\\*])|\*/g, (_, escaped: string | undefined) => escaped ?? '');
}
