/**
 * Making sure the built-in decks are in the learner's database: on first run and after an
 * app update that ships new or changed decks. Safe to call on every start: an unchanged
 * deck costs one read.
 */
import { database } from '$lib/db/db';
import type { Clock } from '$lib/srs/clock';
import { loadDeck, loadDeckIndex } from './catalog';
import { systemClock } from './clock';
import { installBuiltInDecks, type InstallReport } from './install-decks';

let pending: Promise<InstallReport> | null = null;

/** Installs what is new or changed; a deck installed now is dated by `clock`. */
export function ensureBuiltInDecks(clock: Clock = systemClock): Promise<InstallReport> {
  pending ??= installBuiltInDecks(
    database(),
    () => loadDeckIndex(),
    (id) => loadDeck(id),
    clock.now()
  ).catch((error) => {
    pending = null;
    throw error;
  });
  return pending;
}
