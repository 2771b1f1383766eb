/**
 * The statistics screen and a fact's history. The statistics code (and the scheduler it
 * brings) loads only when one of them is shown, never with another screen.
 */
import { systemClock } from '$lib/services/clock';
import { yieldToBrowser } from './yield';
import type { Clock } from '$lib/srs/clock';
import type { Period, StatsScope, StatsView } from '$lib/services/stats';
import type { FactHistory } from '$lib/srs/stats';

export type { Period, StatsScope, StatsView, FactHistory };

/** The periods offered, in order, with their words. */
export const PERIODS: readonly { value: Period; label: string }[] = [
  { value: 30, label: '30 days' },
  { value: 90, label: '90 days' },
  { value: 365, label: 'A year' },
  { value: 'all', label: 'All' }
];

/** A period from the address (`?period=90`), 30 days when absent or unknown. */
export function parsePeriod(text: string | null): Period {
  return PERIODS.find((p) => String(p.value) === text)?.value ?? 30;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The statistics of the collection or one deck over a period. */
export class StatsState {
  view = $state.raw<StatsView | null>(null);
  /** True when the deck asked for is not on this device. */
  notFound = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  #clock: Clock;
  #turn = 0;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Loads the scope; a later call wins over one still running. */
  async load(scope: StatsScope): Promise<void> {
    const turn = ++this.#turn;
    this.loading = true;
    try {
      const { statsUseCases } = await import('$lib/services/stats');
      const view = await statsUseCases.loadStats(scope, this.#clock);
      // Counting and drawing in tasks of their own, so neither holds up a tap.
      await yieldToBrowser();
      if (turn !== this.#turn) return;
      this.notFound = view === null;
      this.view = view;
      this.error = null;
    } catch (error) {
      if (turn === this.#turn) this.error = message(error);
    } finally {
      if (turn === this.#turn) this.loading = false;
    }
  }
}

/** One fact's answers and memory, for its page. */
export class FactHistoryState {
  history = $state.raw<FactHistory | null>(null);
  error = $state<string | null>(null);
  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async load(factId: string): Promise<void> {
    try {
      const { statsUseCases } = await import('$lib/services/stats');
      this.history = await statsUseCases.loadFactHistory(factId, this.#clock);
      this.error = null;
    } catch (error) {
      this.error = message(error);
    }
  }
}
