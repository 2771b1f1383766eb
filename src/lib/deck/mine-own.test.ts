import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { MyDeckSource } from './mine';
import { emptyDraft, putDraft } from './mine-draft';
import { myDeckAsOwnDeck } from './mine-own';
import { ownDeckSchema } from './own';

function written(): MyDeckSource {
  let deck: MyDeckSource = {
    id: 'mine-0a1b2c3d',
    title: 'Chemistry basics',
    description: '',
    topics: [],
    sources: [],
    facts: []
  };
  for (const [prompt, answer] of [
    ['What is the chemical symbol for gold?', 'Au'],
    ['In what year did Mendeleev publish his table?', '1869']
  ]) {
    const result = putDraft(
      deck,
      {
        ...emptyDraft('Elements'),
        prompt: prompt!,
        answer: answer!,
        source: { title: 'Chemistry', author: 'R. Chang', date: '2010', url: '', para: '4' }
      },
      { retired: [] }
    );
    if (!result.ok) throw new Error('refused');
    deck = result.deck;
  }
  return deck;
}

describe('a deck of one’s own in an assignment link', () => {
  it('is a valid own deck, its facts prefixed with an own- id from its content', () => {
    const { deck, leftOut } = myDeckAsOwnDeck(written());
    expect(leftOut).toBe(0);
    expect(v.safeParse(ownDeckSchema, deck).success).toBe(true);
    expect(deck?.id).toMatch(/^own-[0-9a-f]{8}$/);
    expect(deck?.facts.map((f) => f.id)).toEqual([
      `${deck?.id}-what-is-the-chemical-symbol-for-gold`,
      `${deck?.id}-in-what-year-did-mendeleev-publish-his-table`
    ]);
    expect(deck?.sources).toEqual([{ id: 'chemistry', title: 'Chemistry (R. Chang, 2010)' }]);
    expect(myDeckAsOwnDeck(written()).deck?.id).toBe(deck?.id);
  });

  it('leaves imported facts out and says how many', () => {
    const deck = written();
    const withImported: MyDeckSource = {
      ...deck,
      facts: [
        ...deck.facts,
        { ...deck.facts[0]!, id: 'mine-0a1b2c3d-x', imported: { form: 'card' } }
      ]
    };
    const { deck: own, leftOut } = myDeckAsOwnDeck(withImported);
    expect(leftOut).toBe(1);
    expect(own?.facts).toHaveLength(2);
    expect(myDeckAsOwnDeck({ ...deck, facts: withImported.facts.slice(2) })).toEqual({
      deck: null,
      leftOut: 1
    });
  });
});
