/** A deck's study options: stored only where they differ from the defaults. */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import { DEFAULT_DECK_SETTINGS, type DeckSettings } from '$lib/srs/types';

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
