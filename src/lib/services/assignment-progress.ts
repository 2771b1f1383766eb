/**
 * A student's progress on the assignments they accepted, counted from their own answer
 * log and final tests. Kept apart from the link and report code so that Today and a
 * study session load none of it.
 */
import type { QuestionKind } from '$lib/deck/types';
import type { AnswerLogRecord, AssignmentRecord, SourcedeckDatabase } from '$lib/db/db';
import { studentRow, type StudentRow } from '$lib/share/class-view';
import type { Report } from '$lib/share/report';

/** Longest time one answer adds to "time spent": a card left open over lunch is not study. */
const MAX_ANSWER_MS = 120_000;

/** Whole days from today (local) to a YYYY-MM-DD date: 0 today, negative once it is past. */
export function daysUntil(due: string, now: number): number {
  const today = new Date(now);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = due.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - start) / 86_400_000);
}

export async function listAssignments(db: SourcedeckDatabase): Promise<AssignmentRecord[]> {
  return (await db.assignments.toArray()).sort(
    (a, b) => a.assignment.due.localeCompare(b.assignment.due) || b.acceptedAt - a.acceptedAt
  );
}

export async function setArchived(
  db: SourcedeckDatabase,
  id: string,
  archived: boolean
): Promise<void> {
  await db.assignments.update(id, { status: archived ? 'archived' : 'active' });
}

export interface FactProgress {
  id: string;
  prompt: string;
  reviews: number;
  correct: number;
  /** The last answer: right, wrong, or none yet. */
  last: 0 | 1 | null;
  done: boolean;
}

export interface AssignmentProgress {
  record: AssignmentRecord;
  /** The report this progress would send now. */
  report: Report;
  row: StudentRow;
  facts: FactProgress[];
}

/** Counting answers since the assignment was accepted; undone answers do not count. */
export async function assignmentProgress(
  db: SourcedeckDatabase,
  record: AssignmentRecord,
  now: number
): Promise<AssignmentProgress> {
  const { assignment } = record;
  const [rows, tests, facts] = await Promise.all([
    db.log.where('factId').anyOf(assignment.facts).toArray(),
    db.practice.where('assignment').equals(assignment.id).toArray(),
    db.facts.bulkGet(assignment.facts)
  ]);
  const undone = new Set(rows.flatMap((r) => (r.type === 'undo' ? [r.undoes] : [])));
  const answers = rows
    .filter(
      (r): r is AnswerLogRecord =>
        r.type === 'answer' && !undone.has(r.id!) && r.at >= record.acceptedAt
    )
    .sort((a, b) => a.at - b.at || a.id! - b.id!);
  const perFact = new Map<string, { reviews: number; correct: number; last: 0 | 1 | null }>();
  let timeMs = 0;
  for (const answer of answers) {
    // A flashcard has no right answer to compare: "Again" is a miss, any other rating a hit.
    const right = answer.correct ?? answer.rating > 1;
    const entry = perFact.get(answer.factId) ?? { reviews: 0, correct: 0, last: null };
    entry.reviews += 1;
    entry.correct += right ? 1 : 0;
    entry.last = right ? 1 : 0;
    perFact.set(answer.factId, entry);
    timeMs += Math.min(Math.max(0, answer.durationMs), MAX_ANSWER_MS);
  }
  for (const test of tests) timeMs += Math.max(0, test.durationMs);
  const report: Report = {
    v: 1,
    assignment: assignment.id,
    title: assignment.title,
    className: assignment.className,
    student: record.student,
    at: now,
    accepted: record.acceptedAt,
    timeMs: Math.round(timeMs),
    due: assignment.due,
    goal: assignment.goal,
    facts: assignment.facts.map((id) => {
      const p = perFact.get(id);
      return [id, p?.reviews ?? 0, p?.correct ?? 0, p?.last ?? null];
    }),
    tests: tests
      .filter((t) => t.items.length > 0)
      .sort((a, b) => a.at - b.at)
      .slice(-50)
      .map((t) => ({
        at: t.at,
        score: Math.round(t.score * 100),
        questions: Math.min(200, t.items.length)
      }))
  };
  const row = studentRow(
    report,
    assignment.facts,
    assignment.created,
    now,
    new Date(now).getTimezoneOffset()
  );
  return {
    record,
    report,
    row,
    facts: assignment.facts.map((id, i) => {
      const p = perFact.get(id) ?? { reviews: 0, correct: 0, last: null };
      return {
        id,
        prompt: facts[i]?.prompt ?? 'A fact this copy of the deck does not have',
        ...p,
        done: p.reviews >= assignment.goal.reviews
      };
    })
  };
}

/** The kinds a session of this assignment asks in. */
export function sessionScope(record: AssignmentRecord): {
  assignment: string;
  facts: string[];
  kinds: QuestionKind[];
  due: string;
} {
  return {
    assignment: record.id,
    facts: record.assignment.facts,
    kinds: record.assignment.kinds,
    due: record.assignment.due
  };
}
