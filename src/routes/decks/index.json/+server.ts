import { json } from '@sveltejs/kit';
import { builtInCollection } from '$lib/server/collection';

export const prerender = true;

/** Every built-in deck with its counts: the contract is in decks/README.md. */
export function GET() {
  return json(builtInCollection().index);
}
