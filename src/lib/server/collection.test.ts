import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '$lib/deck/collection';
import { formatProblem } from '$lib/deck/schema';
import { QUESTION_KINDS } from '$lib/deck/types';
import { builtInCollection, readCollectionFiles, readSourceTexts } from './collection';

const sourcesDir = resolve(process.env.SOURCES_DIR ?? '../shared/sources');
const haveSources = existsSync(sourcesDir);

describe('the built-in collection', () => {
  const { index, decks } = builtInCollection();
  const facts = [...decks.values()].flatMap((deck) => deck.facts);
  const questions = [...decks.values()].flatMap((deck) => deck.questions);

  it('has at least 200 facts, 1,000 questions and every question kind', () => {
    expect(facts.length).toBeGreaterThanOrEqual(200);
    expect(questions.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
  });

  it('lists every deck in the index with counts that match its file', () => {
    expect(index.decks.map((d) => d.id).sort()).toEqual([...decks.keys()].sort());
    for (const summary of index.decks) {
      const deck = decks.get(summary.id)!;
      expect(summary.factCount).toBe(deck.facts.length);
      expect(summary.questionCount).toBe(deck.questions.length);
    }
  });

  it('gives every served fact and question the fields of the contract', () => {
    for (const fact of facts) {
      expect(fact).toMatchObject({
        id: expect.any(String),
        kind: expect.any(String),
        statement: expect.any(String),
        prompt: expect.any(String),
        answer: expect.any(String)
      });
      expect(fact.citations.length).toBeGreaterThan(0);
      if (fact.conflict) expect(fact.claims.length).toBeGreaterThanOrEqual(2);
    }
    const ids = new Set<string>();
    for (const q of questions) {
      expect(ids.has(q.id)).toBe(false);
      ids.add(q.id);
      expect(q.factIds.length).toBeGreaterThan(0);
      expect(q.explanation.length).toBeGreaterThan(0);
      expect(q.citations.length).toBeGreaterThan(0);
      if (q.kind === 'choice') expect(q.options).toContain(q.answer);
    }
  });

  it('writes every conflict as claims from different sources, never as a plain question', () => {
    const conflicts = facts.filter((f) => f.conflict);
    expect(conflicts.length).toBeGreaterThanOrEqual(10);
    for (const fact of conflicts) {
      if (!fact.conflict) continue;
      const sides = fact.claims.map(
        (c) => new Set(c.citations.map((x) => `${x.source}#${x.para}`))
      );
      expect(new Set(fact.claims.map((c) => c.answer)).size).toBe(fact.claims.length);
      for (let i = 0; i < sides.length; i++) {
        for (let j = i + 1; j < sides.length; j++) {
          expect(
            [...sides[i]!].some((key) => sides[j]!.has(key)),
            fact.id
          ).toBe(false);
        }
      }
      const kinds = questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(kinds.filter((k) => ['typed', 'truefalse', 'cloze', 'numeric'].includes(k))).toEqual(
        []
      );
    }
  });

  it.skipIf(!haveSources)(
    'cites only existing paragraphs that support each answer (needs ../shared/sources)',
    () => {
      const raw = readCollectionFiles(resolve('decks'));
      const texts = readSourceTexts(loadCollection(raw), sourcesDir);
      const { problems } = loadCollection(raw, texts!);
      expect(problems.map(formatProblem)).toEqual([]);
    }
  );
});

if (!haveSources) {
  console.warn(
    `Skipping the citation checks: no source texts at ${sourcesDir} (the shared folder is not beside the project).`
  );
}
