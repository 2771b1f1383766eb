/**
 * Assignments without a server, the student's side. A teacher's device makes the
 * assignment and keeps the reports it is sent (`teaching.ts`); a student's device opens and
 * accepts the assignment, studies it and makes the reports. Everything that
 * arrives from outside is decoded and validated first, and is written in one transaction or
 * not at all.
 */
import * as v from 'valibot';
import type { OwnDeck } from '$lib/deck/own';
import type { QuestionKind } from '$lib/deck/types';
import { getSetting, putSetting, type AssignmentRecord, type SourcedeckDatabase } from '$lib/db/db';
import { assignmentSchema, type Assignment } from '$lib/share/assignment';
import { decodePayload, linkTo, REPORT_PATH, type Decoded } from '$lib/share/payload';
import { encodeReport, type Report } from '$lib/share/report';
import type { Clock } from '$lib/srs/clock';
import { onAppDatabase } from './app-database';
import { assignmentProgress } from './assignment-progress';
import { assignmentKinds } from './asked-kinds';

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

export type OpenOutcome =
  | {
      ok: true;
      assignment: Assignment;
      /** The deck's title: the teacher's own, the installed deck's, or its id. */
      deckTitle: string;
      /** How many facts of a built-in deck this copy of the app does not have. */
      missing: number;
      accepted: boolean;
      /** The name the student last accepted an assignment with, or ''. */
      savedName: string;
      /** The assignment's kinds of question its facts are asked in. */
      kinds: QuestionKind[];
    }
  | { ok: false; error: string };

/** Reads an assignment link or file for the student's preview. Writes nothing. */
export async function openAssignment(db: SourcedeckDatabase, text: string): Promise<OpenOutcome> {
  const decoded = await readAssignment(text);
  if (!decoded.ok) return decoded;
  const assignment = decoded.value;
  const kinds = await assignmentKinds(db, assignment);
  return db.transaction(
    'r',
    [db.decks, db.facts, db.assignments, db.settings],
    async (): Promise<OpenOutcome> => {
      const [deck, missing, accepted, saved] = await Promise.all([
        db.decks.get(assignment.deck),
        missingFacts(db, assignment),
        db.assignments.get(assignment.id),
        getSetting(db, 'studentName')
      ]);
      return {
        ok: true,
        assignment,
        deckTitle: assignment.own?.title ?? deck?.title ?? assignment.deck,
        missing: missing.length,
        accepted: !!accepted,
        savedName: saved ?? '',
        kinds
      };
    }
  );
}

export type AcceptOutcome =
  | { ok: true; status: 'accepted' | 'already'; record: AssignmentRecord; missing: string[] }
  | { ok: false; error: string };

/**
 * Accepts an assignment with the student's name: installs the teacher's own deck when it
 * carries one, keeps the assignment and remembers the name, in one transaction. Accepting
 * one already accepted changes nothing but the remembered name, and keeps its progress.
 */
export async function acceptAssignment(
  db: SourcedeckDatabase,
  assignment: Assignment,
  student: string,
  now: number
): Promise<AcceptOutcome> {
  const name = v.safeParse(studentName, student);
  if (!name.success) return { ok: false, error: name.issues[0].message };
  const rememberName = () => putSetting(db, 'studentName', name.output);
  const existing = await db.assignments.get(assignment.id);
  if (existing) {
    await rememberName();
    return { ok: true, status: 'already', record: existing, missing: [] };
  }
  // The generator loads only when a teacher's own deck needs it, and before the
  // transaction: awaiting anything but the database inside one would end it.
  const [{ compileOwnDeck }, { installDeck }] = assignment.own
    ? await Promise.all([import('$lib/deck/own-compile'), import('./install-decks')])
    : [{ compileOwnDeck: null }, { installDeck: null }];
  return db.transaction(
    'rw',
    [db.decks, db.facts, db.questions, db.cards, db.names, db.assignments, db.settings],
    async (): Promise<AcceptOutcome> => {
      const own = assignment.own;
      if (own) {
        // Two assignments from one teacher's file share its deck (and the cards learnt):
        // the deck installed is every part of it the student has accepted.
        const parts = (await db.assignments.toArray()).flatMap((r) =>
          r.assignment.own?.id === own.id ? [r.assignment.own] : []
        );
        await installDeck!(db, compileOwnDeck!(mergeOwnDecks([...parts, own])), now, false);
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
      await rememberName();
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

/**
 * The report as a link the student can send, and its payload for a file. With `student`,
 * the name on the assignment changes first (in the same transaction as the reading), so
 * the report carries it. Null when this device has no such assignment.
 */
export async function makeReport(
  db: SourcedeckDatabase,
  id: string,
  options: { clock: Clock; origin: string; student?: string }
): Promise<
  { ok: true; report: Report; payload: string; link: string } | { ok: false; error: string } | null
> {
  let student: string | undefined;
  if (options.student !== undefined) {
    const name = v.safeParse(studentName, options.student);
    if (!name.success) return { ok: false, error: name.issues[0].message };
    student = name.output;
  }
  const progress = await db.transaction(
    'rw',
    [db.assignments, db.log, db.practice, db.facts],
    async () => {
      const record = await db.assignments.get(id);
      if (!record) return null;
      if (student !== undefined && student !== record.student) {
        await db.assignments.update(id, { student });
        record.student = student;
      }
      return assignmentProgress(db, record, options.clock);
    }
  );
  if (!progress) return null;
  const { report } = progress;
  // Compressed outside the transaction: awaiting anything but the database inside one ends it.
  const payload = await encodeReport(report);
  return { ok: true, report, payload, link: linkTo(options.origin, REPORT_PATH, payload) };
}

/** Opening and accepting an assignment link, on the app's database, for its screen. */
export const assignmentLinks = /* @__PURE__ */ onAppDatabase({ openAssignment, acceptAssignment });
/** Making a report, on the app's database, for the assignment's screen. */
export const studentReports = /* @__PURE__ */ onAppDatabase({ makeReport });
