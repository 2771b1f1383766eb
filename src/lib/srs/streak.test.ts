import { describe, expect, it } from 'vitest';
import { streakDays } from './streak';

describe('the streak', () => {
  it('keeps a streak through one missed day but not two', () => {
    expect(streakDays([10, 11, 12], 12)).toEqual({ days: 3, studiedToday: true });
    expect(streakDays([10, 11, 13], 13)).toEqual({ days: 3, studiedToday: true });
    expect(streakDays([10, 11, 13], 14)).toEqual({ days: 3, studiedToday: false });
    expect(streakDays([10, 11, 14], 14)).toEqual({ days: 1, studiedToday: true });
    expect(streakDays([10, 11], 14)).toEqual({ days: 0, studiedToday: false });
  });
});
