/**
 * The one rule for which answers count: every answer no undo took back (an undo names the
 * answer's row id; a changed rating is an undo and a new answer). Today, the streak, the
 * statistics, the optimiser, backups and exports all read the log through it. Pure.
 */
export function keptAnswers<A extends { type: 'answer'; id?: number }>(
  rows: readonly (A | { type: 'undo'; undoes: number })[]
): A[] {
  const undone = new Set<number>();
  for (const row of rows) if (row.type === 'undo') undone.add(row.undoes);
  return rows.filter(
    (row): row is A => row.type === 'answer' && (row.id === undefined || !undone.has(row.id))
  );
}
