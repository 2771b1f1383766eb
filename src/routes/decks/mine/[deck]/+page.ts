import { error } from '@sveltejs/kit';
import { isEditable, storedDecks } from '$lib/services/stored-decks';
import type { PageLoad } from './$types';

// A deck of one's own lives on this device only: the host serves the shell.
export const prerender = false;

/** The deck with its facts, or the not-found page when this device has no such deck to edit. */
export const load: PageLoad = async ({ params }) => {
  const view = await storedDecks.readMyDeck(params.deck);
  if (!view || !isEditable(view.origin)) {
    error(404, `There is no deck “${params.deck}” of yours to edit on this device.`);
  }
  return { view };
};
