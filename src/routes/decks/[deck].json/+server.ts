import { error, json } from '@sveltejs/kit';
import { builtInCollection } from '$lib/server/collection';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () =>
  [...builtInCollection().decks.keys()].map((deck) => ({ deck }));

/** One deck with its sources, facts and generated questions. */
export const GET: RequestHandler = ({ params }) => {
  const deck = builtInCollection().decks.get(params.deck);
  if (!deck) error(404, `No deck ${params.deck}`);
  return json(deck);
};
