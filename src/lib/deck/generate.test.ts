import { describe, expect, it } from 'vitest';
import { dateKey } from './answers';
import { generateQuestions } from './generate';
import { normalizeText } from './normalize';
import { miniFacts, miniSources } from './fixtures/mini-deck';
import { QUESTION_KINDS, type Fact, type Question } from './types';

const generate = (facts: Fact[] = miniFacts, seed = 'golden') =>
  generateQuestions(facts, { sources: miniSources, seed });

function byId(questions: Question[]): Map<string, Question> {
  return new Map(questions.map((q) => [q.id, q]));
}

describe('generateQuestions on the mini fact base', () => {
  const questions = generate();

  it('matches the golden output', async () => {
    await expect(JSON.stringify(questions, null, 2) + '\n').toMatchFileSnapshot(
      './fixtures/mini-deck.golden.json'
    );
  });

  it('produces all eight question kinds', () => {
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
  });

  it('gives every question a unique id made of fact id, kind and variant', () => {
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of questions) {
      const [factId, kind] = q.id.split(':');
      expect(q.factIds[0]).toBe(factId);
      expect(kind).toBe(q.kind);
    }
  });

  it('offers 3 or 4 options with exactly one correct in every choice question', () => {
    for (const q of questions.filter((q) => q.kind === 'choice')) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.length).toBeLessThanOrEqual(4);
      expect(q.options.filter((o) => o === q.answer)).toHaveLength(1);
      expect(new Set(q.options.map(normalizeText)).size).toBe(q.options.length);
    }
  });

  it('keeps date distractors in the same form as the answer, near the true year', () => {
    const choice = byId(questions).get('visit-1957:choice:0');
    expect(choice?.kind).toBe('choice');
    if (choice?.kind !== 'choice') return;
    for (const option of choice.options) {
      expect(option).toMatch(/^July \d{4}$/);
      expect(Math.abs(Number(option.slice(5)) - 1957)).toBeLessThanOrEqual(5);
    }
  });

  it('keeps number distractors in the same unit and format', () => {
    const choice = byId(questions).get('aid-rubles:choice:0');
    if (choice?.kind !== 'choice') throw new Error('no choice question for aid-rubles');
    for (const option of choice.options) expect(option).toMatch(/^\d{1,3}(,\d{3})* rubles$/);
  });

  it('never asks one side of a conflict as the truth', () => {
    const conflict = questions.filter((q) => q.factIds.includes('pilots'));
    expect(conflict.map((q) => q.kind).sort()).toEqual(['choice', 'choice', 'flashcard', 'match']);
    for (const q of conflict) expect(q.conflict).toBe(true);
    const flashcard = conflict.find((q) => q.kind === 'flashcard');
    expect(flashcard?.answer).toContain('Sources differ');
    expect(flashcard?.answer).toContain('about 100 pilots');
    expect(flashcard?.answer).toContain('200 pilots');
    for (const q of conflict.filter((q) => q.kind === 'choice')) {
      expect(q.prompt).toMatch(
        /^According to (Alpha \(2019\)|Beta study \(2017\)|Beta Journal \(2017\)):/
      );
      if (q.kind === 'choice')
        expect(q.options).toEqual(expect.arrayContaining(['about 100 pilots', '200 pilots']));
    }
  });

  it('makes a false statement by swapping in a sibling that is false for the fact', () => {
    const swapped = byId(questions).get('founder:truefalse:false');
    if (swapped?.kind !== 'truefalse') throw new Error('no false statement for founder');
    expect(swapped.answer).toBe('False');
    expect(swapped.statement).not.toContain('Kim Il Sung');
    expect(swapped.statement).toMatch(/^(Kim Jong-un|Ho Chi Minh) led the North during the war\.$/);
  });

  it('orders 3 to 5 events with distinct years and lists them earliest first', () => {
    const orders = questions.filter((q) => q.kind === 'order');
    expect(orders.length).toBeGreaterThan(0);
    for (const q of orders) {
      if (q.kind !== 'order') continue;
      expect(q.items.length).toBeGreaterThanOrEqual(3);
      expect(q.items.length).toBeLessThanOrEqual(5);
      expect(new Set(q.correctOrder)).toEqual(new Set(q.items.map((i) => i.factId)));
      const keys = q.correctOrder.map((id) => dateKey(miniFacts.find((f) => f.id === id)!) ?? '');
      expect(keys.every((key) => key !== '')).toBe(true);
      expect(
        keys.every((key, i) => i === 0 || key.slice(0, 4) > (keys[i - 1] ?? '').slice(0, 4))
      ).toBe(true);
      expect(q.items.map((i) => i.factId)).not.toEqual(q.correctOrder);
    }
  });

  it('matches people to their roles', () => {
    const match = questions.find((q) => q.id === 'founder:match:people');
    if (match?.kind !== 'match') throw new Error('no people match');
    expect(match.pairs).toContainEqual({
      factId: 'founder',
      left: 'Kim Il Sung',
      right: "The North's leader in the war"
    });
    expect([...match.options].sort()).toEqual(match.pairs.map((p) => p.right).sort());
  });

  it('blanks the answer out of the statement for a cloze', () => {
    const cloze = byId(questions).get('reform-name:cloze:0');
    if (cloze?.kind !== 'cloze') throw new Error('no cloze');
    expect(cloze.before + cloze.answer + cloze.after).toBe(
      'The reform programme is known as Doi Moi.'
    );
    expect(cloze.accepted).toContain('Đổi Mới');
  });

  it('asks a date as a year to enter', () => {
    const numeric = byId(questions).get('relations-1950:numeric:0');
    expect(numeric).toMatchObject({ kind: 'numeric', value: 1950, unit: 'year' });
  });

  it('asks claims and causes as choices only with hand-written distractors', () => {
    const ids = byId(questions);
    const motive = ids.get('aid-motive:choice:0');
    if (motive?.kind !== 'choice') throw new Error('no choice for aid-motive');
    expect([...motive.options].sort()).toEqual(
      [
        'it feared an attack on its own border',
        'it tied its own unification to the ally winning the war',
        'it wanted rice in return'
      ].sort()
    );
    expect(ids.get('aid-motive:truefalse:false')?.prompt).toMatch(
      /it (wanted rice|feared an attack)/
    );
    // Another fact's claim may be just as true: no generated options for a bare claim.
    expect(ids.has('aid-judgement:choice:0')).toBe(false);
    expect(ids.has('aid-judgement:truefalse:false')).toBe(false);
    expect(ids.has('aid-judgement:truefalse:true')).toBe(true);
  });

  it('does not offer typed answers for long causes', () => {
    expect(byId(questions).has('aid-motive:typed:0')).toBe(false);
    expect(byId(questions).has('aid-motive:flashcard:0')).toBe(true);
  });

  it('gives the same output for the same seed and different options for another seed', () => {
    expect(generate()).toEqual(questions);
    const other = generate(miniFacts, 'another seed');
    const singleFact = (qs: Question[]) =>
      qs.filter((q) => q.factIds.length === 1).map((q) => q.id);
    expect(singleFact(other)).toEqual(singleFact(questions));
    expect(other).not.toEqual(questions);
  });
});
