import {
  ASSIGNABLE_KINDS,
  kindChoices,
  kindsByFact,
  producedKinds,
  type KindChoice
} from '$lib/deck/kinds';
import type { OwnDeck, OwnProblem } from '$lib/deck/own';
import { pickOwnFacts } from '$lib/deck/own';
import type { Question, QuestionKind, Topic } from '$lib/deck/types';
import { systemClock, type Clock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import type { AssignmentDraft, BuiltInChoice, MyDeckChoice } from '$lib/services/teaching';
import { lazy } from './lazy';

/** The builder's use cases; the form shows without them and the database. */
const builderUseCases = lazy(() =>
  import('$lib/services/teaching').then((m) => m.assignmentBuilder)
);

export { ASSIGNABLE_KINDS };
const DEFAULT_KINDS: QuestionKind[] = ['flashcard', 'choice', 'truefalse', 'typed', 'cloze'];

/** The builder's fields that can be missing something, in the order the form shows them. */
export const BUILDER_FIELDS = [
  'facts',
  'count',
  'kinds',
  'title',
  'className',
  'teacher',
  'due'
] as const;
export type BuilderField = (typeof BUILDER_FIELDS)[number];

/** An empty file or paste: what the teacher gave, said back at once. */
interface EmptyInput {
  from: 'file' | 'paste';
  /** Spaces and blank lines, rather than nothing at all. */
  blank: boolean;
  fileName?: string;
}

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

/**
 * The assignment builder: a built-in deck, the teacher's own facts (pasted or uploaded) or
 * one of their decks of their own, the work, the goal.
 */
export class AssignmentBuilder {
  source = $state<'built-in' | 'own' | 'mine'>('built-in');
  decks = $state.raw<BuiltInChoice[]>([]);
  deckId = $state('');
  /** The teacher's own facts as pasted or uploaded. */
  ownText = $state('');
  ownFile = $state<string | null>(null);
  own = $state.raw<OwnDeck | null>(null);
  ownProblems = $state.raw<OwnProblem[]>([]);
  ownWarnings = $state.raw<OwnProblem[]>([]);
  ownQuestions = $state.raw<Question[]>([]);
  /** Set when the file or paste was empty or blank; cleared by the next one with text. */
  ownEmpty = $state.raw<EmptyInput | null>(null);
  /** The teacher's decks of their own, and the one chosen. */
  myDecks = $state.raw<MyDeckChoice[]>([]);
  myDeckId = $state('');
  /** The chosen deck's facts written in the app, as the link carries them. */
  mine = $state.raw<OwnDeck | null>(null);
  mineQuestions = $state.raw<Question[]>([]);
  /** Imported facts of the chosen deck, which a link leaves out. */
  mineLeftOut = $state(0);
  topics = $state<string[]>([]);
  /**
   * The kinds the teacher ticked. One the chosen facts cannot be asked in stays remembered
   * but is shown unticked and is not sent (see `kindChoices`, `chosenKinds`).
   */
  kinds = $state<QuestionKind[]>([...DEFAULT_KINDS]);
  count = $state(20);
  title = $state('');
  /** Never filled in from an earlier assignment; earlier classes are only suggested. */
  className = $state('');
  /** Classes of earlier assignments on this device, newest first. */
  classNames = $state.raw<string[]>([]);
  teacher = $state('');
  due = $state('');
  reviews = $state(2);
  testScore = $state(80);
  /** What went wrong making the assignment, beyond a field left out. */
  error = $state<string | null>(null);
  busy = $state(false);
  /** Set once "Make the assignment" was pressed: from then on each field says what it lacks. */
  submitted = $state(false);
  /** False until the decks are read: the screen holds their fields' places meanwhile. */
  ready = $state(false);

  #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
    // A week from today by default.
    this.due = isoDay(clock.now() + 7 * 86_400_000);
    builderUseCases().catch(() => {}); // started now; load() and create() report a failure
  }

  async load(): Promise<void> {
    await ensureBuiltInDecks(this.#clock).catch(() => undefined);
    const choices = await (await builderUseCases()).builderChoices();
    this.decks = choices.decks;
    this.myDecks = choices.myDecks;
    this.classNames = choices.classNames;
    if (!this.teacher) this.teacher = choices.teacher;
    // On a slow first visit the teacher may have switched to their own facts, pasted them
    // or typed a title while the decks installed: the default deck then takes nothing of
    // what they gave.
    if (!this.deckId && this.decks[0]) {
      if (this.source === 'own') this.deckId = this.decks[0].id;
      else this.chooseDeck(this.decks[0].id);
    }
    this.ready = true;
  }

  /** A title the builder filled in itself (empty, or a deck's), which a choice may replace. */
  #titleIsDefault(): boolean {
    return (
      !this.title.trim() ||
      this.decks.some((d) => d.title === this.title) ||
      this.myDecks.some((d) => d.title === this.title)
    );
  }

  chooseDeck(id: string): void {
    this.deckId = id;
    this.topics = [];
    const deck = this.decks.find((d) => d.id === id);
    if (deck) {
      if (this.#titleIsDefault()) this.title = deck.title;
      this.count = Math.min(20, deck.facts.length);
    }
  }

  #reads = 0;
  #myReads = 0;

  /**
   * Chooses one of the teacher's decks of their own: its facts written in the app, made
   * into the deck a link carries, and their questions. The reader and the generator load
   * on first use; of overlapping choices, the latest wins.
   */
  async chooseMyDeck(id: string): Promise<void> {
    const read = ++this.#myReads;
    this.myDeckId = id;
    this.mine = null;
    this.mineQuestions = [];
    this.mineLeftOut = 0;
    this.topics = [];
    const [{ storedDecks }, { myDeckAsOwnDeck }, { compileOwnDeck }] = await Promise.all([
      import('$lib/services/stored-decks'),
      import('$lib/deck/mine-own'),
      import('$lib/deck/own-compile')
    ]);
    const view = await storedDecks.readMyDeck(id);
    if (read !== this.#myReads || !view) return;
    const { deck, leftOut } = myDeckAsOwnDeck(view.deck);
    this.mineLeftOut = leftOut;
    this.mine = deck;
    this.mineQuestions = deck ? compileOwnDeck(deck).questions : [];
    if (deck) {
      this.count = Math.min(30, deck.facts.length);
      if (this.#titleIsDefault()) this.title = deck.title;
    }
  }

  /** The teacher's own deck the assignment would carry: pasted, or one of their decks. */
  get chosenOwn(): OwnDeck | null {
    return this.source === 'own' ? this.own : this.source === 'mine' ? this.mine : null;
  }

  /** The questions of `chosenOwn`, for the preview and the kinds offered. */
  get chosenOwnQuestions(): Question[] {
    return this.source === 'mine' ? this.mineQuestions : this.ownQuestions;
  }

  /**
   * Checks the pasted or uploaded facts and generates their questions for the preview.
   * The reader (with its YAML parser) loads on first use; of overlapping reads, the
   * latest wins.
   */
  async readOwn(text: string, fileName?: string): Promise<void> {
    const read = ++this.#reads;
    this.ownText = text;
    if (!text.trim()) {
      // Said at once, without waiting for the reader: there is nothing to read.
      this.ownFile = fileName ?? null;
      this.own = null;
      this.ownQuestions = [];
      this.ownWarnings = [];
      this.ownProblems = [];
      this.ownEmpty = {
        from: fileName === undefined ? 'paste' : 'file',
        blank: text.length > 0,
        ...(fileName !== undefined && { fileName })
      };
      return;
    }
    this.ownEmpty = null;
    const [{ parseOwnDeckText }, { compileOwnDeck }] = await Promise.all([
      import('$lib/deck/own-parse'),
      import('$lib/deck/own-compile')
    ]);
    if (read !== this.#reads) return;
    this.ownFile = fileName ?? null;
    this.own = null;
    this.ownQuestions = [];
    this.ownWarnings = [];
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
    if (this.#titleIsDefault()) this.title = result.deck.title;
  }

  get topicChoices(): Topic[] {
    if (this.source !== 'built-in') return this.chosenOwn?.topics ?? [];
    return this.decks.find((d) => d.id === this.deckId)?.topics ?? [];
  }

  /** Facts the topics allow, in the order the assignment takes them. */
  get available(): { id: string; prompt: string; topic: string }[] {
    const all =
      this.source !== 'built-in'
        ? (this.chosenOwn?.facts ?? [])
        : (this.decks.find((d) => d.id === this.deckId)?.facts ?? []);
    const topics = this.topics;
    return byImportance(all.filter((f) => topics.length === 0 || topics.includes(f.topic)));
  }

  get chosen(): { id: string; prompt: string; topic: string }[] {
    return this.available.slice(0, Math.max(0, Math.round(this.count)));
  }

  /** The kinds of question each fact can be asked in, from its generated questions. */
  readonly #ownKinds = $derived(kindsByFact(this.chosenOwnQuestions));

  #kindsOf(factId: string): readonly QuestionKind[] | undefined {
    if (this.source !== 'built-in') return this.#ownKinds.get(factId);
    return this.decks.find((d) => d.id === this.deckId)?.kinds[factId];
  }

  /**
   * Each kind of question, offered when a chosen fact can be asked in it and otherwise
   * disabled with what it would need; with no facts chosen yet, all of them.
   */
  readonly kindChoices: KindChoice[] = $derived.by(() => {
    const chosen = this.chosen.map((f) => f.id);
    return kindChoices(chosen.length > 0 ? producedKinds(chosen, (id) => this.#kindsOf(id)) : null);
  });

  /** The ticked kinds the chosen facts can be asked in: what the assignment sends. */
  get chosenKinds(): QuestionKind[] {
    return this.kindChoices
      .filter((choice) => choice.available && this.kinds.includes(choice.kind))
      .map((choice) => choice.kind);
  }

  /** Ticks or unticks a kind of question. */
  setKind(kind: QuestionKind, ticked: boolean): void {
    const others = this.kinds.filter((k) => k !== kind);
    this.kinds = ticked ? [...others, kind] : others;
  }

  /** The empty file or paste in words, or null. */
  get emptyMessage(): string | null {
    const empty = this.ownEmpty;
    if (!empty) return null;
    if (empty.from === 'file') {
      const name = `The file “${empty.fileName ?? ''}”`;
      return empty.blank
        ? `${name} has only spaces and blank lines: there are no facts in it. Choose another file, or paste your facts.`
        : `${name} is empty (0 bytes): there are no facts in it. Choose another file, or paste your facts.`;
    }
    return empty.blank
      ? 'Only spaces and blank lines are pasted: there are no facts in them. Paste the rows of your spreadsheet, the header row first, or a YAML deck.'
      : 'The box is empty: paste the rows of your spreadsheet, the header row first, or a YAML deck.';
  }

  /** What each field lacks now, whether or not the teacher has pressed Make yet. */
  get fieldErrors(): Partial<Record<BuilderField, string>> {
    const errors: Partial<Record<BuilderField, string>> = {};
    if (this.source === 'own' && !this.own) {
      const problems = this.ownProblems.length;
      errors.facts =
        problems > 0
          ? `Your facts have ${problems === 1 ? 'one thing' : `${problems} things`} to fix, listed below: fix ${problems === 1 ? 'it' : 'them'} first.`
          : this.ownEmpty?.from === 'paste'
            ? (this.emptyMessage ?? '')
            : 'Paste or upload your facts first.';
    } else if (this.source === 'mine' && !this.mine) {
      errors.facts = !this.myDeckId
        ? 'Choose one of your decks.'
        : this.mineLeftOut > 0
          ? 'This deck has only imported facts, and a link carries only facts written in the app.'
          : 'This deck has no facts yet: add some to it first.';
    } else if (this.available.length === 0) {
      errors.facts = 'Choose a deck with facts to assign.';
    } else if (this.chosen.length === 0) {
      errors.count = 'Choose at least one fact.';
    }
    if (this.chosenKinds.length === 0) {
      errors.kinds =
        this.kinds.length > 0
          ? 'These facts cannot be asked in the kinds ticked: choose another kind.'
          : 'Choose at least one kind of question.';
    }
    if (!this.title.trim()) errors.title = 'Give the assignment a title.';
    if (!this.className.trim()) errors.className = 'Name the class.';
    if (!this.teacher.trim()) errors.teacher = 'Give your name as the teacher.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.due)) errors.due = 'Choose a due date.';
    return errors;
  }

  /** A field's message beside it, once Make was pressed; null when it lacks nothing. */
  errorFor(field: BuilderField): string | null {
    return this.submitted ? (this.fieldErrors[field] ?? null) : null;
  }

  /** The first field, in the form's order, that lacks something. */
  get firstInvalid(): BuilderField | null {
    const errors = this.fieldErrors;
    return BUILDER_FIELDS.find((field) => errors[field] !== undefined) ?? null;
  }

  /** The assignment as it would be sent, or null while a field lacks something. */
  draft(): AssignmentDraft | null {
    if (this.firstInvalid !== null) return null;
    const facts = this.chosen.map((f) => f.id);
    const chosenOwn = this.chosenOwn;
    const own = chosenOwn ? pickOwnFacts(chosenOwn, facts) : undefined;
    return {
      title: this.title.trim(),
      className: this.className.trim(),
      teacher: this.teacher.trim(),
      due: this.due,
      deck: own ? own.id : this.deckId,
      topics: [...this.topics],
      facts,
      kinds: this.chosenKinds,
      goal: { reviews: Math.round(this.reviews), testScore: Math.round(this.testScore) },
      ...(own ? { own } : {})
    };
  }

  /**
   * Makes the assignment; returns its id, or null: with `error` set when making it failed,
   * or with the fields' messages shown (`errorFor`) when one lacks something.
   */
  async create(origin: string): Promise<string | null> {
    this.error = null;
    this.submitted = true;
    const draft = this.draft();
    if (!draft) return null;
    this.busy = true;
    try {
      const made = await (
        await builderUseCases()
      ).createAssignment($state.snapshot(draft) as AssignmentDraft, {
        now: this.#clock.now(),
        random: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32,
        origin
      });
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
