import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clozeNotes, clozeNumbers } from './cloze';

describe('clozeNotes', () => {
  it('makes one gap into the text before it, the answer and the text after it', () => {
    expect(clozeNotes('The capital of France is {{c1::Paris}}.', '', 'n1')).toEqual([
      {
        form: 'cloze',
        key: 'n1:0',
        before: 'The capital of France is ',
        answer: 'Paris',
        after: '.'
      }
    ]);
  });

  it('keeps a hint to show in the gap', () => {
    const [note] = clozeNotes('{{c1::Paris::city}} is the capital of France', '', 'n');
    expect(note).toMatchObject({ before: '', answer: 'Paris', hint: 'city' });
    expect(note?.after).toBe(' is the capital of France');
  });

  it('makes one note per number, in order, with the other numbers shown as plain text', () => {
    const notes = clozeNotes(
      '{{c2::Canberra}} is the capital of {{c1::Australia::country}}.',
      '',
      'guid'
    );
    expect(notes.map((n) => [n.key, n.before, n.answer, n.after, n.hint])).toEqual([
      ['guid:0', 'Canberra is the capital of ', 'Australia', '.', 'country'],
      ['guid:1', '', 'Canberra', ' is the capital of Australia.', undefined]
    ]);
  });

  it('makes several gaps of one number one note: the others show as [...] or their hint, and the whole text leads the explanation', () => {
    const notes = clozeNotes(
      '{{c1::Paris}} is the capital of {{c1::France}}, on the {{c1::Seine::river}}.',
      'It has been since <b>508</b>.',
      'n'
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      before: '',
      answer: 'Paris',
      after: ' is the capital of [...], on the [river].',
      explanation: 'Paris is the capital of France, on the Seine.\n\nIt has been since *508*.'
    });
  });

  it('takes a gap with two numbers as a gap of each', () => {
    const notes = clozeNotes('{{c1,2::H2O}} is {{c2::water}}', '', 'n');
    expect(notes.map((n) => [n.key, n.answer, n.after])).toEqual([
      ['n:0', 'H2O', ' is water'],
      ['n:1', 'H2O', ' is [...]']
    ]);
    expect(clozeNumbers('{{c1,2::H2O}} is {{c2::water}} {{c0::not a card}}')).toEqual([1, 2]);
  });

  it('reads nested gaps as Anki does: the outer answer holds the inner text', () => {
    const notes = clozeNotes('{{c1::The {{c2::red}} planet}} is Mars', '', 'n');
    expect(notes.map((n) => [n.before, n.answer, n.after])).toEqual([
      ['', 'The red planet', ' is Mars'],
      ['The ', 'red', ' planet is Mars']
    ]);
  });

  it('makes HTML into safe text, with emphasis closed on both sides of the gap', () => {
    const [note] = clozeNotes(
      '<div>The <b>capital {{c1::Paris}}</b> has<br>a 5 * 3 m plaque.</div>',
      '',
      'n'
    );
    expect(note).toMatchObject({
      before: 'The *capital* ',
      answer: '*Paris*',
      after: ' has\na 5 \\* 3 m plaque.'
    });
  });

  it('never shows markup or script from the text, the hint or the extra field', () => {
    const notes = clozeNotes(
      '<script>alert(1)</script><img src=x onerror="alert(2)">{{c1::<a href="javascript:alert(3)">Paris</a>::<i onclick="x()">city</i>}}',
      '<script>alert(4)</script>ok',
      'n'
    );
    expect(notes).toHaveLength(1);
    const shown = JSON.stringify(notes);
    expect(shown).not.toMatch(/alert|onerror|onclick|javascript|<|>/);
    expect(notes[0]).toMatchObject({ answer: 'Paris', hint: '*city*', explanation: 'ok' });
  });

  it('gives no note for a gap the learner could never see or that is empty', () => {
    expect(clozeNotes('<img alt="{{c1::Paris}}"> is a city', '', 'n')).toEqual([]);
    expect(clozeNotes('<script>{{c1::x}}</script>', '', 'n')).toEqual([]);
    expect(clozeNotes('Nothing {{c1::}} here', '', 'n')).toEqual([]);
    expect(clozeNotes('No gaps at all', 'extra', 'n')).toEqual([]);
  });

  it('keeps a gap that never closes, and a stray }}, as the text they are', () => {
    expect(clozeNotes('{{c1::Paris}} and }} and {{c2::Lyon', '', 'n')).toEqual([
      { form: 'cloze', key: 'n:0', before: '', answer: 'Paris', after: ' and }} and {{c2::Lyon' }
    ]);
    expect(clozeNumbers('{{c2::Lyon')).toEqual([]);
    expect(clozeNotes('{{c::x}} {{cx::y}}', '', 'n')).toEqual([]);
  });

  it('reads long and hostile text in one pass', () => {
    const started = performance.now();
    clozeNotes('{'.repeat(200_000) + '}'.repeat(200_000), '', 'n');
    clozeNotes('{{c1::'.repeat(50_000), '', 'n');
    expect(clozeNotes('{{c1::a}} '.repeat(50_000), '', 'n')).toHaveLength(1);
    // Many numbers in one long text: capped, so the work stays bounded.
    const many = Array.from({ length: 5_000 }, (_, i) => `{{c${i + 1}::w${i}}}`).join(' ');
    expect(clozeNotes(many, '', 'n').length).toBeLessThanOrEqual(500);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('never throws, and always gives answers that are not blank, whatever the markup', () => {
    const piece = fc.constantFrom(
      '{{c1::',
      '{{c2::',
      '{{c1,2::',
      '}}',
      '::',
      'text ',
      '<b>',
      '</b>',
      '<br>',
      '*',
      '\\',
      '{',
      '}',
      '\n',
      '<script>',
      '</script>'
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const notes = clozeNotes(pieces.join(''), '', 'k');
        for (const note of notes) {
          expect(note.answer.trim()).not.toBe('');
          expect(note.key).toMatch(/^k:[0-9]+$/);
        }
        expect(new Set(notes.map((n) => n.key)).size).toBe(notes.length);
      }),
      { numRuns: 1000, seed: 4181 }
    );
  });
});
