/** When Today offers a backup. Pure: kept apart from the backup code so Today loads none of it. */
/** Study days without a backup after which Today offers one. */
export const BACKUP_REMINDER_DAYS = 7;

/**
 * How many days were studied since the later of the last backup and the last time the
 * reminder was put off (both study days; null when never): Today offers a backup from
 * BACKUP_REMINDER_DAYS on.
 */
export function studyDaysWithoutBackup(
  studyDays: readonly number[],
  lastBackupDay: number | null,
  dismissedDay: number | null
): number {
  const since = Math.max(lastBackupDay ?? -Infinity, dismissedDay ?? -Infinity);
  return studyDays.filter((day) => day > since).length;
}
