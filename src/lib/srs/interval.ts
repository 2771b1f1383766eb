// Kept apart from the scheduler so that a screen showing intervals need not load ts-fsrs.

/** A short human form of the wait until `due`: "1 min", "10 min", "3 h", "2 d", "4 mo", "1.5 y". */
export function formatInterval(fromMs: number, dueMs: number): string {
  const minutes = Math.max(1, Math.round((dueMs - fromMs) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 31) return `${Math.round(days)} d`;
  if (days < 365) return `${Math.round(days / 30.4)} mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')} y`;
}
