import { describe, expect, it } from 'vitest';
import { miniDeckFile } from './fixtures/mini-deck';
import {
  ASSIGNABLE_KINDS,
  askedKinds,
  kindChoices,
  kindsByFact,
  parseQuestionId,
  producedKinds
} from './kinds';

describe('the kinds of question an assignment can ask', () => {
  const deck = miniDeckFile();
  const byFact = kindsByFact(deck.questions);

  it("groups a deck's questions under the fact a session shows them for", () => {
    for (const fact of deck.facts) {
      const own = deck.questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(new Set(byFact.get(fact.id))).toEqual(new Set(own));
    }
  });

  it("reads a question's fact and kind from its id, as the generator makes ids", () => {
    for (const question of deck.questions) {
      expect(parseQuestionId(question.id)).toEqual({
        factIds: [question.factIds[0]],
        kind: question.kind
      });
    }
    expect(kindsByFact(deck.questions.map((q) => parseQuestionId(q.id)!))).toEqual(byFact);
    expect(parseQuestionId('no-kind-here')).toBeNull();
    expect(parseQuestionId('fact:riddle:0')).toBeNull();
  });

  it('offers a kind when any chosen fact has it, and says what the others need', () => {
    const judgement = deck.facts.find((f) => !byFact.get(f.id)?.includes('typed'))!;
    const produced = producedKinds([judgement.id], (id) => byFact.get(id));
    expect(produced.has('typed')).toBe(false);
    expect(kindChoices(produced).find((c) => c.kind === 'typed')).toEqual({
      kind: 'typed',
      available: false,
      reason: 'needs answers of 40 characters or fewer'
    });
    const all = producedKinds(
      deck.facts.map((f) => f.id),
      (id) => byFact.get(id)
    );
    expect(kindChoices(all).every((c) => c.available && c.reason === null)).toBe(true);
    // Nothing chosen yet: nothing to judge by, everything offered.
    expect(kindChoices(null).map((c) => c.kind)).toEqual([...ASSIGNABLE_KINDS]);
    expect(kindChoices(null).every((c) => c.available)).toBe(true);
  });

  it("lists an assignment's kinds that its facts are asked in, in the assignment's order", () => {
    expect(askedKinds(['typed', 'truefalse', 'choice'], new Set(['choice', 'typed']))).toEqual([
      'typed',
      'choice'
    ]);
    // Facts this device knows nothing of: the assignment's word is all there is.
    expect(askedKinds(['typed', 'truefalse'], new Set())).toEqual(['typed', 'truefalse']);
  });
});
