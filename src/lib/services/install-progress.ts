/** Messages between the page and the deck-installing worker. */
import type { InstallReport } from './install-decks';

export interface InstallRequest {
  /** The install's date, from the page's clock. */
  now: number;
}

/** How far the install got: `done` of `total` decks checked or written. */
export interface InstallProgress {
  done: number;
  total: number;
}

export type InstallMessage =
  | ({ type: 'progress' } & InstallProgress)
  | { type: 'done'; report: InstallReport }
  | { type: 'error'; message: string };
