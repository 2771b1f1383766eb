/** Messages between the page and the optimiser worker (optimise.worker.ts). */
import type { Comparison, Fitted, OptimiseStep, SchedulerParameters } from './optimise';

/** `deckId`: that deck's answers and parameters of its own; absent: the collection's. */
export type OptimiseRequest = { deckId?: string } & (
  | { type: 'status' }
  | { type: 'fit' }
  | { type: 'adopt'; fitted: Fitted; now: number }
  | { type: 'undo'; now: number }
);

export type OptimiseReply =
  | { type: 'status'; reviews: number; parameters: SchedulerParameters | null }
  | { type: 'step'; step: OptimiseStep | 'loading'; done?: number; total?: number }
  | { type: 'fitted'; comparison: Comparison }
  | { type: 'saved'; parameters: SchedulerParameters }
  | { type: 'failed'; message: string };
