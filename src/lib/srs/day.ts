/**
 * Study days: a day runs from `dayStartHour` local time to the same hour the next day, so
 * a late-night session counts for the day it began. Pure: the time zone is a parameter.
 */

const DAY = 86_400_000;

/**
 * The study day of a moment, as a whole number of days since 1970 (local time).
 * @param tzOffsetMinutes as `Date.prototype.getTimezoneOffset()` gives it (UTC minus local)
 */
export function studyDay(now: number, dayStartHour: number, tzOffsetMinutes: number): number {
  const local = now - tzOffsetMinutes * 60_000;
  return Math.floor((local - dayStartHour * 3_600_000) / DAY);
}

/** The first moment (epoch ms) of a study day. */
export function dayStart(day: number, dayStartHour: number, tzOffsetMinutes: number): number {
  return day * DAY + dayStartHour * 3_600_000 + tzOffsetMinutes * 60_000;
}

/** The first moment of the study day after the one `now` is in. */
export function nextDayStart(now: number, dayStartHour: number, tzOffsetMinutes: number): number {
  return dayStart(studyDay(now, dayStartHour, tzOffsetMinutes) + 1, dayStartHour, tzOffsetMinutes);
}

/** A calendar date (YYYY-MM-DD) as a day number on the same scale as `studyDay`. */
export function calendarDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY);
}
