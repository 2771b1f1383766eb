import { describe, expect, it } from 'vitest';
import type { QuestionKind } from '$lib/deck/types';
import { proposeRating } from './propose';

// Every form × right/wrong × typo or not × first answer or later × fast (2 s) or slow (20 s).
// Each row reads the 16 proposals in this column order:
//            wrong                         right
//   no typo          typo          no typo         typo
//  first  later   first  later   first  later   first  later
//  f  s   f  s    f  s   f  s    f  s   f  s    f  s   f  s
// (1 Again, 2 Hard, 3 Good, 4 Easy)
const table: Record<Exclude<QuestionKind, 'order' | 'match'>, string> = {
  truefalse: '1111 1111 3333 2222',
  choice: /*  */ '1111 1111 3333 2222',
  typed: /*   */ '1111 1111 3343 2222',
  cloze: /*   */ '1111 1111 3343 2222',
  numeric: /* */ '1111 1111 3343 2222',
  flashcard: '1111 1111 3343 2222'
};

const cases = Object.entries(table).flatMap(([kind, row]) => {
  const ratings = row.replace(/\s/g, '').split('').map(Number);
  let i = 0;
  const out: [string, boolean, boolean, boolean, boolean, number][] = [];
  for (const correct of [false, true])
    for (const typo of [false, true])
      for (const first of [true, false])
        for (const fast of [true, false])
          out.push([kind, correct, typo, first, fast, ratings[i++]!]);
  return out;
});

describe('proposeRating', () => {
  it('has a row of 16 for every graded form', () => {
    expect(cases).toHaveLength(6 * 16);
  });

  it.each(cases)(
    '%s, correct %s, typo %s, first %s, fast %s → %i',
    (kind, correct, typo, first, fast, rating) => {
      const proposal = proposeRating({
        kind: kind as QuestionKind,
        correct,
        typo,
        first,
        durationMs: fast ? 2_000 : 20_000
      });
      expect(proposal.rating).toBe(rating);
      expect(proposal.reason).toMatch(/^(Again|Hard|Good|Easy): \w/);
      expect(proposal.reason.startsWith(['', 'Again', 'Hard', 'Good', 'Easy'][rating]!)).toBe(true);
    }
  );

  it('says why in words a learner reads', () => {
    const base = { typo: false, durationMs: 1_500, first: false } as const;
    expect(proposeRating({ ...base, kind: 'truefalse', correct: true }).reason).toBe(
      'Good: recognising is easier than recalling'
    );
    expect(proposeRating({ ...base, kind: 'typed', correct: true }).reason).toBe(
      'Easy: recalled quickly'
    );
    expect(proposeRating({ ...base, kind: 'typed', correct: true, first: true }).reason).toMatch(
      /first/
    );
    expect(proposeRating({ ...base, kind: 'cloze', correct: true, typo: true }).reason).toMatch(
      /spelling/
    );
    expect(proposeRating({ ...base, kind: 'choice', correct: false, first: true }).reason).toMatch(
      /new fact/
    );
  });

  it('calls an answer fast up to 8 seconds of typing', () => {
    const base = { kind: 'typed', correct: true, typo: false, first: false } as const;
    expect(proposeRating({ ...base, durationMs: 8_000 }).rating).toBe(4);
    expect(proposeRating({ ...base, durationMs: 8_001 }).rating).toBe(3);
  });
});
