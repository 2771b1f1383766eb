import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { giftLines, parseGift } from './gift';
import { categoryName, giftToImport, markdownToSafeText } from './gift-notes';
import { ImportError, type ImportedNote } from './types';

const fixturesPath = resolve('../shared/fixtures/gift');
const haveFixtures = existsSync(fixturesPath);
if (!haveFixtures)
  console.warn(
    `Skipping the GIFT reference fixtures: ${fixturesPath} is absent (the shared folder is not beside the project).`
  );
const fixtureNames = haveFixtures
  ? readdirSync(fixturesPath)
      .filter((name) => name.endsWith('.gift'))
      .sort()
  : [];
const readFixture = (name: string) => readFileSync(resolve(fixturesPath, name), 'utf8');

describe.skipIf(!haveFixtures)('parseGift reads every reference fixture into its tree', () => {
  it('finds the fixtures', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(51);
  });

  for (const name of fixtureNames) {
    it(name, () => {
      const expected = JSON.parse(readFixture(name.replace(/\.gift$/, '.json')));
      expect(parseGift(readFixture(name))).toStrictEqual(expected);
    });
  }
});

/** The error `parseGift` throws for `text`, which must be an ImportError. */
function errorOf(text: string): ImportError {
  try {
    parseGift(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected a syntax error');
}

describe('parseGift reports a syntax error on its line', () => {
  it('names an answer block that is never closed, on the line of its {', () => {
    const e = errorOf('Q1 {T}\n\n// a comment\nWho is buried here? {\n  =no one\n  ~Grant\n');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/never closed/);
  });

  it('names the open block, not the next question, when a } is missing before another {', () => {
    const e = errorOf('Who? {=no one ~Grant\n\nNext question {T}');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/line 1 is not closed.*line 3/);
  });

  it('names a } that closes nothing', () => {
    expect(errorOf('Fine {T}\n\nA stray } here {T}').line).toBe(3);
  });

  it('names a title that is never closed', () => {
    const e = errorOf('Fine {T}\n\n::Title without end\nText {T}');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/title/);
  });

  it('names a second answer block in one question (a missing blank line)', () => {
    const e = errorOf('Q1 {T}\nQ2 {F}');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/blank line/);
  });

  it('names the line of a bad number inside a numerical block, counting comments and CRLF', () => {
    const e = errorOf('// heading\r\n\r\nWhen? {#\r\n  =1822:0\r\n  =18x2:2\r\n}');
    expect(e.line).toBe(5);
    expect(e.message).toContain('"18x2"');
  });

  it('names a malformed weight and text before the first answer', () => {
    expect(errorOf('Q {\n=right\n~%fifty%wrong\n}').line).toBe(3);
    const e = errorOf('\n\nQ {one =two}');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/= \(right\) or ~ \(wrong\)/);
  });

  it('names a numerical block with no number and an empty category', () => {
    expect(errorOf('a\n\nHow many? {#}').line).toBe(3);
    expect(errorOf('$CATEGORY:   \n').line).toBe(1);
  });
});

describe('parseGift keeps questions apart and knows where they are', () => {
  it('records the line each question starts on, for the preview', () => {
    const tree = parseGift('// c\n$CATEGORY: top/A\n\n::T::\nQ {T}\n\nR {F}');
    expect(giftLines(tree)).toEqual([2, 4, 7]);
    expect(giftLines([...tree])).toBeUndefined();
  });

  it('allows blank lines inside an answer block', () => {
    const [q] = parseGift('Q {\n=a\n\n~b\n}');
    expect(q).toMatchObject({ type: 'MC', choices: [{ isCorrect: true }, { isCorrect: false }] });
  });

  it('reads a lone answer, a wildcard and a tolerance the way Moodle writes them', () => {
    const [short, numerical] = parseGift('{F sharp} is a note.\n\nN {#5:1 ~#no}');
    expect(short).toMatchObject({ type: 'Short', hasEmbeddedAnswers: true });
    expect(numerical).toMatchObject({
      type: 'Numerical',
      choices: [
        { isCorrect: true, text: { type: 'range', number: 5, range: 1 } },
        { isCorrect: false, text: { text: '*' }, feedback: { text: 'no' } }
      ]
    });
  });
});

/**
 * The processor time `run` takes, in ms. Processor time rather than the clock: the budgets
 * below are about the reader's own work, which a busy machine does not change.
 */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Inputs made from the fixtures (or a few samples when they are absent) by mutation. */
const SAMPLES = [
  "::T::[html]<p>Who's buried?</p>{~Grant#no =no one#yes ####Because.}",
  'When? {#\n=1822:0 #right\n=%50%1822:2\n~#no}\n\nPi? {#3.141..3.142}',
  '$CATEGORY: $course$/top/A\n\n// [id:1] [tag:x]\nQ {=a -> b =c -> d =e -> f}\n\nTF {TRUE#w#r}',
  'Essay {}\n\nDescription only\n\n{=Asia} is big.\n\n[markdown]**Bold** {=x =y ~z}'
];
const corpus = haveFixtures ? fixtureNames.map(readFixture) : SAMPLES;

describe('parseGift on damaged input', () => {
  it('either reads (and converts) or throws an ImportError with a line, quickly, for 1,500 mutated files', () => {
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(),
        n: fc.integer({ min: 1, max: 4 })
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc
          .array(fc.constantFrom(...'{}=~#:\\', '\n', '\n\n', '::', '####', '%', '->'), {
            minLength: 1,
            maxLength: 4
          })
          .map((parts) => parts.join(''))
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })
    );
    const mutated = fc
      .tuple(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 6 }))
      .map(([text, edits]) =>
        edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          if (e.kind === 'delete') return t.slice(0, at) + t.slice(at + e.n);
          if (e.kind === 'insert') return t.slice(0, at) + e.text + t.slice(at);
          return t.slice(0, at);
        }, text)
      );
    fc.assert(
      fc.property(mutated, (text) => {
        let error: unknown = null;
        let tree: ReturnType<typeof parseGift> | null = null;
        const used = cpuMs(() => {
          try {
            tree = parseGift(text);
          } catch (e) {
            error = e;
          }
        });
        expect(used).toBeLessThan(250);
        // What reads also converts, without throwing.
        if (tree) giftToImport(tree, 'Fuzz');
        if (error === null) return;
        expect(error).toBeInstanceOf(ImportError);
        const { line } = error as ImportError;
        expect(Number.isInteger(line)).toBe(true);
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(text.split(/\r\n?|\n/).length);
      }),
      { seed: 20_240_611, numRuns: 1500 }
    );
  });

  it('reads a megabyte of questions in well under a second', () => {
    const one = corpus.join('\n\n') + '\n\n';
    const valid = one.repeat(Math.ceil(1_000_000 / one.length));
    let tree: ReturnType<typeof parseGift> = [];
    expect(cpuMs(() => (tree = parseGift(valid)))).toBeLessThan(1000);
    expect(valid.length).toBeGreaterThan(1_000_000);
    expect(tree.length).toBeGreaterThan(1000);
  });

  it('rejects or reads hostile megabyte inputs in linear time', () => {
    const inputs = [
      '::' + 'a'.repeat(1_000_000),
      '{' + ' '.repeat(1_000_000),
      'Q {#' + '1'.repeat(1_000_000) + 'x}',
      'Q {' + '\\'.repeat(1_000_001) + '}',
      'Q {' + '=a#'.repeat(100_000) + '}',
      '// [id:'.repeat(150_000),
      'Q {One' + '#'.repeat(1_000_000) + '}',
      ('x'.repeat(50) + '\n').repeat(20_000),
      'Q {=a ' + ' \n'.repeat(500_000) + '~b}'
    ];
    for (const input of inputs) {
      let error: unknown = null;
      const used = cpuMs(() => {
        try {
          parseGift(input);
        } catch (e) {
          error = e;
        }
      });
      expect(used).toBeLessThan(1000);
      if (error !== null) expect(error).toBeInstanceOf(ImportError);
    }
  });
});

/** The notes of a GIFT text, read with the file title "Quiz". */
function notesOf(text: string) {
  return giftToImport(parseGift(text), 'Quiz');
}

describe('giftToImport makes the notes a learner sees', () => {
  it('a multiple-choice question with one right answer: a choice note with its own wrong options', () => {
    const { notes, skipped } = notesOf(
      "::Tomb::Who's buried in Grant's tomb?{~Grant#No. ~Jefferson =no one#Right: he lies above ground.}"
    );
    expect(skipped).toEqual([]);
    expect(notes).toEqual([
      {
        key: 'Tomb',
        form: 'choice',
        prompt: "Who's buried in Grant's tomb?",
        answer: 'no one',
        distractors: ['Grant', 'Jefferson'],
        explanation: 'Right: he lies above ground.'
      }
    ]);
  });

  it('general feedback wins over the right answer’s, and partial credit is a wrong option with a warning', () => {
    const { notes, warnings } = notesOf(
      'Grant is {~buried ~%50%interred =entombed#Yes. ####Grant lies in a mausoleum.} in his tomb.'
    );
    expect(notes[0]).toMatchObject({
      key: 'q1',
      prompt: 'Grant is _____ in his tomb.',
      answer: 'entombed',
      distractors: ['buried', 'interred'],
      explanation: 'Grant lies in a mausoleum.'
    });
    expect(warnings).toEqual([
      'Multiple-choice question on line 1: options worth part of the marks are offered as wrong options.'
    ]);
  });

  it('several equally right options reduce to the first; a pick-several question is skipped', () => {
    const { notes, skipped, warnings } = notesOf(
      'Name a season: {=spring =summer ~easter}\n\n::colours::Pick two: {~%50%yellow ~%50%beige ~%-100%red}'
    );
    expect(notes).toEqual([
      {
        key: 'q1',
        form: 'choice',
        prompt: 'Name a season:',
        answer: 'spring',
        distractors: ['easter']
      }
    ]);
    expect(warnings[0]).toMatch(/2 options were right; the first, "spring", is the answer/);
    expect(skipped).toEqual([
      {
        what: 'multiple-choice question "colours" on line 3',
        why: 'several options must be chosen together for full marks, and a choice question has one right answer'
      }
    ]);
  });

  it('true/false: a statement and its truth, explained by the feedback', () => {
    const { notes } = notesOf(
      "Grant is buried in Grant's tomb.{FALSE#No one is buried there.}\n\nThe sun rises in the east.{T}"
    );
    expect(notes).toEqual([
      {
        key: 'q1',
        form: 'truefalse',
        statement: "Grant is buried in Grant's tomb.",
        answer: false,
        explanation: 'No one is buried there.'
      },
      { key: 'q2', form: 'truefalse', statement: 'The sun rises in the east.', answer: true }
    ]);
  });

  it('short answer: a typed card, the other right answers as variants, partial ones left out', () => {
    const { notes, warnings } = notesOf(
      '::Home::Jesus Christ was from {=Nazareth#Yes! =Nazaret =%75%Nazereth =%0%*#No}.'
    );
    expect(notes).toEqual([
      {
        key: 'Home',
        form: 'card',
        prompt: 'Jesus Christ was from _____ .',
        answer: 'Nazareth',
        variants: ['Nazaret'],
        typed: true,
        explanation: 'Yes!'
      }
    ]);
    expect(warnings).toEqual([
      'Short-answer question "Home" on line 1: answers worth part of the marks ("Nazereth") are not accepted.'
    ]);
  });

  it('numerical: a tolerance gives min and max, a range gives its midpoint', () => {
    const { notes } = notesOf(
      [
        'Pi to 3 places? {#3.1415:0.0005}',
        'A number from 1 to 5. {#1..5}',
        'Grant was born in {#\n=1822:0 #Right.\n=%50%1822:2 #Close.\n}'
      ].join('\n\n')
    );
    expect(notes).toEqual([
      {
        key: 'q1',
        form: 'numeric',
        prompt: 'Pi to 3 places?',
        value: 3.1415,
        min: 3.141,
        max: 3.142
      },
      { key: 'q2', form: 'numeric', prompt: 'A number from 1 to 5.', value: 3, min: 1, max: 5 },
      {
        key: 'q3',
        form: 'numeric',
        prompt: 'Grant was born in',
        value: 1822,
        min: 1822,
        max: 1822,
        explanation: 'Right.'
      }
    ]);
  });

  it('matching: the pairs, without the extra answers that match nothing', () => {
    const { notes, warnings } = notesOf(
      'Match the capitals. {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris}'
    );
    expect(notes).toEqual([
      {
        key: 'q1',
        form: 'match',
        prompt: 'Match the capitals.',
        pairs: [
          { left: 'Canada', right: 'Ottawa' },
          { left: 'Italy', right: 'Rome' },
          { left: 'Japan', right: 'Tokyo' }
        ]
      }
    ]);
    expect(warnings[0]).toMatch(/\("Paris"\) are left out/);
  });

  it('a category is the topic of the questions after it; the file title stays the deck title', () => {
    const result = notesOf(
      '$CATEGORY: $course$/top/Presidents/Grant\n\nQ1 {T}\n\n$CATEGORY: $course$/top/Rivers\n\nQ2 {F}'
    );
    expect(result.title).toBe('Quiz');
    expect(result.notes.map((n) => n.topic)).toEqual(['Grant', 'Rivers']);
    expect(giftToImport(parseGift('$CATEGORY: $course$/top/Rivers\n\nQ {T}'), ' ').title).toBe(
      'Rivers'
    );
    expect(categoryName('$course$/top/Default for Unit 1: Topic')).toBe(
      'Default for Unit 1: Topic'
    );
    expect(categoryName('$system$/top')).toBeUndefined();
    expect(categoryName('top/A//B')).toBe('A/B');
  });

  it('essays and descriptions are skipped, saying where and why', () => {
    const { notes, skipped } = notesOf(
      '::Intro::Use pencil and paper.\n\n// essay\n::Q8:: How are you? {}\n\nWrite about Grant. {}'
    );
    expect(notes).toEqual([]);
    expect(skipped).toEqual([
      {
        what: 'description "Intro" on line 1',
        why: 'a description is text between questions, with nothing to answer'
      },
      { what: 'essay question "Q8" on line 4', why: 'essay questions need a teacher to mark them' },
      { what: 'essay question on line 6', why: 'essay questions need a teacher to mark them' }
    ]);
  });

  it('names a skipped question by its position when the tree does not come from parseGift', () => {
    const copy = [...parseGift('Intro text\n\n::::Essay? {}')];
    expect(copy[1]).toMatchObject({ type: 'Essay', title: null });
    expect(giftToImport(copy, 'Quiz').skipped.map((s) => s.what)).toEqual([
      'description, question 1 of the file',
      'essay question, question 2 of the file'
    ]);
  });

  it('keys: a unique title, else the position', () => {
    const { notes } = notesOf('::A::x {T}\n\n::A::y {T}\n\n::B::z {T}\n\n::q1::w {T}\n\nv {T}');
    expect(notes.map((n) => n.key)).toEqual(['q1', 'q2', 'B', 'q4', 'q5']);
  });

  it('tags from comments, and markdown emphasis kept as safe-text emphasis', () => {
    const { notes } = notesOf(
      "// [tag:history] [tag:us]\n[markdown]Who's buried in **Grant's tomb** (2 * 3 = 6)?{=no one}"
    );
    expect(notes[0]).toMatchObject({
      tags: ['history', 'us'],
      prompt: "Who's buried in *Grant's tomb* (2 \\* 3 = 6)?"
    });
    expect(markdownToSafeText('a _b_ snake_case **c *d* e** f\\*  \nnext')).toBe(
      'a *b* snake_case *c d e* f\\*\nnext'
    );
    expect(notesOf('5 * 3 = ? {=15 ~8}').notes[0]).toMatchObject({ prompt: '5 \\* 3 = ?' });
  });
});

describe('Moodle’s own format', () => {
  it('reads tags and entities as HTML, as Moodle shows them, and keeps any other text as written', () => {
    const { notes } = notesOf(
      [
        'Who wrote <i>War and Peace</i>? {=Tolstoy ~Dostoevsky ~Chekhov}',
        '',
        'Is 3 < 4 & 5 > 2? {T}',
        '',
        'Caf&eacute; au lait<br>is French.<script>x()</script> {T}'
      ].join('\n')
    );
    expect(
      notes.map((n) => (n.form === 'truefalse' ? n.statement : 'prompt' in n && n.prompt))
    ).toEqual(['Who wrote *War and Peace*?', 'Is 3 < 4 & 5 > 2?', 'Café au lait\nis French.']);
  });
});

describe('giftToImport with hostile HTML', () => {
  const hostile = [
    '::Trap::[html]<script>alert("q")</script><p>What is <b>2+2</b>?<img src\\=x onerror\\="alert(1)"></p>{',
    '  =[html]<img src\\=x onerror\\=alert(2)>4#<script>steal()</script>Right.',
    '  ~[html]<a href\\="javascript\\:alert(3)">5</a>',
    '  ~[html]<iframe src\\="evil"></iframe>3<style>*\\{\\}</style>',
    '  ####[html]<svg onload\\=alert(4)><script>x</script></svg>Four.',
    '}',
    '',
    '[html]<img src\\=x onerror\\=alert(5)>Paris is in France.<script>1</script>{T}'
  ].join('\n');

  it('keeps the text and none of the markup', () => {
    const { notes } = notesOf(hostile);
    expect(notes).toEqual([
      {
        key: 'Trap',
        form: 'choice',
        prompt: 'What is *2+2*?',
        answer: '4',
        distractors: ['5', '3'],
        explanation: 'Four.'
      },
      { key: 'q2', form: 'truefalse', statement: 'Paris is in France.', answer: true }
    ]);
    const everything = JSON.stringify(notes as ImportedNote[]);
    for (const bad of ['<', '>', 'script', 'onerror', 'alert', 'javascript', 'iframe', 'svg'])
      expect(everything).not.toContain(bad);
  });
});
