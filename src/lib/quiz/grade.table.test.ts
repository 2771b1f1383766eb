import { describe, expect, it } from 'vitest';
import { gradeTyped, parseDate, scoreMatch, scoreOrder } from './grade';

// Other answers of a deck: a typo must not pass when it is as close to one of these.
const koreanLeaders = ['Kim Il Sung', 'Kim Jong Il', 'Kim Jong-un', 'Kim Yong-nam', 'Kim Yong-il'];
const vietnamese = [
  'Ho Chi Minh',
  'Le Duan',
  'Le Duc Tho',
  'Pham Van Dong',
  'Nguyen Phu Trong',
  'Le Thanh Nghi'
];
const places = ['Hanoi', 'Haiphong', 'Pyongyang', 'Bac Giang', 'Thai Binh', 'Dong Dang', 'Danang'];

type Case = [given: string, accepted: string[], others: string[], correct: boolean, note: string];

const cases: Case[] = [
  // Case, punctuation, spaces, articles
  ['ho chi minh', ['Ho Chi Minh'], vietnamese, true, 'case'],
  ['  Ho   Chi  Minh ', ['Ho Chi Minh'], vietnamese, true, 'extra spaces'],
  ['Ho Chi Minh.', ['Ho Chi Minh'], vietnamese, true, 'trailing punctuation'],
  ['the Ho Chi Minh Mausoleum', ['Ho Chi Minh Mausoleum'], [], true, 'leading article added'],
  ['Ho Chi Minh Mausoleum', ['the Ho Chi Minh Mausoleum'], [], true, 'leading article dropped'],
  ['a rice-for-weapons deal', ['rice-for-weapons deal'], [], true, 'article a'],
  ['Non-Aligned Movement', ['the Non-Aligned Movement'], [], true, 'hyphen and article'],
  ['non aligned movement', ['the Non-Aligned Movement'], [], true, 'hyphen as space'],
  ["Martyrs' Cemetery", ['Martyrs’ Cemetery'], [], true, 'straight and curly apostrophe'],
  // Diacritics
  ['Doi Moi', ['Đổi Mới'], [], true, 'diacritics removed'],
  ['Đổi Mới', ['Doi Moi'], [], true, 'diacritics typed'],
  ['Hà Nội', ['Hanoi'], places, true, 'the Vietnamese spelling is one space away'],
  ['Hà Nội', ['Hanoi', 'Ha Noi'], places, true, 'listed variant with accents'],
  ['Lê Duẩn', ['Le Duan'], vietnamese, true, 'Vietnamese tone marks'],
  // Korean names
  ['Kim Jong Un', ['Kim Jong-un'], koreanLeaders, true, 'spaced for hyphenated'],
  ['kim jong-un', ['Kim Jong Un'], koreanLeaders, true, 'hyphenated for spaced'],
  ['Kim Il-sung', ['Kim Il Sung'], koreanLeaders, true, 'hyphenated lower-case second part'],
  ['Kim Jong Il', ['Kim Il Sung'], koreanLeaders, false, 'another leader, never accepted'],
  ['Kim Jong Un', ['Kim Jong Il'], koreanLeaders, false, 'son for father'],
  ['Kim Jong Ill', ['Kim Jong Il'], koreanLeaders, true, 'one extra letter'],
  ['Kim Jon Il', ['Kim Jong Il'], koreanLeaders, true, 'one missing letter'],
  ['Kim Yong Il', ['Kim Yong-il'], koreanLeaders, true, 'spaced form'],
  ['Kim Yong Nam', ['Kim Yong-il'], koreanLeaders, false, 'the other Kim Yong'],
  ['Kim Il Sun', ['Kim Il Sung'], koreanLeaders, true, 'dropped last letter'],
  // Typos
  ['Ho Chi Mihn', ['Ho Chi Minh'], vietnamese, true, 'transposition'],
  ['Ho Chi Min', ['Ho Chi Minh'], vietnamese, true, 'one letter short'],
  ['Ho Chu Mnh', ['Ho Chi Minh'], vietnamese, true, 'two edits on a long answer'],
  ['Hu Cha Mnh', ['Ho Chi Minh'], vietnamese, false, 'three edits'],
  ['Pyongyan', ['Pyongyang'], places, true, 'one letter short on a long word'],
  ['Pyonyang', ['Pyongyang'], places, true, 'one letter missing'],
  ['Hanio', ['Hanoi'], places, true, 'transposition on a short word'],
  ['Hanoo', ['Hanoi'], places, true, 'one substitution on a short word'],
  ['Hnoo', ['Hanoi'], places, false, 'two edits on a short word'],
  ['Le Duc', ['Le Duan'], vietnamese, false, 'closer to Le Duc Tho than allowed'],
  ['Le Dua', ['Le Duan'], vietnamese, true, 'one letter short'],
  ['Le Duc Th', ['Le Duc Tho'], vietnamese, true, 'one letter short of Le Duc Tho'],
  ['Le Duan', ['Le Duc Tho'], vietnamese, false, 'a different person'],
  ['Dong', ['Dong Dang'], places, false, 'a part is not the answer'],
  ['Danang', ['Dong Dang'], places, false, 'another place'],
  ['Juche', ['juche'], [], true, 'term, case'],
  ['juch', ['juche'], [], true, 'term, one letter'],
  ['USSR', ['the Soviet Union', 'USSR'], [], true, 'listed short form'],
  ['UAR', ['USSR'], [], false, 'short answers allow no typo'],
  ['USRR', ['USSR'], [], true, 'one substitution on four letters'],
  ['URRS', ['USSR'], [], false, 'two edits on four letters'],
  // Numbers and units
  ['50000', ['50,000 rubles'], [], true, 'number without unit or separator'],
  ['50,000', ['50,000 rubles'], [], true, 'number with separator'],
  ['50 000 rubles', ['50,000 rubles'], [], true, 'space as separator, with unit'],
  ['50000 ruble', ['50,000 rubles'], [], true, 'singular unit'],
  ['5000', ['50,000 rubles'], [], false, 'off by a zero'],
  ['50,000 dollars', ['50,000 rubles'], [], false, 'wrong unit'],
  ['14', ['14'], [], true, 'plain count'],
  ['15', ['14'], [], false, 'numbers get no typo allowance'],
  ['about 100 pilots', ['about 100 pilots'], [], true, 'exact'],
  ['100', ['about 100 pilots'], [], true, 'the number alone'],
  ['100 pilots', ['about 100 pilots'], [], true, 'number and unit'],
  ['12,300,333 rubles', ['12,300,333 rubles'], [], true, 'millions with separators'],
  ['12300333', ['12,300,333 rubles'], [], true, 'millions without'],
  ['12300334', ['12,300,333 rubles'], [], false, 'one digit off'],
  // Dates
  ['January 1950', ['January 1950'], [], true, 'exact'],
  ['Jan. 1950', ['January 1950'], [], true, 'abbreviated with a full stop'],
  ['jan 1950', ['January 1950'], [], true, 'abbreviated, lower case'],
  ['1950-01', ['January 1950'], [], true, 'ISO month'],
  ['1950-1', ['January 1950'], [], true, 'ISO month without zero'],
  ['February 1950', ['January 1950'], [], false, 'wrong month'],
  ['1950', ['January 1950'], [], false, 'year alone when a month is asked'],
  ['1950', ['January 1950', '1950'], [], true, 'year listed as a variant'],
  ['5 July 1957', ['5 July 1957'], [], true, 'full date'],
  ['July 5, 1957', ['5 July 1957'], [], true, 'American order'],
  ['July 5th 1957', ['5 July 1957'], [], true, 'ordinal'],
  ['1957-07-05', ['5 July 1957'], [], true, 'ISO date'],
  ['6 July 1957', ['5 July 1957'], [], false, 'wrong day'],
  ['Sept 1965', ['September 1965'], [], true, 'Sept abbreviation'],
  ['Novemebr 1958', ['November 1958'], [], true, 'typo in the month'],
  ['November 1959', ['November 1958'], [], false, 'year off by one'],
  // Empty
  ['', ['Hanoi'], places, false, 'empty'],
  ['   ', ['Hanoi'], places, false, 'only spaces']
];

describe('typed answers are graded fairly', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases)('%j for %j → %s (%s)', (given, accepted, others, correct) => {
    expect(gradeTyped(given, accepted, others).correct).toBe(correct);
  });

  it('marks a typo so the screen can show what was expected', () => {
    expect(gradeTyped('Ho Chi Mihn', ['Ho Chi Minh'])).toMatchObject({
      correct: true,
      typo: true,
      matched: 'Ho Chi Minh'
    });
    expect(gradeTyped('ho chi minh', ['Ho Chi Minh']).typo).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['January 1950', { year: 1950, month: 1 }],
    ['1950', { year: 1950 }],
    ['15 Jan 1950', { year: 1950, month: 1, day: 15 }],
    ['the 1950s', null],
    ['1950 to 1953', null]
  ])('%j is read as %j', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });
});

describe('ordering and matching scores', () => {
  it('scores an order by correctly ordered pairs', () => {
    expect(scoreOrder(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(scoreOrder(['d', 'c', 'b', 'a'], ['a', 'b', 'c', 'd'])).toBe(0);
    expect(scoreOrder(['b', 'a', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBeCloseTo(5 / 6);
  });

  it('scores a match by correct pairs', () => {
    const pairs = [
      { factId: 'x', right: '1957' },
      { factId: 'y', right: '1958' },
      { factId: 'z', right: '1964' }
    ];
    expect(
      scoreMatch(
        new Map([
          ['x', '1957'],
          ['y', '1964'],
          ['z', '1958']
        ]),
        pairs
      )
    ).toBeCloseTo(1 / 3);
    expect(
      scoreMatch(
        new Map([
          ['x', '1957'],
          ['y', '1958'],
          ['z', '1964']
        ]),
        pairs
      )
    ).toBe(1);
  });
});
