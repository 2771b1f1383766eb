/**
 * The day's new cards across the whole collection. Pure.
 *
 * Each deck has its own new-card limit; the collection has one on top (20 a day unless the
 * learner chose otherwise). As in Anki, a deck's limit never raises the collection's: decks
 * introduce new cards in their order, each up to what its own limit leaves, until what the
 * collection's limit leaves is used up.
 */

export interface DeckNewRoom {
  deckId: string;
  /** New cards this deck could still introduce today under its own limit. */
  available: number;
}

/**
 * How many new cards each of the decks studied may still introduce today, decks in study
 * order. `collectionNewPerDay` is the collection's limit, and `doneToday` the new cards
 * introduced today in any deck, studied now or not.
 */
export function allotNewCards(
  decks: readonly DeckNewRoom[],
  doneToday: number,
  collectionNewPerDay: number
): Map<string, number> {
  let room = Math.max(0, collectionNewPerDay - doneToday);
  const allotted = new Map<string, number>();
  for (const deck of decks) {
    const share = Math.min(room, Math.max(0, deck.available));
    allotted.set(deck.deckId, share);
    room -= share;
  }
  return allotted;
}
