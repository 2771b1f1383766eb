import { error } from '@sveltejs/kit';
import { CatalogError, loadDeck } from '$lib/services/catalog';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params, fetch }) => {
  let deck;
  try {
    deck = await loadDeck(params.deck, fetch);
  } catch (e) {
    if (e instanceof CatalogError) error(404, e.message);
    throw e;
  }
  const fact = deck.facts.find((f) => f.id === params.fact);
  if (!fact) error(404, `Deck “${deck.title}” has no fact “${params.fact}”.`);
  const questions = deck.questions.filter((q) => q.factIds.includes(fact.id));
  return { deck, fact, questions };
};
