import { systemClock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import { todayUseCases, type TodayOverview } from '$lib/services/today';
import type { Clock } from '$lib/srs/clock';

/**
 * Today's numbers, kept live: an answer given in another tab updates them here too
 * (Dexie tells every tab of a change).
 */
export class TodayState {
  overview = $state<TodayOverview | null>(null);
  error = $state<string | null>(null);
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
        (overview) => (this.overview = overview),
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
}
