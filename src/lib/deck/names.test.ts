import { describe, expect, it } from 'vitest';
import { miniFacts } from './fixtures/mini-deck';
import { deckNames, namesInText } from './names';

describe('namesInText', () => {
  it.each([
    [
      'Kim Yong Nam, who visited Hanoi in 2012, was President of the Presidium of which North Korean body?',
      ['Kim Yong Nam', 'Hanoi', 'President', 'Presidium', 'North Korean']
    ],
    ['Which Vietnamese general hosted Kim Il Sung in 1964?', ['Vietnamese', 'Kim Il Sung']],
    ["The Supreme People's Assembly met.", ["Supreme People's Assembly"]],
    // A possessive stays: normalising for comparison drops it ("kim jong nam").
    ["According to Kim Jong Nam's family, nothing.", ["Kim Jong Nam's"]],
    ['Lê Duẩn and Phạm Văn Đồng met in Hà Nội.', ['Lê Duẩn', 'Phạm Văn Đồng', 'Hà Nội']],
    ['no names here at all', []]
  ])('%j names %j', (text, names) => {
    expect(namesInText(text)).toEqual(names);
  });
});

describe('deckNames', () => {
  it('keeps answers, variants, every claim and the names in prompts, normalised, without numbers', () => {
    const names = deckNames(miniFacts);
    expect(names).toContain('kim il sung');
    expect(names).toContain('kim jong un');
    expect(names).toContain('ho chi minh');
    // Both sides of a disagreement are names the deck knows; numbers never are.
    expect(names.some((n) => /\d/.test(n))).toBe(false);
    expect(names).toEqual([...new Set(names)].sort());
  });
});
