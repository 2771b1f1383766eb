/** The study streak: consecutive study days, as Today shows them. Pure. */

/** A streak of study days that forgives one missed day between two study days. */
export function streakDays(
  studiedDays: readonly number[],
  today: number
): { days: number; studiedToday: boolean } {
  const set = new Set(studiedDays);
  const studiedToday = set.has(today);
  let day = studiedToday ? today : today - 1;
  if (!set.has(day) && set.has(day - 1)) day -= 1; // yesterday missed: forgiven
  let days = 0;
  while (set.has(day)) {
    days++;
    if (set.has(day - 1)) day -= 1;
    else if (set.has(day - 2)) day -= 2;
    else break;
  }
  return { days, studiedToday };
}
