import { describe, expect, it } from 'vitest';
import { studyDaysWithoutBackup } from './reminder';

describe('the backup reminder', () => {
  it('counts study days after the last backup or the last “not now”, whichever is later', () => {
    const days = [10, 11, 12, 14, 15, 16, 17, 20];
    expect(studyDaysWithoutBackup(days, null, null)).toBe(8);
    expect(studyDaysWithoutBackup(days, 12, null)).toBe(5);
    expect(studyDaysWithoutBackup(days, 12, 16)).toBe(2);
    expect(studyDaysWithoutBackup(days, 20, null)).toBe(0);
  });
});
