import { describe, expect, it } from 'vitest';
import { DATE_MESSAGE } from './fields';
import type { MyDeckSource } from './mine';
import {
  canEditInForm,
  checkDeckMeta,
  draftOfFact,
  emptyDraft,
  guessKind,
  putDraft,
  splitVariants
} from './mine-draft';

const empty: MyDeckSource = {
  id: 'mine-0a1b2c3d',
  title: 'Chemistry',
  description: '',
  topics: [],
  sources: [],
  facts: []
};

describe('guessing a fact’s kind from its answer', () => {
  it.each([
    ['1951', 'date'],
    ['1953-07', 'date'],
    ['1953-07-27', 'date'],
    ['27 July 1953', 'date'],
    ['July 27, 1953', 'date'],
    ['49', 'number'],
    ['50,000', 'number'],
    ['12.5 %', 'number'],
    ['Au', 'term'],
    ['Pham Van Dong', 'term'],
    ['1950s', 'term']
  ])('%s is a %s', (answer, kind) => {
    expect(guessKind(answer)).toBe(kind);
  });
});

describe('a fact from the form', () => {
  it('takes the prompt and answer as the statement when none is written, and reads variants apart', () => {
    const result = putDraft(
      empty,
      { ...emptyDraft(), prompt: 'Symbol for gold?', answer: 'Au', variants: ' AU ; ; au' },
      { retired: [] }
    );
    expect(result.ok && result.fact).toMatchObject({
      id: 'mine-0a1b2c3d-symbol-for-gold',
      kind: 'term',
      statement: 'Symbol for gold? Au.',
      variants: ['AU', 'au'],
      topic: 'general',
      citations: []
    });
    expect(result.ok && result.deck.topics).toEqual([{ id: 'general', title: 'General' }]);
    // No source is a note, not a refusal, in the teacher's words.
    expect(result.ok && result.warnings).toEqual({
      'source.title': 'cites no source: learners will not see where it comes from'
    });
  });

  it('reuses a topic and a source by their title, whatever the case', () => {
    const first = putDraft(
      empty,
      {
        ...emptyDraft('Elements'),
        prompt: 'Symbol for gold?',
        answer: 'Au',
        source: { title: 'Textbook', author: '', date: '', url: '', para: '' }
      },
      { retired: [] }
    );
    if (!first.ok) throw new Error('refused');
    const second = putDraft(
      first.deck,
      {
        ...emptyDraft('elements'),
        prompt: 'Symbol for silver?',
        answer: 'Ag',
        source: { title: 'textbook', author: 'R. Chang', date: '2010', url: '', para: '12' }
      },
      { retired: [] }
    );
    if (!second.ok) throw new Error('refused');
    expect(second.deck.topics).toHaveLength(1);
    expect(second.deck.sources).toEqual([
      { id: 'textbook', title: 'textbook', authors: ['R. Chang'], outlet: '', date: '2010' }
    ]);
    expect(second.fact.citations).toEqual([{ source: 'textbook', para: 12 }]);
  });

  it('gives the form back the fields of a stored fact', () => {
    const result = putDraft(
      empty,
      {
        ...emptyDraft('Elements'),
        prompt: 'Symbol for gold?',
        answer: 'Au',
        variants: 'AU',
        statement: 'The symbol for gold is Au.',
        source: { title: 'Textbook', author: 'R. Chang', date: '2010-05', url: '', para: '3' }
      },
      { retired: [] }
    );
    if (!result.ok) throw new Error('refused');
    expect(draftOfFact(result.deck, result.fact)).toEqual({
      prompt: 'Symbol for gold?',
      answer: 'Au',
      variants: 'AU',
      statement: 'The symbol for gold is Au.',
      explanation: '',
      topic: 'Elements',
      source: { title: 'Textbook', author: 'R. Chang', date: '2010-05', url: '', para: '3' }
    });
  });

  it('words a wrong field as a teacher’s file reader does', () => {
    const result = putDraft(
      empty,
      {
        ...emptyDraft(),
        prompt: 'When?',
        answer: '1969',
        statement: 'x'.repeat(501),
        source: { title: 'Book', author: '', date: '69', url: '', para: '1.5' }
      },
      { retired: [] }
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        statement: 'is too long: at most 500 characters',
        'source.date': DATE_MESSAGE,
        'source.para': 'must be a whole number'
      }
    });
  });

  it('edits only imported notes whose questions read the fact’s own fields', () => {
    const base = { ...putDraftFact(), imported: undefined };
    expect(canEditInForm(base)).toBe(true);
    expect(canEditInForm({ ...base, imported: { form: 'card' } })).toBe(true);
    expect(canEditInForm({ ...base, imported: { form: 'cloze', before: 'a', after: 'b' } })).toBe(
      false
    );
  });
});

function putDraftFact() {
  const result = putDraft(empty, { ...emptyDraft(), prompt: 'P?', answer: 'A' }, { retired: [] });
  if (!result.ok) throw new Error('refused');
  return result.fact;
}

describe('a deck’s title and description', () => {
  it('trims them and leaves an empty description out of the check', () => {
    expect(checkDeckMeta({ title: ' Chemistry ', description: ' ' })).toEqual({
      ok: true,
      meta: { title: 'Chemistry', description: '' }
    });
    expect(checkDeckMeta({ title: '', description: 'x'.repeat(501) })).toEqual({
      ok: false,
      problems: {
        title: 'must not be empty',
        description: 'is too long: at most 500 characters'
      }
    });
  });

  it('splits variants on semicolons only', () => {
    expect(splitVariants('CO2; carbon dioxide, gas;')).toEqual(['CO2', 'carbon dioxide, gas']);
  });
});
