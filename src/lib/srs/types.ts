/** A learner's rating of one answer: Again, Hard, Good, Easy (as FSRS and Anki number them). */
export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];
export const RATING_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** FSRS card states. */
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardState = (typeof CardState)[keyof typeof CardState];

/**
 * The memory state of one card, as stored: plain numbers, times in epoch milliseconds.
 * It mirrors ts-fsrs's Card so the scheduler can be swapped without a migration.
 */
export interface MemoryState {
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: number | null;
}

/** A learning step: a number and a unit, minutes, hours or days ("1m", "10m", "1d"). */
export type Step = `${number}${'m' | 'h' | 'd'}`;

/** Per-deck study options; every field has a default in DEFAULT_DECK_SETTINGS. */
export interface DeckSettings {
  newPerDay: number;
  reviewsPerDay: number;
  /** Desired retention, 0.70 to 0.97: the chance of remembering a card when it is due. */
  retention: number;
  learningSteps: Step[];
  relearningSteps: Step[];
  /** Hour (0-23, local time) at which a new study day begins. */
  dayStartHour: number;
  /**
   * FSRS-6 parameters (21 weights) the scheduler uses for this deck: the collection's
   * fitted ones (services/optimise.ts) unless the deck keeps its own; absent, the defaults.
   */
  weights?: number[];
}

export const DEFAULT_DECK_SETTINGS: DeckSettings = {
  newPerDay: 20,
  reviewsPerDay: 200,
  retention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  dayStartHour: 4
};

/** Fitting FSRS parameters to the learner is offered from this many kept answers. */
export const MIN_REVIEWS_TO_OPTIMISE = 400;

export const RETENTION_RANGE = { min: 0.7, max: 0.97 } as const;

/** The learner's plan for the whole collection, chosen on the first run or in Settings. */
export interface StudyPlan {
  /** New cards a day across every deck; a deck's own limit never raises it. */
  newPerDay: number;
  /** The decks studied from Today, in the learner's words "what I study"; null for all. */
  decks: string[] | null;
  /** True once the learner went through the first-run setup (or skipped it). */
  setUp: boolean;
}

export const DEFAULT_STUDY_PLAN: StudyPlan = { newPerDay: 20, decks: null, setUp: false };
