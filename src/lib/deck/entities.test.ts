import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAnswerEntities,
  checkChoiceOptions,
  fits,
  parseEntities,
  type EntityCatalog
} from './entities';
import { generateQuestions } from './generate';
import type { ChoiceQuestion, Fact, PlainFact } from './types';

const FILE = 'decks/entities.yaml';

const person = (name: string, subtype: string, country: string, years: [number, number]) => ({
  name,
  type: 'person',
  subtype,
  country,
  years
});

const catalogData = {
  entities: [
    person('Vo Nguyen Giap', 'general', 'vietnam', [1944, 1982]),
    person('Van Tien Dung', 'general', 'vietnam', [1954, 1987]),
    person('Hoang Van Thai', 'general', 'vietnam', [1945, 1986]),
    person('Nguyen Chi Thanh', 'general', 'vietnam', [1950, 1967]),
    // A Vietnamese general of another time, and a general of another country.
    person('Phan Van Giang', 'general', 'vietnam', [2016, 2026]),
    person('Choe Hyon', 'general', 'north-korea', [1948, 1982]),
    // A leader: a person, but not a general.
    { ...person('Richard Nixon', 'leader', 'united-states', [1953, 1974]), aliases: ['Nixon'] },
    { name: 'Halong Bay', type: 'place', subtype: 'bay', country: 'vietnam' },
    { name: 'China', type: 'country', subtype: 'state', aliases: ['the Chinese'] }
  ],
  answers: { 'cw-general': 'Vo Nguyen Giap', 'cw-phrase': null }
};

function catalog(data: unknown = catalogData): EntityCatalog {
  const { catalog, problems } = parseEntities(FILE, data);
  expect(problems).toEqual([]);
  return catalog!;
}

const general: PlainFact = {
  id: 'cw-general',
  kind: 'person',
  statement: 'Vo Nguyen Giap commanded the army at Dien Bien Phu in 1954.',
  prompt: 'Which Vietnamese general commanded the army at Dien Bien Phu?',
  answer: 'Vo Nguyen Giap',
  variants: ['General Giap'],
  topic: 'war',
  era: '1950-1964',
  importance: 3,
  citations: [{ source: 's', para: 1 }]
};

const choiceOf = (options: string[]): ChoiceQuestion => ({
  id: 'cw-general:choice:0',
  factIds: ['cw-general'],
  kind: 'choice',
  prompt: general.prompt,
  answer: general.answer,
  options,
  explanation: '',
  citations: general.citations
});

const facts = new Map<string, Fact>([[general.id, general]]);
const check = (options: string[]) =>
  checkChoiceOptions([choiceOf(options)], facts, catalog(), () => 'decks/cold-war-alliance');

describe('typed entities for wrong options', () => {
  it('draws wrong options only from generals of the same country and time', () => {
    const questions = generateQuestions([general], { entities: catalog(), seed: 'x' });
    const choice = questions.find((q) => q.kind === 'choice') as ChoiceQuestion;
    expect(choice.options).toHaveLength(4);
    const wrong = choice.options.filter((o) => o !== general.answer);
    for (const option of wrong)
      expect(['Van Tien Dung', 'Hoang Van Thai', 'Nguyen Chi Thanh']).toContain(option);
    // The false statement swaps in one of them too, and reads as the true one does.
    const statement = questions.find((q) => q.id === 'cw-general:truefalse:false');
    expect(statement?.kind === 'truefalse' && statement.statement).toMatch(
      /^(Van Tien Dung|Hoang Van Thai|Nguyen Chi Thanh) commanded the army at Dien Bien Phu in 1954\.$/
    );
  });

  it('makes no choice question rather than a silly one when too few entities fit', () => {
    const lonely = catalog({
      ...catalogData,
      entities: catalogData.entities.filter(
        (e) => !['Van Tien Dung', 'Hoang Van Thai', 'Nguyen Chi Thanh'].includes(e.name)
      )
    });
    const questions = generateQuestions([general], { entities: lonely, seed: 'x' });
    expect(questions.some((q) => q.kind === 'choice')).toBe(false);
    expect(questions.some((q) => q.id === 'cw-general:truefalse:false')).toBe(false);
  });

  it('keeps a hand-written wrong option that fits and drops one of another kind', () => {
    const fact = { ...general, distractors: ['Richard Nixon', 'Van Tien Dung'] };
    const questions = generateQuestions([fact], { entities: catalog(), seed: 'x' });
    const choice = questions.find((q) => q.kind === 'choice') as ChoiceQuestion;
    expect(choice.options).toContain('Van Tien Dung');
    expect(choice.options).not.toContain('Richard Nixon');
  });
});

describe('decks:check rules over entities', () => {
  it('passes a choice question whose options are all generals of the time', () => {
    expect(
      check(['Vo Nguyen Giap', 'Van Tien Dung', 'Hoang Van Thai', 'Nguyen Chi Thanh'])
    ).toEqual([]);
  });

  it('fails a wrong option of another type or subtype', () => {
    const problems = check(['Vo Nguyen Giap', 'Van Tien Dung', 'Halong Bay', 'Richard Nixon']);
    expect(problems.map((p) => p.message)).toEqual([
      'the wrong option "Halong Bay" (place/bay, vietnam) is not the kind of thing the answer "Vo Nguyen Giap" is (person/general, vietnam, 1944–1982)',
      'the wrong option "Richard Nixon" (person/leader, united-states, 1953–1974) is not the kind of thing the answer "Vo Nguyen Giap" is (person/general, vietnam, 1944–1982)'
    ]);
  });

  it('fails a general of another country or another era', () => {
    const problems = check(['Vo Nguyen Giap', 'Van Tien Dung', 'Choe Hyon', 'Phan Van Giang']);
    expect(problems.map((p) => p.message.split(' (')[0])).toEqual([
      'the wrong option "Choe Hyon"',
      'the wrong option "Phan Van Giang"'
    ]);
  });

  it('fails two options that name the same thing, or the same text twice', () => {
    const problems = checkChoiceOptions(
      [
        {
          ...choiceOf(['Vo Nguyen Giap', 'China', 'the Chinese', 'Van Tien Dung']),
          answer: 'Vo Nguyen Giap'
        },
        { ...choiceOf(['Vo Nguyen Giap', 'Van Tien Dung', 'Van Tien Dung', 'Hoang Van Thai']) }
      ],
      facts,
      catalog(),
      () => 'decks/cold-war-alliance'
    );
    expect(problems.map((p) => p.message)).toContain(
      '"China" and "the Chinese" name the same thing (China)'
    );
    expect(problems.map((p) => p.message)).toContain('the option "Van Tien Dung" appears twice');
  });

  it('fails a named answer the catalogue does not describe, and a name it does not know', () => {
    const undescribed: PlainFact = { ...general, id: 'cw-other', answer: 'Le Duan' };
    expect(
      checkAnswerEntities([general, undescribed], catalog(), () => 'decks/x/facts.yaml').map(
        (p) => p.factId
      )
    ).toEqual(['cw-other']);
    const { problems } = parseEntities(FILE, {
      ...catalogData,
      answers: { 'cw-general': 'Vo Nguyen Giap', 'cw-x': 'Le Duan' }
    });
    expect(problems.map((p) => p.message)).toEqual([
      'answers › cw-x: "Le Duan" is not described under entities'
    ]);
  });

  it('refuses one name for two entities, and a type it does not know', () => {
    const { problems } = parseEntities(FILE, {
      entities: [
        { ...person('Nixon', 'leader', 'united-states', [1953, 1974]) },
        ...catalogData.entities,
        { name: 'Halong', type: 'bay', subtype: 'bay' }
      ],
      answers: {}
    });
    expect(problems.map((p) => p.message)).toEqual([
      '"Nixon" names both Nixon and Richard Nixon',
      'Halong: type must be one of person, country, province, city, place, company, organisation, publication, war, policy, period, event, term'
    ]);
  });
});

describe('typed entities, for any catalogue', () => {
  const SUBTYPES = ['general', 'scholar'];
  const COUNTRIES = ['vietnam', 'north-korea'];
  const ERAS = ['1950-1964', '1965-1975', '1976-1991', '1992-2010', '2011-2019'] as const;
  const entityArb = fc.record({
    subtype: fc.constantFrom(...SUBTYPES),
    country: fc.constantFrom(...COUNTRIES),
    from: fc.integer({ min: 1940, max: 2020 }),
    length: fc.integer({ min: 0, max: 40 }),
    alias: fc.boolean()
  });

  it('never offers a wrong option of another kind, country or time, nor one thing twice', () => {
    let withChoice = 0;
    fc.assert(
      fc.property(
        fc.array(entityArb, { minLength: 5, maxLength: 30 }),
        fc.constantFrom(...ERAS),
        fc.array(fc.nat(30), { maxLength: 4 }),
        (drawn, era, authoredPicks) => {
          const entities = drawn.map((e, i) => ({
            name: `Person ${i}`,
            ...(e.alias && { aliases: [`P. ${i}`] }),
            type: 'person',
            subtype: e.subtype,
            country: e.country,
            years: [e.from, e.from + e.length]
          }));
          const { catalog, problems } = parseEntities(FILE, {
            entities,
            answers: { 'cw-general': 'Person 0' }
          });
          expect(problems).toEqual([]);
          // Hand-written options may name any entity, by name or alias, even the answer's.
          const distractors = authoredPicks
            .filter((k) => k < entities.length)
            .map((k) => (k % 2 && entities[k]!.aliases ? `P. ${k}` : `Person ${k}`));
          const fact: PlainFact = {
            ...general,
            answer: 'Person 0',
            variants: [],
            statement: 'Person 0 commanded the army at Dien Bien Phu in 1954.',
            era,
            distractors
          };
          const questions = generateQuestions([fact], { entities: catalog!, seed: 'p' });
          const choice = questions.find((q) => q.kind === 'choice');
          if (!choice || choice.kind !== 'choice') return;
          withChoice++;
          const answer = catalog!.find('Person 0')!;
          const named = choice.options.map((o) => catalog!.find(o)!.name);
          expect(new Set(named).size).toBe(named.length);
          for (const option of choice.options) {
            const entity = catalog!.find(option)!;
            if (entity !== answer) expect(fits(entity, answer, era)).toBe(true);
          }
          expect(
            checkChoiceOptions([choice], new Map([[fact.id, fact]]), catalog!, () => 'x')
          ).toEqual([]);
        }
      ),
      { numRuns: 300, seed: 20261202 }
    );
    // The property held over real choice questions, not only over facts too thin for one.
    expect(withChoice).toBeGreaterThan(50);
  });
});
