/**
 * The learner's study plan for the whole collection: which decks Today studies and how many
 * new cards a day across all of them.
 */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import { DEFAULT_STUDY_PLAN, type StudyPlan } from '$lib/srs/types';
import { onAppDatabase } from './app-database';

/** New facts a day a learner can choose, each with its estimated time. */
export const NEW_PER_DAY_CHOICES = [5, 10, 20, 30] as const;

/** The seconds one card takes when the learner has no history yet. */
export const DEFAULT_SECONDS_PER_CARD = 15;

/**
 * Minutes a day for `newPerDay` new facts: on the first day each new fact is shown about
 * twice; once reviews build up (after a few weeks), each day also brings back about four
 * earlier facts for every new one.
 */
export function planMinutes(
  newPerDay: number,
  secondsPerCard = DEFAULT_SECONDS_PER_CARD
): { firstDay: number; later: number } {
  return {
    firstDay: Math.ceil((newPerDay * 2 * secondsPerCard) / 60),
    later: Math.ceil((newPerDay * 6 * secondsPerCard) / 60)
  };
}

export interface PlanChoices {
  plan: StudyPlan;
  /** Every installed deck in study order, with how many facts it holds. */
  decks: { id: string; title: string; facts: number }[];
}

/** The plan and what it can choose from. */
export async function studyPlanChoices(db: SourcedeckDatabase): Promise<PlanChoices> {
  return db.transaction('r', [db.settings, db.decks, db.cards], async () => {
    const decks = (await db.decks.toArray()).sort(
      (a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)
    );
    const facts = await Promise.all(
      decks.map((d) =>
        db.cards
          .where('deckId')
          .equals(d.id)
          .filter((c) => !c.retired)
          .count()
      )
    );
    return {
      plan: await getStudyPlan(db),
      decks: decks.map((d, i) => ({ id: d.id, title: d.title, facts: facts[i]! }))
    };
  });
}

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

/** What the first-run setup and Settings need, on the app's database. */
export const studyPlanUseCases = /* @__PURE__ */ onAppDatabase({ studyPlanChoices, saveStudyPlan });
