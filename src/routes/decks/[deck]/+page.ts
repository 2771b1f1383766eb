import { error } from '@sveltejs/kit';
import { CatalogError, loadDeck } from '$lib/services/catalog';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    return { deck: await loadDeck(params.deck, fetch) };
  } catch (e) {
    if (e instanceof CatalogError) error(404, e.message);
    throw e;
  }
};
