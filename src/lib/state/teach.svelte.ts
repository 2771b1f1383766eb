import type { OwnDeck, OwnProblem } from '$lib/deck/own';
import { pickOwnFacts } from '$lib/deck/own';
import type { Question, QuestionKind, Topic } from '$lib/deck/types';
import { systemClock, type Clock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import {
  assignmentBuilder,
  type AssignmentDraft,
  type BuiltInChoice
} from '$lib/services/teaching';

/** The question kinds a teacher may ask for, flashcards included (studied, not tested). */
export const ASSIGNABLE_KINDS: readonly QuestionKind[] = [
  'flashcard',
  'choice',
  'truefalse',
  'typed',
  'cloze',
  'numeric'
];
const DEFAULT_KINDS: QuestionKind[] = ['flashcard', 'choice', 'truefalse', 'typed', 'cloze'];

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Facts an assignment takes first: the most important, then in the deck's (or file's) order. */
function byImportance<T extends { importance: number }>(facts: T[]): T[] {
  return facts
    .map((fact, index) => ({ fact, index }))
    .sort((a, b) => b.fact.importance - a.fact.importance || a.index - b.index)
    .map(({ fact }) => fact);
}

/** The assignment builder: a deck or the teacher's own facts, the work, the goal. */
export class AssignmentBuilder {
  source = $state<'built-in' | 'own'>('built-in');
  decks = $state.raw<BuiltInChoice[]>([]);
  deckId = $state('');
  /** The teacher's own facts as pasted or uploaded. */
  ownText = $state('');
  ownFile = $state<string | null>(null);
  own = $state.raw<OwnDeck | null>(null);
  ownProblems = $state.raw<OwnProblem[]>([]);
  ownWarnings = $state.raw<OwnProblem[]>([]);
  ownQuestions = $state.raw<Question[]>([]);
  topics = $state<string[]>([]);
  kinds = $state<QuestionKind[]>([...DEFAULT_KINDS]);
  count = $state(20);
  title = $state('');
  className = $state('');
  teacher = $state('');
  due = $state('');
  reviews = $state(2);
  testScore = $state(80);
  error = $state<string | null>(null);
  busy = $state(false);

  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
    // A week from today by default.
    this.due = isoDay(clock.now() + 7 * 86_400_000);
  }

  async load(): Promise<void> {
    await ensureBuiltInDecks(this.#clock).catch(() => undefined);
    const choices = await assignmentBuilder.builderChoices();
    this.decks = choices.decks;
    this.className = choices.className;
    this.teacher = choices.teacher;
    if (!this.deckId && this.decks[0]) this.chooseDeck(this.decks[0].id);
  }

  chooseDeck(id: string): void {
    this.deckId = id;
    this.topics = [];
    const deck = this.decks.find((d) => d.id === id);
    if (deck) {
      this.title = deck.title;
      this.count = Math.min(20, deck.facts.length);
    }
  }

  #reads = 0;

  /**
   * Checks the pasted or uploaded facts and generates their questions for the preview.
   * The reader (with its YAML parser) loads on first use; of overlapping reads, the
   * latest wins.
   */
  async readOwn(text: string, fileName?: string): Promise<void> {
    const read = ++this.#reads;
    this.ownText = text;
    const [{ parseOwnDeckText }, { compileOwnDeck }] = await Promise.all([
      import('$lib/deck/own-parse'),
      import('$lib/deck/own-compile')
    ]);
    if (read !== this.#reads) return;
    this.ownFile = fileName ?? null;
    this.own = null;
    this.ownQuestions = [];
    this.ownWarnings = [];
    if (!text.trim()) {
      this.ownProblems = [];
      return;
    }
    const result = parseOwnDeckText(text, fileName);
    if (!result.ok) {
      this.ownProblems = result.problems;
      return;
    }
    this.ownProblems = [];
    this.ownWarnings = result.warnings;
    this.own = result.deck;
    this.ownQuestions = compileOwnDeck(result.deck).questions;
    this.topics = [];
    this.count = Math.min(30, result.deck.facts.length);
    if (!this.title || this.decks.some((d) => d.title === this.title))
      this.title = result.deck.title;
  }

  get topicChoices(): Topic[] {
    if (this.source === 'own') return this.own?.topics ?? [];
    return this.decks.find((d) => d.id === this.deckId)?.topics ?? [];
  }

  /** Facts the topics allow, in the order the assignment takes them. */
  get available(): { id: string; prompt: string; topic: string }[] {
    const all =
      this.source === 'own'
        ? (this.own?.facts ?? [])
        : (this.decks.find((d) => d.id === this.deckId)?.facts ?? []);
    const topics = this.topics;
    return byImportance(all.filter((f) => topics.length === 0 || topics.includes(f.topic)));
  }

  get chosen(): { id: string; prompt: string; topic: string }[] {
    return this.available.slice(0, Math.max(0, Math.round(this.count)));
  }

  /** The assignment as it would be sent, or a message saying what is missing. */
  draft(): AssignmentDraft | string {
    const facts = this.chosen.map((f) => f.id);
    if (this.source === 'own' && !this.own) return 'Paste or upload your facts first.';
    if (facts.length === 0) return 'Choose at least one fact.';
    if (this.kinds.length === 0) return 'Choose at least one kind of question.';
    if (!this.title.trim()) return 'Give the assignment a title.';
    if (!this.className.trim()) return 'Name the class.';
    if (!this.teacher.trim()) return 'Give your name as the teacher.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.due)) return 'Choose a due date.';
    const own = this.source === 'own' && this.own ? pickOwnFacts(this.own, facts) : undefined;
    return {
      title: this.title.trim(),
      className: this.className.trim(),
      teacher: this.teacher.trim(),
      due: this.due,
      deck: own ? own.id : this.deckId,
      topics: [...this.topics],
      facts,
      kinds: [...this.kinds],
      goal: { reviews: Math.round(this.reviews), testScore: Math.round(this.testScore) },
      ...(own ? { own } : {})
    };
  }

  /** Makes the assignment; returns its id, or null with `error` set. */
  async create(origin: string): Promise<string | null> {
    this.error = null;
    const draft = this.draft();
    if (typeof draft === 'string') {
      this.error = draft;
      return null;
    }
    this.busy = true;
    try {
      const made = await assignmentBuilder.createAssignment(
        $state.snapshot(draft) as AssignmentDraft,
        {
          now: this.#clock.now(),
          random: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32,
          origin
        }
      );
      if (!made.ok) {
        this.error = made.error;
        return null;
      }
      return made.record.id;
    } finally {
      this.busy = false;
    }
  }
}
