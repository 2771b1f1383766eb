import { deckOr404 } from '../deck-or-404';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params, fetch }) => ({
  deck: await deckOr404(params.deck, fetch)
});
