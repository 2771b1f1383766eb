/**
 * The page's side of the optimiser: every request runs in a worker (optimise.worker.ts),
 * which reads the log and, for a fit, loads fsrs-rs (WebAssembly). Neither the optimiser
 * nor the log reading ever runs on the main thread. Cancelling a fit ends its worker.
 */
import type { Clock } from '$lib/srs/clock';
import { systemClock } from './clock';
import type { Comparison, Fitted, OptimiseStep, SchedulerParameters } from './optimise';
import type { OptimiseReply, OptimiseRequest } from './optimise-messages';

export type { Comparison, Fitted, SchedulerParameters };
export type OptimiseProgress = { step: OptimiseStep | 'loading'; done?: number; total?: number };

export class CancelledFit extends Error {
  constructor() {
    super('Cancelled: nothing was changed.');
    this.name = 'CancelledFit';
  }
}

/** One request to a worker of its own; `cancel` ends the worker and rejects with CancelledFit. */
class Request<T> {
  readonly done: Promise<T>;
  #worker: Worker;
  #reject: (error: Error) => void = () => {};

  constructor(
    request: OptimiseRequest,
    answer: (reply: OptimiseReply) => T | undefined,
    onProgress?: (progress: OptimiseProgress) => void
  ) {
    this.#worker = new Worker(new URL('./optimise.worker.ts', import.meta.url), {
      type: 'module'
    });
    this.done = new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = ({ data }: MessageEvent<OptimiseReply>) => {
        if (data.type === 'step') {
          onProgress?.({ step: data.step, done: data.done, total: data.total });
          return;
        }
        this.#worker.terminate();
        if (data.type === 'failed') reject(new Error(data.message));
        else {
          const value = answer(data);
          if (value === undefined) reject(new Error('The optimiser answered out of turn.'));
          else resolve(value);
        }
      };
      this.#worker.onerror = (event) => {
        event.preventDefault();
        this.#worker.terminate();
        reject(new Error('The optimiser could not start in this browser: it needs Web Workers.'));
      };
    });
    this.#worker.postMessage(request);
  }

  cancel(): void {
    this.#worker.terminate();
    this.#reject(new CancelledFit());
  }
}

/**
 * How many answers count (an undone one does not) and the parameters in use: the
 * collection's, or with `deckId` that deck's answers and its own parameters.
 */
export function optimiserStatus(deckId?: string): Promise<{
  reviews: number;
  parameters: SchedulerParameters | null;
}> {
  return new Request({ type: 'status', ...(deckId && { deckId }) }, (reply) =>
    reply.type === 'status' ? { reviews: reply.reviews, parameters: reply.parameters } : undefined
  ).done;
}

/** Starts a fit; `done` gives the comparison, `cancel()` stops it and changes nothing. */
export function startFit(onProgress: (progress: OptimiseProgress) => void, deckId?: string) {
  return new Request<Comparison>(
    { type: 'fit', ...(deckId && { deckId }) },
    (reply) => (reply.type === 'fitted' ? reply.comparison : undefined),
    onProgress
  );
}

const saved = (reply: OptimiseReply) => (reply.type === 'saved' ? reply.parameters : undefined);

/** Makes the fitted parameters the collection's (refused unless they predict better). */
export function adoptFitted(fitted: Fitted, clock: Clock = systemClock, deckId?: string) {
  return new Request({ type: 'adopt', fitted, now: clock.now(), ...(deckId && { deckId }) }, saved)
    .done;
}

/** Puts back the parameters the last adoption replaced. */
export function undoAdoption(clock: Clock = systemClock, deckId?: string) {
  return new Request({ type: 'undo', now: clock.now(), ...(deckId && { deckId }) }, saved).done;
}
