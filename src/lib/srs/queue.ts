/**
 * Building a day's study queue. Pure: cards, clock, limits and randomness come in.
 *
 * - Due reviews first by risk: the lowest chance of recall comes first; beyond the daily
 *   review limit the rest wait (the backlog), so a learner back from a break meets the
 *   most fragile memories first and never a wall of hundreds.
 * - New cards, up to the daily limit, are spread through the reviews, not piled at the end.
 * - Topics alternate wherever the cards allow it.
 * - Learning and relearning cards come back when their step is over (see nextCard).
 */
import { shuffle, type Rng } from '$lib/deck/rng';
import type { Scheduler } from './scheduler';
import { CardState, type MemoryState } from './types';

export interface QueueCard {
  factId: string;
  topic: string;
  /** Memory state; `state: New` for a card never studied. */
  memory: MemoryState;
}

export interface QueueInput {
  cards: readonly QueueCard[];
  now: number;
  /** First moment of the next study day: anything due before it is due today. */
  dayEnd: number;
  newPerDay: number;
  reviewsPerDay: number;
  /** New cards introduced and reviews done earlier today. */
  doneToday: { newCards: number; reviews: number };
  scheduler: Scheduler;
  rng: Rng;
}

export interface DayQueue {
  /** Fact ids in the order to study them today. */
  queue: string[];
  newCount: number;
  reviewCount: number;
  /** Cards still in (re)learning, due later today. */
  learningCount: number;
  /** Reviews due today beyond the daily limit: they wait for the coming days. */
  backlog: number;
}

export function buildDayQueue(input: QueueInput): DayQueue {
  const { cards, now, dayEnd, scheduler, rng } = input;
  const fresh = cards.filter((c) => c.memory.state === CardState.New);
  const learning = cards.filter(
    (c) =>
      (c.memory.state === CardState.Learning || c.memory.state === CardState.Relearning) &&
      c.memory.due < dayEnd
  );
  const dueReviews = cards
    .filter((c) => c.memory.state === CardState.Review && c.memory.due < dayEnd)
    .map((card) => ({ card, r: scheduler.retrievability(card.memory, now) }))
    .sort((a, b) => a.r - b.r || (a.card.factId < b.card.factId ? -1 : 1))
    .map(({ card }) => card);

  const reviewRoom = Math.max(0, input.reviewsPerDay - input.doneToday.reviews);
  const reviews = dueReviews.slice(0, reviewRoom);
  const backlog = dueReviews.length - reviews.length;
  const newRoom = Math.max(0, input.newPerDay - input.doneToday.newCards);
  // New cards in a stable order (by fact id) shuffled by the seeded generator.
  const newCards = shuffle(
    [...fresh].sort((a, b) => (a.factId < b.factId ? -1 : 1)),
    rng
  ).slice(0, newRoom);

  const learningNow = learning.sort((a, b) => a.memory.due - b.memory.due);
  const merged = [...learningNow, ...spread(reviews, newCards)];
  return {
    queue: interleaveTopics(merged).map((c) => c.factId),
    newCount: newCards.length,
    reviewCount: reviews.length,
    learningCount: learning.length,
    backlog
  };
}

/** Places `extra` items evenly among `base` items, keeping both orders. */
export function spread<T>(base: readonly T[], extra: readonly T[]): T[] {
  if (extra.length === 0) return [...base];
  if (base.length === 0) return [...extra];
  const result: T[] = [];
  const total = base.length + extra.length;
  let b = 0;
  let e = 0;
  for (let i = 0; i < total; i++) {
    // Take from `extra` when it is behind its share of the positions so far.
    const extraDue = Math.floor(((i + 1) * extra.length) / total) > e;
    if ((extraDue && e < extra.length) || b >= base.length) result.push(extra[e++] as T);
    else result.push(base[b++] as T);
  }
  return result;
}

/**
 * Reorders so that no two neighbours share a topic where that can be avoided, moving
 * each item as little as possible (the earliest item of another topic is pulled forward).
 */
export function interleaveTopics<T extends { topic: string }>(items: readonly T[]): T[] {
  const rest = [...items];
  const result: T[] = [];
  while (rest.length > 0) {
    const previous = result.at(-1)?.topic;
    let index = rest.findIndex((item) => item.topic !== previous);
    if (index < 0) index = 0;
    result.push(rest.splice(index, 1)[0] as T);
  }
  return result;
}

export interface SessionCard {
  factId: string;
  memory: MemoryState;
}

/**
 * The next card of a session: a (re)learning card whose step is over comes first; then the
 * planned queue; then, when nothing else is left, a learning card due within
 * `learnAheadMs`, rather than ending the session for a few minutes' wait. Never the card
 * just answered if any other is available.
 */
export function nextCard(
  planned: readonly string[],
  learning: readonly SessionCard[],
  now: number,
  lastFactId: string | null,
  learnAheadMs = 20 * 60_000
): string | null {
  const ready = [...learning]
    .filter((c) => c.memory.due <= now && c.factId !== lastFactId)
    .sort((a, b) => a.memory.due - b.memory.due);
  if (ready[0]) return ready[0].factId;
  const plannedNext = planned.find((id) => id !== lastFactId);
  if (plannedNext) return plannedNext;
  const soon = [...learning]
    .filter((c) => c.memory.due <= now + learnAheadMs)
    .sort((a, b) => a.memory.due - b.memory.due);
  const other = soon.find((c) => c.factId !== lastFactId);
  return (other ?? soon[0])?.factId ?? planned[0] ?? null;
}

/**
 * New cards a day that bring every one of `unstarted` facts in by the end of `dueDay`,
 * today included: 30 facts due in two days' time need 10 today. On or after the due day,
 * all of them.
 */
export function newCardsToMeetDue(unstarted: number, today: number, dueDay: number): number {
  const days = Math.max(1, dueDay - today + 1);
  return Math.ceil(unstarted / days);
}
