/**
 * How the statistics write study days, spans of days and durations. A study day is a day
 * number (srs/day.ts): its calendar date is read in UTC.
 */
import { minutes } from '$lib/format';

const DAY = 86_400_000;

const date = (day: number) => new Date(day * DAY);
const format = (day: number, options: Intl.DateTimeFormatOptions) =>
  date(day).toLocaleDateString('en-GB', { timeZone: 'UTC', ...options });

/** "Mon 23 Nov" */
export function dayLabel(day: number): string {
  return format(day, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** "23 Nov 2026" */
export function dateLabel(day: number): string {
  return format(day, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "November 2026", from "2026-11". */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric'
  });
}

/** "Nov", the short name of a day's month. */
export function shortMonth(day: number): string {
  return format(day, { month: 'short' });
}

/** A span of days: "Mon 23 Nov" for one, "17–23 Nov" or "28 Oct – 3 Nov" for more. */
export function spanLabel(from: number, to: number): string {
  if (from === to) return dayLabel(from);
  const sameMonth = date(from).getUTCMonth() === date(to).getUTCMonth();
  return sameMonth
    ? `${date(from).getUTCDate()}–${format(to, { day: 'numeric', month: 'short' })}`
    : `${format(from, { day: 'numeric', month: 'short' })} – ${format(to, { day: 'numeric', month: 'short' })}`;
}

/** "2 h 5 min", "12 min", "under a minute". */
export function duration(ms: number): string {
  const total = Math.round(ms / 60_000);
  if (total < 60) return minutes(ms);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
