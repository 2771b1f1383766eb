/**
 * Assignments without a server. A teacher's device makes the assignment and keeps the
 * reports it is sent; a student's device accepts the assignment, studies it and makes the
 * reports. Everything that arrives from outside is decoded and validated first, and is
 * written in one transaction or not at all.
 */
import * as v from 'valibot';
import type { OwnDeck } from '$lib/deck/own';
import type {
  AssignmentRecord,
  ReportRecord,
  SentAssignmentRecord,
  SourcedeckDatabase
} from '$lib/db/db';
import { assignmentSchema, type Assignment } from '$lib/share/assignment';
import {
  factStats,
  mergeReport,
  studentKey,
  studentRow,
  weakestFacts,
  type FactStat,
  type StudentRow
} from '$lib/share/class-view';
import { decodePayload, encodePayload, type Decoded } from '$lib/share/payload';
import { decodeReport, encodeReport, type Report } from '$lib/share/report';
import { installDeck } from './install-decks';
import { assignmentProgress } from './assignment-progress';

/** Where an assignment link opens, and a report link. */
export const ASSIGNMENT_PATH = '/assignment';
export const REPORT_PATH = '/report';

export type AssignmentDraft = Omit<Assignment, 'v' | 'id' | 'created'>;

/** 12 random base-36 characters: unguessable enough to tell a class's assignments apart. */
function newAssignmentId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

function linkTo(origin: string, path: string, payload: string): string {
  return `${origin}${path}#${payload}`;
}

/** Makes an assignment, keeps it for the class view, and returns its link. */
export async function createAssignment(
  db: SourcedeckDatabase,
  draft: AssignmentDraft,
  options: { now: number; random: () => number; origin: string }
): Promise<{ ok: true; record: SentAssignmentRecord } | { ok: false; error: string }> {
  const candidate = { v: 1, id: newAssignmentId(options.random), created: options.now, ...draft };
  const checked = v.safeParse(assignmentSchema, candidate);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.');
    return {
      ok: false,
      error: `The assignment is not complete${path ? ` (${path})` : ''}: ${issue?.message ?? 'check it'}.`
    };
  }
  const assignment = checked.output;
  const link = linkTo(options.origin, ASSIGNMENT_PATH, await encodePayload('a', assignment));
  const record: SentAssignmentRecord = { id: assignment.id, assignment, link };
  await db.sent.put(record);
  return { ok: true, record };
}

export function readAssignment(text: string): Promise<Decoded<Assignment>> {
  return decodePayload(text, 'a', assignmentSchema);
}

// ---------------------------------------------------------------- the student's side

const studentName = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('Type your name so your teacher knows whose report it is.'),
  v.maxLength(80, 'Keep your name under 80 characters.')
);

export type AcceptOutcome =
  | { ok: true; status: 'accepted' | 'already'; record: AssignmentRecord; missing: string[] }
  | { ok: false; error: string };

/**
 * Accepts an assignment: installs the teacher's own deck when it carries one, and keeps the
 * assignment. Accepting one already accepted changes nothing and keeps its progress.
 */
export async function acceptAssignment(
  db: SourcedeckDatabase,
  assignment: Assignment,
  student: string,
  now: number
): Promise<AcceptOutcome> {
  const name = v.safeParse(studentName, student);
  if (!name.success) return { ok: false, error: name.issues[0].message };
  const existing = await db.assignments.get(assignment.id);
  if (existing) return { ok: true, status: 'already', record: existing, missing: [] };
  // The generator loads only when a teacher's own deck needs it, and before the
  // transaction: awaiting anything but the database inside one would end it.
  const { compileOwnDeck } = assignment.own
    ? await import('$lib/deck/own-compile')
    : { compileOwnDeck: null };
  return db.transaction(
    'rw',
    [db.decks, db.facts, db.questions, db.cards, db.assignments],
    async (): Promise<AcceptOutcome> => {
      const own = assignment.own;
      if (own) {
        // Two assignments from one teacher's file share its deck (and the cards learnt):
        // the deck installed is every part of it the student has accepted.
        const parts = (await db.assignments.toArray()).flatMap((r) =>
          r.assignment.own?.id === own.id ? [r.assignment.own] : []
        );
        await installDeck(db, compileOwnDeck!(mergeOwnDecks([...parts, own])), now, false);
      }
      const deck = await db.decks.get(assignment.deck);
      if (!deck) {
        return {
          ok: false,
          error:
            'This assignment uses a deck this copy of Sourcedeck does not have. Update the app (or open it once online) and try again.'
        };
      }
      const missing = await missingFacts(db, assignment);
      if (missing.length === assignment.facts.length) {
        return {
          ok: false,
          error:
            'None of the facts in this assignment are in this copy of the deck. Update the app and try again.'
        };
      }
      const record: AssignmentRecord = {
        id: assignment.id,
        assignment,
        student: name.output,
        acceptedAt: now,
        status: 'active'
      };
      await db.assignments.add(record);
      return { ok: true, status: 'accepted', record, missing };
    }
  );
}

/**
 * Facts of the assignment this copy of the app does not have (a built-in deck of another
 * version); a teacher's own deck brings its facts along, so it misses none.
 */
export async function missingFacts(
  db: SourcedeckDatabase,
  assignment: Assignment
): Promise<string[]> {
  if (assignment.own) return [];
  const known = await db.facts.bulkGet(assignment.facts);
  return assignment.facts.filter((_, i) => !known[i] || known[i].retired);
}

/** One deck with every fact, topic and source of the given parts of it (later parts win). */
function mergeOwnDecks(parts: readonly OwnDeck[]): OwnDeck {
  const last = parts.at(-1)!;
  const byId = <T extends { id: string }>(items: T[]) => [
    ...new Map(items.map((item) => [item.id, item])).values()
  ];
  return {
    ...last,
    topics: byId(parts.flatMap((p) => p.topics)),
    sources: byId(parts.flatMap((p) => p.sources)),
    facts: byId(parts.flatMap((p) => p.facts))
  };
}

export async function renameStudent(
  db: SourcedeckDatabase,
  id: string,
  student: string
): Promise<{ ok: true } | { ok: false; error: string }> {
  const name = v.safeParse(studentName, student);
  if (!name.success) return { ok: false, error: name.issues[0].message };
  await db.assignments.update(id, { student: name.output });
  return { ok: true };
}

/** The report as a link the student can send, and its payload for a file. */
export async function makeReport(
  db: SourcedeckDatabase,
  id: string,
  options: { now: number; origin: string }
): Promise<{ report: Report; payload: string; link: string } | null> {
  const record = await db.assignments.get(id);
  if (!record) return null;
  const { report } = await assignmentProgress(db, record, options.now);
  const payload = await encodeReport(report);
  return { report, payload, link: linkTo(options.origin, REPORT_PATH, payload) };
}

// ---------------------------------------------------------------- the teacher's side

export type ImportOutcome =
  | {
      ok: true;
      outcome: 'added' | 'replaced' | 'older' | 'same';
      student: string;
      assignment: string;
      title: string;
    }
  | { ok: false; error: string };

/** Every report payload in a pasted text: links or bare payloads, one per line or space. */
export function splitPasted(text: string): string[] {
  return text
    .split(/\s+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Imports one report. A broken or foreign one is refused with a message and changes
 * nothing; an older report than the one kept for that student is not kept.
 */
export async function importReport(
  db: SourcedeckDatabase,
  text: string,
  now: number
): Promise<ImportOutcome> {
  const decoded = await decodeReport(text);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const report = decoded.value;
  const key = studentKey(report.student);
  return db.transaction('rw', db.reports, async (): Promise<ImportOutcome> => {
    const existing = await db.reports.get([report.assignment, key]);
    const { outcome } = mergeReport(existing ? [stripRecord(existing)] : [], report);
    if (outcome === 'added' || outcome === 'replaced') {
      await db.reports.put({ ...report, studentKey: key, importedAt: now });
    }
    return {
      ok: true,
      outcome,
      student: report.student,
      assignment: report.assignment,
      title: report.title
    };
  });
}

function stripRecord(record: ReportRecord): Report {
  const { studentKey: _key, importedAt: _at, ...report } = record;
  return report;
}

export interface ClassView {
  id: string;
  title: string;
  className: string;
  due: string;
  goal: Assignment['goal'];
  /** The assignment as made on this device, when it was. */
  sent: SentAssignmentRecord | null;
  rows: StudentRow[];
  /** Facts answered wrong most often (at least 3 answers in the class), worst first. */
  weakest: (FactStat & { prompt: string })[];
  /** Facts some students have not answered yet, the most such students first. */
  notStarted: { factId: string; prompt: string; students: number }[];
  factCount: number;
}

/** Every assignment with reports or made here, newest first, for the teacher's list. */
export async function classList(
  db: SourcedeckDatabase
): Promise<{ id: string; title: string; className: string; due: string; reports: number }[]> {
  const [sent, reports] = await Promise.all([db.sent.toArray(), db.reports.toArray()]);
  const out = new Map<
    string,
    { id: string; title: string; className: string; due: string; reports: number; at: number }
  >();
  for (const s of sent) {
    const a = s.assignment;
    out.set(a.id, {
      id: a.id,
      title: a.title,
      className: a.className,
      due: a.due,
      reports: 0,
      at: a.created
    });
  }
  for (const r of reports) {
    const entry = out.get(r.assignment) ?? {
      id: r.assignment,
      title: r.title,
      className: r.className,
      due: r.due,
      reports: 0,
      at: r.accepted
    };
    entry.reports += 1;
    out.set(r.assignment, entry);
  }
  return [...out.values()].sort((a, b) => b.at - a.at).map(({ at: _at, ...rest }) => rest);
}

export async function classView(
  db: SourcedeckDatabase,
  id: string,
  now: number
): Promise<ClassView | null> {
  const [sent, records] = await Promise.all([
    db.sent.get(id),
    db.reports.where('assignment').equals(id).toArray()
  ]);
  const reports = records.map(stripRecord);
  const first = reports[0];
  if (!sent && !first) return null;
  const assignment = sent?.assignment;
  const factIds = assignment?.facts ?? null;
  const created = assignment?.created ?? Math.min(...reports.map((r) => r.accepted));
  const rows = reports
    .map((r) => studentRow(r, factIds, created, now, new Date(now).getTimezoneOffset()))
    .sort((a, b) => a.student.localeCompare(b.student));
  const stats = factStats(reports, factIds);
  const weak = weakestFacts(stats, 5).filter((s) => s.errorRate !== null);
  const unstarted = stats
    .filter((s) => s.notStarted > 0)
    .sort((a, b) => b.notStarted - a.notStarted);
  const prompts = await factPrompts(db, assignment, [
    ...weak.map((s) => s.factId),
    ...unstarted.map((s) => s.factId)
  ]);
  return {
    id,
    title: assignment?.title ?? first!.title,
    className: assignment?.className ?? first!.className,
    due: assignment?.due ?? first!.due,
    goal: assignment?.goal ?? first!.goal,
    sent: sent ?? null,
    rows,
    weakest: weak.map((s) => ({ ...s, prompt: prompts.get(s.factId) ?? s.factId })),
    notStarted: unstarted.map((s) => ({
      factId: s.factId,
      prompt: prompts.get(s.factId) ?? s.factId,
      students: s.notStarted
    })),
    factCount: factIds?.length ?? first?.facts.length ?? 0
  };
}

/** Prompts of facts, from the teacher's own deck in the assignment or the installed decks. */
async function factPrompts(
  db: SourcedeckDatabase,
  assignment: Assignment | undefined,
  ids: string[]
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const fact of assignment?.own?.facts ?? []) out.set(fact.id, fact.prompt);
  const missing = ids.filter((id) => !out.has(id));
  const facts = await db.facts.bulkGet(missing);
  facts.forEach((fact, i) => {
    if (fact) out.set(missing[i]!, fact.prompt);
  });
  return out;
}

/** Removes one student's report (a mistyped name, a student who left); importing it again brings it back. */
export async function removeReport(
  db: SourcedeckDatabase,
  assignment: string,
  student: string
): Promise<void> {
  await db.reports.delete([assignment, studentKey(student)]);
}
