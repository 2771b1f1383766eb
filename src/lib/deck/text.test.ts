import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize';
import { splitParagraphs } from './paragraphs';
import { supportTokens, unsupportedTokens } from './support';

describe('splitParagraphs', () => {
  it.each([
    ['one\n\ntwo', ['one', 'two']],
    ['one\n  \t\ntwo', ['one', 'two']],
    ['one\n\n\n\n two \n', ['one', 'two']],
    ['\n\nfirst line\nsame paragraph\n\nnext', ['first line\nsame paragraph', 'next']],
    ['a\r\n\r\nb', ['a', 'b']],
    ['', []]
  ])('splits %j on blank lines', (text, expected) => {
    expect(splitParagraphs(text)).toEqual(expected);
  });
});

describe('normalizeText', () => {
  it.each([
    ['Đổi Mới', 'doi moi'],
    ['Kim Jong-un', 'kim jong un'],
    ['50,000 rubles', '50000 rubles'],
    ['US$ 1.5 million', 'us 1.5 million'],
    ['Jan. 1950', 'january 1950'],
    ['Sept 1965', 'september 1965'],
    ['Martyrs’ Cemetery', 'martyrs cemetery'],
    ['  The   end. ', 'the end']
  ])('%j becomes %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

describe('support check', () => {
  it('asks for numbers, months and capitalised names, not common words', () => {
    expect(supportTokens('In July 1957, 50,000 rubles for the Workers’ Party of Korea')).toEqual([
      'july',
      '1957',
      '50000',
      'workers',
      'party',
      'korea'
    ]);
  });

  it('accepts an answer written differently from the paragraph', () => {
    const paragraph =
      'In Jan. 1950 Hanoi and Pyongyang set up ties; aid reached 50.000 rubles to Kim Il-sung.';
    expect(unsupportedTokens('January 1950', [paragraph])).toEqual([]);
    expect(unsupportedTokens('Kim Il Sung', [paragraph])).toEqual([]);
  });

  it('reports what the cited paragraphs do not say', () => {
    expect(unsupportedTokens('August 1957', ['Ho visited in July 1957.'])).toEqual(['august']);
    expect(unsupportedTokens('Le Duan', ['Ho visited in July 1957.'])).toEqual(['le', 'duan']);
  });

  it('lets a known misspelling in a source support the corrected name', () => {
    const paragraph = 'Kim Ill Song sent aid.';
    expect(unsupportedTokens('Kim Il Sung', [paragraph])).toEqual(['il', 'sung']);
    expect(
      unsupportedTokens('Kim Il Sung', [paragraph], [{ bad: 'Kim Ill Song', good: 'Kim Il Sung' }])
    ).toEqual([]);
  });
});
