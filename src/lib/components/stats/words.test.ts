import { describe, expect, it } from 'vitest';
import {
  dateFormat,
  dateLabel,
  dayLabel,
  duration,
  monthLabel,
  shortMonth,
  spanLabel
} from './words';

// Day numbers count days since 1 January 1970 (srs/day.ts).
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('the words the statistics write dates in', () => {
  it('names a study day by its calendar date, whatever the zone of the machine', () => {
    expect(dayLabel(day('2026-11-23'))).toBe('Mon 23 Nov');
    expect(dateLabel(day('2026-11-23'))).toBe('23 Nov 2026');
    expect(shortMonth(day('2026-02-01'))).toBe('Feb');
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
    expect(shortMonth(day('2026-09-03'))).toBe('Sept');
    expect(dateLabel(day('2026-09-03'))).toBe('3 Sept 2026');
    expect(dayLabel(day('2026-12-27'))).toBe('Sun 27 Dec');
  });

  it('writes spans of days within a month and across months', () => {
    expect(spanLabel(day('2026-11-17'), day('2026-11-23'))).toBe('17–23 Nov');
    expect(spanLabel(day('2026-10-28'), day('2026-11-03'))).toBe('28 Oct – 3 Nov');
    expect(spanLabel(day('2026-11-23'), day('2026-11-23'))).toBe('Mon 23 Nov');
  });

  it('counts weekdays and months right across years', () => {
    const days = Array.from({ length: 400 }, (_, i) => day('2026-01-01') + i);
    const labels = days.map(dayLabel);
    expect(labels[0]).toBe('Thu 1 Jan');
    expect(labels[58]).toBe('Sat 28 Feb');
    expect(labels[59]).toBe('Sun 1 Mar');
    expect(labels[365]).toBe('Fri 1 Jan');
  });

  it('writes a moment in the zone asked for, with one formatter per set of options', () => {
    const at = Date.parse('2026-11-23T15:04:00Z');
    const format = dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    expect(format.format(at)).toBe('23 Nov 2026, 15:04');
    expect(dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })).toBe(format);
  });

  it('writes durations in hours and minutes', () => {
    expect(duration(125 * 60_000)).toBe('2 h 5 min');
    expect(duration(120 * 60_000)).toBe('2 h');
  });
});
