import { systemClock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import { studyPlanUseCases, type PlanChoices } from '$lib/services/study-plan';
import { todayUseCases, type TodayOverview } from '$lib/services/today';
import type { Clock } from '$lib/srs/clock';
import type { Component } from 'svelte';
import type { AssignmentProgress } from '$lib/services/assignment-progress';
import type { StudyPlan } from '$lib/srs/types';

/**
 * Today's numbers, kept live: an answer given in another tab updates them here too
 * (Dexie tells every tab of a change).
 */
export class TodayState {
  overview = $state<TodayOverview | null>(null);
  error = $state<string | null>(null);
  /** On the first run, what the setup offers, and its form; null until needed. */
  choices = $state<PlanChoices | null>(null);
  setupForm = $state.raw<Component<never> | null>(null);
  /**
   * The learner's assignments and the list that shows them, loaded only when there are
   * some, and before the overview is shown so the list does not push the page down.
   */
  assignments = $state.raw<{ list: Component<never>; items: AssignmentProgress[] } | null>(null);
  #clock: Clock;
  #turn = 0;
  #installing: Promise<unknown> = Promise.resolve();

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
    this.#installing = installing;
    const subscribe = () => {
      if (stopped) return;
      unsubscribe = todayUseCases.watchTodayOverview(
        this.#clock,
        async (overview) => {
          const turn = ++this.#turn;
          if (overview.activeAssignments > 0) await this.#loadAssignments();
          else this.assignments = null;
          // A newer overview may have come while the list loaded: only the newest is shown.
          if (stopped || turn !== this.#turn) return;
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
    // The setup offers every deck: after a first visit closed half-way, the rest come first.
    await this.#installing;
    const [form, choices] = await Promise.all([
      import('$lib/components/StudyPlanForm.svelte'),
      studyPlanUseCases.studyPlanChoices()
    ]);
    this.setupForm = form.default as Component<never>;
    this.choices = choices;
  }

  async #loadAssignments(): Promise<void> {
    const [list, progress] = await Promise.all([
      import('$lib/components/AssignmentList.svelte'),
      import('$lib/services/assignment-progress')
    ]);
    const items = await progress.studentAssignments.listAssignmentProgress(this.#clock);
    this.assignments = { list: list.default as Component<never>, items };
  }

  /** Saves the first-run choices; Today then counts by them. */
  async savePlan(plan: Pick<StudyPlan, 'decks' | 'newPerDay'>): Promise<void> {
    await studyPlanUseCases.saveStudyPlan({ ...plan, setUp: true });
  }

  /** "Not now" on the backup reminder: it comes back after seven more study days. */
  async dismissBackupReminder(): Promise<void> {
    await todayUseCases.dismissBackupReminder(this.#clock);
  }

  /** Skips the setup: every deck, 20 new facts a day. Settings can change it later. */
  async skipSetup(): Promise<void> {
    await studyPlanUseCases.saveStudyPlan({ setUp: true });
  }
}
