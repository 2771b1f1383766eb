import { error } from '@sveltejs/kit';
import { deckOr404 } from '../../deck-or-404';
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = async ({ params, fetch }) => {
  const deck = await deckOr404(params.deck, fetch);
  const fact = deck.facts.find((f) => f.id === params.fact);
  if (!fact) error(404, `Deck “${deck.title}” has no fact “${params.fact}”.`);
  const questions = deck.questions.filter((q) => q.factIds.includes(fact.id));
  return { deck, fact, questions };
};
