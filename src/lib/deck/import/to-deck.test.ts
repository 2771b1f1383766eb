import { describe, expect, it } from 'vitest';
import { compileMyDeck } from '../mine';
import { answerClass, notesToDeck } from './to-deck';
import type { ImportedNote, ImportResult } from './types';

const options = {
  deckId: 'mine-0000abcd',
  title: 'Imported',
  fileName: 'cards.apkg',
  format: 'Anki package',
  date: '2026-12-01'
};

function deckOf(notes: ImportedNote[]) {
  const result: ImportResult = { title: 'Imported', notes, skipped: [], warnings: [] };
  const imported = notesToDeck(result, options);
  return { imported, file: compileMyDeck(imported.deck) };
}

const card = (key: string, prompt: string, answer: string): ImportedNote => ({
  form: 'card',
  key,
  prompt,
  answer
});

describe('imported notes as a deck', () => {
  it('gives each card a flashcard, a typed question when short, and a choice among three answers like its own', () => {
    const { file } = deckOf([
      card('a', 'Year the war ended?', '1975'),
      card('b', 'Year of the summit?', '2019'),
      card('c', 'Year of the treaty?', '1961'),
      card('d', 'Year of the visit?', '1957'),
      card('e', 'Who led the delegation?', 'Pham Van Dong'),
      card(
        'f',
        'A long answer',
        'This answer is much too long to type comfortably on a phone keyboard'
      )
    ]);
    const byPrompt = new Map(file.facts.map((f) => [f.prompt, f.id]));
    const ofFact = (prompt: string) =>
      file.questions.filter((q) => q.factIds[0] === byPrompt.get(prompt));
    expect(ofFact('Year the war ended?').map((q) => q.kind)).toEqual([
      'flashcard',
      'typed',
      'choice'
    ]);
    const choice = ofFact('Year the war ended?').find((q) => q.kind === 'choice')!;
    // Wrong options are years, like the answer; never a name or a sentence.
    expect(choice.kind === 'choice' && [...choice.options].sort()).toEqual([
      '1957',
      '1961',
      '1975',
      '2019'
    ]);
    // A name has no three other names to stand beside: no choice question.
    expect(ofFact('Who led the delegation?').map((q) => q.kind)).toEqual(['flashcard', 'typed']);
    expect(ofFact('A long answer').map((q) => q.kind)).toEqual(['flashcard']);
    expect(file.questions.every((q) => q.rich && q.citations[0]?.source === 'file')).toBe(true);
  });

  it('keeps a cloze, a GIFT choice with its own wrong options, a true/false, a number range and a matching', () => {
    const { file } = deckOf([
      {
        form: 'cloze',
        key: 'z',
        before: 'The Danube flows through ',
        answer: 'Vienna',
        after: '.'
      },
      {
        form: 'choice',
        key: 'c',
        prompt: 'Largest planet?',
        answer: 'Jupiter',
        distractors: ['Mars', 'Venus']
      },
      { form: 'truefalse', key: 't', statement: 'Hanoi is the capital of Vietnam.', answer: true },
      {
        form: 'numeric',
        key: 'n',
        prompt: 'Boiling point of water in °C?',
        value: 100,
        min: 99,
        max: 101
      },
      {
        form: 'match',
        key: 'm',
        prompt: 'Match the capitals.',
        pairs: [
          { left: 'France', right: 'Paris' },
          { left: 'Italy', right: 'Rome' }
        ]
      }
    ]);
    const q = (kind: string) => file.questions.find((x) => x.kind === kind)!;
    expect(q('cloze')).toMatchObject({
      before: 'The Danube flows through ',
      after: '.',
      answer: 'Vienna'
    });
    const choice = q('choice');
    expect(choice.kind === 'choice' && [...choice.options].sort()).toEqual([
      'Jupiter',
      'Mars',
      'Venus'
    ]);
    expect(q('truefalse')).toMatchObject({
      statement: 'Hanoi is the capital of Vietnam.',
      answer: 'True'
    });
    expect(q('numeric')).toMatchObject({ value: 100, min: 99, max: 101 });
    const match = q('match');
    expect(match.kind === 'match' && match.pairs.map((p) => p.right)).toEqual(['Paris', 'Rome']);
    // The cloze's flashcard shows the gap.
    expect(file.facts.find((f) => f.answer === 'Vienna')!.prompt).toBe(
      'The Danube flows through [...].'
    );
  });

  it('keeps ids from the notes’ keys, so a second import finds the same facts', () => {
    const a = deckOf([card('k1', 'One?', 'Uno'), card('k2', 'Two?', 'Dos')]);
    const b = deckOf([card('k2', 'Two?', 'Dos'), card('k1', 'One?', 'Uno, edited')]);
    const ids = (d: typeof a) => new Map(d.imported.deck.facts.map((f) => [f.prompt, f.id]));
    expect(ids(b).get('One?')).toBe(ids(a).get('One?'));
    expect(ids(b).get('Two?')).toBe(ids(a).get('Two?'));
  });

  it('sorts answers into kinds for wrong options', () => {
    expect(
      [
        '1975',
        '1996 / 1994-1998',
        '2006 to 2016',
        'November 1964',
        'about 5,000 tons',
        'Pham Van Dong',
        'State Bank of Vietnam',
        '3.5 kg',
        '12 March 1961',
        'Hanoi',
        'the Ho Chi Minh trail',
        'a long sentence about many different things all said at once'
      ].map(answerClass)
    ).toEqual([
      'year',
      'year',
      'year',
      'date',
      'number',
      'name',
      'name',
      'number',
      'date',
      'name',
      'phrase',
      'long'
    ]);
  });
});
