/**
 * How the statistics write study days, spans of days and durations. A study day is a day
 * number (srs/day.ts): its calendar date is read in UTC.
 */
import { minutes } from '$lib/format';

const DAY = 86_400_000;

const date = (day: number) => new Date(day * DAY);

// The app writes English only. Names from tables, not Intl: a page's first Intl formatter
// loads the locale's data, which froze a slow phone for a tenth of a second on the
// statistics' first paint.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];
/** "Sept" as en-GB writes it; the other months by their first three letters. */
const short = (month: number) => (month === 8 ? 'Sept' : MONTHS[month]!.slice(0, 3));
/** "23 Nov" */
const dayMonth = (d: Date) => `${d.getUTCDate()} ${short(d.getUTCMonth())}`;

/** "Mon 23 Nov" */
export function dayLabel(day: number): string {
  const d = date(day);
  return `${WEEKDAYS[d.getUTCDay()]} ${dayMonth(d)}`;
}

/** "23 Nov 2026" */
export function dateLabel(day: number): string {
  const d = date(day);
  return `${dayMonth(d)} ${d.getUTCFullYear()}`;
}

/** "November 2026", from "2026-11". */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1]} ${year}`;
}

/** "Nov", the short name of a day's month. */
export function shortMonth(day: number): string {
  return short(date(day).getUTCMonth());
}

/**
 * A formatter of moments in the learner's own zone, made once per set of options (each
 * `toLocaleString` call builds a new one), for a fact's list of answers.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A span of days: "Mon 23 Nov" for one, "17–23 Nov" or "28 Oct – 3 Nov" for more. */
export function spanLabel(from: number, to: number): string {
  if (from === to) return dayLabel(from);
  const sameMonth = date(from).getUTCMonth() === date(to).getUTCMonth();
  return sameMonth
    ? `${date(from).getUTCDate()}–${dayMonth(date(to))}`
    : `${dayMonth(date(from))} – ${dayMonth(date(to))}`;
}

/** "2 h 5 min", "12 min", "under a minute". */
export function duration(ms: number): string {
  const total = Math.round(ms / 60_000);
  if (total < 60) return minutes(ms);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
