/** A deck's study options: stored only where they differ from the defaults. */
import { getSetting, putSetting, type SourcedeckDatabase } from '$lib/db/db';
import { DEFAULT_DECK_SETTINGS, type DeckSettings } from '$lib/srs/types';
import { onAppDatabase } from './app-database';

const deckSettingsKey = (deckId: string) => `deck:${deckId}` as const;

/**
 * A deck's options as the scheduler uses them: the defaults, then the collection's fitted
 * FSRS parameters, then the deck's own choices (its own parameters win, where it keeps them).
 */
export async function getDeckSettings(
  db: SourcedeckDatabase,
  deckId: string
): Promise<DeckSettings> {
  const [own, fitted] = await Promise.all([
    getSetting(db, deckSettingsKey(deckId)),
    getSetting(db, 'schedulerParameters')
  ]);
  return {
    ...DEFAULT_DECK_SETTINGS,
    ...(fitted?.weights ? { weights: fitted.weights } : {}),
    ...own
  };
}

/** Saves a deck's options; parameters the deck keeps of its own stay unless `settings` names others. */
export async function saveDeckSettings(
  db: SourcedeckDatabase,
  deckId: string,
  settings: DeckSettings
): Promise<void> {
  const { weights, ...options } = settings;
  const own = (await getSetting(db, deckSettingsKey(deckId)))?.weights;
  const kept = weights ?? own;
  await putSetting(db, deckSettingsKey(deckId), kept ? { ...options, weights: kept } : options);
}

/** Gives a deck FSRS parameters of its own, or (null) lets it follow the collection's again. */
export async function setDeckWeights(
  db: SourcedeckDatabase,
  deckId: string,
  weights: number[] | null
): Promise<void> {
  const { weights: _old, ...options } = (await getSetting(db, deckSettingsKey(deckId))) ?? {};
  await putSetting(db, deckSettingsKey(deckId), weights ? { ...options, weights } : options);
}

/** The settings form of one deck: its title and options, or null when it is not installed. */
export async function loadDeckSettings(
  db: SourcedeckDatabase,
  deckId: string
): Promise<{ title: string; settings: DeckSettings } | null> {
  const deck = await db.decks.get(deckId);
  if (!deck) return null;
  // The form shows the deck's own parameters only, so saving it never pins the collection's.
  const { weights: _merged, ...settings } = await getDeckSettings(db, deckId);
  const own = (await getSetting(db, deckSettingsKey(deckId)))?.weights;
  return { title: deck.title, settings: own ? { ...settings, weights: own } : settings };
}

/** What the deck settings screen needs, on the app's database. */
export const deckSettingsUseCases = /* @__PURE__ */ onAppDatabase({
  loadDeckSettings,
  saveDeckSettings
});
