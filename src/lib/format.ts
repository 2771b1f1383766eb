/**
 * How the screens write numbers, counts and days: one place, so every screen says
 * "1 day late" and "3 facts" the same way. Pure: no DOM, no clock.
 */

/** "1 card", "3 cards"; `many` where adding an s is wrong ("1 fact is", "2 facts are"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${Number.isInteger(count) ? grouped(count) : count} ${count === 1 ? one : many}`;
}

/**
 * A whole number with its thousands grouped: "12,580". Not `toLocaleString`: a screen's
 * first Intl call loads the locale's data, a tenth of a second on a slow phone.
 */
export function grouped(count: number): string {
  const sign = count < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(count))).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The word alone, for sentences that put the number elsewhere. */
export function pluralWord(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** A share from 0 to 1 as a whole percentage ("83%"); an unknown share as a dash. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/**
 * Milliseconds as whole minutes ("12 min"). Some time that rounds to no whole minute is
 * "under a minute", so a student who answered a few cards is not told "0 min"; only no
 * time at all is "0 min".
 */
export function minutes(ms: number): string {
  if (ms > 0 && ms < 60_000) return 'under a minute';
  return `${Math.round(ms / 60_000)} min`;
}

/**
 * Whole days to a date as words: "in 3 days", "today", "2 days late".
 * @param days as `daysUntil` gives them: 0 today, negative once the date is past
 */
export function daysAway(days: number): string {
  if (days < 0) return `${plural(-days, 'day')} late`;
  if (days === 0) return 'today';
  return `in ${plural(days, 'day')}`;
}

/** The same, after "due" where the date is still ahead: "due in 3 days", "2 days late". */
export function dueText(days: number): string {
  return days < 0 ? daysAway(days) : `due ${daysAway(days)}`;
}
