import { error } from '@sveltejs/kit';
import { CatalogError, loadDeck } from '$lib/services/catalog';
import type { DeckFile } from '$lib/deck/types';
import type { StoredDeck } from '$lib/services/stored-decks';

/** Decks of one's own: written here or imported (`mine-`), or a teacher's (`own-`). */
const STORED = /^(mine|own)-/;

/**
 * The deck a page under /decks/<id> shows, or the not-found page for an unknown id. A
 * built-in deck comes from the collection served with the app; a deck of one's own from
 * this device, read by a service loaded only then, so that a built-in deck's page does not
 * load the database first.
 */
export async function deckOr404(
  id: string,
  fetch: typeof globalThis.fetch
): Promise<DeckFile | StoredDeck> {
  if (STORED.test(id)) {
    const { storedDecks } = await import('$lib/services/stored-decks');
    const deck = await storedDecks.storedDeck(id);
    if (!deck) error(404, `There is no deck “${id}” on this device.`);
    return deck;
  }
  try {
    return await loadDeck(id, fetch);
  } catch (e) {
    if (e instanceof CatalogError) error(404, e.message);
    throw e;
  }
}
