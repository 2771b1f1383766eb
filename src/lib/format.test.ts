import { describe, expect, it } from 'vitest';
import { daysAway, dueText, minutes, percent, plural, pluralWord, grouped } from './format';

describe('screen formats', () => {
  it('counts in the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(0, 'card')).toBe('0 cards');
    expect(plural(2, 'fact is', 'facts are')).toBe('2 facts are');
    expect(pluralWord(1, 'time')).toBe('time');
    expect(pluralWord(4, 'time')).toBe('times');
  });

  it('groups the thousands of a count in words', () => {
    expect(plural(1000, 'answer')).toBe('1,000 answers');
    expect(plural(12_580, 'review')).toBe('12,580 reviews');
    expect(plural(1.5, 'day')).toBe('1.5 days');
  });

  it('groups the thousands of whole numbers as English writes them', () => {
    expect(grouped(0)).toBe('0');
    expect(grouped(999)).toBe('999');
    expect(grouped(1000)).toBe('1,000');
    expect(grouped(12_580)).toBe('12,580');
    expect(grouped(1_234_567)).toBe('1,234,567');
    expect(grouped(-4500)).toBe('-4,500');
    for (const n of [1, 10, 100, 1001, 99_999, 100_000, 7_654_321]) {
      expect(grouped(n)).toBe(n.toLocaleString('en'));
    }
  });

  it('writes shares as whole percentages and an unknown share as a dash', () => {
    expect(percent(0.834)).toBe('83%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });

  it('writes durations in whole minutes', () => {
    expect(minutes(89_000)).toBe('1 min');
    expect(minutes(60_000)).toBe('1 min');
    expect(minutes(150_000)).toBe('3 min');
    expect(minutes(0)).toBe('0 min');
  });

  it('says "under a minute" for some time short of a minute, never "0 min"', () => {
    expect(minutes(6_000)).toBe('under a minute');
    expect(minutes(1)).toBe('under a minute');
    expect(minutes(29_000)).toBe('under a minute');
    expect(minutes(59_999)).toBe('under a minute');
  });

  it('says how far a due date is, in days', () => {
    expect(dueText(3)).toBe('due in 3 days');
    expect(dueText(1)).toBe('due in 1 day');
    expect(dueText(0)).toBe('due today');
    expect(dueText(-1)).toBe('1 day late');
    expect(dueText(-2)).toBe('2 days late');
    expect(daysAway(3)).toBe('in 3 days');
    expect(daysAway(0)).toBe('today');
    expect(daysAway(-2)).toBe('2 days late');
  });
});
