/**
 * Making sure the built-in decks are in the learner's database: on first run and after an
 * app update that ships new or changed decks. Safe to call on every start: an unchanged
 * deck costs one read.
 */
import { database } from '$lib/db/db';
import { loadDeck, loadDeckIndex } from './catalog';
import { installBuiltInDecks, type InstallReport } from './install-decks';

let pending: Promise<InstallReport> | null = null;

export function ensureBuiltInDecks(now = Date.now()): Promise<InstallReport> {
  pending ??= installBuiltInDecks(
    database(),
    () => loadDeckIndex(),
    (id) => loadDeck(id),
    now
  ).catch((error) => {
    pending = null;
    throw error;
  });
  return pending;
}
