/**
 * The built-in collection as served by the app: /decks/index.json and /decks/<id>.json.
 * Fetched from the app's own origin (the service worker answers offline) and kept in
 * memory for the rest of the visit.
 */
import { FORMAT_VERSION, type DeckFile, type DeckIndex } from '$lib/deck/types';

export class CatalogError extends Error {}

const decks = new Map<string, Promise<DeckFile>>();
let index: Promise<DeckIndex> | null = null;

async function getJson<T extends { format: number }>(
  fetcher: typeof fetch,
  url: string,
  what: string
): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url);
  } catch {
    throw new CatalogError(`Could not load ${what}. Check your connection and try again.`);
  }
  if (response.status === 404) throw new CatalogError(`There is no ${what}.`);
  if (!response.ok) throw new CatalogError(`Could not load ${what} (error ${response.status}).`);
  const data = (await response.json()) as T;
  if (data.format !== FORMAT_VERSION) {
    throw new CatalogError(
      `${what} is in format ${data.format}; this app reads format ${FORMAT_VERSION}. Reload to update the app.`
    );
  }
  return data;
}

export function loadDeckIndex(fetcher: typeof fetch = fetch): Promise<DeckIndex> {
  index ??= getJson<DeckIndex>(fetcher, '/decks/index.json', 'the list of decks').catch((error) => {
    index = null;
    throw error;
  });
  return index;
}

export function loadDeck(id: string, fetcher: typeof fetch = fetch): Promise<DeckFile> {
  if (!/^[a-z0-9-]+$/.test(id))
    return Promise.reject(new CatalogError(`There is no deck “${id}”.`));
  let deck = decks.get(id);
  if (!deck) {
    deck = getJson<DeckFile>(fetcher, `/decks/${id}.json`, `deck “${id}”`);
    deck.catch(() => decks.delete(id));
    decks.set(id, deck);
  }
  return deck;
}
