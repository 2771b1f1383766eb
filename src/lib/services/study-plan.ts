/**
 * The learner's study plan for the whole collection: which decks Today studies and how many
 * new cards a day across all of them.
 */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import { DEFAULT_STUDY_PLAN, type StudyPlan } from '$lib/srs/types';

/** The plan, with defaults for what was never chosen. Works inside a transaction. */
export async function getStudyPlan(db: SourcedeckDatabase): Promise<StudyPlan> {
  return { ...DEFAULT_STUDY_PLAN, ...((await getSetting(db, 'studyPlan')) ?? {}) };
}

/** Saves the plan: a whole number of new cards from 0 to 999, decks that exist or all. */
export async function saveStudyPlan(
  db: SourcedeckDatabase,
  plan: Partial<StudyPlan>
): Promise<StudyPlan> {
  return db.transaction('rw', [db.settings, db.decks], async () => {
    const current = await getStudyPlan(db);
    const next: StudyPlan = { ...current, ...plan };
    next.newPerDay = Math.min(999, Math.max(0, Math.round(Number(next.newPerDay) || 0)));
    if (next.decks) {
      const known = new Set((await db.decks.toArray()).map((d) => d.id));
      next.decks = next.decks.filter((id) => known.has(id));
      if (next.decks.length === 0) next.decks = null;
    }
    await putSetting(db, 'studyPlan', next);
    return next;
  });
}
