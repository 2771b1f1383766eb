import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { miniFacts } from '$lib/deck/fixtures/mini-deck';
import { deckHash } from '$lib/deck/hash';
import { START, deck, makeClock, resetAppDatabase } from '$lib/services/study-fixture';
import { StudyController } from './study.svelte';

/** Every fact of the deck is new: the first session plans each one once. */
const FACTS = miniFacts.length;

// The built-in collection, as the app's own origin would serve it: just the test deck.
beforeAll(() => {
  const files: Record<string, unknown> = {
    '/decks/index.json': { format: 1, decks: [{ id: deck.id, hash: deckHash(deck) }] },
    [`/decks/${deck.id}.json`]: deck
  };
  vi.stubGlobal('fetch', async (url: string) =>
    files[url]
      ? new Response(JSON.stringify(files[url]), { status: 200 })
      : new Response('', { status: 404 })
  );
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => resetAppDatabase());

/** The answer that is right for the question on screen. */
function rightAnswer(study: StudyController): string {
  return study.shown!.question.answer;
}

describe('the study controller', () => {
  it('answers, changes the rating, moves on, and an undo brings the same card back', async () => {
    const clock = makeClock(START);
    const study = new StudyController(clock);
    await study.start(['mini']);
    expect(study.phase).toBe('question');
    expect(study.progress).toEqual({ done: 0, total: FACTS });
    const first = study.shown!;
    expect(first.deck.title).toBe('Mini');

    clock.advance(8_000);
    await study.answer(rightAnswer(study));
    expect(study.phase).toBe('feedback');
    expect(study.outcome).toMatchObject({ correct: true, proposed: 3, rating: 3 });
    expect(study.progress.done).toBe(1);
    expect(study.shown!.fact.id).toBe(first.fact.id);

    await study.rate(1);
    expect(study.phase).toBe('feedback');
    expect(study.outcome).toMatchObject({ correct: true, proposed: 3, rating: 1 });
    // Again keeps the card in this session: it comes back after the others.
    expect(study.progress).toEqual({ done: 1, total: FACTS + 1 });

    clock.advance(2_000);
    await study.next();
    expect(study.phase).toBe('question');
    expect(study.shown!.fact.id).not.toBe(first.fact.id);
    expect(study.progress).toEqual({ done: 1, total: FACTS + 1 });
    expect(study.canUndo).toBe(true);

    await study.undo();
    expect(study.phase).toBe('question');
    expect(study.shown!.fact.id).toBe(first.fact.id);
    expect(study.shown!.question.id).toBe(first.question.id);
    expect(study.shown!.card.memory).toEqual(first.card.memory);
    expect(study.progress).toEqual({ done: 0, total: FACTS });
    expect(study.canUndo).toBe(false);
  });

  it('shows a wrong answer as wrong, and the card again after a reload during its feedback', async () => {
    const clock = makeClock(START);
    const study = new StudyController(clock);
    await study.start(['mini']);
    const first = study.shown!;
    await study.answer('certainly not the answer');
    expect(study.outcome).toMatchObject({ correct: false, proposed: 1, rating: 1 });

    const reloaded = new StudyController(clock);
    await reloaded.start(['mini']);
    expect(reloaded.phase).toBe('feedback');
    expect(reloaded.shown!.fact.id).toBe(first.fact.id);
    expect(reloaded.outcome).toEqual({
      correct: false,
      given: 'certainly not the answer',
      proposed: 1,
      reason: 'Again: a new fact, so it comes back soon while you learn it',
      first: true,
      rating: 1
    });
    expect(reloaded.outcome).toEqual(study.outcome);
    expect(reloaded.progress).toEqual(study.progress);
  });

  it('proposes Good, not Easy, for a fast right first answer, and keeps the proposal after a change and a reload', async () => {
    const clock = makeClock(START);
    const study = new StudyController(clock);
    await study.start(['mini']);
    const question = study.shown!.question;
    expect(['choice', 'truefalse']).toContain(question.kind);
    clock.advance(1_000);
    await study.answer(question.answer);
    expect(study.outcome).toMatchObject({
      correct: true,
      proposed: 3,
      rating: 3,
      reason: 'Good: recognising is easier than recalling'
    });
    await study.rate(4);
    const reloaded = new StudyController(clock);
    await reloaded.start(['mini']);
    expect(reloaded.outcome).toMatchObject({
      proposed: 3,
      rating: 4,
      reason: study.outcome!.reason
    });
  });

  it('studies every deck when none is named, and says so when nothing is left', async () => {
    const clock = makeClock(START);
    const study = new StudyController(clock);
    await study.start([]);
    expect(study.session?.deckIds).toEqual(['mini']);
    let answered = 0;
    while (study.phase === 'question' && answered < 100) {
      clock.advance(20 * 60_000);
      await study.answer(rightAnswer(study));
      await study.rate(4);
      await study.next();
      answered++;
    }
    expect(study.phase).toBe('done');
    expect(answered).toBe(FACTS);
    expect(study.shown).toBeNull();
  });
});
