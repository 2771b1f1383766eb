import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/deck/rng';
import { calendarDay, dayStart, nextDayStart, studyDay } from './day';
import { chooseQuestion, strengthLevel } from './forms';
import {
  buildDayQueue,
  interleaveTopics,
  newCardsToMeetDue,
  nextCard,
  spread,
  type QueueCard
} from './queue';
import { createScheduler } from './scheduler';
import { CardState, DEFAULT_DECK_SETTINGS, type MemoryState } from './types';
import type { Question } from '$lib/deck/types';

const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 10, 0); // 10:00 UTC

function reviewCard(
  factId: string,
  topic: string,
  dueInDays: number,
  stability: number
): QueueCard {
  const lastReview = NOW + dueInDays * DAY - stability * DAY;
  return {
    factId,
    topic,
    memory: {
      due: NOW + dueInDays * DAY,
      stability,
      difficulty: 5,
      scheduledDays: stability,
      learningSteps: 0,
      reps: 3,
      lapses: 0,
      state: CardState.Review,
      lastReview
    }
  };
}
const newCard = (factId: string, topic = 'a'): QueueCard => ({
  factId,
  topic,
  memory: scheduler.newState(NOW)
});

function queue(cards: QueueCard[], overrides: Partial<Parameters<typeof buildDayQueue>[0]> = {}) {
  return buildDayQueue({
    cards,
    now: NOW,
    dayEnd: nextDayStart(NOW, 4, 0),
    newPerDay: 20,
    reviewsPerDay: 200,
    doneToday: { newCards: 0, reviews: 0 },
    scheduler,
    rng: createRng('queue'),
    ...overrides
  });
}

describe('study days', () => {
  it('start at 4 am local time, so 1 am still belongs to the day before', () => {
    const tz = -120; // UTC+2
    const at = (h: number) => Date.UTC(2026, 10, 22, h - 2); // local hour h
    expect(studyDay(at(3), 4, tz)).toBe(studyDay(at(23) - DAY, 4, tz));
    expect(studyDay(at(5), 4, tz)).toBe(studyDay(at(3), 4, tz) + 1);
    expect(dayStart(studyDay(at(10), 4, tz), 4, tz)).toBe(at(4));
    expect(nextDayStart(at(10), 4, tz)).toBe(at(4) + DAY);
  });

  it('move with the chosen hour', () => {
    expect(studyDay(Date.UTC(2026, 0, 2, 5), 6, 0)).toBe(studyDay(Date.UTC(2026, 0, 1, 12), 6, 0));
  });
});

describe('new cards an assignment needs', () => {
  it('spreads the unstarted facts over the days left, today and the due day included', () => {
    const today = studyDay(Date.UTC(2026, 10, 23, 9), 4, 0);
    expect(calendarDay('2026-11-23')).toBe(today);
    expect(newCardsToMeetDue(30, today, calendarDay('2026-11-25'))).toBe(10);
    expect(newCardsToMeetDue(31, today, calendarDay('2026-11-25'))).toBe(11);
    expect(newCardsToMeetDue(30, today, calendarDay('2026-11-23'))).toBe(30);
    expect(newCardsToMeetDue(30, today, calendarDay('2026-11-20'))).toBe(30);
    expect(newCardsToMeetDue(0, today, calendarDay('2026-12-01'))).toBe(0);
  });
});

describe('buildDayQueue', () => {
  it('keeps to the new-card limit, counting what was already introduced today', () => {
    const cards = Array.from({ length: 30 }, (_, i) => newCard(`n${String(i).padStart(2, '0')}`));
    expect(queue(cards).newCount).toBe(20);
    expect(queue(cards, { doneToday: { newCards: 15, reviews: 0 } }).queue).toHaveLength(5);
    expect(queue(cards, { newPerDay: 0 }).queue).toEqual([]);
  });

  it('puts the most at-risk reviews first and holds the rest back beyond the limit', () => {
    const cards = [
      reviewCard('safe', 'a', 0, 30),
      reviewCard('overdue-long', 'a', -20, 5),
      reviewCard('overdue-short', 'a', -2, 5),
      reviewCard('tomorrow', 'a', 2, 5)
    ];
    const result = queue(cards, { reviewsPerDay: 2 });
    expect(result.queue).toEqual(['overdue-long', 'overdue-short']);
    expect(result.reviewCount).toBe(2);
    expect(result.backlog).toBe(1);
  });

  it('spreads a backlog of 500 over the coming days: today only the limit, riskiest first', () => {
    const cards = Array.from({ length: 500 }, (_, i) =>
      reviewCard(`r${i}`, `t${i % 3}`, -1 - (i % 40), 3 + (i % 17))
    );
    const result = queue(cards, { reviewsPerDay: 200 });
    expect(result.reviewCount).toBe(200);
    expect(result.backlog).toBe(300);
    const r = (id: string) =>
      scheduler.retrievability(cards.find((c) => c.factId === id)!.memory, NOW);
    const chosen = Math.max(...result.queue.map(r));
    const left = cards.filter((c) => !result.queue.includes(c.factId)).map((c) => r(c.factId));
    expect(chosen).toBeLessThanOrEqual(Math.min(...left));
  });

  it('interleaves new cards through the reviews instead of piling them at the end', () => {
    const reviews = Array.from({ length: 12 }, (_, i) => reviewCard(`r${i}`, 'a', -1, 5));
    const fresh = Array.from({ length: 4 }, (_, i) => newCard(`n${i}`));
    const order = queue([...reviews, ...fresh]).queue;
    const positions = order.map((id, i) => (id.startsWith('n') ? i : -1)).filter((i) => i >= 0);
    expect(positions).toHaveLength(4);
    expect(positions[0]).toBeLessThan(6);
    expect(Math.max(...positions)).toBeGreaterThan(8);
  });

  it('alternates topics where it can', () => {
    const cards = [
      ...Array.from({ length: 4 }, (_, i) => reviewCard(`a${i}`, 'a', -1, 5 + i)),
      ...Array.from({ length: 4 }, (_, i) => reviewCard(`b${i}`, 'b', -1, 5 + i))
    ];
    const order = queue(cards).queue;
    for (let i = 1; i < order.length; i++) expect(order[i]![0]).not.toBe(order[i - 1]![0]);
  });

  it('leaves cards due after the day boundary out of today', () => {
    const lateTonight = reviewCard('late', 'a', 0, 5);
    lateTonight.memory.due = nextDayStart(NOW, 4, 0) + 1;
    expect(queue([lateTonight]).queue).toEqual([]);
  });

  it('is the same for the same seed', () => {
    const cards = Array.from({ length: 25 }, (_, i) => newCard(`n${i}`, `t${i % 4}`));
    expect(queue(cards).queue).toEqual(queue(cards).queue);
  });
});

describe('spread and interleaveTopics', () => {
  it('spreads evenly and keeps both orders', () => {
    const mixed = spread<number | string>([1, 2, 3, 4, 5, 6], ['a', 'b']);
    expect(mixed.filter((x) => typeof x === 'number')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mixed.filter((x) => typeof x === 'string')).toEqual(['a', 'b']);
    expect(mixed.indexOf('a')).toBeGreaterThan(0);
    expect(mixed.indexOf('b')).toBeGreaterThan(mixed.indexOf('a') + 1);
  });

  it('falls back to the same topic only when nothing else is left', () => {
    const out = interleaveTopics([{ topic: 'a' }, { topic: 'a' }, { topic: 'a' }, { topic: 'b' }]);
    expect(out.map((x) => x.topic)).toEqual(['a', 'b', 'a', 'a']);
  });
});

describe('nextCard within a session', () => {
  const learningCard = (factId: string, dueIn: number) => ({
    factId,
    memory: { ...scheduler.newState(NOW), state: CardState.Learning, due: NOW + dueIn }
  });

  it('brings a learning card back when its step is over, before the planned cards', () => {
    expect(nextCard(['p1', 'p2'], [learningCard('l1', -1)], NOW, 'p0')).toBe('l1');
    expect(nextCard(['p1', 'p2'], [learningCard('l1', 60_000)], NOW, 'p0')).toBe('p1');
  });

  it('never shows the card just answered twice in a row while another is available', () => {
    expect(nextCard(['l1', 'p2'], [], NOW, 'l1')).toBe('p2');
    expect(nextCard([], [learningCard('l1', -1), learningCard('l2', 5 * 60_000)], NOW, 'l1')).toBe(
      'l2'
    );
  });

  it('learns ahead rather than stopping for a short wait, and ends when nothing is left', () => {
    expect(nextCard([], [learningCard('l1', 10 * 60_000)], NOW, null)).toBe('l1');
    expect(nextCard([], [learningCard('l1', 2 * 3_600_000)], NOW, null)).toBeNull();
    expect(nextCard([], [], NOW, null)).toBeNull();
  });
});

describe('question forms follow memory strength', () => {
  const q = (kind: Question['kind']): Question =>
    ({
      id: `f:${kind}:0`,
      factIds: ['f'],
      kind,
      prompt: '',
      answer: '',
      explanation: '',
      citations: [],
      options: [],
      accepted: []
    }) as unknown as Question;
  const all = (
    ['flashcard', 'typed', 'choice', 'truefalse', 'cloze', 'numeric', 'order', 'match'] as const
  ).map(q);
  const memory = (state: MemoryState['state'], stability: number): MemoryState => ({
    ...scheduler.newState(NOW),
    state,
    stability
  });

  it('uses recognition for new memories, production for middling ones, recall for strong ones', () => {
    const rng = createRng('forms');
    for (let i = 0; i < 20; i++) {
      expect(['choice', 'truefalse']).toContain(
        chooseQuestion(all, memory(CardState.New, 0), null, rng)?.kind
      );
      expect(['cloze', 'typed', 'numeric']).toContain(
        chooseQuestion(all, memory(CardState.Review, 10), null, rng)?.kind
      );
      expect(['flashcard', 'typed']).toContain(
        chooseQuestion(all, memory(CardState.Review, 60), null, rng)?.kind
      );
    }
    expect(strengthLevel(memory(CardState.Relearning, 50))).toBe(0);
  });

  it('varies the form from one review to the next', () => {
    const rng = createRng('vary');
    for (let i = 0; i < 20; i++) {
      expect(chooseQuestion(all, memory(CardState.New, 0), 'choice', rng)?.kind).toBe('truefalse');
    }
  });

  it('falls back to the nearest form a fact has, never to order or match', () => {
    const rng = createRng('fallback');
    expect(
      chooseQuestion([q('flashcard'), q('order')], memory(CardState.New, 0), null, rng)?.kind
    ).toBe('flashcard');
    expect(chooseQuestion([q('match')], memory(CardState.New, 0), null, rng)).toBeNull();
  });

  it('asks only the allowed kinds from the first showing, the easiest of them for the stage', () => {
    const rng = createRng('allowed');
    const newCard = memory(CardState.New, 0);
    for (let i = 0; i < 20; i++) {
      // A new memory would start at recognition; typed alone is typed at once.
      expect(chooseQuestion(all, newCard, null, rng, ['typed'])?.kind).toBe('typed');
      expect(chooseQuestion(all, newCard, 'typed', rng, ['typed'])?.kind).toBe('typed');
      // Of typed and flashcard, typed is the nearer, easier form for a new memory.
      expect(chooseQuestion(all, newCard, null, rng, ['flashcard', 'typed'])?.kind).toBe('typed');
      // A middling memory with no production form allowed steps down to recognition.
      expect(
        chooseQuestion(all, memory(CardState.Review, 10), null, rng, ['choice', 'flashcard'])?.kind
      ).toBe('choice');
      // A strong memory allowed only choice still gets choice.
      expect(chooseQuestion(all, memory(CardState.Review, 60), null, rng, ['choice'])?.kind).toBe(
        'choice'
      );
    }
  });

  it('asks a fact with none of the allowed kinds in a form it has', () => {
    const rng = createRng('allowed-missing');
    expect(
      chooseQuestion([q('flashcard'), q('choice')], memory(CardState.New, 0), null, rng, ['typed'])
        ?.kind
    ).toBe('choice');
  });
});
