import { describe, expect, it } from 'vitest';
import { builtInCollection } from '$lib/server/collection';
import { deckRows, deckToCsv } from './export-csv';
import { parseOwnCsv } from './own-csv';

describe('a deck exported as CSV', () => {
  const { decks } = builtInCollection();

  for (const deck of decks.values()) {
    it(`reads back into the same facts through the teacher's reader: ${deck.id}`, () => {
      const read = parseOwnCsv(deckToCsv(deck), deck.title);
      if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
      console.log(
        deck.id,
        read.warnings.map((w) => w.message).filter((m) => !m.includes('column'))
      );
      // The reader warns about the columns it does not read, and, as for any teacher's deck,
      // about statements that do not hold their answer word for word (no fill-the-gap).
      const warnings = new Set(read.warnings.map((w) => w.message));
      expect(warnings).toContain('column "paragraph" is not one Sourcedeck reads and is ignored');
      expect(warnings).toContain(
        'column "other sources" is not one Sourcedeck reads and is ignored'
      );
      for (const w of warnings) expect(w).toMatch(/is ignored$|makes no fill-the-gap question$/);
      const topics = new Map(read.deck.topics.map((t) => [t.id, t.title]));
      const sources = new Map(read.deck.sources.map((s) => [s.id, s.title]));
      const rows = deckRows(deck);
      expect(read.deck.facts).toHaveLength(rows.length);
      read.deck.facts.forEach((fact, i) => {
        const [, prompt, answer, variants, statement, explanation, topic, source] = rows[i]!;
        if (fact.conflict) throw new Error('the reader makes no conflicts');
        expect({
          prompt: fact.prompt,
          answer: fact.answer,
          variants: fact.variants.join('; '),
          statement: fact.statement,
          explanation: fact.explanation ?? '',
          topic: topics.get(fact.topic),
          source: fact.citations.map((c) => sources.get(c.source)).join('')
        }).toEqual({ prompt, answer, variants, statement, explanation, topic, source });
      });
    });
  }

  it('quotes what needs quoting, and a conflict names each side', () => {
    const deck = decks.get('wartime-aid')!;
    const csv = deckToCsv(deck);
    expect(csv.split('\r\n')[0]).toBe(
      'id,prompt,answer,variants,statement,explanation,topic,source,paragraph,other sources'
    );
    const conflict = deckRows(deck).find((r) => r[0] === 'cf-north-korean-pilots-count')!;
    expect(conflict[2]).toMatch(/^[^/]+( \/ [^/]+)+$/);
    expect(conflict[9]).toMatch(
      /^Sources disagree\. .+: .+, paragraph \d+ \| .+: .+, paragraph \d+/
    );
  });
});
