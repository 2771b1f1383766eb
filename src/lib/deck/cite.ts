/** How sources and citations are written out for learners. Pure. */
import { MONTHS } from './normalize';
import type { Citation, Era, FactKind, QuestionKind, Source } from './types';

/** "2019-02-08" → "8 February 2019"; "2017-07" → "July 2017"; "2014" stays. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  const lower = month ? MONTHS[Number(month) - 1] : undefined;
  const monthName = lower ? lower[0]!.toUpperCase() + lower.slice(1) : undefined;
  if (!monthName) return year ?? date;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

export function authorsOf(source: Source): string {
  if (source.authors.length === 0) return 'Author not named';
  if (source.authors.length === 1) return source.authors[0] as string;
  return `${source.authors.slice(0, -1).join(', ')} and ${source.authors.at(-1)}`;
}

/** The short form used beside an answer: "The Hankyoreh (2019), paragraph 5". */
export function formatCitationShort(citation: Citation, source: Source | undefined): string {
  const name = source
    ? `${source.short ?? (source.authors[0] ? source.authors.join(' and ') : source.title)}${source.date ? ` (${source.date.slice(0, 4)})` : ''}`
    : citation.source;
  return citation.para === undefined ? name : `${name}, paragraph ${citation.para}`;
}

export const ERA_LABELS: Record<Era, string> = {
  '1950-1964': '1950–1964',
  '1965-1975': '1965–1975',
  '1976-1991': '1976–1991',
  '1992-2010': '1992–2010',
  '2011-2019': '2011–2019'
};

export const KIND_LABELS: Record<FactKind, string> = {
  date: 'Date',
  number: 'Number',
  person: 'Person',
  place: 'Place',
  organization: 'Organization',
  event: 'Event',
  term: 'Term',
  cause: 'Cause',
  claim: 'Claim'
};

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  flashcard: 'Flashcard',
  typed: 'Typed answer',
  choice: 'Multiple choice',
  truefalse: 'True or false',
  cloze: 'Fill the gap',
  numeric: 'Number entry',
  order: 'Put in order',
  match: 'Matching'
};
