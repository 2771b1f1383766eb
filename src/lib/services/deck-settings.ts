/** A deck's study options: stored only where they differ from the defaults. */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import { DEFAULT_DECK_SETTINGS, type DeckSettings } from '$lib/srs/types';
import { onAppDatabase } from './app-database';

const deckSettingsKey = (deckId: string) => `deck:${deckId}` as const;

export async function getDeckSettings(
  db: SourcedeckDatabase,
  deckId: string
): Promise<DeckSettings> {
  return { ...DEFAULT_DECK_SETTINGS, ...(await getSetting(db, deckSettingsKey(deckId))) };
}

export async function saveDeckSettings(
  db: SourcedeckDatabase,
  deckId: string,
  settings: DeckSettings
): Promise<void> {
  await putSetting(db, deckSettingsKey(deckId), settings);
}

/** The settings form of one deck: its title and options, or null when it is not installed. */
export async function loadDeckSettings(
  db: SourcedeckDatabase,
  deckId: string
): Promise<{ title: string; settings: DeckSettings } | null> {
  const deck = await db.decks.get(deckId);
  if (!deck) return null;
  return { title: deck.title, settings: await getDeckSettings(db, deckId) };
}

/** What the deck settings screen needs, on the app's database. */
export const deckSettingsUseCases = /* @__PURE__ */ onAppDatabase({
  loadDeckSettings,
  saveDeckSettings
});
