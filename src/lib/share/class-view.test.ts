import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  factLabel,
  classCsv,
  factStats,
  mergeReport,
  studentKey,
  studentRow,
  weakestFacts,
  type FactStat,
  type StudentRow
} from './class-view';
import type { Report } from './report';

const DAY = 86_400_000;
const CREATED = Date.UTC(2026, 10, 2);
/** The assignment is due on 30 November: it ends when 1 December begins (UTC). */
const DUE = '2026-11-30';
const DUE_END = Date.UTC(2026, 11, 1);
/** Half-way from CREATED to DUE_END (29 days). */
const MIDWAY = CREATED + 14.5 * DAY;
const FACTS = ['fa', 'fb', 'fc', 'fd'];

function report(change: Partial<Report> = {}): Report {
  return {
    v: 1,
    assignment: 'k3x9q2m7w1',
    title: 'Cold War alliance: first half',
    className: '10B History',
    student: 'Ana Lee',
    at: Date.UTC(2026, 10, 20, 18, 5),
    accepted: Date.UTC(2026, 10, 3, 9),
    timeMs: 2_832_345,
    due: DUE,
    goal: { reviews: 2, testScore: 80 },
    facts: [],
    tests: [],
    ...change
  };
}

describe('student names', () => {
  it('treats names that differ only in case, spaces or character width as one student', () => {
    for (const name of ['Ana Lee', 'ana  lee', ' ANA LEE ', 'Ana\tLee', 'ＡＮＡ\u3000Ｌｅｅ']) {
      expect(studentKey(name)).toBe('ana lee');
    }
    expect(studentKey('Ana Le')).not.toBe(studentKey('Ana Lee'));
  });
});

describe('merging reports', () => {
  it('adds a new student, replaces with a newer report, and keeps the existing one otherwise', () => {
    const first = report({ at: 1000 });
    const added = mergeReport(Object.freeze([]) as readonly Report[], first);
    expect(added).toEqual({ reports: [first], outcome: 'added' });

    const newer = report({ student: 'ana  LEE', at: 2000 });
    const replaced = mergeReport(Object.freeze(added.reports), newer);
    expect(replaced).toEqual({ reports: [newer], outcome: 'replaced' });

    expect(mergeReport(replaced.reports, first)).toEqual({ reports: [newer], outcome: 'older' });
    const tie = report({ student: 'Ana Lee', at: 2000, timeMs: 1 });
    expect(mergeReport(replaced.reports, tie)).toEqual({ reports: [newer], outcome: 'same' });

    const other = report({ student: 'Bo Chen', at: 500 });
    expect(mergeReport(replaced.reports, other)).toEqual({
      reports: [newer, other],
      outcome: 'added'
    });
  });

  it("keeps one student's reports on different assignments apart", () => {
    const one = report({ at: 2000 });
    const two = report({ assignment: 'zz99yy88xx', at: 1000 });
    expect(mergeReport([one], two)).toEqual({ reports: [one, two], outcome: 'added' });
  });

  it('ends with the newest report per student whatever the import order', () => {
    const spellings = [['Ana Lee', 'ana  lee', ' ANA LEE'], ['Bo Chen', 'bo chen'], ['Chi']];
    const imports = fc
      .uniqueArray(
        fc.record({
          who: fc.integer({ min: 0, max: spellings.length - 1 }),
          spelling: fc.nat({ max: 2 }),
          at: fc.integer({ min: 0, max: 40 })
        }),
        // One report per student and time: two different reports made at the same
        // millisecond by one student do not happen, and would make the order matter.
        { selector: (r) => `${r.who}:${r.at}`, maxLength: 12 }
      )
      .map((list) =>
        list.map(({ who, spelling, at }) => {
          const names = spellings[who]!;
          return report({ student: names[spelling % names.length]!, at });
        })
      )
      .chain((reports) =>
        fc.tuple(
          fc.constant(reports),
          // Some reports imported twice, then everything in any order.
          fc.subarray(reports).chain((again) =>
            fc.shuffledSubarray([...reports, ...again], {
              minLength: reports.length + again.length,
              maxLength: reports.length + again.length
            })
          )
        )
      );
    const byStudent = (list: readonly Report[]) =>
      [...list].sort((a, b) => studentKey(a.student).localeCompare(studentKey(b.student)));

    fc.assert(
      fc.property(imports, ([reports, order]) => {
        const merged = order.reduce<Report[]>((list, r) => mergeReport(list, r).reports, []);
        const newest = new Map<string, Report>();
        for (const r of reports) {
          const key = studentKey(r.student);
          if ((newest.get(key)?.at ?? -1) < r.at) newest.set(key, r);
        }
        expect(byStudent(merged)).toEqual(byStudent([...newest.values()]));
      }),
      { seed: 7, numRuns: 150 }
    );
  });
});

describe('student rows', () => {
  const worked = report({
    facts: [
      ['fa', 3, 3, 1],
      ['fb', 2, 1, 0],
      ['fc', 1, 1, 1],
      // Not in the assignment (say, from an earlier version of it): ignored.
      ['fx', 5, 0, 0]
    ],
    tests: [
      { at: Date.UTC(2026, 10, 10), score: 60, questions: 20 },
      { at: Date.UTC(2026, 10, 15), score: 75, questions: 20 }
    ]
  });

  it('computes the figures of a student half-way through', () => {
    expect(studentRow(worked, FACTS, CREATED, MIDWAY)).toEqual({
      student: 'Ana Lee',
      at: worked.at,
      accepted: worked.accepted,
      timeMs: 2_832_345,
      factsTotal: 4,
      // fa and fb reached 2 reviews; fc has 1, fd none.
      factsDone: 2,
      accuracy: 5 / 6,
      bestTest: 75,
      goalMet: false,
      behind: false,
      // (2/4 facts + 75/80 test) / 2
      progress: (0.5 + 0.9375) / 2
    } satisfies StudentRow);
  });

  it("falls back to the report's own facts without the assignment", () => {
    const row = studentRow(worked, null, CREATED, MIDWAY);
    expect(row).toMatchObject({ factsTotal: 4, factsDone: 3, accuracy: 5 / 11 });
    expect(row.progress).toBeCloseTo((0.75 + 0.9375) / 2, 12);
  });

  it('counts every fact as done when the goal asks for no reviews, and has no figures before any work', () => {
    const row = studentRow(report({ goal: { reviews: 0, testScore: 0 } }), FACTS, CREATED, MIDWAY);
    expect(row).toMatchObject({
      factsTotal: 4,
      factsDone: 4,
      accuracy: null,
      bestTest: null,
      goalMet: true,
      progress: 1,
      behind: false
    });
  });

  it('meets the goal with every fact reviewed enough and a test at the goal score', () => {
    const done = report({
      facts: FACTS.map((id): Report['facts'][number] => [id, 2, 2, 1]),
      tests: [{ at: Date.UTC(2026, 10, 20), score: 80, questions: 10 }]
    });
    expect(studentRow(done, FACTS, CREATED, MIDWAY)).toMatchObject({
      goalMet: true,
      progress: 1,
      behind: false
    });
  });

  it('marks a student behind mid-way only when progress trails the time elapsed by more than 15 points', () => {
    const one = report({ goal: { reviews: 2, testScore: 0 }, facts: [['fa', 2, 2, 1]] });
    const two = report({
      goal: { reviews: 2, testScore: 0 },
      facts: [
        ['fa', 2, 2, 1],
        ['fb', 3, 2, 1]
      ]
    });
    // Half the time gone: 25% done is behind, 50% is not.
    expect(studentRow(one, FACTS, CREATED, MIDWAY)).toMatchObject({ progress: 0.25, behind: true });
    expect(studentRow(two, FACTS, CREATED, MIDWAY)).toMatchObject({ progress: 0.5, behind: false });
    // Two days in, 25% is ahead of schedule.
    expect(studentRow(one, FACTS, CREATED, CREATED + 2 * DAY).behind).toBe(false);
  });

  it('marks an unfinished student behind once the due day has ended, and a finished one never', () => {
    // Every fact done, best test 70 of 80: progress 0.9375, close but not there.
    const nearly = report({
      facts: FACTS.map((id): Report['facts'][number] => [id, 2, 2, 1]),
      tests: [{ at: Date.UTC(2026, 10, 20), score: 70, questions: 10 }]
    });
    expect(studentRow(nearly, FACTS, CREATED, DUE_END - 1)).toMatchObject({
      progress: 0.9375,
      behind: false
    });
    expect(studentRow(nearly, FACTS, CREATED, DUE_END).behind).toBe(true);
    // A teacher seven hours behind UTC (offset +420) still has seven hours of the due day.
    expect(studentRow(nearly, FACTS, CREATED, DUE_END, 420).behind).toBe(false);
    expect(studentRow(nearly, FACTS, CREATED, DUE_END + 7 * 3_600_000, 420).behind).toBe(true);

    const finished = {
      ...nearly,
      tests: [{ at: Date.UTC(2026, 10, 20), score: 90, questions: 10 }]
    };
    expect(studentRow(finished, FACTS, CREATED, DUE_END + 30 * DAY).behind).toBe(false);
  });
});

describe('fact statistics', () => {
  const reports = [
    report({
      facts: [
        ['fa', 3, 2, 1],
        ['fb', 0, 0, null]
      ]
    }),
    report({
      student: 'Bo Chen',
      facts: [
        ['fa', 1, 0, 0],
        ['fc', 2, 2, 1],
        ['fz', 4, 4, 1]
      ]
    })
  ];

  it("sums each fact over the class in the assignment's order", () => {
    expect(factStats(reports, FACTS)).toEqual([
      { factId: 'fa', students: 2, reviews: 4, correct: 2, errorRate: 0.5, notStarted: 0 },
      { factId: 'fb', students: 0, reviews: 0, correct: 0, errorRate: null, notStarted: 2 },
      { factId: 'fc', students: 1, reviews: 2, correct: 2, errorRate: 0, notStarted: 1 },
      { factId: 'fd', students: 0, reviews: 0, correct: 0, errorRate: null, notStarted: 2 }
    ] satisfies FactStat[]);
  });

  it('uses the facts of the reports, in order of appearance, without the assignment', () => {
    const stats = factStats(reports, null);
    expect(stats.map((s) => s.factId)).toEqual(['fa', 'fb', 'fc', 'fz']);
    expect(stats[3]).toEqual({
      factId: 'fz',
      students: 1,
      reviews: 4,
      correct: 4,
      errorRate: 0,
      notStarted: 1
    });
  });

  const stat = (factId: string, reviews: number, correct: number, students = 1): FactStat => ({
    factId,
    students,
    reviews,
    correct,
    errorRate: reviews > 0 ? (reviews - correct) / reviews : null,
    notStarted: 3 - students
  });
  const stats = [
    stat('f1', 10, 5),
    stat('f2', 4, 2),
    stat('f3', 2, 0),
    stat('f4', 0, 0, 0),
    stat('f5', 6, 1),
    stat('f6', 3, 3)
  ];

  it('ranks the weakest facts by error rate, then by reviews, then those no-one has started', () => {
    // f3 has too few reviews to judge.
    expect(weakestFacts(stats, 10).map((s) => s.factId)).toEqual(['f5', 'f1', 'f2', 'f6', 'f4']);
    expect(weakestFacts(stats, 2).map((s) => s.factId)).toEqual(['f5', 'f1']);
    expect(weakestFacts(stats, 0)).toEqual([]);
  });

  it('judges facts with fewer reviews when asked to', () => {
    expect(weakestFacts(stats, 10, 1).map((s) => s.factId)).toEqual([
      'f3',
      'f5',
      'f1',
      'f2',
      'f6',
      'f4'
    ]);
    expect(weakestFacts(stats, 10, 5).map((s) => s.factId)).toEqual(['f5', 'f1', 'f4']);
  });
});

describe('class CSV', () => {
  const row = (student: string, change: Partial<StudentRow> = {}): StudentRow => ({
    student,
    at: Date.UTC(2026, 10, 20, 18, 5),
    accepted: Date.UTC(2026, 10, 3, 9),
    timeMs: 2_832_345,
    factsTotal: 4,
    factsDone: 2,
    accuracy: 5 / 6,
    bestTest: 75,
    goalMet: false,
    behind: false,
    progress: 0.71875,
    ...change
  });
  const rest = '72,2,4,83,75,no,no,47.2,2026-11-20T18:05:00.000Z';

  it('writes a header and one row per student, with empty cells for missing figures', () => {
    const csv = classCsv([
      row('Ana Lee'),
      row('Bo Chen', { accuracy: null, bestTest: null, goalMet: true, behind: true, timeMs: 0 })
    ]);
    expect(csv).toBe(
      'Student,Progress %,Facts done,Facts total,Accuracy %,Best test %,Goal met,Behind,Time (minutes),Report time\r\n' +
        `Ana Lee,${rest}\r\n` +
        'Bo Chen,72,2,4,,,yes,yes,0.0,2026-11-20T18:05:00.000Z\r\n'
    );
    expect(classCsv([])).toBe(csv.split('\r\n')[0] + '\r\n');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const lines = classCsv(
      [
        'Lee, Ana',
        'Bo "the best" Chen',
        'Line\nbreak',
        'Cr\rhere',
        '=HYPERLINK("http://x")',
        '+1',
        '-2',
        '@SUM(A1)',
        '\tTab',
        'Ann-Marie = ok'
      ].map((name) => row(name))
    )
      .split('\r\n')
      .slice(1, -1);
    expect(lines).toEqual([
      `"Lee, Ana",${rest}`,
      `"Bo ""the best"" Chen",${rest}`,
      `"Line\nbreak",${rest}`,
      `"Cr\rhere",${rest}`,
      `"'=HYPERLINK(""http://x"")",${rest}`,
      `'+1,${rest}`,
      `'-2,${rest}`,
      `'@SUM(A1),${rest}`,
      `'\tTab,${rest}`,
      `Ann-Marie = ok,${rest}`
    ]);
  });

  it('gives back every name when read by an RFC 4180 reader', () => {
    /** A minimal RFC 4180 reader: enough to check what a spreadsheet would see. */
    function parse(csv: string): string[][] {
      const rows: string[][] = [];
      let cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < csv.length; i++) {
        const c = csv[i]!;
        if (quoted) {
          if (c === '"' && csv[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') {
          cells.push(cell);
          cell = '';
        } else if (c === '\r' && csv[i + 1] === '\n') {
          cells.push(cell);
          rows.push(cells);
          cells = [];
          cell = '';
          i++;
        } else cell += c;
      }
      return rows;
    }
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), (names) => {
        const rows = parse(classCsv(names.map((name) => row(name))));
        expect(rows).toHaveLength(names.length + 1);
        rows.slice(1).forEach((cells, i) => {
          expect(cells).toHaveLength(10);
          const name = names[i]!;
          expect(cells[0]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
        });
      }),
      { seed: 7, numRuns: 150 }
    );
  });
});

describe('fact labels', () => {
  it.each<[string | undefined, number, number, string]>([
    ['What is the capital of Myanmar?', 4, 10, 'What is the capital of Myanmar?'],
    [undefined, 0, 10, 'Fact 1 of 10 (its question is not on this device)'],
    ['   ', 9, 10, 'Fact 10 of 10 (its question is not on this device)']
  ])('shows %j at place %i of %i as %j', (prompt, position, total, label) => {
    expect(factLabel(prompt, position, total)).toBe(label);
  });
});
