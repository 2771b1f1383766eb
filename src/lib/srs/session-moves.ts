/**
 * Moves within a study session that only edit its lists: no reading, no clock. Pure; they
 * take any record with the session's lists, so the stored session fits as it is.
 */

/** A card on screen: the fact and the question asked about it. */
export interface CardOnScreen {
  factId: string;
  questionId: string;
}

/** The lists of a session these moves edit. */
export interface SessionLists {
  /** Fact ids still planned, in order. */
  planned: string[];
  /** Fact ids in (re)learning that come back later in the session. */
  learning: string[];
  current: CardOnScreen | null;
  feedback: CardOnScreen | null;
  upcoming?: CardOnScreen | null;
}

/** The session's learning list with `factId` at its end if it still learns today. */
export function withLearning(learning: string[], factId: string, learnsToday: boolean): string[] {
  const rest = learning.filter((id) => id !== factId);
  return learnsToday ? [...rest, factId] : rest;
}

/** The session with its upcoming card on screen. */
export function moveToUpcoming<S extends SessionLists>(session: S): S {
  const next = session.upcoming;
  if (!next) return session;
  return {
    ...session,
    planned: session.planned.filter((id) => id !== next.factId),
    learning: session.learning.filter((id) => id !== next.factId),
    current: next,
    upcoming: null,
    feedback: null
  };
}
