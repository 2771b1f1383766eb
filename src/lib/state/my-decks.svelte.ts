import type { MyDeckSummary } from '$lib/services/stored-decks';
import { systemClock } from '$lib/services/clock';
import type { Clock } from '$lib/srs/clock';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The decks of one's own on the Decks screen. The database is read after the first paint
 * (the service loads then): the screen shows the built-in collection without it.
 */
export class MyDeckList {
  /** Null until read. */
  decks = $state.raw<MyDeckSummary[] | null>(null);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const { storedDecks } = await import('$lib/services/stored-decks');
      this.decks = await storedDecks.listMyDecks();
    } catch (error) {
      this.error = `Your decks could not be read: ${messageOf(error)}`;
    }
  }
}

/** The form that creates a deck: a title and, if the learner likes, a description. */
export class NewDeckForm {
  title = $state('');
  description = $state('');
  problems = $state.raw<{ title?: string; description?: string }>({});
  error = $state<string | null>(null);
  busy = $state(false);
  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Creates the deck and returns its id, or null with the problems shown. */
  async create(): Promise<string | null> {
    this.busy = true;
    this.error = null;
    try {
      const { myDecks } = await import('$lib/services/my-decks');
      const made = await myDecks.createMyDeck(
        { title: this.title, description: this.description },
        this.#clock
      );
      if (!made.ok) {
        this.problems = made.problems;
        return null;
      }
      this.problems = {};
      return made.id;
    } catch (error) {
      this.error = `The deck could not be made: ${messageOf(error)}`;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
