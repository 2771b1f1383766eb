/**
 * Reading a teacher's own facts, pasted or uploaded as YAML (the format of
 * decks/README.md, relaxed, in `own-yaml.ts`) or as a spreadsheet saved as CSV
 * (`own-csv.ts`), into an `OwnDeck`. What both readers share is `own-draft.ts`. Kept apart
 * from `own.ts` because only the assignment builder reads files: the YAML parser loads
 * with that screen alone. Pure: no storage, no DOM.
 */
import { OWN_LIMITS, type OwnParseResult } from './own';
import { looksLikeCsv, parseOwnCsv } from './own-csv';
import { parseOwnYaml } from './own-yaml';

// Read through this module by callers outside the deck code.
export { parseOwnCsv };

const L = OWN_LIMITS;

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
