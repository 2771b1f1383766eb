import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  OWN_CSV_EXAMPLE,
  OWN_LIMITS,
  OWN_YAML_EXAMPLE,
  defaultStatement,
  ownDeckSchema,
  pickOwnFacts,
  type OwnDeck,
  type OwnParseResult,
  type OwnProblem
} from './own';
import { compileOwnDeck } from './own-compile';
import { parseOwnCsv, parseOwnDeckText, parseOwnYaml } from './own-parse';
import type { PlainFact } from './types';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function deckOf(result: OwnParseResult): OwnDeck {
  if (!result.ok) throw new Error(`expected a deck, got ${JSON.stringify(result.problems)}`);
  return result.deck;
}

function problemsOf(result: OwnParseResult): OwnProblem[] {
  if (result.ok) throw new Error('expected problems, got a deck');
  return result.problems;
}

function plain(deck: OwnDeck, prompt: string): PlainFact {
  const fact = deck.facts.find((f) => f.prompt === prompt);
  if (!fact || fact.conflict) throw new Error(`no plain fact with prompt ${prompt}`);
  return fact;
}

/** A small chemistry sheet as a spreadsheet exports it: BOM, CRLF, quotes, a blank line. */
const CHEMISTRY_CSV =
  '\uFEFFPrompt,Answer,Variants,Topic,Source,Explanation,Statement\r\n' +
  'What is the chemical symbol for sodium?,Na,,Elements,"Chemistry textbook, chapter 2",,\r\n' +
  '"Which gas do plants take in to make sugar?",Carbon dioxide,CO2|CO₂,Reactions,https://example.org/photosynthesis,"Leaves take it in through tiny pores.\r\nLight supplies the energy.",\r\n' +
  '\r\n' +
  'In what year did Mendeleev publish his periodic table?,1869,,Elements,"Chemistry textbook, chapter 2",,\r\n' +
  '"Which liquid is called the ""universal solvent""?",Water,H2O,,,,\r\n' +
  'Which element has atomic number 6?,Carbon,C,Elements,"Chemistry textbook, chapter 2",,Carbon has atomic number 6.\r\n';

/** The same sheet saved where the comma is the decimal mark. */
const CHEMISTRY_SEMICOLON_CSV =
  'prompt;answer;variants;topic;source;explanation;statement\n' +
  'What is the chemical symbol for sodium?;Na;;Elements;Chemistry textbook, chapter 2;;\n' +
  'Which gas do plants take in to make sugar?;Carbon dioxide;"CO2;CO₂";Reactions;https://example.org/photosynthesis;"Leaves take it in through tiny pores.\nLight supplies the energy.";\n' +
  'In what year did Mendeleev publish his periodic table?;1869;;Elements;Chemistry textbook, chapter 2;;\n' +
  'Which liquid is called the "universal solvent"?;Water;H2O;;;;\n' +
  'Which element has atomic number 6?;Carbon;C;Elements;Chemistry textbook, chapter 2;;Carbon has atomic number 6.\n';

const RIVERS_YAML = `format: 1
title: Rivers of the world
description: Where some great rivers flow.
topics:
  - { id: africa, title: Africa }
  - { id: europe, title: Europe }
sources:
  - { id: atlas, title: School atlas, url: 'https://example.org/atlas' }
  - { id: encyclopedia, title: Children's encyclopedia }
facts:
  - id: nile-cairo
    prompt: Which river flows through Cairo?
    answer: Nile
    kind: place
    topic: africa
    citations: [{ source: atlas, para: 3 }]
  - prompt: Into which sea does the Danube flow?
    answer: Black Sea
    statement: The Danube flows into the Black Sea.
    topic: europe
    era: 1992-2010
    importance: 3
    citations: [{ source: atlas }]
  - prompt: In which year did the Aswan High Dam open?
    answer: 1970
    topic: africa
  - prompt: How long is the Rhine?
    kind: number
    conflict: true
    topic: europe
    claims:
      - answer: 1,230 km
        value: { number: 1230, unit: km }
        citations: [{ source: atlas }]
      - answer: 1,320 km
        value: { number: 1320, unit: km }
        citations: [{ source: encyclopedia }]
`;

/** Replaces one line of a YAML text, to make a single mistake at a known line. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('parseOwnCsv', () => {
  it('reads a spreadsheet export with a BOM, CRLF, quoted commas, doubled quotes and a line break in a field', () => {
    const result = parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics');
    const deck = deckOf(result);
    expect(deck.title).toBe('Chemistry basics');
    expect(deck.facts.map((f) => f.prompt)).toEqual([
      'What is the chemical symbol for sodium?',
      'Which gas do plants take in to make sugar?',
      'In what year did Mendeleev publish his periodic table?',
      'Which liquid is called the "universal solvent"?',
      'Which element has atomic number 6?'
    ]);
    expect(deck.topics).toEqual([
      { id: 'elements', title: 'Elements' },
      { id: 'reactions', title: 'Reactions' },
      { id: 'general', title: 'General' }
    ]);
    expect(deck.sources).toEqual([
      { id: 'chemistry-textbook-chapter-2', title: 'Chemistry textbook, chapter 2' },
      {
        id: 'example-org-photosynthesis',
        title: 'https://example.org/photosynthesis',
        url: 'https://example.org/photosynthesis'
      }
    ]);

    const gas = plain(deck, 'Which gas do plants take in to make sugar?');
    expect(gas).toMatchObject({
      kind: 'term',
      answer: 'Carbon dioxide',
      variants: ['CO2', 'CO₂'],
      topic: 'reactions',
      importance: 2,
      explanation: 'Leaves take it in through tiny pores.\nLight supplies the energy.',
      citations: [{ source: 'example-org-photosynthesis' }]
    });
    expect(gas.citations[0]).not.toHaveProperty('para');
    expect(gas.era).toBeUndefined();

    const year = plain(deck, 'In what year did Mendeleev publish his periodic table?');
    expect(year).toMatchObject({ kind: 'date', answer: '1869', value: { year: 1869 } });

    const water = plain(deck, 'Which liquid is called the "universal solvent"?');
    expect(water).toMatchObject({ topic: 'general', citations: [] });

    const carbon = plain(deck, 'Which element has atomic number 6?');
    expect(carbon.statement).toBe('Carbon has atomic number 6.');
    expect(carbon.variants).toEqual(['C']);

    // The uncited water row starts on physical line 7 (the gas row spans lines 3 and 4).
    expect(result.ok && result.warnings).toEqual([
      {
        line: 7,
        field: 'source',
        message: 'is empty: learners will not see where this fact comes from'
      }
    ]);
  });

  it('reads the sheet saved with semicolons or tabs as the same deck', () => {
    const comma = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
    const semicolon = deckOf(parseOwnCsv(CHEMISTRY_SEMICOLON_CSV, 'Chemistry basics'));
    expect(semicolon).toEqual(comma);

    const tab = [
      'Question\tAnswer',
      'What is the chemical symbol for sodium?\tNa',
      'Which element has atomic number 6?\tCarbon'
    ].join('\n');
    expect(deckOf(parseOwnCsv(tab)).facts.map((f) => (f.conflict ? '' : f.answer))).toEqual([
      'Na',
      'Carbon'
    ]);
  });

  it('accepts "question" for the prompt column, any column order and case, and titles the deck "My facts" by default', () => {
    const deck = deckOf(
      parseOwnCsv(
        'ANSWER,Question\nOxygen,Which gas do we need to breathe?\nIron,Which metal rusts?'
      )
    );
    expect(deck.title).toBe('My facts');
    expect(deck.facts.map((f) => [f.prompt, f.conflict ? '' : f.answer])).toEqual([
      ['Which gas do we need to breathe?', 'Oxygen'],
      ['Which metal rusts?', 'Iron']
    ]);
    expect(deck.topics).toEqual([{ id: 'general', title: 'General' }]);
  });

  it('points at the line and column of a missing answer, counting the lines of a multi-line field', () => {
    const text = [
      'prompt,answer,explanation',
      'What is the chemical symbol for gold?,Au,"From its Latin name,',
      'aurum."',
      'Which gas makes up most of the air?,,',
      'What is the chemical symbol for iron?,Fe,'
    ].join('\n');
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      { line: 4, field: 'answer', message: 'is empty' }
    ]);
  });

  it('reports a row with more cells than the header on the line where it starts', () => {
    const text = [
      'prompt,answer,topic',
      'What is the boiling point of water at sea level?,100 °C,Physics',
      'Which gas do balloons float with?,Helium,Gases,Light gases',
      'Which metal is liquid at room temperature?,Mercury,Metals,,'
    ].join('\n');
    const problems = problemsOf(parseOwnCsv(text));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]?.message).toMatch(/4 cells but the header has 3 columns/);
  });

  it('refuses a header without a prompt and an answer column', () => {
    const problems = problemsOf(parseOwnCsv('prompt,solution\nWhich metal rusts?,Iron'));
    expect(problems).toEqual([
      {
        line: 1,
        message: 'the header needs a prompt and an answer column (found: prompt, solution)'
      }
    ]);
  });

  it('reports a field over its length limit with its line and column', () => {
    const long = 'x'.repeat(OWN_LIMITS.maxFieldChars + 1);
    const answer = 'y'.repeat(OWN_LIMITS.maxAnswerChars + 1);
    const text = `prompt,answer,explanation\nWhich metal rusts?,Iron,${long}\nWhich gas is inert?,${answer},`;
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      {
        line: 2,
        field: 'explanation',
        message: `is too long: at most ${OWN_LIMITS.maxFieldChars} characters`
      },
      {
        line: 3,
        field: 'answer',
        message: `is too long: at most ${OWN_LIMITS.maxAnswerChars} characters`
      }
    ]);
  });

  it('treats a repeated prompt as an error that names the first line', () => {
    const text = 'prompt,answer\nWhich metal rusts?,Iron\nwhich metal RUSTS,Steel';
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      { line: 3, field: 'prompt', message: 'repeats the prompt on line 2' }
    ]);
  });

  it('reports a quoted field that is never closed at the line where it opens', () => {
    const text = 'prompt,answer\nWhich metal rusts?,Iron\n"Which gas is inert?,Argon\n';
    expect(problemsOf(parseOwnCsv(text))).toContainEqual({
      line: 3,
      message: 'a quoted field is never closed: a closing " is missing'
    });
  });

  it('warns about columns it does not read and about a sheet with no source column', () => {
    const result = parseOwnCsv('prompt,answer,notes\nWhich metal rusts?,Iron,check');
    expect(result.ok && result.warnings).toEqual([
      {
        line: 1,
        field: 'notes',
        message: 'column "notes" is not one Sourcedeck reads and is ignored'
      },
      {
        line: 1,
        message: 'there is no source column: learners will not see where the facts come from'
      }
    ]);
  });
});

describe('parseOwnYaml', () => {
  it('reads a deck with sources, citations and a conflict, filling in what a teacher left out', () => {
    const result = parseOwnYaml(RIVERS_YAML);
    const deck = deckOf(result);
    expect(deck).toMatchObject({
      title: 'Rivers of the world',
      description: 'Where some great rivers flow.',
      topics: [
        { id: 'africa', title: 'Africa' },
        { id: 'europe', title: 'Europe' }
      ],
      sources: [
        { id: 'atlas', title: 'School atlas', url: 'https://example.org/atlas' },
        { id: 'encyclopedia', title: "Children's encyclopedia" }
      ]
    });
    expect(deck.facts.map((f) => f.id)).toEqual([
      `${deck.id}-nile-cairo`,
      `${deck.id}-into-which-sea-does-the-danube`,
      `${deck.id}-in-which-year-did-the-aswan`,
      `${deck.id}-how-long-is-the-rhine`
    ]);
    expect(plain(deck, 'Which river flows through Cairo?')).toMatchObject({
      kind: 'place',
      importance: 2,
      statement: 'Which river flows through Cairo? Nile.',
      citations: [{ source: 'atlas', para: 3 }]
    });
    expect(plain(deck, 'Into which sea does the Danube flow?')).toMatchObject({
      kind: 'term',
      era: '1992-2010',
      importance: 3,
      statement: 'The Danube flows into the Black Sea.'
    });
    // `answer: 1970` is a number in YAML: it becomes text, and a year makes a date fact.
    expect(plain(deck, 'In which year did the Aswan High Dam open?')).toMatchObject({
      kind: 'date',
      answer: '1970',
      value: { year: 1970 }
    });
    const rhine = deck.facts[3];
    expect(rhine?.conflict && rhine.claims.map((c) => c.answer)).toEqual(['1,230 km', '1,320 km']);
    expect(result.ok && result.warnings).toEqual([
      {
        line: 24,
        factId: '#3',
        message: 'cites no source: learners will not see where it comes from'
      }
    ]);
  });

  it('gathers the topics from the facts when the deck lists none', () => {
    const deck = deckOf(
      parseOwnYaml(`title: Mountains
facts:
  - { prompt: Which is the highest mountain in Africa?, answer: Kilimanjaro, topic: high-peaks }
  - { prompt: In which country is Mont Blanc's summit area?, answer: France and Italy, topic: alps-and-pyrenees }
  - { prompt: Which range holds Aconcagua?, answer: The Andes }
`)
    );
    expect(deck.topics).toEqual([
      { id: 'high-peaks', title: 'High peaks' },
      { id: 'alps-and-pyrenees', title: 'Alps and pyrenees' },
      { id: 'general', title: 'General' }
    ]);
  });

  it('points at the line of a wrong kind', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 14, '    kind: river')));
    expect(problems).toEqual([
      {
        line: 14,
        field: 'kind',
        factId: 'nile-cairo',
        message:
          'must be one of date, number, person, place, organization, event, term, cause, claim'
      }
    ]);
  });

  it('points at the line of an unknown field', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 21, '    colour: blue')));
    expect(problems).toEqual([
      { line: 21, field: 'colour', factId: '#2', message: 'unknown field (check its spelling)' }
    ]);
  });

  it('points at the line of a citation to a source the deck does not list', () => {
    const problems = problemsOf(
      parseOwnYaml(withLine(RIVERS_YAML, 23, '    citations: [{ source: globe }]'))
    );
    expect(problems).toEqual([
      {
        line: 23,
        field: 'citations.1.source',
        factId: '#2',
        message: '"globe" is not one of the sources (atlas, encyclopedia)'
      }
    ]);
  });

  it("points at the line of a topic that is not one of the deck's topics", () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 26, '    topic: asia')));
    expect(problems).toEqual([
      {
        line: 26,
        field: 'topic',
        factId: '#3',
        message: `"asia" is not one of the deck's topics (africa, europe)`
      }
    ]);
  });

  it('points a missing answer at the fact it belongs to', () => {
    const problems = problemsOf(
      parseOwnYaml(withLine(RIVERS_YAML, 13, '    note: It flows north.'))
    );
    expect(problems).toEqual([
      { line: 11, field: 'answer', factId: 'nile-cairo', message: 'is missing' }
    ]);
  });

  it('points at the line of a YAML syntax error', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 18, '    answer: Black: Sea')));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(18);
    expect(problems[0]?.message).toMatch(/^YAML syntax:/);
  });

  it('refuses a document that is not a deck, and a format other than 1', () => {
    expect(problemsOf(parseOwnYaml('- just a list'))[0]).toMatchObject({ line: 1 });
    expect(problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 1, 'format: 2')))).toEqual([
      { line: 1, field: 'format', message: 'must be 1' }
    ]);
  });
});

describe('parseOwnDeckText', () => {
  it('chooses the format by file extension, otherwise by a CSV header line', () => {
    const csv = 'prompt,answer\nWhich metal rusts?,Iron';
    expect(deckOf(parseOwnDeckText(csv)).facts).toHaveLength(1);
    expect(deckOf(parseOwnDeckText(csv, 'metals_and-gases.csv')).title).toBe('Metals and gases');
    expect(deckOf(parseOwnDeckText(RIVERS_YAML)).title).toBe('Rivers of the world');
    expect(deckOf(parseOwnDeckText(RIVERS_YAML, 'rivers.yml')).title).toBe('Rivers of the world');
    // The extension wins over the content: a .yaml file with a CSV-looking first line is YAML.
    expect(parseOwnDeckText(csv, 'facts.yaml').ok).toBe(false);
  });

  it('refuses a text over the size limit before reading it', () => {
    const text = 'prompt,answer\n' + 'x'.repeat(OWN_LIMITS.maxChars);
    expect(problemsOf(parseOwnDeckText(text))).toEqual([
      {
        line: null,
        message: `the text is too long: ${text.length} characters, at most ${OWN_LIMITS.maxChars}`
      }
    ]);
  });
});

describe('deck and fact ids', () => {
  it('gives the same content the same deck id, and different content a different one', () => {
    const first = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
    expect(first.id).toMatch(/^own-[0-9a-f]{8}$/);
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics')).id).toBe(first.id);
    // Line ends and delimiter are form, not content.
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV.replace(/\r\n/g, '\n'), 'Chemistry basics')).id).toBe(
      first.id
    );
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry')).id).not.toBe(first.id);
    expect(
      deckOf(parseOwnCsv(CHEMISTRY_CSV.replace('Na,', 'Na.,'), 'Chemistry basics')).id
    ).not.toBe(first.id);
    expect(deckOf(parseOwnYaml(RIVERS_YAML)).id).toBe(deckOf(parseOwnYaml(RIVERS_YAML)).id);
    expect(deckOf(parseOwnYaml(RIVERS_YAML.replace('Nile', 'River Nile'))).id).not.toBe(
      deckOf(parseOwnYaml(RIVERS_YAML)).id
    );
  });

  it('makes fact ids from the prompt, unique, kebab-case and at most 80 characters', () => {
    // Six long words make more than 40 characters: the slug stops at a whole word.
    const long = 'Photosynthesising chloroplasts manufacture carbohydrates continuously';
    const deck = deckOf(
      parseOwnCsv(
        [
          'prompt,answer',
          'What is the chemical symbol for gold?,Au',
          'What is the chemical symbol for silver?,Ag',
          `"${long} in leaves?",A`,
          `"${long} in algae?",B`,
          '"Ποιο είναι το σύμβολο του νατρίου;",Na'
        ].join('\n')
      )
    );
    const slugs = deck.facts.map((f) => f.id.slice(deck.id.length + 1));
    expect(slugs).toEqual([
      'what-is-the-chemical-symbol-for',
      'what-is-the-chemical-symbol-for-2',
      'photosynthesising-chloroplasts',
      'photosynthesising-chloroplasts-2',
      'fact-5'
    ]);
    for (const fact of deck.facts) {
      expect(fact.id).toMatch(ID);
      expect(fact.id.length).toBeLessThanOrEqual(80);
      expect(fact.id.startsWith(`${deck.id}-`)).toBe(true);
    }
  });

  it('keeps an id column as the fact id and refuses one that is not kebab-case', () => {
    const deck = deckOf(parseOwnCsv('id,prompt,answer\nrust,Which metal rusts?,Iron'));
    expect(deck.facts[0]?.id).toBe(`${deck.id}-rust`);
    expect(problemsOf(parseOwnCsv('id,prompt,answer\nRust Metal,Which metal rusts?,Iron'))).toEqual(
      [
        {
          line: 2,
          field: 'id',
          message: 'must be kebab-case: a-z, 0-9 and single hyphens, like water-formula'
        }
      ]
    );
  });
});

describe('compileOwnDeck', () => {
  const deck = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
  const file = compileOwnDeck(deck);

  it('serves the deck like a built-in one, with its sources and facts', () => {
    expect(file).toMatchObject({ format: 1, id: deck.id, title: 'Chemistry basics' });
    expect(file.facts.map((f) => f.id)).toEqual(deck.facts.map((f) => f.id));
    expect(file.sources.map((s) => s.id)).toEqual(deck.sources.map((s) => s.id));
    expect(file.sources[0]).toMatchObject({ authors: [], outlet: '', date: '' });
  });

  it('asks only well-formed questions about CSV facts', () => {
    for (const q of file.questions) {
      expect(q.prompt.trim()).not.toBe('');
      expect(q.answer.trim()).not.toBe('');
      expect(q.factIds.length).toBeGreaterThan(0);
      expect(q.id.startsWith(`${q.factIds[0]}:`)).toBe(true);
      if (q.kind === 'choice') {
        expect(q.options).toContain(q.answer);
        expect(new Set(q.options).size).toBe(q.options.length);
        expect(q.options.length).toBeGreaterThanOrEqual(3);
      }
    }
    for (const fact of deck.facts) {
      const kinds = file.questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(kinds).toContain('flashcard');
      expect(kinds).toContain('typed');
    }
    // Siblings' answers of the same kind serve as the wrong options.
    const carbon = file.questions.find(
      (q) => q.kind === 'choice' && q.prompt === 'Which element has atomic number 6?'
    );
    expect(carbon?.kind === 'choice' && carbon.options.length).toBeGreaterThanOrEqual(3);
    const year = file.questions.find((q) => q.kind === 'numeric');
    expect(year).toMatchObject({ answer: '1869', value: 1869, unit: 'year' });
  });

  it('makes no true/false or cloze from a default statement, but does from a written one', () => {
    const carbon = plain(deck, 'Which element has atomic number 6?');
    for (const fact of deck.facts) {
      if (fact.conflict || fact.id === carbon.id) {
        continue;
      }
      expect(fact.statement).toBe(defaultStatement(fact.prompt, fact.answer));
      const kinds = file.questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(kinds).not.toContain('truefalse');
      expect(kinds).not.toContain('cloze');
    }
    const written = file.questions.filter((q) => q.factIds[0] === carbon.id);
    expect(written.find((q) => q.kind === 'cloze')).toMatchObject({
      before: '',
      after: ' has atomic number 6.',
      answer: 'Carbon'
    });
    expect(written.filter((q) => q.kind === 'truefalse').map((q) => q.answer)).toEqual([
      'True',
      'False'
    ]);
  });

  it("names a teacher's sources in conflict questions without an empty year", () => {
    const rivers = compileOwnDeck(deckOf(parseOwnYaml(RIVERS_YAML)));
    const conflict = rivers.questions.filter((q) => q.conflict);
    expect(conflict.length).toBeGreaterThan(0);
    const texts = conflict.flatMap((q) => [
      q.prompt,
      q.answer,
      q.explanation,
      ...(q.kind === 'match' ? q.pairs.map((p) => p.left) : [])
    ]);
    expect(texts.join(' ')).not.toContain('()');
    expect(texts.join(' ')).toContain('According to School atlas:');
  });
});

describe('ownDeckSchema', () => {
  const csvDeck = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
  const yamlDeck = deckOf(parseOwnYaml(RIVERS_YAML));
  const roundTrip = (deck: OwnDeck): Record<string, unknown> => JSON.parse(JSON.stringify(deck));
  const accepts = (value: unknown) => v.safeParse(ownDeckSchema, value).success;

  it('accepts a parsed deck carried through JSON, unchanged', () => {
    for (const deck of [csvDeck, yamlDeck]) {
      const parsed = v.safeParse(ownDeckSchema, roundTrip(deck));
      expect(parsed.success).toBe(true);
      expect(parsed.output).toEqual(deck);
    }
  });

  it('refuses a tampered fact id, a missing topic, a too-long field and a javascript: url', () => {
    const tamperedId = roundTrip(csvDeck) as unknown as OwnDeck;
    tamperedId.facts[0]!.id = 'own-00000000-what-is-the-chemical-symbol-for';
    expect(accepts(tamperedId)).toBe(false);

    const builtInId = roundTrip(csvDeck) as unknown as OwnDeck;
    builtInId.facts[0]!.id = 'diplomatic-relations-1950';
    expect(accepts(builtInId)).toBe(false);

    const missingTopic = roundTrip(csvDeck) as unknown as OwnDeck;
    missingTopic.topics = missingTopic.topics.filter((t) => t.id !== 'reactions');
    expect(accepts(missingTopic)).toBe(false);

    const tooLong = roundTrip(csvDeck) as unknown as OwnDeck;
    tooLong.facts[0]!.prompt = 'x'.repeat(OWN_LIMITS.maxFieldChars + 1);
    expect(accepts(tooLong)).toBe(false);

    const script = roundTrip(yamlDeck) as unknown as OwnDeck;
    script.sources[0]!.url = 'javascript:alert(1)';
    expect(accepts(script)).toBe(false);

    const missingSource = roundTrip(yamlDeck) as unknown as OwnDeck;
    missingSource.sources = missingSource.sources.filter((s) => s.id !== 'encyclopedia');
    expect(accepts(missingSource)).toBe(false);

    const blank = roundTrip(csvDeck) as unknown as OwnDeck;
    blank.title = '   ';
    expect(accepts(blank)).toBe(false);

    const tooMany = roundTrip(csvDeck) as unknown as OwnDeck;
    tooMany.facts = Array.from({ length: OWN_LIMITS.maxFacts + 1 }, (_, i) => ({
      ...(tooMany.facts[0] as PlainFact),
      id: `${tooMany.id}-fact-${i}`
    }));
    expect(accepts(tooMany)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: true })),
        (value) => {
          v.safeParse(ownDeckSchema, value);
        }
      ),
      { seed: 42, numRuns: 200 }
    );
  });

  it('never throws on random mutations of a valid deck', () => {
    const base = roundTrip(yamlDeck);
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
      else if (node && typeof node === 'object') {
        for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
      }
    };
    walk(base, []);
    const replacement = fc.oneof(
      fc.jsonValue(),
      fc.anything(),
      fc.constant(undefined),
      fc.string(),
      fc.constantFrom('', ' ', 'own-00000000', 'javascript:alert(1)', '__proto__')
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 4 }),
        (mutations) => {
          const deck = roundTrip(yamlDeck);
          for (const [index, value] of mutations) {
            const path = paths[index % paths.length] ?? [];
            if (path.length === 0) continue;
            let parent: unknown = deck;
            for (const key of path.slice(0, -1)) {
              parent = (parent as Record<string | number, unknown> | undefined)?.[key];
            }
            if (parent && typeof parent === 'object') {
              const key = path.at(-1) as string | number;
              if (value === undefined) delete (parent as Record<string | number, unknown>)[key];
              else (parent as Record<string | number, unknown>)[key] = value;
            }
          }
          v.safeParse(ownDeckSchema, deck);
        }
      ),
      { seed: 42, numRuns: 200 }
    );
  });
});

describe('pickOwnFacts', () => {
  it('keeps the chosen facts in deck order with only the topics and sources they use', () => {
    const deck = deckOf(parseOwnYaml(RIVERS_YAML));
    const [nile, danube, dam, rhine] = deck.facts.map((f) => f.id);
    const picked = pickOwnFacts(deck, [danube!, nile!, 'not-a-fact']);
    expect(picked.id).toBe(deck.id);
    expect(picked.facts.map((f) => f.id)).toEqual([nile, danube]);
    expect(picked.topics.map((t) => t.id)).toEqual(['africa', 'europe']);
    expect(picked.sources.map((s) => s.id)).toEqual(['atlas']);
    expect(v.safeParse(ownDeckSchema, picked).success).toBe(true);

    const conflictOnly = pickOwnFacts(deck, [rhine!, dam!]);
    expect(conflictOnly.sources.map((s) => s.id)).toEqual(['atlas', 'encyclopedia']);
  });
});

describe('the examples the builder shows', () => {
  it('read without problems, in both formats', () => {
    for (const example of [OWN_CSV_EXAMPLE, OWN_YAML_EXAMPLE]) {
      const result = parseOwnDeckText(example);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });
});
