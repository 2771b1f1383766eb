import { systemClock } from '$lib/services/clock';
import { deckSettingsUseCases } from '$lib/services/deck-settings';
import { ensureBuiltInDecks } from '$lib/services/library';
import type { Clock } from '$lib/srs/clock';
import {
  DEFAULT_DECK_SETTINGS,
  RETENTION_RANGE,
  type DeckSettings,
  type Step
} from '$lib/srs/types';

const STEP = /^\d+(\.\d+)?[mhd]$/;

/** Parses "1m 10m" into steps; null when a part is not a step. */
export function parseSteps(text: string): Step[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.every((p) => STEP.test(p)) ? (parts as Step[]) : null;
}

/** The study settings form of one deck. */
export class DeckSettingsForm {
  deckId: string;
  title = $state('');
  values = $state<DeckSettings | null>(null);
  stepsText = $state({ learning: '', relearning: '' });
  problem = $state<string | null>(null);
  error = $state<string | null>(null);
  saved = $state(false);
  #clock: Clock;

  constructor(deckId: string, clock: Clock = systemClock) {
    this.deckId = deckId;
    this.#clock = clock;
  }

  async load(): Promise<void> {
    try {
      await ensureBuiltInDecks(this.#clock);
      const deck = await deckSettingsUseCases.loadDeckSettings(this.deckId);
      if (!deck) {
        this.error = `There is no deck “${this.deckId}” on this device.`;
        return;
      }
      this.title = deck.title;
      this.#show(deck.settings);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #show(settings: DeckSettings) {
    this.values = { ...settings };
    this.stepsText = {
      learning: settings.learningSteps.join(' '),
      relearning: settings.relearningSteps.join(' ')
    };
  }

  async save(): Promise<void> {
    if (!this.values) return;
    this.saved = false;
    const learning = parseSteps(this.stepsText.learning);
    const relearning = parseSteps(this.stepsText.relearning);
    const v = this.values;
    const whole = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
    if (!whole(Number(v.newPerDay), 999) || !whole(Number(v.reviewsPerDay), 9999)) {
      this.problem = 'New cards and reviews a day must be whole numbers, 0 or more.';
      return;
    }
    if (!learning || !relearning) {
      this.problem =
        'Write steps as numbers with m, h or d, separated by spaces, such as “1m 10m”.';
      return;
    }
    const retention = Math.min(
      RETENTION_RANGE.max,
      Math.max(RETENTION_RANGE.min, Number(v.retention))
    );
    this.problem = null;
    const settings: DeckSettings = {
      newPerDay: Number(v.newPerDay),
      reviewsPerDay: Number(v.reviewsPerDay),
      retention: Math.round(retention * 100) / 100,
      learningSteps: learning,
      relearningSteps: relearning,
      dayStartHour: Number(v.dayStartHour)
    };
    await deckSettingsUseCases.saveDeckSettings(this.deckId, settings);
    this.#show(settings);
    this.saved = true;
  }

  reset(): void {
    this.#show(DEFAULT_DECK_SETTINGS);
    this.saved = false;
  }
}
