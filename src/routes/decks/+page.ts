import { error } from '@sveltejs/kit';
import { CatalogError, loadDeckIndex } from '$lib/services/catalog';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    return { index: await loadDeckIndex(fetch) };
  } catch (e) {
    if (e instanceof CatalogError) error(503, e.message);
    throw e;
  }
};
