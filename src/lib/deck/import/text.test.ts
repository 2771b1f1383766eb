import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TEXT_LIMITS,
  detectTextFormat,
  guessMapping,
  readAnkiText,
  readQuizlet,
  readTable,
  tableToImport
} from './text';
import { ImportError, type CardNote, type ImportResult } from './types';

/** What a learner sees of the cards: prompt → answer. */
function cards(result: ImportResult): string[] {
  return result.notes.map((note) =>
    note.form === 'card' ? `${note.prompt} → ${note.answer}` : `cloze ${note.key}`
  );
}

function thrown(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('readTable', () => {
  it('detects a comma, a semicolon or a tab between cells', () => {
    expect(readTable('dog,chien\ncat,chat\n').delimiter).toBe(',');
    expect(readTable('dog;chien\ncat;chat\n').delimiter).toBe(';');
    expect(readTable('dog\tchien\ncat\tchat\n').delimiter).toBe('\t');
    // Commas in the text, semicolons between the cells (a spreadsheet in a comma locale).
    expect(readTable('Pi;3,14\nEuler, the number;2,72\n').delimiter).toBe(';');
    // Commas inside quoted fields do not count.
    expect(readTable('"Paris; France",capital\n"Rome; Italy",capital\n').delimiter).toBe(',');
    // A given delimiter wins.
    expect(readTable('a|b\nc|d', { delimiter: '|' }).rows[0]?.cells).toEqual(['a', 'b']);
  });

  it('guesses a header from column names, and not for a plain list', () => {
    expect(readTable('Front,Back\ndog,chien\n').header).toBe(true);
    expect(readTable('question;answer;tags\nCapital of France?;Paris;geo\n').header).toBe(true);
    expect(readTable('Term\tDefinition\nephemeral\tlasting a very short time\n').header).toBe(true);
    expect(readTable('dog,chien\ncat,chat\nhorse,cheval\n').header).toBe(false);
    expect(readTable('Capital of France?,Paris\nCapital of Italy?,Rome\n').header).toBe(false);
  });

  it('guesses a header from a first row unlike the others', () => {
    // A word above a column of numbers.
    expect(readTable('Element,Number\nHydrogen,1\nHelium,2\nLithium,3\n').header).toBe(true);
    // Short labels above much longer text.
    expect(
      readTable(
        'Law,Statement\nFirst law,An object stays at rest or in uniform motion unless acted on\nSecond law,Force equals mass times acceleration for a constant mass\n'
      ).header
    ).toBe(true);
    // A header may be given, and a screen lets the learner flip it.
    expect(readTable('Front,Back\ndog,chien', { header: false }).header).toBe(false);
  });

  it('reads quoted commas, doubled quotes and line breaks inside quotes, with the lines an editor shows', () => {
    const table = readTable(
      'prompt,answer\n"Paris, France","the ""City of Light"""\n"A two\nline prompt",yes\nlast,row\n'
    );
    expect(table.rows).toEqual([
      { line: 1, cells: ['prompt', 'answer'] },
      { line: 2, cells: ['Paris, France', 'the "City of Light"'] },
      { line: 3, cells: ['A two\nline prompt', 'yes'] },
      { line: 5, cells: ['last', 'row'] }
    ]);
    expect(table.columns).toBe(2);
  });

  it('refuses a quote left open, naming the line where it opened', () => {
    const error = thrown(() => readTable('front,back\ndog,chien\n"cat,chat\nhorse,cheval\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/quote opened on line 3 is never closed/);
    // Closed only on a later line with more text after it: the quotes do not pair up either.
    const stray = thrown(() => readTable('a,"b\nc,d\ne,"f"\n'));
    expect(stray.line).toBe(1);
    expect(stray.message).toMatch(/opened on line 1 closes only on line 3/);
  });

  it('reads a BOM, CRLF and CR line ends, and leaves blank lines out', () => {
    const table = readTable('\uFEFFfront,back\r\n\r\n"a\r\nb",c\r\nd,e\re,f');
    expect(table.header).toBe(true);
    expect(table.rows).toEqual([
      { line: 1, cells: ['front', 'back'] },
      { line: 3, cells: ['a\nb', 'c'] },
      { line: 5, cells: ['d', 'e'] },
      { line: 6, cells: ['e', 'f'] }
    ]);
  });

  it('takes quotes inside an unquoted field and after a closing quote as characters', () => {
    expect(readTable('a 5" screw,"x" y\n').rows[0]?.cells).toEqual(['a 5" screw', 'x y']);
  });
});

describe('guessMapping and tableToImport', () => {
  it('maps columns by their header names, and otherwise takes the first two', () => {
    const named = readTable(
      'Tags;Answer;Question;Notes;Deck\ngeo;Paris;Capital of France?;x;Europe'
    );
    expect(guessMapping(named)).toEqual({
      tags: 0,
      answer: 1,
      prompt: 2,
      explanation: 3,
      topic: 4
    });
    expect(guessMapping(readTable('dog,chien,x\ncat,chat,y'))).toEqual({ prompt: 0, answer: 1 });
  });

  it('takes the first row as a card or as the header, as the learner chooses', () => {
    const table = readTable('Front,Back\ndog,chien\ncat,chat');
    expect(cards(tableToImport(table, { prompt: 0, answer: 1 }, 'Animals'))).toEqual([
      'dog → chien',
      'cat → chat'
    ]);
    const flipped = { ...table, header: false };
    expect(cards(tableToImport(flipped, { prompt: 0, answer: 1 }, 'Animals'))).toEqual([
      'Front → Back',
      'dog → chien',
      'cat → chat'
    ]);
  });

  it('reads variants, explanation, topic and tags, with keys from the lines', () => {
    const table = readTable(
      'prompt,answer,variants,explanation,topic,tags\n"H2O is?",water,"aqua|Wasser; eau",Two hydrogens and one oxygen,Chemistry,"basics, liquids"\n'
    );
    const result = tableToImport(table, guessMapping(table), ' Science ');
    expect(result.title).toBe('Science');
    expect(result.notes).toEqual([
      {
        form: 'card',
        key: 'line-2',
        prompt: 'H2O is?',
        answer: 'water',
        variants: ['aqua', 'Wasser', 'eau'],
        explanation: 'Two hydrogens and one oxygen',
        topic: 'Chemistry',
        tags: ['basics', 'liquids']
      }
    ]);
  });

  it('leaves out rows with an empty prompt or answer and repeated rows, saying which line and why', () => {
    const table = readTable('Front,Back\ndog,chien\n,chat\nhorse,\ndog,chien\n');
    const result = tableToImport(table, { prompt: 0, answer: 1 }, 'Animals');
    expect(cards(result)).toEqual(['dog → chien']);
    expect(result.skipped).toEqual([
      { what: 'line 3', why: 'the prompt ("Front") is empty' },
      { what: 'line 4', why: 'the answer ("Back") is empty' },
      { what: 'line 5', why: 'the same prompt and answer as line 2' }
    ]);
  });

  it('keeps plain cells as written: an asterisk is not emphasis, and markup is text', () => {
    const table = readTable('5 * 3,<b>15</b>\n');
    const [note] = tableToImport(table, { prompt: 0, answer: 1 }, 'Sums').notes as CardNote[];
    expect(note?.prompt).toBe('5 \\* 3');
    expect(note?.answer).toBe('<b>15</b>');
  });

  it('makes HTML cells into safe text with no markup, scripts or links left', () => {
    const table = readTable(
      'front\tback\n<b>Capital</b> of France<script>alert(1)</script>\t<img src=x onerror="alert(2)">Paris<br><a href="javascript:alert(3)">more</a>\n'
    );
    const result = tableToImport(table, { prompt: 0, answer: 1 }, 'Geo', { html: true });
    expect(cards(result)).toEqual(['*Capital* of France → Paris\nmore']);
    expect(JSON.stringify(result.notes)).not.toMatch(/alert|onerror|javascript|<|>/);
    expect(result.warnings).toEqual([
      '1 picture left out: a text file names pictures but does not carry them.'
    ]);
  });

  it('refuses a mapping that cannot make cards', () => {
    const one = readTable('just one column\nanother line\n');
    expect(thrown(() => tableToImport(one, { prompt: 0, answer: 1 }, 'x')).message).toMatch(
      /only one cell/
    );
    const two = readTable('a,b\nc,d');
    expect(thrown(() => tableToImport(two, { prompt: 1, answer: 1 }, 'x')).message).toMatch(
      /different columns/
    );
  });

  it('leaves out a field too long for a card', () => {
    const table = readTable(
      `front,back\nlong,${'x'.repeat(TEXT_LIMITS.maxFieldChars + 1)}\nok,fine\n`
    );
    const result = tableToImport(table, { prompt: 0, answer: 1 }, 'x');
    expect(cards(result)).toEqual(['ok → fine']);
    expect(result.skipped[0]?.what).toBe('line 2');
    expect(result.skipped[0]?.why).toMatch(/100,000 a card can hold/);
  });
});

describe('readAnkiText', () => {
  it('reads a Notes in Plain Text export with its headers: GUID, note type, deck and tags columns', () => {
    const text = [
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      // Fields padded to the note type with the most (three), then the tags.
      '#tags column:7',
      'g1\tBasic\tGeography::Capitals\tCapital of <b>France</b>\tParis\t\teurope capitals',
      'g2\tBasic (and reversed card)\tGeography::Rivers\tLongest river in France\tLoire\t\t',
      'g3\tCloze\tGeography\t{{c1::Canberra}} is the capital of {{c2::Australia::country}}\tSince 1913\t\toceania',
      'g4\tBasic (type in the answer)\tGeography::Capitals\tCapital of Peru\tLima\t\t',
      'g5\tBasic (optional reversed card)\tGeography::Capitals\tCapital of Chile\tSantiago\t\t',
      'g6\tBasic (optional reversed card)\tGeography::Capitals\tCapital of Spain\tMadrid\ty\t'
    ].join('\n');
    const result = readAnkiText(text, 'export.txt');
    expect(result.title).toBe('Geography');
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.notes).toEqual([
      {
        form: 'card',
        key: 'g1:0',
        prompt: 'Capital of *France*',
        answer: 'Paris',
        topic: 'Capitals',
        tags: ['europe', 'capitals']
      },
      {
        form: 'card',
        key: 'g2:0',
        prompt: 'Longest river in France',
        answer: 'Loire',
        topic: 'Rivers'
      },
      {
        form: 'card',
        key: 'g2:1',
        prompt: 'Loire',
        answer: 'Longest river in France',
        topic: 'Rivers'
      },
      {
        form: 'cloze',
        key: 'g3:0',
        before: '',
        answer: 'Canberra',
        after: ' is the capital of Australia',
        explanation: 'Since 1913',
        tags: ['oceania']
      },
      {
        form: 'cloze',
        key: 'g3:1',
        before: 'Canberra is the capital of ',
        answer: 'Australia',
        after: '',
        hint: 'country',
        explanation: 'Since 1913',
        tags: ['oceania']
      },
      {
        form: 'card',
        key: 'g4:0',
        prompt: 'Capital of Peru',
        answer: 'Lima',
        typed: true,
        topic: 'Capitals'
      },
      {
        form: 'card',
        key: 'g5:0',
        prompt: 'Capital of Chile',
        answer: 'Santiago',
        topic: 'Capitals'
      },
      {
        form: 'card',
        key: 'g6:0',
        prompt: 'Capital of Spain',
        answer: 'Madrid',
        topic: 'Capitals'
      },
      {
        form: 'card',
        key: 'g6:1',
        prompt: 'Madrid',
        answer: 'Capital of Spain',
        topic: 'Capitals'
      }
    ]);
  });

  it('reads separators by name or as the character, and the global deck, note type and tags', () => {
    const text =
      '#separator:Pipe\n#deck:Languages::French\n#notetype:Basic\n#tags:fr vocab\nle chien|the dog\n';
    const result = readAnkiText(text, 'file');
    expect(result.title).toBe('Languages');
    expect(result.notes).toEqual([
      {
        form: 'card',
        key: 'line-5:0',
        prompt: 'le chien',
        answer: 'the dog',
        topic: 'French',
        tags: ['fr', 'vocab']
      }
    ]);
    expect(cards(readAnkiText('#separator:;\na;b\n', 'f'))).toEqual(['a → b']);
    expect(cards(readAnkiText('#separator:semicolon\na;b,c\n', 'f'))).toEqual(['a → b,c']);
    expect(cards(readAnkiText('#separator:Comma\n"a, b",c\n', 'f'))).toEqual(['a, b → c']);
    expect(cards(readAnkiText('#separator:space\nun one\n', 'f'))).toEqual(['un → one']);
    expect(cards(readAnkiText('#separator:~\nun~one\n', 'f'))).toEqual(['un → one']);
    // The old first-line tags and no separator header: the separator is detected.
    const old = readAnkiText('tags:old style\nhello\tbonjour\n', 'Greetings');
    expect(old.title).toBe('Greetings');
    expect(old.notes[0]).toMatchObject({
      prompt: 'hello',
      answer: 'bonjour',
      tags: ['old', 'style']
    });
  });

  it('keeps plain fields as text with #html:false, and guesses HTML when the file does not say', () => {
    const plain = readAnkiText('#separator:tab\n#html:false\n<b>5 * 3</b>\t15\n', 'f');
    expect(cards(plain)).toEqual(['<b>5 \\* 3</b> → 15']);
    const guessed = readAnkiText('#separator:tab\n<i>chat</i>\tcat &amp; kitten\n', 'f');
    expect(cards(guessed)).toEqual(['*chat* → cat & kitten']);
    // A plain cloze keeps its angle brackets as text.
    const [cloze] = readAnkiText(
      '#html:false\n#separator:tab\n#notetype:Cloze\n1 < {{c1::2}}\t\n',
      'f'
    ).notes;
    expect(cloze).toMatchObject({ before: '1 < ', answer: '2' });
  });

  it('gives no markup from HTML fields with scripts, handlers or javascript: links', () => {
    const result = readAnkiText(
      '#separator:tab\n#html:true\n<script>alert(1)</script>Q<img src=x onerror=alert(2)>\t<a href="javascript:alert(3)">A</a>[sound:a.mp3]\n',
      'f'
    );
    expect(cards(result)).toEqual(['Q → A']);
    expect(JSON.stringify(result.notes)).not.toMatch(/alert|onerror|javascript|sound|<|>/);
    expect(result.warnings).toEqual([
      '1 picture left out: a text file names pictures but does not carry them.',
      '1 sound left out: a text file names sounds but does not carry them.'
    ]);
  });

  it('leaves out empty, repeated and gapless notes, naming lines as the file counts them', () => {
    const text = [
      '#separator:tab',
      '#guid column:1',
      '#notetype column:2',
      'a\tBasic\tfront\tback',
      '# a comment between notes',
      'b\tBasic\t\tback',
      'c\tBasic\tfront only\t',
      'a\tBasic\tagain\tagain',
      'd\tCloze\tno gaps here\t',
      'e\tBasic\tfront\tback',
      'f\tImage Occlusion\tpicture question\tits answer'
    ].join('\n');
    const result = readAnkiText(text, 'f');
    expect(cards(result)).toEqual(['front → back', 'picture question → its answer']);
    expect(result.skipped).toEqual([
      { what: 'line 6', why: 'the first field is empty' },
      { what: 'line 7', why: 'the second field is empty' },
      { what: 'line 8', why: 'the same note (GUID a) as line 4' },
      { what: 'line 9', why: 'a cloze note with no gap to fill ({{c1::…}})' },
      { what: 'line 10', why: 'the same prompt and answer as line 4' }
    ]);
    expect(result.warnings).toEqual([
      'Note type "Image Occlusion": its first field is taken as the prompt and its second as the answer.'
    ]);
  });

  it('reads a cloze without a note type by its markup, and names the line of a quote left open', () => {
    const [note] = readAnkiText('#separator:tab\nThe {{c1::sun}} is a star\t\n', 'f').notes;
    expect(note).toMatchObject({ form: 'cloze', key: 'line-2:0', answer: 'sun' });
    const error = thrown(() =>
      readAnkiText('#separator:tab\n#html:true\nok\tfine\n"open\tx\n', 'f')
    );
    expect(error.line).toBe(4);
  });
});

describe('readQuizlet', () => {
  it('reads a tab between term and definition and a card per line', () => {
    const result = readQuizlet(
      'ephemeral\tlasting a very short time\r\nubiquitous\tfound everywhere\n\n',
      { between: 'tab', cards: 'newline' },
      'Words'
    );
    expect(result.notes).toEqual([
      { form: 'card', key: 'line-1', prompt: 'ephemeral', answer: 'lasting a very short time' },
      { form: 'card', key: 'line-2', prompt: 'ubiquitous', answer: 'found everywhere' }
    ]);
  });

  it('reads a comma and semicolons, taking the first comma as the end of the term', () => {
    const result = readQuizlet(
      'chien,dog;chat,cat, or kitten;\ncheval,horse',
      { between: 'comma', cards: 'semicolon' },
      'French'
    );
    expect(cards(result)).toEqual(['chien → dog', 'chat → cat, or kitten', 'cheval → horse']);
    expect(result.notes.map((n) => n.key)).toEqual(['card-1', 'card-2', 'card-3']);
  });

  it('reads separators of the learner’s own, and says which lines it left out', () => {
    const result = readQuizlet(
      'Paris - capital of France\n\nRome - capital\nof Italy\n\nno separator here\n\n - empty term\n\nParis - capital of France',
      { between: ' - ', cards: '\n\n' },
      'Capitals'
    );
    expect(cards(result)).toEqual(['Paris → capital of France', 'Rome → capital\nof Italy']);
    expect(result.skipped).toEqual([
      { what: 'line 6', why: 'no " - " between term and definition' },
      { what: 'line 8', why: 'the term is empty' },
      { what: 'line 10', why: 'the same prompt and answer as line 1' }
    ]);
    expect(thrown(() => readQuizlet('a', { between: '', cards: 'newline' }, 'x')).message).toMatch(
      /separator between term and definition is empty/
    );
  });

  it('says a line without a tab is left out, and escapes asterisks', () => {
    const result = readQuizlet('a*b\tc\njust text\n', { between: 'tab', cards: 'newline' }, 'x');
    expect(cards(result)).toEqual(['a\\*b → c']);
    expect(result.skipped).toEqual([{ what: 'line 2', why: 'no tab between term and definition' }]);
  });
});

describe('detectTextFormat', () => {
  it('knows Anki text by its headers and GIFT by its marks', () => {
    expect(detectTextFormat('#separator:tab\n#html:true\na\tb\n')).toBe('anki');
    expect(detectTextFormat('tags:x\n#deck:Spanish\na;b\n')).toBe('anki');
    expect(detectTextFormat('::Q1:: What is 2+2? {=4 ~3 ~5}')).toBe('gift');
    expect(detectTextFormat('The sun is a star. {T}')).toBe('gift');
    expect(detectTextFormat('$CATEGORY: science\n\nWho? {~a =b}')).toBe('gift');
    expect(detectTextFormat('anything', 'quiz.gift')).toBe('gift');
  });

  it('tells a table from a Quizlet list', () => {
    expect(detectTextFormat('front,back\ndog,chien\n')).toBe('csv');
    expect(detectTextFormat('front\tback\tnotes\ndog\tchien\tx\n')).toBe('tsv');
    expect(detectTextFormat('Front\tBack\ndog\tchien\ncat\tchat\n')).toBe('tsv');
    expect(detectTextFormat('dog\tchien\ncat\tchat\nhorse\tcheval\n')).toBe('quizlet');
    expect(detectTextFormat('dog,chien;cat,chat;horse,cheval;')).toBe('quizlet');
    expect(detectTextFormat('dog\tchien\n', 'words.tsv')).toBe('tsv');
    expect(detectTextFormat('dog;chien\n', 'words.csv')).toBe('csv');
    expect(detectTextFormat('')).toBe('csv');
  });
});

describe('limits', () => {
  it('refuses text over 20 MB with its size and the limit, before reading any of it', () => {
    // An unclosed quote at the start: reading it would fail differently (and slowly).
    const big = `"${'a'.repeat(TEXT_LIMITS.maxBytes)}`;
    for (const read of [
      () => readTable(big),
      () => readAnkiText(big, 'x'),
      () => readQuizlet(big, { between: 'tab', cards: 'newline' }, 'x')
    ]) {
      const started = performance.now();
      const error = thrown(read);
      expect(performance.now() - started).toBeLessThan(50);
      expect(error.message).toBe(
        'This text is 20.1 MB, more than the limit of 20 MB: split it into smaller files.'
      );
      expect(error.line).toBeUndefined();
    }
    // Counted as UTF-8, as the file was: 7 million "é" are 14 MB, 8 million "€" are 24 MB.
    expect(() => readTable('é'.repeat(7_000_000))).not.toThrow(/MB/);
    expect(thrown(() => readTable('€'.repeat(8_000_000))).message).toMatch(/22\.9 MB/);
  });

  it('reads just under 20 MB of CSV in a couple of seconds', () => {
    const row = `"Question with a comma, number 0000000",${'answer text '.repeat(22)}\n`;
    const count = Math.floor((TEXT_LIMITS.maxBytes - 100) / row.length);
    const text = `prompt,answer\n${row.repeat(count)}`;
    expect(text.length).toBeLessThan(TEXT_LIMITS.maxBytes);
    expect(text.length).toBeGreaterThan(TEXT_LIMITS.maxBytes - row.length - 200);
    const started = performance.now();
    const table = readTable(text);
    const elapsed = performance.now() - started;
    expect(table.rows.length).toBe(count + 1);
    expect(table.header).toBe(true);
    expect(table.rows.at(-1)?.line).toBe(count + 1);
    expect(table.rows[1]?.cells[0]).toBe('Question with a comma, number 0000000');
    expect(elapsed).toBeLessThan(3_000);
  });

  it('refuses more than 20,000 notes, naming the line where the limit was passed', () => {
    const lines = Array.from({ length: TEXT_LIMITS.maxNotes + 1 }, (_, i) => `q${i}\ta${i}`);
    const text = lines.join('\n');
    const table = readTable(text);
    const error = thrown(() => tableToImport(table, { prompt: 0, answer: 1 }, 'x'));
    expect(error.message).toMatch(/more than 20,000 notes/);
    expect(error.line).toBe(TEXT_LIMITS.maxNotes + 1);
    expect(() => readQuizlet(text, { between: 'tab', cards: 'newline' }, 'x')).toThrow(
      /more than 20,000 notes/
    );
    expect(
      tableToImport(readTable(lines.slice(1).join('\n')), { prompt: 0, answer: 1 }, 'x').notes
    ).toHaveLength(TEXT_LIMITS.maxNotes);
  });
});

/** Fuzzing: valid samples with random pieces put in, taken out or swapped. */
function mutated(samples: string[], pieces: string[]) {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 6 }),
    piece: fc.constantFrom(...pieces)
  });
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([sample, edits]) => {
      let text = sample;
      for (const { at, remove, piece } of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + piece + text.slice(i + remove);
      }
      return text;
    });
}

const PIECES = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r\n',
  '\r',
  '#',
  ' ',
  '\uFEFF',
  '*',
  '\\',
  '<b>',
  '</b>',
  '<script>',
  '{{c1::',
  '{{c2::',
  '::',
  '}}',
  '#separator:',
  '#html:true\n',
  '#deck column:2\n',
  '#tags column:9\n',
  '#guid column:1\n',
  '#notetype column:2\n',
  'Cloze',
  'tags:',
  'x'
];

/** Every reader either gives a result or refuses with an ImportError, never anything else. */
function resultOrImportError(read: () => ImportResult): void {
  let result: ImportResult;
  try {
    result = read();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return;
  }
  expect(Array.isArray(result.notes)).toBe(true);
  for (const note of result.notes) {
    expect(typeof note.key).toBe('string');
    if (note.form === 'card') {
      expect(note.prompt).not.toBe('');
      expect(note.answer).not.toBe('');
    }
  }
  expect(new Set(result.notes.map((n) => n.key)).size).toBe(result.notes.length);
}

describe('fuzzing', () => {
  it('CSV: every mutated table reads or is refused with an ImportError', () => {
    const samples = [
      'front,back\ndog,chien\n"cat, kitty",chat\n',
      'question;answer;tags\n"What is\n2+2?";4;maths\n',
      'a\tb\tc\n1\t2\t3\n',
      '\uFEFFprompt,answer,variants\r\n"say ""hi""",hello,hi|hey\r\n'
    ];
    fc.assert(
      fc.property(mutated(samples, PIECES), fc.boolean(), (text, html) => {
        resultOrImportError(() => {
          const table = readTable(text);
          return tableToImport(table, guessMapping(table), 'fuzz', { html });
        });
      }),
      { numRuns: 1500, seed: 20240611 }
    );
  });

  it('Anki text: every mutated export reads or is refused with an ImportError', () => {
    const samples = [
      '#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\ng1\tBasic\tA::B\t<b>front</b>\tback\ttag\ng2\tCloze\tA\t{{c1::x}} and {{c2::y::hint}}\textra\t\n',
      '#separator:Comma\n#html:false\n"a, b",c\nd,"e\nf"\n',
      'tags:one two\n#deck:D::E\nq;a\n',
      '#separator:pipe\n#notetype:Basic (and reversed card)\nx|y\n'
    ];
    fc.assert(
      fc.property(mutated(samples, PIECES), (text) => {
        resultOrImportError(() => readAnkiText(text, 'fuzz'));
      }),
      { numRuns: 1500, seed: 1913 }
    );
  });

  it('Quizlet: every mutated list reads or is refused with an ImportError', () => {
    const samples = [
      'dog\tchien\ncat\tchat\n',
      'dog,chien;cat,chat;',
      'Paris - France\n\nRome - Italy'
    ];
    const options = fc.record({
      between: fc.constantFrom('tab', 'comma', ' - ', ':', '\t'),
      cards: fc.constantFrom('newline', 'semicolon', '\n\n', '|')
    });
    fc.assert(
      fc.property(mutated(samples, PIECES), options, (text, chosen) => {
        resultOrImportError(() => readQuizlet(text, chosen, 'fuzz'));
      }),
      { numRuns: 1500, seed: 7 }
    );
  });
});
