import { describe, expect, it } from 'vitest';
import { OWN_LIMITS } from './own';
import { parseOwnCsv } from './own-csv';
import { CHEMISTRY_CSV, deckOf, plain, problemsOf } from './fixtures/own-files';

/** The same sheet saved where the comma is the decimal mark. */
const CHEMISTRY_SEMICOLON_CSV =
  'prompt;answer;variants;topic;source;explanation;statement\n' +
  'What is the chemical symbol for sodium?;Na;;Elements;Chemistry textbook, chapter 2;;\n' +
  'Which gas do plants take in to make sugar?;Carbon dioxide;"CO2;CO₂";Reactions;https://example.org/photosynthesis;"Leaves take it in through tiny pores.\nLight supplies the energy.";\n' +
  'In what year did Mendeleev publish his periodic table?;1869;;Elements;Chemistry textbook, chapter 2;;\n' +
  'Which liquid is called the "universal solvent"?;Water;H2O;;;;\n' +
  'Which element has atomic number 6?;Carbon;C;Elements;Chemistry textbook, chapter 2;;Carbon has atomic number 6.\n';

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

  it('names the line and the column of a quote that is never closed, and nothing it swallowed', () => {
    const text =
      'prompt,answer\nWhich metal rusts?,Iron\n"Which gas is inert?,Argon\nWhat is H2O?,Water\n';
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      {
        line: 3,
        message:
          'a quote opened in "prompt" is never closed: add the closing " or remove the opening one'
      }
    ]);
    const inAnswer = 'Prompt,Answer\nWhat is gold?,"Au\nWhat is iron?,Fe\n';
    expect(problemsOf(parseOwnCsv(inAnswer))).toEqual([
      {
        line: 2,
        message:
          'a quote opened in "Answer" is never closed: add the closing " or remove the opening one'
      }
    ]);
  });

  it('keeps the problems of rows before a stray quote, and names a header quote by its place', () => {
    const text = 'prompt,answer\nWhat is tin?,\n"What is gold?,Au\n';
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      { line: 2, field: 'answer', message: 'is empty' },
      {
        line: 3,
        message:
          'a quote opened in "prompt" is never closed: add the closing " or remove the opening one'
      }
    ]);
    expect(problemsOf(parseOwnCsv('prompt,"answer\nWhat is gold?,Au\n'))).toEqual([
      {
        line: 1,
        message:
          'a quote opened in column 2 is never closed: add the closing " or remove the opening one'
      }
    ]);
  });

  it('reports a quote closed lines later with text after it, instead of reading one odd fact', () => {
    const text =
      'prompt,answer\n"What is gold?,Au\nWhat is iron?,Fe\n"Copper",Cu\nWhat is tin?,Sn\n';
    expect(problemsOf(parseOwnCsv(text))).toEqual([
      {
        line: 2,
        message:
          'a quote opened in "prompt" closes only on line 4, with more text after it: a closing " is missing on line 2, or there is a stray one'
      }
    ]);
    // A field that really spans lines, closed and followed by the next field, is fine.
    const deck = deckOf(
      parseOwnCsv('prompt,answer\n"Which metal\nrusts?",Iron\nWhat is tin?,Sn\n')
    );
    expect(deck.facts.map((f) => f.prompt)).toEqual(['Which metal\nrusts?', 'What is tin?']);
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
