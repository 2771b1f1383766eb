/**
 * Typed grading against the real built-in collection: its typed questions and the names
 * every deck knows, as a learner's device holds them after installing the decks.
 */
import { describe, expect, it } from 'vitest';
import { deckNames } from '$lib/deck/names';
import type { Question } from '$lib/deck/types';
import { builtInCollection } from '$lib/server/collection';
import { gradeAnswer } from './grade';

const { decks } = builtInCollection();
const names = [...new Set([...decks.values()].flatMap((deck) => deckNames(deck.facts)))];
const questions = new Map<string, Question>(
  [...decks.values()].flatMap((deck) => deck.questions.map((q) => [q.id, q] as const))
);

function typedOf(factId: string): Question {
  const question = questions.get(`${factId}:typed:0`);
  if (!question) throw new Error(`no typed question for ${factId}`);
  return question;
}

type Case = [given: string, factId: string, correct: boolean, note: string];

const cases: Case[] = [
  // Different people one letter apart: never a typo, whichever deck each is in.
  ['Kim Jong Il', 'dm-kim-yong-il-leader', false, 'father of Kim Jong-un for the 2012 envoy'],
  ['Kim Yong Il', 'cs-kim-jong-il-successor', false, 'the 2012 envoy for the leader'],
  ['Kim Yong-il', 'cs-kim-jong-il-successor', false, 'the same, hyphenated'],
  ['Kim Jong Nam', 'dm-kim-yong-nam-hanoi', false, 'the murdered half-brother for the president'],
  ['Kim Yong Nam', 'pi-kim-jong-nam', false, 'the president for the half-brother'],
  ['Kim Yong-nam', 'pi-kim-jong-nam', false, 'the same, hyphenated'],
  // The right person with a real typo still passes.
  ['Kim Yong Ill', 'dm-kim-yong-il-leader', true, 'one extra letter'],
  ['Kim Yong Nm', 'dm-kim-yong-nam-hanoi', true, 'one missing letter'],
  ['Kim Jon Nam', 'pi-kim-jong-nam', true, 'one missing letter'],
  ['Kim Jong Ill', 'cs-kim-jong-il-successor', true, 'one extra letter'],
  ['Kim Jong Il', 'cs-kim-jong-il-successor', true, 'exactly right'],
  // A mistyped "the" is still an article.
  ['het Ho Chi Minh Mausoleum', 'hs-ho-chi-minh-mausoleum', true, '"the" with letters swapped'],
  ['teh Ho Chi Minh Mausoleum', 'hs-ho-chi-minh-mausoleum', true, '"the" with letters swapped'],
  ['thw Ho Chi Minh Mausoleum', 'hs-ho-chi-minh-mausoleum', true, '"the" one key off'],
  ['teh Ho Chi Minh Mausoluem', 'hs-ho-chi-minh-mausoleum', true, 'and a typo in the name'],
  ['het Ho Chi Minh', 'hs-ho-chi-minh-mausoleum', false, 'a person, not the building']
];

describe('typed grading against every name the collection knows', () => {
  it(`knows the names of every deck (${names.length} of them)`, () => {
    for (const name of ['kim jong il', 'kim yong il', 'kim jong nam', 'kim yong nam'])
      expect(names).toContain(name);
  });

  it.each(cases)('%j for %s → %s (%s)', (given, factId, correct) => {
    const grade = gradeAnswer(typedOf(factId), given, names);
    expect(grade.correct).toBe(correct);
  });

  it('marks an accepted mistyped article as a typo, so the expected form is shown', () => {
    const grade = gradeAnswer(
      typedOf('hs-ho-chi-minh-mausoleum'),
      'het Ho Chi Minh Mausoleum',
      names
    );
    expect(grade).toMatchObject({ correct: true, typo: true });
  });

  it('still accepts every typed answer written exactly as the deck has it', () => {
    for (const question of questions.values()) {
      if (question.kind !== 'typed') continue;
      for (const form of [question.answer, ...question.accepted])
        expect(gradeAnswer(question, form, names).correct, `${question.id}: ${form}`).toBe(true);
    }
  });
});
