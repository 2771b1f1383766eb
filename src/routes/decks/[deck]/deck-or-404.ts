import { error } from '@sveltejs/kit';
import { CatalogError, loadDeck } from '$lib/services/catalog';

/** The deck a page under /decks/<id> shows, or the not-found page for an unknown id. */
export async function deckOr404(id: string, fetch: typeof globalThis.fetch) {
  try {
    return await loadDeck(id, fetch);
  } catch (e) {
    if (e instanceof CatalogError) error(404, e.message);
    throw e;
  }
}
