import { database, liveQuery } from '$lib/db/db';
import { ensureBuiltInDecks } from '$lib/services/library';
import { systemClock, todayOverview, type Clock, type TodayOverview } from '$lib/services/study';

/**
 * Today's numbers, kept live: an answer given in another tab updates them here too
 * (Dexie tells every tab of a change).
 */
export class TodayState {
  overview = $state<TodayOverview | null>(null);
  error = $state<string | null>(null);

  /** Starts watching; returns the function that stops. */
  watch(clock: Clock = systemClock): () => void {
    // Counts come from what is installed; an install or update running alongside shows
    // up through the live query when it lands.
    ensureBuiltInDecks(clock.now()).catch((error) => {
      // Offline on a first visit with no decks cached: say so, keep what is installed.
      this.error = error instanceof Error ? error.message : String(error);
    });
    const subscription = liveQuery(() => todayOverview(database(), clock)).subscribe({
      next: (overview) => {
        if (overview.decks.length > 0 || this.overview) this.overview = overview;
      },
      error: (error) => (this.error = error instanceof Error ? error.message : String(error))
    });
    return () => subscription.unsubscribe();
  }
}
