import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInCollection } from '$lib/server/collection';
import { encodePayload } from './payload';
import { decodeReport, encodeReport, type Report } from './report';

const ACCEPTED = Date.UTC(2026, 10, 2, 9, 30);
const MADE = Date.UTC(2026, 10, 20, 18, 5);

/** Real fact ids of the built-in collection, so that sizes are realistic. */
function realFactIds(count: number): string[] {
  const ids = [...builtInCollection().decks.values()]
    .flatMap((deck) => deck.facts.map((fact) => fact.id))
    .slice(0, count);
  expect(ids).toHaveLength(count);
  return ids;
}

/** A report as a student who has done most of the work would send it. */
function makeReport(factCount: number): Report {
  return {
    v: 1,
    assignment: 'k3x9q2m7w1',
    title: 'Cold War alliance: first half',
    className: '10B History',
    student: 'Ana Lee',
    at: MADE,
    accepted: ACCEPTED,
    timeMs: 47 * 60_000 + 12_345,
    due: '2026-12-04',
    goal: { reviews: 2, testScore: 80 },
    facts: realFactIds(factCount).map((id, i): Report['facts'][number] => {
      const reviews = (i * 7) % 6;
      const correct = Math.min(reviews, (i * 5) % 4);
      return [id, reviews, correct, reviews === 0 ? null : i % 3 === 0 ? 0 : 1];
    }),
    tests: [
      { at: MADE - 86_400_000, score: 65, questions: 20 },
      { at: MADE - 3_600_000, score: 85, questions: 20 }
    ]
  };
}

const report = makeReport(30);
const linkOf = async (r: Report) => `https://sourcedeck.example/report#${await encodeReport(r)}`;

describe('report payloads', () => {
  it('round-trips a 30-fact report, also from a whole link', async () => {
    const payload = await encodeReport(report);
    expect(payload).toMatch(/^sd1\.r\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    expect(await decodeReport(payload)).toEqual({ ok: true, value: report });
    expect(await decodeReport(await linkOf(report))).toEqual({ ok: true, value: report });
  });

  it('refuses an assignment payload handed in as a report', async () => {
    const result = await decodeReport(await encodePayload('a', report));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain('This is an assignment, not a report');
  });

  it('refuses a truncated report as damaged', async () => {
    const payload = await encodeReport(report);
    const result = await decodeReport(payload.slice(0, -6));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain('damaged');
  });

  const facts = report.facts;
  it.each<[string, Record<string, unknown>, string]>([
    [
      'more correct answers than reviews',
      { facts: [...facts.slice(0, 3), [facts[3]![0], 2, 3, 1]] },
      'more correct answers than reviews'
    ],
    ['the same fact twice', { facts: [...facts, facts[0]] }, 'a fact appears twice'],
    ['a student name over 80 characters', { student: 'A'.repeat(81) }, '(student)'],
    ['an empty student name', { student: '   ' }, '(student)'],
    ['a field the format does not have', { grade: 'A+' }, '(grade)'],
    ['an extra item in a fact', { facts: [[facts[0]![0], 1, 1, 1, 'x']] }, '(facts.0'],
    ['a last answer other than 0, 1 or null', { facts: [[facts[0]![0], 1, 1, 2]] }, '(facts.0.3)'],
    ['a test score over 100', { tests: [{ at: MADE, score: 101, questions: 5 }] }, 'tests.0.score'],
    ['an assignment id that is not one', { assignment: 'Not An Id!' }, '(assignment)'],
    ['a report time beyond what a date can hold', { at: 8.64e15 + 1 }, '(at)']
  ])('refuses a report with %s, naming the problem', async (_, change, message) => {
    const result = await decodeReport(await encodePayload('r', { ...report, ...change }));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('refuses to encode a report that the teacher would refuse', async () => {
    await expect(encodeReport({ ...report, student: '' })).rejects.toThrow();
  });

  it('never throws on random text, payload-shaped or not', async () => {
    const payloadLike = fc
      .tuple(
        fc.stringMatching(/^[0-9a-f]{8}$/),
        fc.string({ unit: fc.constantFrom(...'abcXYZ0189-_'.split('')), maxLength: 400 })
      )
      .map(([sum, data]) => `sd1.r.${sum}.${data}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 400 }), payloadLike), async (text) => {
        expect((await decodeReport(text)).ok).toBe(false);
      }),
      { numRuns: 300, seed: 42 }
    );
  });

  it('refuses a report link cut at any length, without throwing', async () => {
    const link = await linkOf(report);
    for (let cut = 0; cut < link.length; cut++) {
      const result = await decodeReport(link.slice(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('never accepts a changed character as a different report, and never throws', async () => {
    const link = await linkOf(report);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: link.length - 1 }),
        fc.constantFrom(...'abcdefABCDEF0123456789-_.#/:xyzr'.split('')),
        async (at, char) => {
          const mutated = link.slice(0, at) + char + link.slice(at + 1);
          const result = await decodeReport(mutated);
          // Either refused, or (the same character put back, or one the format ignores)
          // exactly the original.
          if (result.ok) expect(result.value).toEqual(report);
        }
      ),
      { numRuns: 400, seed: 7 }
    );
  });

  it('keeps a 30-fact report link under 2,000 characters', async () => {
    const sizes: Record<number, number> = {};
    for (const n of [10, 30, 100]) sizes[n] = (await linkOf(makeReport(n))).length;
    console.log(
      `Report link length: 10 facts ${sizes[10]}, 30 facts ${sizes[30]}, 100 facts ${sizes[100]} characters`
    );
    expect(sizes[30]).toBeLessThan(2000);
  });
});
