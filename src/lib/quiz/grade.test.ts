import { describe, expect, it } from 'vitest';
import type { Question } from '$lib/deck/types';
import { gradeAnswer, parseNumber } from './grade';

const typed = {
  id: 'f:typed:0',
  factIds: ['f'],
  kind: 'typed',
  prompt: '',
  answer: 'the Ho Chi Minh Mausoleum',
  accepted: ['Ho Chi Minh tomb'],
  explanation: '',
  citations: []
} as Question;
const numeric = {
  id: 'f:numeric:0',
  factIds: ['f'],
  kind: 'numeric',
  prompt: '',
  answer: '50,000 rubles',
  value: 50000,
  unit: 'rubles',
  explanation: '',
  citations: []
} as Question;

describe('gradeAnswer', () => {
  it.each([
    ['Ho Chi Minh Mausoleum', true],
    ['  ho chi minh MAUSOLEUM. ', true],
    ['Hồ Chí Minh Mausoleum', true],
    ['Ho Chi Minh tomb', true],
    ['Ho Chi Minh', false],
    ['', false]
  ])('typed %j → %s', (given, correct) => {
    expect(gradeAnswer(typed, given, []).correct).toBe(correct);
  });

  it.each([
    ['50000', true],
    ['50,000', true],
    ['50 000 rubles', true],
    ['5000', false],
    ['fifty thousand', false]
  ])('numeric %j → %s', (given, correct) => {
    expect(gradeAnswer(numeric, given, []).correct).toBe(correct);
  });

  it('reads numbers with separators', () => {
    expect(parseNumber('about 1,957 people')).toBe(1957);
    expect(parseNumber('none')).toBeNull();
  });
});

describe('an imported answer', () => {
  it('is typed without its emphasis marks, and an escaped asterisk is a real one', () => {
    const question = {
      id: 'i:typed:0',
      factIds: ['i'],
      kind: 'typed' as const,
      prompt: 'Capital of *France*?',
      answer: '*Paris*',
      accepted: ['5 \\* 3'],
      explanation: '',
      citations: [],
      rich: true as const
    };
    expect(gradeAnswer(question, 'Paris', []).correct).toBe(true);
    expect(gradeAnswer(question, '5 * 3', []).correct).toBe(true);
  });
});
