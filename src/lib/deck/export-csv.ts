/**
 * A deck as CSV, one fact per row, for a spreadsheet or another app; the teacher's own-facts
 * reader (own-csv.ts) reads it back to the same facts. Columns: id, prompt, answer,
 * variants (separated by ";"), statement, explanation, topic, source (the first citation's
 * source), paragraph (its paragraph) and other sources (the rest, with paragraphs); the last
 * two are for people and are ignored when read back. A fact on which sources disagree has
 * its answers in one cell ("1,000 / 2,000", or a pointer to the next column when they are
 * longer than an answer may be) and, under other sources, each with the sources that give
 * it. Pure.
 */
import { OWN_LIMITS } from './own-limits';
import type { Citation, DeckFile, ServedFact, Source } from './types';

export const CSV_COLUMNS = [
  'id',
  'prompt',
  'answer',
  'variants',
  'statement',
  'explanation',
  'topic',
  'source',
  'paragraph',
  'other sources'
] as const;

/** A cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
function cell(value: string): string {
  return /[",\r\n;]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

function sourceName(source: Source | undefined): string {
  if (!source) return '';
  return [source.title, source.outlet, source.date].filter(Boolean).join(', ');
}

/** One row per fact, in deck order, as the CSV_COLUMNS say. */
export function deckRows(deck: Pick<DeckFile, 'facts' | 'sources' | 'topics'>): string[][] {
  const sources = new Map(deck.sources.map((s) => [s.id, s]));
  const topics = new Map(deck.topics.map((t) => [t.id, t.title]));
  const cite = (c: Citation) =>
    `${sourceName(sources.get(c.source))}${c.para ? `, paragraph ${c.para}` : ''}`;
  return deck.facts.map((fact: ServedFact) => {
    const citations = fact.citations;
    const first = citations[0];
    // A fact on which sources disagree: both answers, each side with its sources beside.
    const claims =
      fact.conflict === true
        ? fact.claims.map((claim) => `${claim.answer}: ${claim.citations.map(cite).join('; ')}`)
        : [];
    const together = fact.conflict === true ? fact.claims.map((c) => c.answer).join(' / ') : '';
    const answer =
      fact.conflict !== true
        ? fact.answer
        : together.length <= OWN_LIMITS.maxAnswerChars
          ? together
          : 'Sources disagree: see other sources';
    return [
      fact.id,
      fact.prompt,
      answer,
      fact.conflict === true ? '' : fact.variants.join('; '),
      fact.statement,
      fact.explanation ?? '',
      topics.get(fact.topic) ?? fact.topic,
      sourceName(first && sources.get(first.source)),
      first?.para ? String(first.para) : '',
      fact.conflict === true
        ? `Sources disagree. ${claims.join(' | ')}`
        : citations.slice(1).map(cite).join('; ')
    ];
  });
}

/** The deck as CSV text, with a header row and CRLF line ends. */
export function deckToCsv(deck: Pick<DeckFile, 'facts' | 'sources' | 'topics'>): string {
  return (
    [[...CSV_COLUMNS], ...deckRows(deck)].map((row) => row.map(cell).join(',')).join('\r\n') +
    '\r\n'
  );
}
