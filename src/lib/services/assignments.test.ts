import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniDeckFile, miniFacts } from '$lib/deck/fixtures/mini-deck';
import { createRng } from '$lib/deck/rng';
import { pickOwnFacts } from '$lib/deck/own';
import { parseOwnCsv } from '$lib/deck/own-parse';
import { SourcedeckDatabase } from '$lib/db/db';
import { encodeReport, type ReportFact } from '$lib/share/report';
import { acceptAssignment, makeReport, openAssignment, readAssignment } from './assignments';
import { hostileFragments, namesNewerVersion } from '$lib/share/fixtures/link-fragments';
import { decodePercent } from '$lib/share/fragment';
import {
  classList,
  classView,
  createAssignment,
  importReport,
  removeReport,
  type AssignmentDraft
} from './teaching';
import {
  assignmentProgress,
  daysUntil,
  listAssignmentProgress,
  sessionScope
} from './assignment-progress';
import { installDeck } from './install-decks';
import { savePracticeResult } from './practice';
import type { Clock } from '$lib/srs/clock';
import { CardState } from '$lib/srs/types';
import { answerCurrent, continueSession, startSession, undoLastAnswer } from './session';

/** Property runs of a few hundred decodes: seconds alone, longer beside the other test files. */
const PROPERTY_TIMEOUT = 60_000;

const START = Date.UTC(2026, 10, 23, 9);
let now = START;
const clock: Clock = { now: () => now, tzOffset: () => 0 };
/** A clock stopped at `at`, in UTC. */
const at = (ms: number): Clock => ({ now: () => ms, tzOffset: () => 0 });

/** A report made on the student's device, which must exist. */
async function report(id: string, options: { clock: Clock; origin: string; student?: string }) {
  const made = await makeReport(student, id, options);
  if (!made?.ok) throw new Error(made ? made.error : 'no such assignment');
  return made;
}
const deck = miniDeckFile();
const chosen = miniFacts.slice(0, 4).map((f) => f.id);
const draft: AssignmentDraft = {
  title: 'Mini: the first four',
  className: '10B',
  teacher: 'Ms Tran',
  due: '2026-11-30',
  deck: 'mini',
  topics: [],
  facts: chosen,
  kinds: ['choice', 'typed'],
  goal: { reviews: 1, testScore: 80 }
};
const ORIGIN = 'https://sourcedeck.example';

let teacher: SourcedeckDatabase;
let student: SourcedeckDatabase;
let n = 0;
beforeEach(async () => {
  now = START;
  teacher = new SourcedeckDatabase(`teacher-${n}`);
  student = new SourcedeckDatabase(`student-${n++}`);
  await installDeck(teacher, deck, START);
  await installDeck(student, deck, START);
});
afterEach(async () => {
  for (const db of [teacher, student]) {
    db.close();
    await db.delete();
  }
});

let madeCount = 0;
async function make(d: AssignmentDraft = draft) {
  const made = await createAssignment(teacher, d, {
    now: START,
    random: createRng(`teacher-${++madeCount}`),
    origin: ORIGIN
  });
  if (!made.ok) throw new Error(made.error);
  return made.record;
}

/** Answers every card the session shows, right, until it ends. */
async function studyAll(scopeId: string) {
  const record = (await student.assignments.get(scopeId))!;
  let session = await startSession(student, [record.assignment.deck], clock, sessionScope(record));
  const kinds = new Set<string>();
  while (session.current) {
    kinds.add((await student.questions.get(session.current.questionId))!.kind);
    await answerCurrent(student, { rating: 3, given: 'x', correct: true, durationMs: 4000 }, clock);
    now += 1000;
    session = (await continueSession(student, clock))!;
    if (!session) break;
  }
  return kinds;
}

describe('making and accepting an assignment', () => {
  it('keeps the assignment for the class view, with a link that decodes to it', async () => {
    const record = await make();
    expect(record.link.startsWith(`${ORIGIN}/assignment#sd1.a.`)).toBe(true);
    expect(await teacher.sent.get(record.id)).toEqual(record);
    const decoded = await readAssignment(record.link);
    expect(decoded).toEqual({ ok: true, value: record.assignment });
  });

  it('refuses an incomplete assignment and keeps nothing', async () => {
    const made = await createAssignment(
      teacher,
      { ...draft, className: '  ' },
      { now: START, random: createRng('teacher'), origin: ORIGIN }
    );
    expect(made).toMatchObject({ ok: false });
    if (!made.ok) expect(made.error).toContain('className');
    expect(await teacher.sent.count()).toBe(0);
  });

  it('accepts once; opening the link again keeps the progress', async () => {
    const { assignment } = await make();
    const first = await acceptAssignment(student, assignment, ' Ana Lee ', START);
    expect(first).toMatchObject({ ok: true, status: 'accepted', missing: [] });
    if (first.ok) expect(first.record.student).toBe('Ana Lee');
    await studyAll(assignment.id);
    const again = await acceptAssignment(student, assignment, 'Someone else', START + 5000);
    expect(again).toMatchObject({ ok: true, status: 'already' });
    const record = (await student.assignments.get(assignment.id))!;
    expect(record.student).toBe('Ana Lee');
    expect((await assignmentProgress(student, record, clock)).row.factsDone).toBe(4);
  });

  it('refuses a nameless student or an unknown deck, and keeps nothing', async () => {
    const { assignment } = await make();
    expect(await acceptAssignment(student, assignment, '   ', START)).toMatchObject({ ok: false });
    const foreign = { ...assignment, deck: 'not-installed' };
    const outcome = await acceptAssignment(student, foreign, 'Ana', START);
    expect(outcome).toMatchObject({ ok: false });
    if (!outcome.ok) expect(outcome.error).toContain('Update the app');
    expect(await student.assignments.count()).toBe(0);
  });

  it("installs a teacher's own deck from the assignment and studies it offline", async () => {
    const csv = [
      'prompt,answer,topic,source',
      'What is the chemical symbol for gold?,Au,Elements,Textbook ch. 2',
      'What is the chemical symbol for iron?,Fe,Elements,Textbook ch. 2',
      'What is the chemical symbol for sodium?,Na,Elements,Textbook ch. 2',
      'Which gas do plants take in to make sugar?,Carbon dioxide,Plants,Textbook ch. 5'
    ].join('\n');
    const parsed = parseOwnCsv(csv, 'Chemistry');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const own = parsed.deck;
    const { assignment } = await make({
      ...draft,
      title: 'Chemistry',
      deck: own.id,
      facts: own.facts.map((f) => f.id),
      kinds: ['typed', 'choice'],
      own
    });
    const accepted = await acceptAssignment(student, assignment, 'Ana', START);
    expect(accepted).toMatchObject({ ok: true, status: 'accepted' });
    const installed = await student.decks.get(own.id);
    expect(installed).toMatchObject({ builtIn: false, title: 'Chemistry' });
    expect(await student.cards.where('deckId').equals(own.id).count()).toBe(4);
    const kinds = await studyAll(assignment.id);
    expect([...kinds].every((k) => ['typed', 'choice'].includes(k))).toBe(true);
    const record = (await student.assignments.get(assignment.id))!;
    expect((await assignmentProgress(student, record, clock)).row.factsDone).toBe(4);
  });

  it('keeps both parts of one file when two assignments each take some of its facts', async () => {
    const csv = [
      'prompt,answer',
      'Symbol of gold?,Au',
      'Symbol of iron?,Fe',
      'Symbol of tin?,Sn'
    ].join('\n');
    const parsed = parseOwnCsv(csv, 'Metals');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const ids = parsed.deck.facts.map((f) => f.id);
    for (const part of [ids.slice(0, 2), ids.slice(2)]) {
      const own = pickOwnFacts(parsed.deck, part);
      const { assignment } = await make({ ...draft, deck: own.id, facts: part, own });
      expect(await acceptAssignment(student, assignment, 'Ana', START)).toMatchObject({ ok: true });
    }
    const live = await student.facts.where('deckId').equals(parsed.deck.id).toArray();
    expect(
      live
        .filter((f) => !f.retired)
        .map((f) => f.id)
        .sort()
    ).toEqual([...ids].sort());
  });
});

describe('studying an assignment', () => {
  it('plans only its facts and asks only its kinds where the fact has them', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana', START);
    const record = (await student.assignments.get(assignment.id))!;
    const session = await startSession(student, ['mini'], clock, sessionScope(record));
    const planned = [session.current!.factId, ...session.planned];
    expect(new Set(planned)).toEqual(new Set(chosen));
    const kinds = await studyAll(assignment.id);
    expect([...kinds].every((k) => ['choice', 'typed'].includes(k))).toBe(true);
  });

  it('asks a typed-only assignment as typed answers from the first card, in its own session or any other', async () => {
    const { assignment } = await make({ ...draft, kinds: ['typed'] });
    await acceptAssignment(student, assignment, 'Ana', START);
    const record = (await student.assignments.get(assignment.id))!;
    const first = await startSession(student, ['mini'], clock, sessionScope(record));
    // A new card: without the assignment it would start at multiple choice or true/false.
    expect((await student.cards.get(first.current!.factId))!.state).toBe(CardState.New);
    expect((await student.questions.get(first.current!.questionId))!.kind).toBe('typed');

    // Studying the whole deck instead ("Start studying" on Today): the assigned facts are
    // still typed, the others start at recognition as usual.
    await student.sessions.clear();
    let session: Awaited<ReturnType<typeof startSession>> | null = await startSession(
      student,
      ['mini'],
      clock
    );
    const asked = new Map<string, string>();
    while (session?.current) {
      const { factId, questionId } = session.current;
      if (!asked.has(factId)) asked.set(factId, (await student.questions.get(questionId))!.kind);
      await answerCurrent(
        student,
        { rating: 3, given: 'x', correct: true, durationMs: 4000 },
        clock
      );
      now += 1000;
      session = await continueSession(student, clock);
    }
    const assigned = [...asked].filter(([id]) => chosen.includes(id));
    const others = [...asked].filter(([id]) => !chosen.includes(id));
    expect(assigned.map(([id]) => id).sort()).toEqual([...chosen].sort());
    expect(assigned.every(([, kind]) => kind === 'typed')).toBe(true);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every(([, kind]) => kind === 'choice' || kind === 'truefalse')).toBe(true);
  });

  it('brings in enough new facts a day to finish by the due date, above the deck limit', async () => {
    await student.settings.put({ key: 'deck:mini', value: { newPerDay: 1 } });
    const facts = miniFacts.slice(0, 6).map((f) => f.id);
    // Due tomorrow: 6 unstarted facts over 2 days is 3 a day, though the deck allows 1.
    const { assignment } = await make({ ...draft, facts, due: '2026-11-24' });
    await acceptAssignment(student, assignment, 'Ana', START);
    const record = (await student.assignments.get(assignment.id))!;
    const session = await startSession(student, ['mini'], clock, sessionScope(record));
    expect(session.total).toBe(3);
    await student.sessions.clear();
    // Without the assignment the deck's own limit holds.
    expect((await startSession(student, ['mini'], clock)).total).toBe(1);
  });

  it('counts answers since acceptance, not undone ones, and the final tests', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana', START);
    const record = (await student.assignments.get(assignment.id))!;
    await startSession(student, ['mini'], clock, sessionScope(record));
    await answerCurrent(
      student,
      { rating: 1, given: 'no', correct: false, durationMs: 5000 },
      clock
    );
    await undoLastAnswer(student, clock);
    await answerCurrent(student, { rating: 3, given: 'x', correct: true, durationMs: 7000 }, clock);
    await savePracticeResult(student, {
      mode: 'test',
      at: START + 60_000,
      deckIds: ['mini'],
      kinds: ['choice'],
      durationMs: 90_000,
      limitMs: null,
      items: [{ questionId: 'q', factIds: [chosen[0]!], kind: 'choice', given: 'a', score: 1 }],
      assignment: assignment.id
    });
    const progress = await assignmentProgress(student, record, at(START + 120_000));
    const answered = progress.facts.filter((f) => f.reviews > 0);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ reviews: 1, correct: 1, last: 1, done: true });
    expect(progress.report.tests).toEqual([{ at: START + 60_000, score: 100, questions: 1 }]);
    expect(progress.report.timeMs).toBe(7000 + 90_000);
    expect(progress.row.factsDone).toBe(1);
    expect(progress.row.bestTest).toBe(100);
  });

  it('counts whole days to the due date', () => {
    expect(daysUntil('2026-11-30', START, 0)).toBe(7);
    expect(daysUntil('2026-11-23', START, 0)).toBe(0);
    expect(daysUntil('2026-11-20', START, 0)).toBe(-3);
  });
});

describe('reports', () => {
  it('travel from the student to the class view; a newer one replaces the older', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana Lee', START);
    const early = await report(assignment.id, { clock, origin: ORIGIN });
    await studyAll(assignment.id);
    const late = await report(assignment.id, { clock, origin: ORIGIN });
    expect(late.link.startsWith(`${ORIGIN}/report#sd1.r.`)).toBe(true);

    expect(await importReport(teacher, late.link, now)).toMatchObject({
      ok: true,
      outcome: 'added',
      student: 'Ana Lee'
    });
    expect(await importReport(teacher, early.link, now)).toMatchObject({ outcome: 'older' });
    const renamed = await encodeReport({ ...late.report, student: 'ana  lee', at: now + 1 });
    expect(await importReport(teacher, renamed, now)).toMatchObject({ outcome: 'replaced' });

    const view = (await classView(teacher, assignment.id, clock))!;
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]).toMatchObject({ student: 'ana  lee', factsDone: 4, factsTotal: 4 });
    expect(view.rows[0]!.goalMet).toBe(false); // no final test yet
    expect(view.factCount).toBe(4);

    await removeReport(teacher, assignment.id, 'Ana Lee');
    expect((await classView(teacher, assignment.id, clock))!.rows).toEqual([]);
    expect(await importReport(teacher, late.link, now)).toMatchObject({ outcome: 'added' });
  });

  it('never throws on random, truncated or mutated input, and changes nothing', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana', START);
    await studyAll(assignment.id);
    const { link } = await report(assignment.id, { clock, origin: ORIGIN });
    expect(await importReport(teacher, link, now)).toMatchObject({ ok: true });
    const before = JSON.stringify(await teacher.reports.toArray());
    const payload = link.slice(link.indexOf('#') + 1);
    const inputs = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.nat({ max: payload.length - 1 }).map((cut) => payload.slice(0, cut)),
      fc
        .tuple(fc.nat({ max: payload.length - 1 }), fc.constantFrom(...'AZaz09-_.'))
        .map(([at, c]) => payload.slice(0, at) + c + payload.slice(at + 1))
        .filter((text) => text !== payload)
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (text) => {
        const outcome = await importReport(teacher, text, now);
        // A change in the unused low bits of the last character decodes to the same report.
        if (outcome.ok) expect(outcome.outcome).toBe('same');
        expect(JSON.stringify(await teacher.reports.toArray())).toBe(before);
      }),
      { seed: 5, numRuns: 120 }
    );
  });

  it('opening a random, truncated or mutated assignment link never throws and stores nothing else', async () => {
    const { link, assignment } = await make();
    const payload = link.slice(link.indexOf('#') + 1);
    const inputs = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.nat({ max: payload.length - 1 }).map((cut) => payload.slice(0, cut)),
      fc
        .tuple(fc.nat({ max: payload.length - 1 }), fc.constantFrom(...'AZaz09-_.'))
        .map(([at, c]) => payload.slice(0, at) + c + payload.slice(at + 1))
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (text) => {
        const decoded = await readAssignment(text);
        // Only the untouched assignment may come out (a change in the unused low bits of
        // the last character decodes to it); anything else is refused before storage.
        if (decoded.ok) {
          expect(decoded.value).toEqual(assignment);
          await acceptAssignment(student, decoded.value, 'Ana', START);
        }
        const stored = await student.assignments.toArray();
        expect(stored.every((r) => r.id === assignment.id)).toBe(true);
      }),
      { seed: 9, numRuns: 120 }
    );
  });

  it('refuses a tampered assignment link with a message and accepts nothing', async () => {
    const { link } = await make();
    const at = link.length - 10;
    const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    const decoded = await readAssignment(tampered);
    expect(decoded).toMatchObject({ ok: false });
    if (!decoded.ok) expect(decoded.error).toContain('damaged');
  });
});

/** Every table of a database, to show that something changed nothing at all. */
async function everything(db: SourcedeckDatabase): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()]));
  return JSON.stringify(tables);
}

describe('links from outside', () => {
  it('keeps a report only on the device that made its assignment, and says whose it is elsewhere', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana Lee', START);
    await studyAll(assignment.id);
    const { link } = await report(assignment.id, { clock, origin: ORIGIN });
    const stranger = new SourcedeckDatabase(`stranger-${n}`);
    try {
      await installDeck(stranger, deck, START);
      for (const db of [student, stranger]) {
        const before = await everything(db);
        const outcome = await importReport(db, link, now);
        expect(outcome).toMatchObject({
          ok: false,
          elsewhere: { student: 'Ana Lee', title: 'Mini: the first four' }
        });
        if (!outcome.ok) {
          expect(outcome.error).toContain(
            'This is a report from Ana Lee for “Mini: the first four”'
          );
          expect(outcome.error).toContain('on the device where the assignment was made');
        }
        expect(await everything(db)).toBe(before);
        expect(await classList(db)).toEqual([]);
      }
    } finally {
      stranger.close();
      await stranger.delete();
    }
    // The teacher's device, where the assignment was made, still takes it.
    expect(await importReport(teacher, link, now)).toMatchObject({ ok: true, outcome: 'added' });
    expect(await classList(teacher)).toMatchObject([{ id: assignment.id, reports: 1 }]);
  });

  it(
    'opening any hostile assignment fragment gives a message, never throws and stores nothing',
    async () => {
      const { link } = await make();
      const payload = link.slice(link.indexOf('#') + 1);
      // The student has an assignment and a remembered name already: neither may change.
      const other = await make({ ...draft, title: 'Mini: two', facts: chosen.slice(0, 2) });
      await acceptAssignment(student, other.assignment, 'Ana', START);
      const before = await everything(student);
      await fc.assert(
        fc.asyncProperty(hostileFragments(payload), async (fragment) => {
          const opened = await openAssignment(student, fragment);
          if (opened.ok) {
            // Escapes that spell the genuine payload's own characters read back as it.
            expect(`${ORIGIN}/assignment#${decodePercent(fragment)}`).toBe(link);
          } else {
            expect(opened.error).toMatch(/\w+ \w+ \w+/);
            if (!namesNewerVersion(fragment)) expect(opened.error).not.toContain('newer version');
          }
          expect(await everything(student)).toBe(before);
        }),
        { seed: 31, numRuns: 150 }
      );
    },
    PROPERTY_TIMEOUT
  );

  it(
    'importing any hostile report fragment gives a message, never throws and stores nothing',
    async () => {
      const { assignment } = await make();
      await acceptAssignment(student, assignment, 'Ana', START);
      await studyAll(assignment.id);
      const { link } = await report(assignment.id, { clock, origin: ORIGIN });
      const payload = link.slice(link.indexOf('#') + 1);
      expect(await importReport(teacher, link, now)).toMatchObject({ ok: true });
      const teacherBefore = await everything(teacher);
      const studentBefore = await everything(student);
      await fc.assert(
        fc.asyncProperty(hostileFragments(payload), async (fragment) => {
          const onTeacher = await importReport(teacher, fragment, now);
          const onStudent = await importReport(student, fragment, now);
          for (const outcome of [onTeacher, onStudent]) {
            if (!outcome.ok) {
              expect(outcome.error).toMatch(/\w+ \w+ \w+/);
              if (!namesNewerVersion(fragment))
                expect(outcome.error).not.toContain('newer version');
            }
          }
          // Only the genuine report can come out: already in the class, never on the student's.
          if (onTeacher.ok) expect(onTeacher.outcome).toBe('same');
          expect(onStudent.ok).toBe(false);
          expect(await everything(teacher)).toBe(teacherBefore);
          expect(await everything(student)).toBe(studentBefore);
        }),
        { seed: 37, numRuns: 150 }
      );
    },
    PROPERTY_TIMEOUT
  );

  it('names a fact the teacher’s device does not know by its place, never by its id', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana', START);
    const { report: made } = await report(assignment.id, { clock, origin: ORIGIN });
    const unknown = chosen[2]!;
    // Wrong three times out of three: the weakest fact of the class.
    const facts = made.facts.map((f): ReportFact => (f[0] === unknown ? [unknown, 3, 0, 0] : f));
    await importReport(teacher, await encodeReport({ ...made, facts }), now);
    await teacher.facts.delete(unknown);
    const view = (await classView(teacher, assignment.id, clock))!;
    expect(view.weakest[0]).toMatchObject({
      factId: unknown,
      prompt: 'Fact 3 of 4 (its question is not on this device)'
    });
    const known = view.notStarted.find((f) => f.factId === chosen[0]);
    expect(known?.prompt).toBe(miniFacts[0]!.prompt);
    const shown = [...view.weakest, ...view.notStarted].map((f) => f.prompt);
    expect(shown.some((p) => chosen.includes(p))).toBe(false);
  });
});

describe('the student screens’ use cases', () => {
  it('opens a link for the preview without writing, then remembers the name on accepting', async () => {
    const { assignment, link } = await make();
    const before = await openAssignment(student, link);
    expect(before).toMatchObject({
      ok: true,
      deckTitle: 'Mini',
      missing: 0,
      accepted: false,
      savedName: ''
    });
    expect(await student.assignments.count()).toBe(0);
    expect(await acceptAssignment(student, assignment, 'Ana Lee', START)).toMatchObject({
      ok: true
    });
    expect(await openAssignment(student, link)).toMatchObject({
      accepted: true,
      savedName: 'Ana Lee'
    });
  });

  it('lists only the kinds the facts are asked in, for the student and the teacher alike', async () => {
    // An older link: own facts without statements, and true/false ticked all the same.
    const parsed = parseOwnCsv(
      'prompt,answer\nSymbol of gold?,Au\nSymbol of iron?,Fe\nSymbol of tin?,Sn'
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const own = parsed.deck;
    const older = await make({
      ...draft,
      deck: own.id,
      facts: own.facts.map((f) => f.id),
      kinds: ['truefalse', 'typed', 'cloze', 'choice'],
      own
    });
    expect(await openAssignment(student, older.link)).toMatchObject({
      ok: true,
      kinds: ['typed', 'choice']
    });
    expect((await classView(teacher, older.assignment.id, clock))?.kinds).toEqual([
      'typed',
      'choice'
    ]);
    // A built-in deck's facts are judged by the installed questions.
    const numeric = new Set(
      deck.questions.filter((q) => q.kind === 'numeric').map((q) => q.factIds[0])
    );
    const numbers = await make({ ...draft, kinds: ['typed', 'numeric'] });
    expect(chosen.some((f) => numeric.has(f))).toBe(true);
    expect(await openAssignment(student, numbers.link)).toMatchObject({
      kinds: ['typed', 'numeric']
    });
    const wordy = miniFacts.map((f) => f.id).filter((f) => !numeric.has(f));
    expect(wordy.length).toBeGreaterThan(0);
    const noNumbers = await make({ ...draft, facts: wordy, kinds: ['typed', 'numeric'] });
    expect(await openAssignment(student, noNumbers.link)).toMatchObject({ kinds: ['typed'] });
  });

  it('says a damaged link is damaged and remembers no name from a refused accept', async () => {
    const { assignment, link } = await make();
    const opened = await openAssignment(student, link.slice(0, -4));
    expect(opened).toMatchObject({ ok: false });
    expect(await acceptAssignment(student, assignment, ' ', START)).toMatchObject({ ok: false });
    expect(await student.settings.get('studentName')).toBeUndefined();
  });

  it('makes a report under a new name, and refuses an empty one changing nothing', async () => {
    const { assignment } = await make();
    await acceptAssignment(student, assignment, 'Ana', START);
    const refused = await makeReport(student, assignment.id, {
      clock,
      origin: ORIGIN,
      student: '  '
    });
    expect(refused).toMatchObject({ ok: false });
    expect((await student.assignments.get(assignment.id))!.student).toBe('Ana');
    const made = await report(assignment.id, { clock, origin: ORIGIN, student: ' Ana Lee ' });
    expect(made.report.student).toBe('Ana Lee');
    expect((await student.assignments.get(assignment.id))!.student).toBe('Ana Lee');
    expect(await makeReport(student, 'no-such-id', { clock, origin: ORIGIN })).toBeNull();
  });

  it('lists every assignment with the same progress as reading each alone', async () => {
    const first = await make();
    const second = await make({ ...draft, title: 'Mini: two', facts: chosen.slice(0, 2) });
    await acceptAssignment(student, first.assignment, 'Ana', START);
    await acceptAssignment(student, second.assignment, 'Ana', START);
    await studyAll(first.assignment.id);
    const listed = await listAssignmentProgress(student, clock);
    expect(listed.map((p) => p.record.id).sort()).toEqual(
      [first.assignment.id, second.assignment.id].sort()
    );
    for (const item of listed) {
      expect(item).toEqual(await assignmentProgress(student, item.record, clock));
    }
    expect(listed.every((p) => p.daysLeft === 7)).toBe(true);
  });

  it('counts days to the due date in the learner’s time zone', () => {
    // 09:00 UTC on 23 November is still 22 November at UTC−10 (offset +600 minutes).
    expect(daysUntil('2026-11-30', START, 600)).toBe(8);
    expect(daysUntil('2026-11-30', START, -600)).toBe(7);
  });
});
