/**
 * Text normalisation shared by the support check and answer grading. Pure.
 */

/** Month names, lower case, January first. */
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
];
const MONTH_ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  MONTHS.flatMap((month) => [
    [month.slice(0, 3), month],
    ...(month === 'september' ? [['sept', month]] : [])
  ])
);

/** Removes accents and Vietnamese tone marks: "Đổi Mới" becomes "Doi Moi". */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/**
 * Lower-case words separated by single spaces: no accents, no punctuation, curly quotes
 * and hyphens as spaces, thousands separators removed (50,000 → 50000), month
 * abbreviations spelled out (Jan. → january).
 */
export function normalizeText(text: string): string {
  let normalized = cache.get(text);
  if (normalized === undefined) {
    normalized = computeNormalized(text);
    if (cache.size > 50_000) cache.clear();
    cache.set(text, normalized);
  }
  return normalized;
}

// Deck texts repeat a great deal (answers are compared with every sibling): remember them.
const cache = new Map<string, string>();

function computeNormalized(text: string): string {
  const words = stripDiacritics(text)
    .toLowerCase()
    .replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1')
    .replace(/(\d)\.(?=\d{3}\b)(?!\d{4})/g, '$1')
    .replace(/[’‘`´]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => MONTH_ABBREVIATIONS[word] ?? word);
  return words.join(' ');
}

/** The words of a text after normalisation. */
export function normalizedWords(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(' ') : [];
}

export function isMonth(word: string): boolean {
  return MONTHS.includes(word);
}

/** Lower-case kebab-case of the first words of a text, at most `max` characters. */
export function slugify(textIn: string, words = 6, max = 40): string {
  const slug = stripDiacritics(textIn)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, words)
    .join('-');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, max)).replace(/-+$/, '');
}
