/**
 * A student's progress on the assignments they accepted, counted from their own answer
 * log and final tests. Kept apart from the link and report code so that Today and a
 * study session load none of it.
 */
import type { QuestionKind } from '$lib/deck/types';
import type {
  AnswerLogRecord,
  AssignmentRecord,
  FactRecord,
  LogRecord,
  PracticeResult,
  SourcedeckDatabase
} from '$lib/db/db';
import { studentRow, type StudentRow } from '$lib/share/class-view';
import type { Report } from '$lib/share/report';
import type { Clock } from '$lib/srs/clock';
import { calendarDay, studyDay } from '$lib/srs/day';
import { onAppDatabase } from './app-database';

export type { AssignmentRecord };

/** Longest time one answer adds to "time spent": a card left open over lunch is not study. */
const MAX_ANSWER_MS = 120_000;

/**
 * Whole days from today (local) to a YYYY-MM-DD date: 0 today, negative once it is past.
 * @param tzOffsetMinutes as `Clock.tzOffset` gives it
 */
export function daysUntil(due: string, now: number, tzOffsetMinutes: number): number {
  return calendarDay(due) - studyDay(now, 0, tzOffsetMinutes);
}

export async function listAssignments(db: SourcedeckDatabase): Promise<AssignmentRecord[]> {
  return (await db.assignments.toArray()).sort(
    (a, b) => a.assignment.due.localeCompare(b.assignment.due) || b.acceptedAt - a.acceptedAt
  );
}

/** An accepted assignment, or null when this device has none with that id. */
export async function findAssignment(
  db: SourcedeckDatabase,
  id: string
): Promise<AssignmentRecord | null> {
  return (await db.assignments.get(id)) ?? null;
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
  /** Whole days to the due date, as `daysUntil` counts them. */
  daysLeft: number;
}

/** What progress is counted from: the log of the facts, the final tests, the facts. */
interface ProgressRows {
  log: LogRecord[];
  tests: PracticeResult[];
  facts: Map<string, FactRecord>;
}

/** Reads the rows for any number of assignments in one round of three queries. */
async function progressRows(
  db: SourcedeckDatabase,
  records: readonly AssignmentRecord[]
): Promise<ProgressRows> {
  const factIds = [...new Set(records.flatMap((r) => r.assignment.facts))];
  const [log, tests, facts] = await Promise.all([
    db.log.where('factId').anyOf(factIds).toArray(),
    db.practice
      .where('assignment')
      .anyOf(records.map((r) => r.id))
      .toArray(),
    db.facts.bulkGet(factIds)
  ]);
  return { log, tests, facts: new Map(facts.flatMap((f) => (f ? [[f.id, f]] : []))) };
}

/** Counting answers since the assignment was accepted; undone answers do not count. */
export async function assignmentProgress(
  db: SourcedeckDatabase,
  record: AssignmentRecord,
  clock: Clock
): Promise<AssignmentProgress> {
  return countProgress(record, await progressRows(db, [record]), clock);
}

/** An accepted assignment's progress, or null when this device has none with that id. */
export async function findAssignmentProgress(
  db: SourcedeckDatabase,
  id: string,
  clock: Clock
): Promise<AssignmentProgress | null> {
  const record = await db.assignments.get(id);
  return record ? assignmentProgress(db, record, clock) : null;
}

/** Every accepted assignment with its progress (due first), read in one round. */
export async function listAssignmentProgress(
  db: SourcedeckDatabase,
  clock: Clock
): Promise<AssignmentProgress[]> {
  const records = await listAssignments(db);
  const rows = await progressRows(db, records);
  return records.map((record) => countProgress(record, rows, clock));
}

function countProgress(
  record: AssignmentRecord,
  rows: ProgressRows,
  clock: Clock
): AssignmentProgress {
  const { assignment } = record;
  const now = clock.now();
  const tz = clock.tzOffset(now);
  const inAssignment = new Set(assignment.facts);
  const undone = new Set(rows.log.flatMap((r) => (r.type === 'undo' ? [r.undoes] : [])));
  const answers = rows.log
    .filter(
      (r): r is AnswerLogRecord =>
        r.type === 'answer' &&
        inAssignment.has(r.factId) &&
        !undone.has(r.id!) &&
        r.at >= record.acceptedAt
    )
    .sort((a, b) => a.at - b.at || a.id! - b.id!);
  const tests = rows.tests.filter((t) => t.assignment === assignment.id);
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
  const row = studentRow(report, assignment.facts, assignment.created, now, tz);
  return {
    record,
    report,
    row,
    daysLeft: daysUntil(assignment.due, now, tz),
    facts: assignment.facts.map((id) => {
      const p = perFact.get(id) ?? { reviews: 0, correct: 0, last: null };
      return {
        id,
        prompt: rows.facts.get(id)?.prompt ?? 'A fact this copy of the deck does not have',
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

/** The student's assignment use cases, on the app's database, for screens and state. */
export const studentAssignments = /* @__PURE__ */ onAppDatabase({
  findAssignment,
  findAssignmentProgress,
  listAssignmentProgress,
  setArchived
});
