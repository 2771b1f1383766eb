/**
 * Assignments without a server, the teacher's side: what the builder offers, making the
 * assignment and its link, the reports
 * students send, and the class view made from them. A report is decoded and validated
 * first and written in one transaction or not at all.
 */
import { kindsByFact, parseQuestionId } from '$lib/deck/kinds';
import type { QuestionKind, Topic } from '$lib/deck/types';
import {
  getSetting,
  putSetting,
  type FactRecord,
  type ReportRecord,
  type SentAssignmentRecord,
  type SourcedeckDatabase
} from '$lib/db/db';
import * as v from 'valibot';
import { assignmentSchema, type Assignment } from '$lib/share/assignment';
import { ASSIGNMENT_PATH, encodePayload, linkTo } from '$lib/share/payload';
import {
  factLabel,
  factStats,
  mergeReport,
  studentKey,
  studentRow,
  weakestFacts,
  type FactStat,
  type StudentRow
} from '$lib/share/class-view';
import { decodeReport, type Report } from '$lib/share/report';
import type { Clock } from '$lib/srs/clock';
import { onAppDatabase } from './app-database';
import { assignmentKinds } from './asked-kinds';

export type { FactRecord };

export type AssignmentDraft = Omit<Assignment, 'v' | 'id' | 'created'>;

/** 12 random base-36 characters: unguessable enough to tell a class's assignments apart. */
function newAssignmentId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

/**
 * Makes an assignment and returns its link. Keeps it for the class view, and the teacher's
 * name for the next assignment (and the class, to suggest), in one transaction.
 */
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
  // Encoded before the transaction: awaiting anything but the database inside one ends it.
  const link = linkTo(options.origin, ASSIGNMENT_PATH, await encodePayload('a', assignment));
  const record: SentAssignmentRecord = { id: assignment.id, assignment, link };
  await db.transaction('rw', [db.sent, db.settings], async () => {
    await db.sent.put(record);
    await putSetting(db, 'teacherProfile', {
      className: assignment.className,
      teacher: assignment.teacher
    });
  });
  return { ok: true, record };
}

/** A built-in deck as the assignment builder offers it: its topics and live facts. */
export interface BuiltInChoice {
  id: string;
  title: string;
  topics: Topic[];
  facts: FactRecord[];
  /** The kinds of question made for each fact (by fact id), as a session would ask them. */
  kinds: Record<string, QuestionKind[]>;
}

/**
 * A deck of one's own as the assignment builder offers it: only its facts written in the
 * app can go into a link (an imported note's questions need its imported shape).
 */
export interface MyDeckChoice {
  id: string;
  title: string;
  /** Live facts written in the app. */
  written: number;
  /** Live facts that came from an import, which a link leaves out. */
  imported: number;
}

/** How many earlier class names the builder suggests. */
const CLASS_SUGGESTIONS = 8;

/**
 * What the assignment builder starts from: the built-in decks, the teacher's decks of their
 * own (written here or imported), the teacher's name, and the classes of earlier
 * assignments (newest first) to suggest. The class itself is not filled
 * in: an assignment for another class must not go out under the last one's name.
 */
export async function builderChoices(db: SourcedeckDatabase): Promise<{
  decks: BuiltInChoice[];
  myDecks: MyDeckChoice[];
  classNames: string[];
  teacher: string;
}> {
  return db.transaction('r', [db.decks, db.facts, db.questions, db.settings, db.sent], async () => {
    const all = await db.decks.toArray();
    const decks = all.filter((d) => d.builtIn).sort((a, b) => a.order - b.order);
    const mine = all
      .filter((d) => d.origin === 'mine' || d.origin === 'import')
      .sort((a, b) => a.installedAt - b.installedAt || (a.id < b.id ? -1 : 1));
    const deckIds = decks.map((d) => d.id);
    const [facts, myFacts, questions, profile, sent] = await Promise.all([
      db.facts.where('deckId').anyOf(deckIds).toArray(),
      db.facts
        .where('deckId')
        .anyOf(mine.map((d) => d.id))
        .filter((f) => !f.retired)
        .toArray(),
      // Keys only: a question's id names its fact and kind, and the questions are large.
      db.questions.where('deckId').anyOf(deckIds).primaryKeys(),
      getSetting(db, 'teacherProfile'),
      db.sent.toArray()
    ]);
    const byFact = kindsByFact(
      questions.flatMap((id) => {
        const parsed = parseQuestionId(id);
        return parsed ? [parsed] : [];
      })
    );
    const recent = sent
      .map((s) => s.assignment)
      .sort((a, b) => b.created - a.created)
      .map((a) => a.className);
    const classNames = [
      ...new Set([...(profile?.className ? [profile.className] : []), ...recent])
    ].slice(0, CLASS_SUGGESTIONS);
    return {
      decks: decks.map((d) => {
        const live = facts.filter((f) => f.deckId === d.id && !f.retired);
        return {
          id: d.id,
          title: d.title,
          topics: d.topics,
          facts: live,
          kinds: Object.fromEntries(live.map((f) => [f.id, byFact.get(f.id) ?? []]))
        };
      }),
      myDecks: mine.map((d) => {
        const live = myFacts.filter((f) => f.deckId === d.id);
        const imported = live.filter((f) => 'imported' in f && f.imported).length;
        return { id: d.id, title: d.title, written: live.length - imported, imported };
      }),
      classNames,
      teacher: profile?.teacher ?? ''
    };
  });
}

export type ImportOutcome =
  | {
      ok: true;
      outcome: 'added' | 'replaced' | 'older' | 'same';
      student: string;
      assignment: string;
      title: string;
    }
  | {
      ok: false;
      error: string;
      /**
       * A sound report of an assignment this device did not make, with whose and which it
       * is, so a screen can say so: it was not kept.
       */
      elsewhere?: { student: string; title: string };
    };

/**
 * What to say about a sound report of an assignment this device did not make: the student's
 * own device, or anyone's but the teacher's. Only the device that made the assignment has
 * its facts and goal to read the report against, so only that one keeps it.
 */
export function elsewhereMessage(student: string, title: string): string {
  return `This is a report from ${student} for “${title}”, an assignment that was not made on this device, so it was not kept here. To import it, open the link or drop the report file on the device where the assignment was made, in Teach → the class.`;
}

/** Every report payload in a pasted text: links or bare payloads, one per line or space. */
export function splitPasted(text: string): string[] {
  return text
    .split(/\s+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Imports one report, from a link's fragment, a pasted text or a file. A broken or foreign
 * one is refused with a message and changes nothing; so is a sound report of an
 * assignment this device did not make (it is kept only where the assignment was made); an
 * older report than the one kept for that student is not kept.
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
  return db.transaction('rw', [db.sent, db.reports], async (): Promise<ImportOutcome> => {
    if (!(await db.sent.get(report.assignment))) {
      return {
        ok: false,
        error: elsewhereMessage(report.student, report.title),
        elsewhere: { student: report.student, title: report.title }
      };
    }
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
  /** Its kinds of question that its facts are asked in, when it was made here. */
  kinds: QuestionKind[];
  rows: StudentRow[];
  /**
   * Facts answered wrong most often (at least 3 answers in the class), worst first. `prompt`
   * is what to show: the fact's prompt, or its place in the assignment when unknown here.
   */
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
  clock: Clock
): Promise<ClassView | null> {
  const now = clock.now();
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
    .map((r) => studentRow(r, factIds, created, now, clock.tzOffset(now)))
    .sort((a, b) => a.student.localeCompare(b.student));
  const stats = factStats(reports, factIds);
  const weak = weakestFacts(stats, 5).filter((s) => s.errorRate !== null);
  const unstarted = stats
    .filter((s) => s.notStarted > 0)
    .sort((a, b) => b.notStarted - a.notStarted);
  const kinds = assignment ? await assignmentKinds(db, assignment) : [];
  const prompts = await factPrompts(db, assignment, [
    ...weak.map((s) => s.factId),
    ...unstarted.map((s) => s.factId)
  ]);
  // The stats keep the assignment's order (or, without it, the reports'): a fact whose
  // prompt is unknown here is named by its place in it.
  const position = new Map(stats.map((s, i) => [s.factId, i]));
  const label = (factId: string) =>
    factLabel(prompts.get(factId), position.get(factId) ?? 0, stats.length);
  return {
    id,
    title: assignment?.title ?? first!.title,
    className: assignment?.className ?? first!.className,
    due: assignment?.due ?? first!.due,
    goal: assignment?.goal ?? first!.goal,
    sent: sent ?? null,
    kinds,
    rows,
    weakest: weak.map((s) => ({ ...s, prompt: label(s.factId) })),
    notStarted: unstarted.map((s) => ({
      factId: s.factId,
      prompt: label(s.factId),
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

// The teacher's use cases on the app's database, grouped by the screens that use them so
// that each screen's bundle carries only its own (a bound group keeps all of its members).

/** The assignment builder's. */
export const assignmentBuilder = /* @__PURE__ */ onAppDatabase({
  builderChoices,
  createAssignment
});
/** The class list and class view's. */
export const classes = /* @__PURE__ */ onAppDatabase({ classList, classView, removeReport });
/** Importing students' reports, from a link or the class view. */
export const reportImport = /* @__PURE__ */ onAppDatabase({ importReport });
