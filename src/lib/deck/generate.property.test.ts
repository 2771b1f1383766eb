import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedKeys } from './answers';
import { generateQuestions } from './generate';
import { normalizeText } from './normalize';
import type { Fact, FactKind, PlainFact, Question } from './types';

// A small vocabulary so that generated facts often share answers, variants and labels:
// the hard cases for distractor rules.
const names = [
  'Kim Il Sung',
  'Kim Jong Il',
  'Kim Jong-un',
  'Ho Chi Minh',
  'Le Duan',
  'Pham Van Dong',
  'Đổi Mới',
  'Doi Moi',
  'Hanoi',
  'Pyongyang',
  'Seoul',
  'Beijing'
];
const labels = ['the leader', 'the capital', 'the reform', 'the visit', 'the envoy', 'the treaty'];

const factArb = fc.record({
  kind: fc.constantFrom<FactKind>('person', 'place', 'term', 'date', 'number'),
  answer: fc.constantFrom(...names),
  variants: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 2 }),
  label: fc.constantFrom(...labels),
  year: fc.integer({ min: 1950, max: 2019 }),
  month: fc.integer({ min: 1, max: 12 }),
  amount: fc.integer({ min: 1, max: 500_000 }),
  conflict: fc.boolean(),
  secondYear: fc.integer({ min: 1950, max: 2019 })
});

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];

type RawFact = typeof factArb extends fc.Arbitrary<infer T> ? T : never;

function toFact(raw: RawFact, index: number): Fact {
  const common = {
    id: `fact-${index}`,
    kind: raw.kind,
    prompt: `What about ${raw.label}?`,
    label: raw.label,
    topic: 't',
    era: '1950-1964' as const,
    importance: 2 as const
  };
  let answer = raw.answer;
  let value: PlainFact['value'];
  if (raw.kind === 'date') {
    answer = `${MONTHS[raw.month - 1]} ${raw.year}`;
    value = { date: `${raw.year}-${String(raw.month).padStart(2, '0')}` };
  } else if (raw.kind === 'number') {
    answer = `${raw.amount.toLocaleString('en-US')} tonnes`;
    value = { number: raw.amount, unit: 'tonnes' };
  }
  if (raw.conflict && raw.kind === 'date') {
    return {
      ...common,
      conflict: true,
      statement: `Sources differ on ${raw.label}.`,
      claims: [
        {
          answer: String(raw.year),
          variants: [],
          value: { year: raw.year },
          citations: [{ source: 'a', para: 1 }]
        },
        {
          answer: String(raw.secondYear),
          variants: [],
          value: { year: raw.secondYear },
          citations: [{ source: 'b', para: 1 }]
        }
      ]
    };
  }
  return {
    ...common,
    statement: `For ${raw.label} the answer is ${answer}.`,
    answer,
    variants:
      raw.kind === 'date' || raw.kind === 'number'
        ? []
        : raw.variants.filter((v: string) => v !== answer),
    ...(value ? { value } : {}),
    citations: [{ source: 'a', para: index + 1 }]
  };
}

const factBaseArb = fc
  .array(factArb, { minLength: 1, maxLength: 25 })
  .map((raws) => raws.map(toFact));

/** Every wrong option a question offers, with the fact it is wrong for. */
function distractors(
  question: Question,
  facts: Map<string, Fact>
): { option: string; fact: Fact }[] {
  const fact = facts.get(question.factIds[0] as string);
  if (!fact || question.kind !== 'choice' || fact.conflict) return [];
  return question.options.filter((o) => o !== question.answer).map((option) => ({ option, fact }));
}

describe('generator properties', () => {
  it('never offers a distractor that is an accepted answer of the fact or of any fact about the same thing', () => {
    fc.assert(
      fc.property(factBaseArb, (facts) => {
        const byId = new Map(facts.map((f) => [f.id, f]));
        const questions = generateQuestions(facts, { seed: 'p' });
        for (const question of questions) {
          for (const { option, fact } of distractors(question, byId)) {
            const key = normalizeText(option);
            expect(acceptedKeys(fact)).not.toContain(key);
            for (const other of facts) {
              if (other.kind === fact.kind && other.label === fact.label) {
                expect(acceptedKeys(other)).not.toContain(key);
              }
            }
          }
        }
      }),
      { numRuns: 200, seed: 20261122 }
    );
  });

  it('never makes a "false" statement that is the true statement of any fact', () => {
    fc.assert(
      fc.property(factBaseArb, (facts) => {
        const truths = new Set(
          facts.filter((f) => !f.conflict).map((f) => normalizeText(f.statement))
        );
        for (const q of generateQuestions(facts, { seed: 'p' })) {
          if (q.kind === 'truefalse' && q.answer === 'False') {
            expect(truths.has(normalizeText(q.statement))).toBe(false);
          }
        }
      }),
      { numRuns: 200, seed: 7 }
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(factBaseArb, fc.string(), (facts, seed) => {
        expect(generateQuestions(facts, { seed })).toEqual(generateQuestions(facts, { seed }));
      }),
      { numRuns: 100, seed: 11 }
    );
  });

  it('gives the same questions under the same ids when the facts are reordered', () => {
    fc.assert(
      fc.property(
        factBaseArb.chain((facts) =>
          fc.tuple(fc.constant(facts), fc.shuffledSubarray(facts, { minLength: facts.length }))
        ),
        ([facts, reordered]) => {
          const before = new Map(generateQuestions(facts, { seed: 's' }).map((q) => [q.id, q]));
          const after = new Map(generateQuestions(reordered, { seed: 's' }).map((q) => [q.id, q]));
          expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
          for (const [id, question] of after) expect(question).toEqual(before.get(id));
        }
      ),
      { numRuns: 150, seed: 3 }
    );
  });

  it('keeps the ids of a fact’s own questions when other facts are added', () => {
    fc.assert(
      fc.property(factBaseArb, factBaseArb, (facts, extra) => {
        const more = [...facts, ...extra.map((f, i) => ({ ...f, id: `extra-${i}` }))];
        const ids = (qs: Question[]) =>
          new Set(
            qs
              .filter(
                (q) =>
                  q.factIds.length === 1 &&
                  q.kind !== 'choice' &&
                  !q.id.includes(':truefalse:false')
              )
              .map((q) => q.id)
          );
        const before = ids(generateQuestions(facts, { seed: 's' }));
        const after = ids(generateQuestions(more, { seed: 's' }));
        for (const id of before) expect(after.has(id)).toBe(true);
      }),
      { numRuns: 100, seed: 5 }
    );
  });
});
