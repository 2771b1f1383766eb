import { systemClock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import { studyPlanUseCases, type PlanChoices } from '$lib/services/study-plan';
import { todayUseCases, type TodayOverview } from '$lib/services/today';
import type { Clock } from '$lib/srs/clock';
import type { StudyPlan } from '$lib/srs/types';

/**
 * Today's numbers, kept live: an answer given in another tab updates them here too
 * (Dexie tells every tab of a change).
 */
export class TodayState {
  overview = $state<TodayOverview | null>(null);
  error = $state<string | null>(null);
  /** On the first run, what the setup offers; null until needed. */
  choices = $state<PlanChoices | null>(null);
  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Starts watching; returns the function that stops. */
  watch(): () => void {
    let stopped = false;
    let unsubscribe = () => {};
    const installing = ensureBuiltInDecks(this.#clock).catch((error) => {
      // Offline on a first visit with no decks cached: say so, keep what is installed.
      this.error = error instanceof Error ? error.message : String(error);
    });
    const subscribe = () => {
      if (stopped) return;
      unsubscribe = todayUseCases.watchTodayOverview(
        this.#clock,
        (overview) => {
          this.overview = overview;
          if (!overview.plan.setUp && !this.choices) void this.#loadChoices();
        },
        (error) => (this.error = error instanceof Error ? error.message : String(error))
      );
    };
    // On the very first run, wait for the decks so the counts do not climb deck by deck;
    // afterwards, counts come at once and an update landing later shows up live.
    void todayUseCases
      .countDecks()
      .then((n) => (n === 0 ? installing.then(subscribe) : subscribe()));
    return () => {
      stopped = true;
      unsubscribe();
    };
  }

  async #loadChoices(): Promise<void> {
    this.choices = await studyPlanUseCases.studyPlanChoices();
  }

  /** Saves the first-run choices; Today then counts by them. */
  async savePlan(plan: Pick<StudyPlan, 'decks' | 'newPerDay'>): Promise<void> {
    await studyPlanUseCases.saveStudyPlan({ ...plan, setUp: true });
  }

  /** Skips the setup: every deck, 20 new facts a day. Settings can change it later. */
  async skipSetup(): Promise<void> {
    await studyPlanUseCases.saveStudyPlan({ setUp: true });
  }
}
