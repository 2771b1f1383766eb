import type {
  Comparison,
  OptimiseProgress,
  SchedulerParameters,
  startFit
} from '$lib/services/optimise-client';
import { systemClock } from '$lib/services/clock';
import type { Clock } from '$lib/srs/clock';
import { MIN_REVIEWS_TO_OPTIMISE } from '$lib/srs/types';
import { lazy } from './lazy';

export { MIN_REVIEWS_TO_OPTIMISE };

/** The optimiser's client (it talks to the worker) loads after the first paint. */
const client = lazy(() => import('$lib/services/optimise-client'));

/** The progress bar's value (0 to 1) and line for each step of a fit. */
export function describeProgress({ step, done, total }: OptimiseProgress): {
  value: number;
  label: string;
} {
  if (step === 'loading') return { value: 0.05, label: 'Loading the optimiser…' };
  if (step === 'reading') {
    const share = total ? Math.min(1, (done ?? 0) / total) : 0;
    return {
      value: 0.05 + 0.25 * share,
      label: total
        ? `Reading your answers… ${(done ?? 0).toLocaleString('en')} of ${total.toLocaleString('en')} log rows`
        : 'Reading your answers…'
    };
  }
  if (step === 'fitting')
    return { value: 0.35, label: 'Fitting parameters to your older answers…' };
  return { value: 0.85, label: 'Comparing both on your newest answers…' };
}

type Phase = 'idle' | 'fitting' | 'fitted' | 'saving';

/**
 * The scheduler's optimiser as a learner uses it: how many answers count, a fit with its
 * progress that can be cancelled, the old and new log loss, Adopt or Keep, and Undo.
 */
export class OptimiseState {
  /** Kept answers (an undone one does not count); null while counting. */
  reviews = $state<number | null>(null);
  parameters = $state.raw<SchedulerParameters | null>(null);
  phase = $state<Phase>('idle');
  progress = $state<{ value: number; label: string } | null>(null);
  comparison = $state.raw<Comparison | null>(null);
  /** What the last action did, in a sentence. */
  outcome = $state<string | null>(null);
  error = $state<string | null>(null);
  #job: ReturnType<typeof startFit> | null = null;
  #clock: Clock;
  /** Fits and adopts for this deck alone (its own parameters); the collection's when absent. */
  readonly deckId: string | undefined;

  constructor(clock: Clock = systemClock, deckId?: string) {
    this.#clock = clock;
    this.deckId = deckId;
  }

  /** True once there are enough answers to fit parameters to. */
  get offered(): boolean {
    return (this.reviews ?? 0) >= MIN_REVIEWS_TO_OPTIMISE;
  }

  /** True when an adoption can be taken back. */
  get canUndo(): boolean {
    return this.parameters?.previous !== undefined && this.phase === 'idle';
  }

  async load(): Promise<void> {
    try {
      const status = await (await client()).optimiserStatus(this.deckId);
      this.reviews = status.reviews;
      this.parameters = status.parameters;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async fit(): Promise<void> {
    if (this.phase !== 'idle') return;
    this.phase = 'fitting';
    this.error = this.outcome = null;
    this.comparison = null;
    this.progress = describeProgress({ step: 'loading' });
    let use: Awaited<ReturnType<typeof client>>;
    try {
      use = await client();
    } catch (error) {
      this.phase = 'idle';
      this.progress = null;
      this.error = error instanceof Error ? error.message : String(error);
      return;
    }
    const job = use.startFit(
      (progress) => (this.progress = describeProgress(progress)),
      this.deckId
    );
    this.#job = job;
    try {
      const comparison = await job.done;
      this.comparison = comparison;
      this.reviews = comparison.reviews;
      this.phase = 'fitted';
      if (!comparison.better)
        this.outcome =
          'The fitted parameters predict your newest answers no better than the ones in use, so nothing changes.';
    } catch (error) {
      this.phase = 'idle';
      if (error instanceof use.CancelledFit) this.outcome = error.message;
      else this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.progress = null;
      if (this.#job === job) this.#job = null;
    }
  }

  cancel(): void {
    this.#job?.cancel();
  }

  async adopt(): Promise<void> {
    const comparison = this.comparison;
    if (this.phase !== 'fitted' || !comparison?.better) return;
    this.phase = 'saving';
    try {
      this.parameters = await (
        await client()
      ).adoptFitted(
        {
          weights: comparison.weights,
          reviews: comparison.reviews,
          before: comparison.before,
          after: comparison.after
        },
        this.#clock,
        this.deckId
      );
      this.outcome = this.deckId
        ? 'Adopted: this deck’s cards are now scheduled with parameters fitted to its answers.'
        : 'Adopted: your cards are now scheduled with parameters fitted to you.';
      this.comparison = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.phase = 'idle';
    }
  }

  keep(): void {
    if (this.phase !== 'fitted') return;
    this.comparison = null;
    this.phase = 'idle';
    this.outcome = 'Kept the parameters in use.';
  }

  async undo(): Promise<void> {
    if (!this.canUndo) return;
    this.phase = 'saving';
    this.error = null;
    try {
      this.parameters = await (await client()).undoAdoption(this.#clock, this.deckId);
      this.outcome = 'Undone: the parameters you had before are back.';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.phase = 'idle';
    }
  }
}
