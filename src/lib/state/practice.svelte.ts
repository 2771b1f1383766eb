import type { Question, QuestionKind, Source } from '$lib/deck/types';
import { systemClock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import type { PracticeItem, PracticeResult } from '$lib/services/practice';
import { scoreAnswer, shuffledFor, type PracticeAnswer } from '$lib/services/practice-answers';
import type { Clock } from '$lib/srs/clock';
import { lazy } from './lazy';
import { studySession } from './study-session.svelte';

/** The practice use cases; the setup form shows without them and the database. */
const practice = lazy(() => import('$lib/services/practice').then((m) => m.practiceUseCases));

export type PracticeMode = PracticeResult['mode'];

export interface PracticeSetup {
  deckIds: string[];
  kinds: QuestionKind[];
  /** Topic ids to keep; every topic when empty. */
  topics: string[];
  length: number;
  /** Minutes, or 0 for no limit. */
  minutes: number;
  /** The facts of the assignment this is the final test of. */
  factIds?: string[];
  assignment?: string;
}

/** A practice test (or timeline or match round) from setup to its reviewed result. */
export class PracticeRun {
  mode: PracticeMode;
  phase = $state<'setup' | 'running' | 'results'>('setup');
  decks = $state<{ id: string; title: string; topics: { id: string; title: string }[] }[]>([]);
  sources = $state<Source[]>([]);
  history = $state.raw<PracticeResult[]>([]);
  questions = $state.raw<Question[]>([]);
  index = $state(0);
  answers = $state.raw<PracticeAnswer[]>([]);
  result = $state.raw<PracticeResult | null>(null);
  /** Working answers for the order or match question on screen. */
  order = $state<string[]>([]);
  pairs = $state<Record<string, string>>({});
  startedAt = 0;
  limitMs = $state<number | null>(null);
  remainingMs = $state<number | null>(null);
  elapsedMs = $state(0);
  sent = $state<number | null>(null);
  message = $state<string | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;
  #setup: PracticeSetup | null = null;
  #clock: Clock;

  constructor(mode: PracticeMode, clock: Clock = systemClock) {
    this.mode = mode;
    this.#clock = clock;
    practice().catch(() => {}); // started now; load() reports a failure
  }

  get current(): Question | null {
    return this.questions[this.index] ?? null;
  }

  async load(): Promise<void> {
    await ensureBuiltInDecks(this.#clock).catch(() => undefined);
    const use = await practice();
    const { decks, sources } = await use.loadPracticeDecks();
    this.decks = decks;
    this.sources = sources;
    this.history = (await use.practiceHistory(50)).filter((r) => r.mode === this.mode);
  }

  async start(setup: PracticeSetup, seed = `${this.#clock.now()}`): Promise<void> {
    this.message = null;
    if (setup.deckIds.length === 0 || setup.kinds.length === 0) {
      this.message = 'Choose at least one deck and one kind of question.';
      return;
    }
    const questions = await (
      await practice()
    ).buildPracticeTest({
      deckIds: setup.deckIds,
      kinds: setup.kinds,
      topics: setup.topics,
      length: setup.length,
      seed,
      ...(setup.factIds ? { factIds: setup.factIds } : {})
    });
    if (questions.length === 0) {
      this.message = 'These decks have no questions of those kinds.';
      return;
    }
    this.#setup = setup;
    this.questions = questions;
    this.answers = [];
    this.index = 0;
    this.result = null;
    this.sent = null;
    this.limitMs = setup.minutes > 0 ? setup.minutes * 60_000 : null;
    this.startedAt = this.#clock.now();
    this.#prepare();
    this.phase = 'running';
    studySession.begin();
    this.#timer = setInterval(() => this.#tick(), 250);
  }

  #tick(): void {
    this.elapsedMs = this.#clock.now() - this.startedAt;
    if (this.limitMs !== null) {
      this.remainingMs = Math.max(0, this.limitMs - this.elapsedMs);
      if (this.remainingMs === 0) void this.finish();
    }
  }

  #prepare(): void {
    const q = this.current;
    this.order = q?.kind === 'order' ? q.items.map((i) => i.factId) : [];
    this.pairs = {};
    if (q?.kind === 'match') this.pairs = {};
    if (q?.kind === 'order' && q.items.length > 0 && this.order.join() === q.correctOrder.join()) {
      this.order = shuffledFor(this.order, q.id).reverse();
    }
  }

  /** Records the answer on screen and moves on (or finishes). */
  async submit(answer?: PracticeAnswer): Promise<void> {
    const q = this.current;
    if (!q || this.phase !== 'running') return;
    const given: PracticeAnswer =
      answer ??
      (q.kind === 'order'
        ? { kind: 'order', order: $state.snapshot(this.order) }
        : q.kind === 'match'
          ? { kind: 'pairs', pairs: $state.snapshot(this.pairs) }
          : { kind: 'none' });
    this.answers = [...this.answers, given];
    if (this.index + 1 < this.questions.length) {
      this.index += 1;
      this.#prepare();
    } else {
      await this.finish();
    }
  }

  async finish(): Promise<void> {
    if (this.phase !== 'running') return;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    // A typo in a typed answer counts only when no other name of the collection is as close.
    const names = this.questions.some((q) => q.kind === 'typed' || q.kind === 'cloze')
      ? await (await practice()).knownNames()
      : [];
    // Plain data for the database: no reactive proxies.
    const items: PracticeItem[] = $state.snapshot(
      this.questions.map((q, i) => scoreAnswer(q, this.answers[i] ?? { kind: 'none' }, names))
    );
    const now = this.#clock.now();
    this.result = await (
      await practice()
    ).savePracticeResult({
      mode: this.mode,
      at: now,
      deckIds: $state.snapshot(this.#setup?.deckIds ?? []),
      kinds: $state.snapshot(this.#setup?.kinds ?? []),
      durationMs: now - this.startedAt,
      limitMs: this.limitMs,
      items,
      ...(this.#setup?.assignment ? { assignment: this.#setup.assignment } : {})
    });
    this.phase = 'results';
    studySession.end();
    this.history = [this.result, ...this.history];
  }

  async sendMissedToReview(): Promise<void> {
    if (!this.result) return;
    const missed = this.result.items
      .filter((i) => i.score < 1)
      .flatMap((i) => i.factIds.slice(0, 1));
    this.sent = await (await practice()).sendToReview(missed);
  }

  again(): void {
    this.phase = 'setup';
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    studySession.end();
  }
}
