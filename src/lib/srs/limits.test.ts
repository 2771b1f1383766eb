import { describe, expect, it } from 'vitest';
import { allotNewCards } from './limits';

const room = (deckId: string, available: number) => ({ deckId, available });

describe('allotNewCards', () => {
  it('fills decks in order up to the collection limit', () => {
    expect([...allotNewCards([room('a', 20), room('b', 20), room('c', 20)], 0, 20)]).toEqual([
      ['a', 20],
      ['b', 0],
      ['c', 0]
    ]);
    expect([...allotNewCards([room('a', 5), room('b', 20), room('c', 20)], 0, 20)]).toEqual([
      ['a', 5],
      ['b', 15],
      ['c', 0]
    ]);
  });

  it('never lets a deck limit raise the collection limit, nor the collection raise a deck', () => {
    expect(allotNewCards([room('a', 50)], 0, 20).get('a')).toBe(20);
    expect(allotNewCards([room('a', 3)], 0, 20).get('a')).toBe(3);
  });

  it('counts new cards done today in any deck, studied now or not, against the collection', () => {
    expect([...allotNewCards([room('a', 10), room('b', 20)], 18, 20)]).toEqual([
      ['a', 2],
      ['b', 0]
    ]);
    expect([...allotNewCards([room('a', 10), room('b', 20)], 25, 20)]).toEqual([
      ['a', 0],
      ['b', 0]
    ]);
  });

  it('allows nothing new with a limit of 0', () => {
    expect([...allotNewCards([room('a', 10)], 0, 0)]).toEqual([['a', 0]]);
  });
});
