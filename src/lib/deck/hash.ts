import { hashString } from './rng';
import type { DeckFile } from './types';

/** A stable fingerprint of a deck file's whole content (build time and in the browser). */
export function deckHash(deck: DeckFile): string {
  const text = JSON.stringify(deck);
  return `${hashString(text).toString(36)}-${text.length.toString(36)}`;
}
