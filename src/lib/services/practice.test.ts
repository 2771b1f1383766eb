import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniDeckFile, miniFacts } from '$lib/deck/fixtures/mini-deck';
import type { OrderQuestion, MatchQuestion } from '$lib/deck/types';
import { SourcedeckDatabase } from '$lib/db/db';
import { installDeck } from './install-decks';
import { knownNames } from './known-names';
import {
  buildPracticeTest,
  practiceHistory,
  savePracticeResult,
  scoreAnswer,
  sendToReview
} from './practice';
import type { Clock } from '$lib/srs/clock';
import { answerCurrent, startSession } from './session';
import { todayOverview } from './today';

const START = Date.UTC(2026, 10, 23, 9);
const clock: Clock = { now: () => START, tzOffset: () => 0 };
const deck = miniDeckFile();

let db: SourcedeckDatabase;
let n = 0;
beforeEach(async () => {
  db = new SourcedeckDatabase(`practice-${n++}`);
  await installDeck(db, deck, START);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('practice tests', () => {
  it('asks at most one question per fact, of the chosen kinds and topics, the same for a seed', async () => {
    const options = {
      deckIds: ['mini'],
      kinds: ['choice' as const, 'typed' as const],
      topics: ['war', 'diplomacy'],
      length: 10,
      seed: 's'
    };
    const test = await buildPracticeTest(db, options);
    expect(test.length).toBeGreaterThan(3);
    expect(new Set(test.map((q) => q.factIds[0])).size).toBe(test.length);
    for (const q of test) {
      expect(['choice', 'typed']).toContain(q.kind);
      const fact = miniFacts.find((f) => f.id === q.factIds[0])!;
      expect(['war', 'diplomacy']).toContain(fact.topic);
    }
    expect(await buildPracticeTest(db, options)).toEqual(test);
    expect((await buildPracticeTest(db, { ...options, length: 2 })).length).toBe(2);
  });

  it('scores orders and matches by pairs, and text answers with the fair grader', async () => {
    const names = await knownNames(db);
    const order = deck.questions.find((q): q is OrderQuestion => q.kind === 'order')!;
    expect(scoreAnswer(order, { kind: 'order', order: order.correctOrder }, names).score).toBe(1);
    expect(
      scoreAnswer(order, { kind: 'order', order: [...order.correctOrder].reverse() }, names).score
    ).toBe(0);
    const match = deck.questions.find((q): q is MatchQuestion => q.kind === 'match')!;
    const right = Object.fromEntries(match.pairs.map((p) => [p.factId, p.right]));
    expect(scoreAnswer(match, { kind: 'pairs', pairs: right }, names).score).toBe(1);
    const typed = deck.questions.find((q) => q.id === 'founder:typed:0')!;
    expect(scoreAnswer(typed, { kind: 'text', text: 'kim il-sung' }, names).score).toBe(1);
    expect(scoreAnswer(typed, { kind: 'none' }, names).score).toBe(0);
  });

  it('refuses a typo as close to a name of another installed deck, and forgets a deck it replaces', async () => {
    const typed = deck.questions.find((q) => q.id === 'founder:typed:0')!;
    const score = async (text: string) =>
      scoreAnswer(typed, { kind: 'text', text }, await knownNames(db)).score;
    expect(await score('Kim Il Sng')).toBe(1);
    // Another deck (a teacher's, say) names a different person one letter away.
    const other = {
      ...deck,
      id: 'other',
      facts: deck.facts.map((f) =>
        f.id === 'founder' ? { ...f, id: 'other-founder', answer: 'Kim Il Song', variants: [] } : f
      ),
      questions: []
    };
    await installDeck(
      db,
      { ...other, facts: other.facts.filter((f) => f.id === 'other-founder') },
      START,
      false
    );
    expect(await knownNames(db)).toContain('kim il song');
    expect(await score('Kim Il Sng')).toBe(0);
    expect(await score('Kim Il Song')).toBe(0);
    expect(await score('Kim Il Sungg')).toBe(1);
    // Reinstalled without that fact, the deck no longer knows the name.
    await installDeck(db, { ...other, facts: [], title: 'Emptied' }, START + 1, false);
    expect(await knownNames(db)).not.toContain('kim il song');
    expect(await score('Kim Il Sng')).toBe(1);
  });

  it('keeps results in the history, newest first', async () => {
    await savePracticeResult(db, {
      mode: 'test',
      at: START,
      deckIds: ['mini'],
      kinds: ['choice'],
      durationMs: 1000,
      limitMs: null,
      items: [
        { questionId: 'q', factIds: ['a'], kind: 'choice', given: 'x', score: 1 },
        { questionId: 'r', factIds: ['b'], kind: 'choice', given: 'y', score: 0 }
      ]
    });
    await savePracticeResult(db, {
      mode: 'match',
      at: START + 1,
      deckIds: ['mini'],
      kinds: ['match'],
      durationMs: 1000,
      limitMs: null,
      items: []
    });
    const history = await practiceHistory(db);
    expect(history.map((h) => h.mode)).toEqual(['match', 'test']);
    expect(history[1]!.score).toBe(0.5);
  });

  it('sends missed facts to the front of the next session, once', async () => {
    // Study everything new first so nothing is due.
    await sendToReview(db, ['summit-2019', 'aid-motive']);
    const today = await todayOverview(db, clock);
    expect(today.total.reviews).toBe(2);
    const session = await startSession(db, ['mini'], clock);
    expect([session.current!.factId, session.planned[0]]).toEqual(
      expect.arrayContaining(['summit-2019', 'aid-motive'])
    );
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 1 }, clock);
    expect((await db.settings.get('reviewSoon'))?.value).toHaveLength(1);
  });
});
