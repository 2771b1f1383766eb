import { tick } from 'svelte';
import { gradeAnswer } from '$lib/quiz/grade';
import { proposeRating } from '$lib/quiz/propose';
import { systemClock } from '$lib/services/clock';
import { ensureBuiltInDecks } from '$lib/services/library';
import { writeFailureMessage } from '$lib/services/write-failure';
import type { SessionRecord, ShownCard } from '$lib/services/session';
import type { Clock } from '$lib/srs/clock';
import { moveToUpcoming } from '$lib/srs/session-moves';
import { CardState, type Rating } from '$lib/srs/types';
import { lazy } from './lazy';
import { studySession } from './study-session.svelte';

/**
 * The session's use cases, with the database and the scheduler under them. They load after
 * the screen's first paint (its frame and "Getting your cards ready…" show without them), and
 * the request starts as soon as the screen is created, so no time is lost waiting for it.
 */
const loadServices = lazy(() => import('$lib/services/session'));
type Services = Awaited<ReturnType<typeof loadServices>>;

export type Phase = 'loading' | 'question' | 'revealed' | 'feedback' | 'done' | 'error';

export interface Outcome {
  /** null for a flashcard the learner judged. */
  correct: boolean | null;
  /** Accepted despite a small typo. */
  typo?: boolean;
  given: string | null;
  proposed: Rating | null;
  /** Why that rating was proposed, in a few words ("Good: recognising is easier…"). */
  reason?: string;
  /** The card had never been answered before this answer. */
  first?: boolean;
  rating: Rating;
}

/**
 * One study session on screen: what is shown, what the learner answered, and the moves
 * (answer, reveal, rate, continue, undo). Every move is saved before the screen changes.
 */
export class StudyController {
  phase = $state<Phase>('loading');
  session = $state<SessionRecord | null>(null);
  shown = $state<ShownCard | null>(null);
  outcome = $state<Outcome | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** A short message for the learner, such as a change made in another tab. */
  notice = $state<string | null>(null);
  #shownAt = 0;
  #clock: Clock;
  /** The next card, read while the feedback is on screen so Continue shows it at once. */
  #preloaded: Promise<ShownCard | null> | null = null;
  /** Set once loaded; every move but start() happens after start() has set it. */
  #services: Services | null = null;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
    loadServices().catch(() => {}); // started now; start() reports a failure
  }

  get #use(): Services['sessionUseCases'] {
    if (!this.#services) throw new Error('The study session has not started.');
    return this.#services.sessionUseCases;
  }

  get progress(): { done: number; total: number } {
    const s = this.session;
    if (!s) return { done: 0, total: 0 };
    const left = s.planned.length + s.learning.length + (s.current ? 1 : 0);
    return { done: s.answered, total: s.answered + left };
  }

  /** Studies the given decks (all when none), or only one assignment's facts. */
  async start(deckIds: string[], assignmentId?: string): Promise<void> {
    this.phase = 'loading';
    try {
      // Both at once: a first visit's deck install must not wait for the session's code.
      [this.#services] = await Promise.all([loadServices(), ensureBuiltInDecks(this.#clock)]);
      const target = await this.#use.studyTarget(deckIds, assignmentId);
      await this.#show(await this.#use.startSession(target.deckIds, this.#clock, target.scope));
    } catch (error) {
      this.#fail(error);
    }
  }

  async #show(session: SessionRecord | null): Promise<void> {
    this.session = session;
    this.outcome = null;
    if (!session) {
      this.phase = 'done';
      return;
    }
    if (session.feedback) {
      // Reloaded while the feedback was on screen: show it again from the log.
      const feedback = await this.#use.loadFeedback(session, this.#clock);
      if (feedback) {
        const { shown, answer } = feedback;
        this.shown = shown;
        const first = answer.before.state === CardState.New;
        // The proposal as it was made: the same policy over what the log kept.
        const proposal =
          answer.correct === null
            ? null
            : proposeRating({
                kind: answer.kind,
                correct: answer.correct,
                typo:
                  answer.correct &&
                  !!gradeAnswer(shown.question, answer.given ?? '', shown.others).typo,
                durationMs: answer.durationMs,
                first
              });
        this.outcome = {
          correct: answer.correct,
          given: answer.given,
          proposed: proposal?.rating ?? null,
          ...(proposal ? { reason: proposal.reason } : {}),
          first,
          rating: answer.rating
        };
        this.phase = 'feedback';
        studySession.begin(true);
        return;
      }
    }
    const shown = await this.#use.loadShownCard(session, this.#clock);
    if (!shown) {
      this.shown = null;
      this.phase = 'done';
      studySession.end();
      await this.#use.endSession();
      return;
    }
    await this.#present(shown);
  }

  async #present(shown: ShownCard): Promise<void> {
    performance.mark('sd:card-loaded');
    this.shown = shown;
    this.outcome = null;
    this.phase = 'question';
    studySession.begin(true);
    await tick();
    this.#shownAt = this.#clock.now();
    performance.mark('sd:card-shown');
    if (performance.getEntriesByName('sd:answer', 'mark').length > 0) {
      performance.measure('sd:answer-to-card', 'sd:answer', 'sd:card-shown');
      performance.measure('sd:card-render', 'sd:card-loaded', 'sd:card-shown');
      performance.clearMarks('sd:answer');
    }
  }

  /** Grades an answer to a choice, true/false, typed, cloze or numeric question and saves it. */
  async answer(given: string): Promise<void> {
    if (this.phase !== 'question' || !this.shown || this.busy) return;
    const duration = this.#clock.now() - this.#shownAt;
    const { question, card, others } = this.shown;
    const { correct, typo } = gradeAnswer(question, given, others);
    const first = card.state === CardState.New;
    const { rating, reason } = proposeRating({
      kind: question.kind,
      correct,
      typo: !!typo,
      durationMs: duration,
      first
    });
    await this.#record(
      { correct, given, proposed: rating, reason, first, rating, ...(typo ? { typo } : {}) },
      duration
    );
  }

  /** Shows the answer of a flashcard. */
  reveal(): void {
    if (this.phase === 'question' && this.shown?.question.kind === 'flashcard')
      this.phase = 'revealed';
  }

  /** Rates a revealed flashcard, or changes the rating proposed for a graded answer. */
  async rate(rating: Rating): Promise<void> {
    if (this.busy) return;
    if (this.phase === 'revealed') {
      await this.#record(
        {
          correct: null,
          given: null,
          proposed: null,
          first: this.shown?.card.state === CardState.New,
          rating
        },
        this.#clock.now() - this.#shownAt
      );
      return;
    }
    if (this.phase === 'feedback' && this.outcome && this.outcome.rating !== rating) {
      this.busy = true;
      try {
        this.session = await this.#use.changeRating(rating, this.#clock, {
          logId: this.session?.feedback?.logId ?? -1
        });
        this.outcome = { ...this.outcome, rating };
        this.#preload();
      } catch (error) {
        this.#fail(error);
      } finally {
        this.busy = false;
      }
    }
  }

  async #record(outcome: Outcome, durationMs: number): Promise<void> {
    this.busy = true;
    performance.mark('sd:submit');
    try {
      const questionId = this.session?.current?.questionId ?? '';
      this.session = await this.#use.answerCurrent(
        { rating: outcome.rating, given: outcome.given, correct: outcome.correct, durationMs },
        this.#clock,
        { questionId }
      );
      this.outcome = outcome;
      this.phase = 'feedback';
      this.#preload();
      await tick();
      performance.measure('sd:answer-to-feedback', 'sd:submit');
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  #preload(): void {
    const upcoming = this.session?.upcoming;
    this.#preloaded = upcoming
      ? this.#use
          .loadShownCard({ ...this.session!, current: upcoming }, this.#clock)
          .catch(() => null)
      : null;
  }

  /** Moves on from the feedback to the next card. */
  async next(): Promise<void> {
    if (this.phase !== 'feedback' || this.busy) return;
    this.busy = true;
    performance.mark('sd:answer');
    const preloaded = this.#preloaded && (await this.#preloaded);
    this.#preloaded = null;
    if (preloaded && this.session?.upcoming) {
      // Show the next card now. Saving the move starts first, so any answer the learner
      // gives next is queued behind it in the database and sees it; a reload before it
      // lands shows the last feedback again, and nothing is lost.
      const expected = { logId: this.session.feedback?.logId ?? -1 };
      const saving = this.#use.continueSession(this.#clock, expected);
      this.session = moveToUpcoming(this.session);
      await this.#present(preloaded);
      this.busy = false;
      saving
        .then((saved) => {
          // Another tab moved the shared session elsewhere: follow it.
          if (saved.current?.questionId !== preloaded.question.id) return this.#show(saved);
        })
        .catch((error) => this.#fail(error));
      return;
    }
    try {
      await this.#show(
        await this.#use.continueSession(this.#clock, {
          logId: this.session?.feedback?.logId ?? -1
        })
      );
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** Takes back the last answer of the session. */
  async undo(): Promise<void> {
    if (this.busy || !this.session?.answerIds.length) return;
    this.busy = true;
    try {
      await this.#show(await this.#use.undoLastAnswer(this.#clock));
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** The time on this controller's clock, for showing when each rating brings the card back. */
  now(): number {
    return this.#clock.now();
  }

  get canUndo(): boolean {
    return (this.session?.answerIds.length ?? 0) > 0;
  }

  /** Leaves the session; it stays saved and resumes next time. */
  leave(): void {
    studySession.end();
  }

  #fail(error: unknown): void {
    if (this.#services && error instanceof this.#services.StaleSessionError) {
      // Another tab moved the shared session on: show it as it is now; nothing was lost.
      this.notice = 'Updated from another tab.';
      void this.#use.currentSession().then((session) => this.#show(session));
      return;
    }
    this.error = writeFailureMessage(error);
    this.phase = 'error';
    studySession.end();
  }
}
