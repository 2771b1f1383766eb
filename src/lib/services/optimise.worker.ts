/**
 * The optimiser's worker: reads the answer log from the same Dexie database as the page,
 * and fits FSRS parameters with fsrs-rs compiled to WebAssembly (fsrs-browser), which loads
 * here only, when the learner asks for a fit. fsrs-browser is built for a thread pool, but
 * no pool is started: the fit runs on this worker's one thread, which needs no
 * cross-origin isolation (a pool would need SharedArrayBuffer sent between workers).
 */
import { database } from '$lib/db/db';
import type { TrainingItems } from '$lib/srs/optimise';
import {
  adoptParameters,
  fitParameters,
  optimiserStatus,
  undoParameters,
  type OptimiseStep
} from './optimise';
import type { OptimiseReply, OptimiseRequest } from './optimise-messages';
import { writeFailureMessage } from './write-failure';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<OptimiseRequest>) => void) | null;
  postMessage(message: OptimiseReply): void;
};

type Fit = (items: TrainingItems) => Float32Array;
let optimiser: Promise<Fit> | null = null;

/** fsrs-rs, loaded once per worker. */
function loadOptimiser(): Promise<Fit> {
  optimiser ??= (async () => {
    const [{ default: init, Fsrs }, { default: wasmUrl }] = await Promise.all([
      import('fsrs-browser'),
      import('fsrs-browser/fsrs_browser_bg.wasm?url')
    ]);
    await init({ module_or_path: wasmUrl });
    return (items) =>
      new Fsrs().computeParameters(items.ratings, items.deltas, items.lengths, null, true);
  })();
  return optimiser;
}

const step = (step: OptimiseStep | 'loading', done?: number, total?: number) =>
  scope.postMessage({ type: 'step', step, done, total });

scope.onmessage = async ({ data: request }) => {
  try {
    const db = database();
    if (request.type === 'status') {
      scope.postMessage({ type: 'status', ...(await optimiserStatus(db, request.deckId)) });
    } else if (request.type === 'fit') {
      step('loading');
      const fit = await loadOptimiser();
      const comparison = await fitParameters(db, fit, step, request.deckId);
      scope.postMessage({ type: 'fitted', comparison });
    } else if (request.type === 'adopt') {
      const parameters = await adoptParameters(db, request.fitted, request.now, request.deckId);
      scope.postMessage({ type: 'saved', parameters });
    } else {
      scope.postMessage({
        type: 'saved',
        parameters: await undoParameters(db, request.now, request.deckId)
      });
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: writeFailureMessage(error) });
  }
};
