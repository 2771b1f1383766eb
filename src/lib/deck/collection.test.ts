import { describe, expect, it } from 'vitest';
import { loadCollection, type RawCollection } from './collection';
import { formatProblem } from './schema';

const sources = {
  file: 'decks/sources.yaml',
  data: {
    format: 1,
    sources: [
      {
        id: 'alpha',
        title: 'Alpha',
        authors: ['A'],
        outlet: 'Press',
        date: '2019',
        file: 'alpha.txt'
      }
    ]
  }
};

const goodFact = {
  id: 'visit-1957',
  kind: 'date',
  statement: 'Ho Chi Minh visited Pyongyang in July 1957.',
  prompt: 'When did Ho Chi Minh visit Pyongyang?',
  answer: 'July 1957',
  value: { date: '1957-07' },
  label: "Ho Chi Minh's visit",
  topic: 'visits',
  era: '1950-1964',
  importance: 3,
  citations: [{ source: 'alpha', para: 2 }]
};

function collection(facts: unknown[], deckId = 'demo'): RawCollection {
  return {
    sources,
    badForms: {
      file: 'decks/known-bad-forms.yaml',
      data: { format: 1, forms: [{ bad: 'Ho Chi Min', good: 'Ho Chi Minh' }] }
    },
    decks: [
      {
        folder: 'demo',
        deck: {
          file: 'decks/demo/deck.yaml',
          data: {
            format: 1,
            id: deckId,
            title: 'Demo',
            description: 'A demo.',
            topics: [{ id: 'visits', title: 'Visits' }]
          }
        },
        facts: [{ file: 'decks/demo/facts.yaml', data: { format: 1, facts } }]
      }
    ]
  };
}

const texts = new Map([
  ['alpha', 'Title\n\nHo Chi Minh went to Pyongyang in July 1957.\n\nOther things.']
]);

function problems(facts: unknown[], withTexts = true, deckId?: string): string[] {
  return loadCollection(collection(facts, deckId), withTexts ? texts : undefined).problems.map(
    formatProblem
  );
}

describe('loadCollection', () => {
  it('accepts a well-formed, supported fact', () => {
    const loaded = loadCollection(collection([goodFact]), texts);
    expect(loaded.problems).toEqual([]);
    expect(loaded.decks[0]?.facts).toHaveLength(1);
  });

  it.each([
    [
      { ...goodFact, colour: 'red' },
      'decks/demo/facts.yaml › fact visit-1957 › colour: unknown field'
    ],
    [
      { ...goodFact, kind: 'year' },
      'decks/demo/facts.yaml › fact visit-1957 › kind: must be one of'
    ],
    [{ ...goodFact, citations: [] }, 'fact visit-1957 › citations: needs at least one citation'],
    [
      { ...goodFact, topic: 'trade' },
      'fact visit-1957 › topic: "trade" is not a topic of deck demo'
    ],
    [{ ...goodFact, value: undefined }, 'fact visit-1957 › value: a date fact needs value'],
    [{ ...goodFact, label: undefined }, 'fact visit-1957 › label: a date fact needs a label'],
    [
      { ...goodFact, prompt: 'What happened in July 1957?' },
      'fact visit-1957 › prompt: gives the answer away'
    ],
    [
      { ...goodFact, citations: [{ source: 'beta', para: 1 }] },
      'citations.1: source "beta" is not in sources.yaml'
    ],
    [
      { ...goodFact, citations: [{ source: 'alpha', para: 9 }] },
      'citations.1: paragraph 9 does not exist: alpha has 3'
    ],
    [
      { ...goodFact, answer: 'August 1957' },
      'answer: not supported by the cited paragraphs: august'
    ],
    [
      { ...goodFact, explanation: 'Ho Chi Min liked it.' },
      'explanation: contains the known bad form "Ho Chi Min"; write "Ho Chi Minh"'
    ]
  ])('reports a problem naming file, fact and field (%#)', (fact, expected) => {
    expect(problems([fact]).join('\n')).toContain(expected);
  });

  it('does not mistake a correct name for a bad form it contains', () => {
    expect(problems([{ ...goodFact, explanation: 'Ho Chi Minh liked it.' }])).toEqual([]);
  });

  it('reports a fact id used twice', () => {
    expect(problems([goodFact, goodFact])).toContain(
      'decks/demo/facts.yaml › fact visit-1957 › id: is already used in decks/demo/facts.yaml'
    );
  });

  it("keeps the own- prefix of teachers' decks out of built-in ids", () => {
    const found = problems([{ ...goodFact, id: 'own-visit-1957' }], true, 'own-demo');
    expect(found).toContain(
      'decks/demo/deck.yaml › id: must not start with "own-": that is kept for teachers\' own decks'
    );
    expect(found).toContain(
      'decks/demo/facts.yaml › fact own-visit-1957 › id: must not start with "own-": that is kept for teachers\' own facts'
    );
  });

  it('reports a deck whose id is not its folder name', () => {
    expect(problems([goodFact], true, 'other')).toContain(
      'decks/demo/deck.yaml › id: must equal the folder name "demo"'
    );
  });

  it('checks each claim of a conflict against its own citations', () => {
    const conflict = {
      id: 'visit-date',
      kind: 'date',
      conflict: true,
      statement: 'Sources differ on the date of the visit.',
      prompt: 'When was the visit?',
      label: 'The visit',
      topic: 'visits',
      era: '1950-1964',
      importance: 2,
      claims: [
        { answer: 'July 1957', value: { year: 1957 }, citations: [{ source: 'alpha', para: 2 }] },
        { answer: 'June 1956', value: { year: 1956 }, citations: [{ source: 'alpha', para: 3 }] }
      ]
    };
    expect(problems([conflict])).toEqual([
      'decks/demo/facts.yaml › fact visit-date › claims.2.answer: not supported by the cited paragraphs: june, 1956 does not occur in them'
    ]);
  });

  it('skips paragraph checks without the source texts but still checks the rest', () => {
    expect(problems([{ ...goodFact, citations: [{ source: 'alpha', para: 9 }] }], false)).toEqual(
      []
    );
    expect(problems([{ ...goodFact, topic: 'trade' }], false)).toHaveLength(1);
  });
});
