/**
 * The teacher's class view: merging imported reports, one row of figures per student,
 * per-fact statistics across the class, and a CSV export. Pure and deterministic: the
 * current time is always passed in.
 */
import type { Report } from './report';

export interface Goal {
  reviews: number;
  testScore: number;
}

export interface StudentRow {
  student: string;
  at: number;
  accepted: number;
  timeMs: number;
  /** Facts in the assignment. */
  factsTotal: number;
  /** Facts reviewed at least `goal.reviews` times. */
  factsDone: number;
  /** Share of correct answers, null before any review. */
  accuracy: number | null;
  /** Highest practice test score, null before any test. */
  bestTest: number | null;
  goalMet: boolean;
  behind: boolean;
  /** Share of the goal done, 0 to 1. */
  progress: number;
}

/** How far progress may trail the elapsed share of the time before a student counts as behind. */
const BEHIND_MARGIN = 0.15;

/** Students type their own names: the same person may use other spaces, case or widths. */
export function studentKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

// A teacher may keep reports of several assignments in one list; one student's report on
// one assignment must never replace the same student's report on another.
const reportKey = (report: Report) => `${report.assignment}\n${studentKey(report.student)}`;

/**
 * Keeps the newest report per student (by `at`; ties keep the existing one). Returns the
 * new list and what happened. Reports of different assignments are kept apart.
 */
export function mergeReport(
  existing: readonly Report[],
  incoming: Report
): { reports: Report[]; outcome: 'added' | 'replaced' | 'older' | 'same' } {
  const key = reportKey(incoming);
  const at = existing.findIndex((report) => reportKey(report) === key);
  if (at < 0) return { reports: [...existing, incoming], outcome: 'added' };
  const current = existing[at] as Report;
  if (incoming.at > current.at) {
    const reports = [...existing];
    reports[at] = incoming;
    return { reports, outcome: 'replaced' };
  }
  return { reports: [...existing], outcome: incoming.at < current.at ? 'older' : 'same' };
}

/**
 * The first instant after the due date: the end of that day where the reader is
 * (`tzOffsetMinutes` as `Date.prototype.getTimezoneOffset()` gives it; 0 is UTC). Computed
 * from the parts so that a date the schema lets through but the calendar lacks (Feb 31)
 * rolls over instead of giving NaN.
 */
export function dueEnd(due: string, tzOffsetMinutes = 0): number {
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day + 1) + tzOffsetMinutes * 60_000;
}

/**
 * One student's figures. `factIds` is the assignment's fact list (null when the assignment
 * is not at hand: the report's own facts are used); `created` is when the assignment was
 * made (for an assignment without that, the report's `accepted`). The due date ends at
 * midnight where the reader is: pass their `tzOffsetMinutes`.
 */
export function studentRow(
  report: Report,
  factIds: readonly string[] | null,
  created: number,
  now: number,
  tzOffsetMinutes = 0
): StudentRow {
  const goal: Goal = report.goal;
  const inAssignment = factIds ? new Set(factIds) : null;
  const facts = inAssignment ? report.facts.filter(([id]) => inAssignment.has(id)) : report.facts;
  const factsTotal = inAssignment ? inAssignment.size : report.facts.length;
  // A fact missing from the report has had no review; with a goal of 0 reviews it is done.
  const factsDone =
    goal.reviews === 0 ? factsTotal : facts.filter(([, reviews]) => reviews >= goal.reviews).length;
  let reviews = 0;
  let correct = 0;
  for (const [, r, c] of facts) {
    reviews += r;
    correct += c;
  }
  const accuracy = reviews > 0 ? correct / reviews : null;
  const bestTest = report.tests.length > 0 ? Math.max(...report.tests.map((t) => t.score)) : null;
  const testMet = goal.testScore === 0 || (bestTest !== null && bestTest >= goal.testScore);
  const goalMet = factsDone === factsTotal && testMet;

  const factShare = factsTotal > 0 ? factsDone / factsTotal : 1;
  const progress =
    goal.testScore > 0
      ? (factShare + (testMet ? 1 : Math.min(1, (bestTest ?? 0) / goal.testScore))) / 2
      : factShare;

  const end = dueEnd(report.due, tzOffsetMinutes);
  const span = end - created;
  // Without a span to measure against (an assignment made after its due date) only the
  // due date itself can make a student behind.
  const elapsed = span > 0 ? Math.min(1, Math.max(0, (now - created) / span)) : 0;
  const behind = !goalMet && (now >= end || progress < elapsed - BEHIND_MARGIN);

  return {
    student: report.student,
    at: report.at,
    accepted: report.accepted,
    timeMs: report.timeMs,
    factsTotal,
    factsDone,
    accuracy,
    bestTest,
    goalMet,
    behind,
    progress
  };
}

export interface FactStat {
  factId: string;
  /** Reports that include the fact with at least one review. */
  students: number;
  reviews: number;
  correct: number;
  /** Share of wrong answers, null before any review. */
  errorRate: number | null;
  /** Students with no review of the fact. */
  notStarted: number;
}

/**
 * Class-wide figures per fact, in the assignment's order (or, without the assignment, in
 * the order the facts first appear in the reports).
 */
export function factStats(
  reports: readonly Report[],
  factIds: readonly string[] | null
): FactStat[] {
  const stats = new Map<string, FactStat>();
  const stat = (factId: string): FactStat => ({
    factId,
    students: 0,
    reviews: 0,
    correct: 0,
    errorRate: null,
    notStarted: 0
  });
  if (factIds) for (const id of factIds) stats.set(id, stat(id));
  for (const report of reports) {
    for (const [id, reviews, correct] of report.facts) {
      let entry = stats.get(id);
      if (!entry) {
        if (factIds) continue;
        entry = stat(id);
        stats.set(id, entry);
      }
      if (reviews > 0) entry.students += 1;
      entry.reviews += reviews;
      entry.correct += correct;
    }
  }
  return [...stats.values()].map((entry) => ({
    ...entry,
    errorRate: entry.reviews > 0 ? (entry.reviews - entry.correct) / entry.reviews : null,
    notStarted: reports.length - entry.students
  }));
}

/**
 * What the class view calls a fact: its prompt, or, where this device does not know it (a
 * built-in fact only a newer copy of the app has, a report read without its assignment),
 * its place among the `total` facts (`position` counts from 0). Never the internal id: a
 * teacher cannot read `own-e38b695f-...`.
 */
export function factLabel(prompt: string | undefined, position: number, total: number): string {
  if (prompt !== undefined && prompt.trim() !== '') return prompt;
  return `Fact ${position + 1} of ${total} (its question is not on this device)`;
}

/**
 * The weakest facts: highest error rate first among facts with at least `minReviews`
 * reviews in total; ties by more reviews, then the given order; then facts no-one has
 * started. Facts with some reviews but fewer than `minReviews` are left out: their error
 * rate says too little yet.
 */
export function weakestFacts(
  stats: readonly FactStat[],
  count: number,
  minReviews = 3
): FactStat[] {
  if (count <= 0) return [];
  const rated = stats
    .filter((s) => s.errorRate !== null && s.reviews >= minReviews)
    .sort((a, b) => (b.errorRate ?? 0) - (a.errorRate ?? 0) || b.reviews - a.reviews);
  const unstarted = stats.filter((s) => s.students === 0);
  return [...rated, ...unstarted].slice(0, count);
}

// Spreadsheets run a cell starting with one of these as a formula (CSV injection); a
// leading carriage return is included too, as some spreadsheets skip it before parsing.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const percent = (share: number | null) => (share === null ? '' : String(Math.round(share * 100)));

/** CSV of the class, one row per student after a header row (RFC 4180, CRLF line ends). */
export function classCsv(rows: readonly StudentRow[]): string {
  const header = [
    'Student',
    'Progress %',
    'Facts done',
    'Facts total',
    'Accuracy %',
    'Best test %',
    'Goal met',
    'Behind',
    'Time (minutes)',
    'Report time'
  ];
  const lines = [header];
  for (const row of rows) {
    lines.push([
      row.student,
      percent(row.progress),
      String(row.factsDone),
      String(row.factsTotal),
      percent(row.accuracy),
      row.bestTest === null ? '' : String(row.bestTest),
      row.goalMet ? 'yes' : 'no',
      row.behind ? 'yes' : 'no',
      (row.timeMs / 60_000).toFixed(1),
      new Date(row.at).toISOString()
    ]);
  }
  return lines.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}
