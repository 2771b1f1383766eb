import type { MyDeckSource, MyFact } from '$lib/deck/mine';
import type { DraftResult } from '$lib/deck/mine-draft';
import {
  MY_FACT_FIELDS,
  canEditInForm,
  emptyDraft,
  type FieldMessages,
  type MyFactDraft,
  type MyFactField
} from '$lib/deck/mine-form';
import type { Question } from '$lib/deck/types';
import { plural } from '$lib/format';
import { systemClock } from '$lib/services/clock';
import type { ChangeProblems, MyDeckChange, MyDeckView } from '$lib/services/my-decks';
import { writeFailureMessage } from '$lib/services/write-failure';
import type { Clock } from '$lib/srs/clock';

/** How long typing pauses before the preview is made again. */
const PREVIEW_DELAY_MS = 250;

type Compile = (deck: MyDeckSource) => { questions: Question[] };
type Rules = typeof import('$lib/deck/mine-draft');
type Changes = (typeof import('$lib/services/my-decks'))['myDecks'];

/**
 * The editor of a deck of one's own: its facts, the form that adds or edits one with the
 * questions it will make, retired facts, renaming and deleting. Every change is saved at
 * once (one transaction in the service); the form's fields are checked as they are typed,
 * and a field's problem shows once it was left or the form was sent. The rules and the
 * changes load as the editor opens, after the deck shows; the generator with the first
 * preview.
 */
export class DeckEditor {
  view = $state.raw<MyDeckView>() as MyDeckView;
  draft = $state<MyFactDraft>(emptyDraft());
  /** The fact the form edits, or null when it adds one. */
  editing = $state<string | null>(null);
  /** Fields the learner has left once: their problems show. */
  touched = $state<Partial<Record<MyFactField, true>>>({});
  submitted = $state(false);
  /** Problems the service found that the form could not (a change in another tab). */
  saveProblems = $state.raw<ChangeProblems>({});
  /** The questions the draft fact makes, or null while there is nothing to show. */
  preview = $state.raw<Question[] | null>(null);
  previewBusy = $state(false);
  /** What the last change did, for a status line. */
  status = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  /** The rename form. */
  meta = $state({ title: '', description: '' });
  metaProblems = $state.raw<{ title?: string; description?: string }>({});
  confirmingDelete = $state(false);

  /** The form's rules (`mine-draft.ts`), once loaded. */
  rules = $state.raw<Rules | null>(null);
  /** The form's fact checked against the deck as it is; null until the rules are loaded. */
  checked: DraftResult | null = $derived(
    this.rules?.putDraft(this.view.deck, this.draft, {
      ...(this.editing && { factId: this.editing }),
      retired: this.view.retired
    }) ?? null
  );
  /** The messages beside the fields: what is wrong with a field once it was left. */
  problems: FieldMessages = $derived.by(() => {
    const all: FieldMessages = {
      ...(this.checked && !this.checked.ok ? this.checked.problems : {}),
      ...this.saveProblems
    };
    const shown: FieldMessages = {};
    for (const [field, message] of Object.entries(all) as [MyFactField, string][]) {
      if (this.submitted || this.touched[field] || field === 'facts') shown[field] = message;
    }
    return shown;
  });
  warnings: FieldMessages = $derived(this.checked?.ok ? this.checked.warnings : {});

  #clock: Clock;
  #rules: Promise<Rules>;
  #changes: Promise<Changes>;
  #compile: Promise<Compile> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #previewRun = 0;

  constructor(view: MyDeckView, clock: Clock = systemClock) {
    this.view = view;
    this.#clock = clock;
    this.#rules = import('$lib/deck/mine-draft').then((rules) => (this.rules = rules));
    this.#changes = import('$lib/services/my-decks').then((m) => m.myDecks);
    this.draft = emptyDraft(view.deck.topics[0]?.title ?? '');
    this.#resetMeta();
  }

  get deck(): MyDeckSource {
    return this.view.deck;
  }

  canEdit(fact: MyFact): boolean {
    return canEditInForm(fact);
  }

  /**
   * The source title was changed: when it names one of the deck's sources, its author,
   * date and address fill the fields left empty.
   */
  chooseSource(): void {
    const title = this.draft.source.title.trim().toLowerCase();
    const found = this.deck.sources.find((s) => s.title.trim().toLowerCase() === title);
    if (!found) return;
    const source = this.draft.source;
    source.author ||= found.authors.join(', ');
    source.date ||= found.date;
    source.url ||= found.url ?? '';
  }

  touch(field: MyFactField): void {
    this.touched[field] = true;
  }

  /** The first field with a problem, in the form's order, once the form was sent. */
  get firstProblem(): MyFactField | null {
    return MY_FACT_FIELDS.find((field) => this.problems[field]) ?? null;
  }

  /**
   * Makes the preview of the draft's questions again, a moment after typing stops. The
   * generator loads with the first preview.
   */
  schedulePreview(): void {
    const result = this.checked;
    clearTimeout(this.#timer);
    const run = ++this.#previewRun;
    if (!result?.ok) {
      this.preview = null;
      return;
    }
    this.previewBusy = true;
    this.#timer = setTimeout(async () => {
      try {
        this.#compile ??= import('$lib/deck/mine').then((m) => m.compileMyDeck);
        const compile = await this.#compile;
        if (run !== this.#previewRun) return;
        const id = result.fact.id;
        this.preview = compile(result.deck).questions.filter((q) => q.factIds[0] === id);
      } catch (error) {
        if (run === this.#previewRun) this.error = writeFailureMessage(error);
      } finally {
        if (run === this.#previewRun) this.previewBusy = false;
      }
    }, PREVIEW_DELAY_MS);
  }

  /** Stops a preview that is waiting to run (the screen is left). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#previewRun++;
  }

  /** Puts a fact in the form to edit. */
  async edit(factId: string): Promise<void> {
    const rules = await this.#rules;
    const fact = this.deck.facts.find((f) => f.id === factId);
    if (!fact || !canEditInForm(fact)) return;
    this.draft = rules.draftOfFact(this.deck, fact);
    this.editing = factId;
    this.#clearMessages();
    this.status = '';
  }

  /** Leaves the fact being edited as it was and empties the form. */
  cancelEdit(): void {
    this.editing = null;
    this.draft = emptyDraft(this.draft.topic);
    this.#clearMessages();
  }

  /** Adds the form's fact or saves its changes. True when saved. */
  async saveFact(): Promise<boolean> {
    this.submitted = true;
    this.saveProblems = {};
    await this.#rules;
    if (!this.checked?.ok) return false;
    const prompt = this.draft.prompt.trim();
    const editing = this.editing;
    const saved = await this.#run((changes) =>
      changes.saveMyFact(this.deck.id, $state.snapshot(this.draft), editing, this.#clock)
    );
    if (!saved) return false;
    this.status = editing
      ? `Saved your changes to “${prompt}”.`
      : `Added “${prompt}”. The deck has ${plural(this.deck.facts.length, 'fact')}.`;
    // The next fact is often from the same topic and source: those stay, the rest empties.
    const { topic, source } = this.draft;
    this.draft = { ...emptyDraft(topic), source: { ...source, para: '' } };
    this.editing = null;
    this.#clearMessages();
    return true;
  }

  async retire(factId: string): Promise<void> {
    const fact = this.deck.facts.find((f) => f.id === factId);
    if (!fact) return;
    if (await this.#run((changes) => changes.retireMyFact(this.deck.id, factId, this.#clock))) {
      this.status = `Retired “${fact.prompt}”: it leaves your reviews, and your history of it is kept.`;
      if (this.editing === factId) this.cancelEdit();
    }
  }

  async bringBack(factId: string): Promise<void> {
    const fact = this.view.retired.find((f) => f.id === factId);
    if (!fact) return;
    if (await this.#run((changes) => changes.restoreMyFact(this.deck.id, factId, this.#clock))) {
      this.status = `Brought back “${fact.prompt}”, with its history.`;
    }
  }

  async rename(): Promise<void> {
    const result = await this.#run((changes) =>
      changes.renameMyDeck(this.deck.id, $state.snapshot(this.meta), this.#clock)
    );
    if (result) {
      this.metaProblems = {};
      this.#resetMeta();
      this.status = 'Saved the title and description.';
    }
  }

  /** Deletes the deck; true when it is gone. */
  async deleteDeck(): Promise<boolean> {
    this.busy = true;
    try {
      return await (await this.#changes).deleteMyDeck(this.deck.id);
    } catch (error) {
      this.error = writeFailureMessage(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Runs a change; the view follows it, its problems go beside the fields. */
  async #run(change: (changes: Changes) => Promise<MyDeckChange>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.status = '';
    try {
      const result = await change(await this.#changes);
      if (!result.ok) {
        const { title, description, ...fields } = result.problems;
        if (title || description) {
          this.metaProblems = { ...(title && { title }), ...(description && { description }) };
        }
        this.saveProblems = fields;
        if (fields.facts) this.error = `Not saved: ${fields.facts}.`;
        return false;
      }
      this.view = result.view;
      return true;
    } catch (error) {
      this.error = writeFailureMessage(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  #clearMessages(): void {
    this.touched = {};
    this.submitted = false;
    this.saveProblems = {};
  }

  #resetMeta(): void {
    this.meta = { title: this.view.deck.title, description: this.view.deck.description };
  }
}
