/**
 * HTML from a file (an Anki field, a GIFT question in HTML format) made into safe text:
 * line breaks and simple emphasis kept, everything else dropped. Nothing from a file is
 * ever rendered as HTML; safe text is shown as text (see `types.ts` for its two marks).
 *
 * Written as a small scanner rather than with DOMParser: it runs in a Web Worker, where
 * there is no DOM, and it must never build a live element from hostile markup.
 * Pure: no storage, no DOM.
 */

/** Elements whose content is code or data, never text to keep. */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select'
]);
/** Elements that start a new line. */
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'section',
  'article',
  'dd',
  'dt',
  'hr'
]);
/** Elements shown as emphasis. */
const EMPHASIS = new Set(['b', 'strong', 'i', 'em', 'u', 'mark']);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  deg: '°',
  middot: '·',
  times: '×',
  divide: '÷',
  minus: '−',
  plusmn: '±',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  ccedil: 'ç',
  shy: ''
};

/** Decodes character references (`&amp;`, `&#233;`, `&#x1F600;`); an unknown one stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});?/gi,
    (whole, ref: string) => {
      if (ref[0] === '#') {
        const code =
          ref[1] === 'x' || ref[1] === 'X'
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        if (
          !Number.isFinite(code) ||
          code <= 0 ||
          code > 0x10ffff ||
          (code >= 0xd800 && code <= 0xdfff)
        )
          return '\uFFFD';
        if (code < 32 && code !== 9 && code !== 10) return ' ';
        return String.fromCodePoint(code);
      }
      const named = NAMED[ref.toLowerCase()];
      return named ?? whole;
    }
  );
}

/** Escapes text so that it reads back as itself in safe text (its asterisks are not emphasis). */
export function escapeSafeText(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

/**
 * Safe text from a fragment of HTML. Tags are removed; `<br>` and block elements give line
 * breaks; `<b>`, `<i>`, `<em>`, `<strong>`, `<u>` give `*emphasis*`; the content of
 * scripts, styles and other non-text elements is dropped whole; comments are dropped;
 * character references are decoded; runs of spaces become one, and blank lines at most one.
 */
export function htmlToSafeText(html: string): string {
  // Linear in the length of the HTML: text before the open emphasis (`done`) and inside it
  // (`span`) are kept apart, so closing one never copies what came before; spaces and blank
  // lines are tidied once at the end.
  let done = '';
  let span = '';
  let dropDepth = 0;
  let dropTag = '';
  let emphasis = 0;
  let i = 0;
  const n = html.length;
  const add = (text: string) => {
    if (emphasis > 0) span += text;
    else done += text;
  };
  const endsWithNewline = () => (emphasis > 0 && span ? span : done).endsWith('\n');
  while (i < n) {
    const lt = html.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      if (dropDepth === 0)
        add(escapeSafeText(decodeEntities(html.slice(i, end)).replace(/[\r\n\t ]+/g, ' ')));
      i = end;
      continue;
    }
    // At a '<'.
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/.exec(html.slice(i, i + 2000));
    if (!tag) {
      // A lone '<' or a tag that never closes: '<' followed by a letter is markup cut short
      // (dropped to the end of the text), anything else is an ordinary character.
      if (/^<[a-zA-Z!/?]/.test(html.slice(i, i + 2))) {
        const close = html.indexOf('>', i);
        i = close < 0 ? n : close + 1;
      } else {
        if (dropDepth === 0) add('<');
        i += 1;
      }
      continue;
    }
    i += tag[0].length;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (dropDepth > 0) {
      if (name === dropTag) dropDepth += closing ? -1 : tag[3] ? 0 : 1;
      continue;
    }
    if (DROP_CONTENT.has(name)) {
      if (!closing && !tag[3]) {
        dropDepth = 1;
        dropTag = name;
      }
      continue;
    }
    if (name === 'br') add('\n');
    else if (BLOCK.has(name)) {
      if ((done || span) && !endsWithNewline()) add('\n');
    } else if (EMPHASIS.has(name)) {
      if (closing && emphasis > 0) {
        emphasis -= 1;
        if (emphasis === 0) {
          done += emphasised(span);
          span = '';
        }
      } else if (!closing) emphasis += 1;
    }
  }
  return tidy(done + (emphasis > 0 ? emphasised(span) : ''));
}

/** The text of one emphasis as `*text*`, or as it is when blank or over several lines. */
function emphasised(inner: string): string {
  const trimmed = inner.trim();
  if (!trimmed || trimmed.includes('\n')) return inner;
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  return `${lead}*${trimmed}*${trail}`;
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export { plainOfSafeText, safeTextRuns, type SafeTextRun } from '../safe-text';
