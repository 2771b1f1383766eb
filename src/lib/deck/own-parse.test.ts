import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  OWN_CSV_EXAMPLE,
  OWN_LIMITS,
  OWN_YAML_EXAMPLE,
  defaultStatement,
  ownDeckSchema,
  pickOwnFacts,
  type OwnDeck
} from './own';
import { compileOwnDeck } from './own-compile';
import { parseOwnCsv } from './own-csv';
import { parseOwnDeckText } from './own-parse';
import { parseOwnYaml } from './own-yaml';
import { CHEMISTRY_CSV, RIVERS_YAML, deckOf, plain, problemsOf } from './fixtures/own-files';
import type { PlainFact } from './types';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('parseOwnDeckText', () => {
  it('chooses the format by file extension, otherwise by a CSV header line', () => {
    const csv = 'prompt,answer\nWhich metal rusts?,Iron';
    expect(deckOf(parseOwnDeckText(csv)).facts).toHaveLength(1);
    expect(deckOf(parseOwnDeckText(csv, 'metals_and-gases.csv')).title).toBe('Metals and gases');
    expect(deckOf(parseOwnDeckText(RIVERS_YAML)).title).toBe('Rivers of the world');
    expect(deckOf(parseOwnDeckText(RIVERS_YAML, 'rivers.yml')).title).toBe('Rivers of the world');
    // The extension wins over the content: a .yaml file with a CSV-looking first line is YAML.
    expect(parseOwnDeckText(csv, 'facts.yaml').ok).toBe(false);
  });

  it('refuses a text over the size limit before reading it', () => {
    const text = 'prompt,answer\n' + 'x'.repeat(OWN_LIMITS.maxChars);
    expect(problemsOf(parseOwnDeckText(text))).toEqual([
      {
        line: null,
        message: `the text is too long: ${text.length} characters, at most ${OWN_LIMITS.maxChars}`
      }
    ]);
  });
});

describe('deck and fact ids', () => {
  it('gives the same content the same deck id, and different content a different one', () => {
    const first = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
    expect(first.id).toMatch(/^own-[0-9a-f]{8}$/);
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics')).id).toBe(first.id);
    // Line ends and delimiter are form, not content.
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV.replace(/\r\n/g, '\n'), 'Chemistry basics')).id).toBe(
      first.id
    );
    expect(deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry')).id).not.toBe(first.id);
    expect(
      deckOf(parseOwnCsv(CHEMISTRY_CSV.replace('Na,', 'Na.,'), 'Chemistry basics')).id
    ).not.toBe(first.id);
    expect(deckOf(parseOwnYaml(RIVERS_YAML)).id).toBe(deckOf(parseOwnYaml(RIVERS_YAML)).id);
    expect(deckOf(parseOwnYaml(RIVERS_YAML.replace('Nile', 'River Nile'))).id).not.toBe(
      deckOf(parseOwnYaml(RIVERS_YAML)).id
    );
  });

  it('makes fact ids from the prompt, unique, kebab-case and at most 80 characters', () => {
    // Six long words make more than 40 characters: the slug stops at a whole word.
    const long = 'Photosynthesising chloroplasts manufacture carbohydrates continuously';
    const deck = deckOf(
      parseOwnCsv(
        [
          'prompt,answer',
          'What is the chemical symbol for gold?,Au',
          'What is the chemical symbol for silver?,Ag',
          `"${long} in leaves?",A`,
          `"${long} in algae?",B`,
          '"Ποιο είναι το σύμβολο του νατρίου;",Na'
        ].join('\n')
      )
    );
    const slugs = deck.facts.map((f) => f.id.slice(deck.id.length + 1));
    expect(slugs).toEqual([
      'what-is-the-chemical-symbol-for',
      'what-is-the-chemical-symbol-for-2',
      'photosynthesising-chloroplasts',
      'photosynthesising-chloroplasts-2',
      'fact-5'
    ]);
    for (const fact of deck.facts) {
      expect(fact.id).toMatch(ID);
      expect(fact.id.length).toBeLessThanOrEqual(80);
      expect(fact.id.startsWith(`${deck.id}-`)).toBe(true);
    }
  });

  it('keeps an id column as the fact id and refuses one that is not kebab-case', () => {
    const deck = deckOf(parseOwnCsv('id,prompt,answer\nrust,Which metal rusts?,Iron'));
    expect(deck.facts[0]?.id).toBe(`${deck.id}-rust`);
    expect(problemsOf(parseOwnCsv('id,prompt,answer\nRust Metal,Which metal rusts?,Iron'))).toEqual(
      [
        {
          line: 2,
          field: 'id',
          message: 'must be kebab-case: a-z, 0-9 and single hyphens, like water-formula'
        }
      ]
    );
  });
});

describe('compileOwnDeck', () => {
  const deck = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
  const file = compileOwnDeck(deck);

  it('serves the deck like a built-in one, with its sources and facts', () => {
    expect(file).toMatchObject({ format: 1, id: deck.id, title: 'Chemistry basics' });
    expect(file.facts.map((f) => f.id)).toEqual(deck.facts.map((f) => f.id));
    expect(file.sources.map((s) => s.id)).toEqual(deck.sources.map((s) => s.id));
    expect(file.sources[0]).toMatchObject({ authors: [], outlet: '', date: '' });
  });

  it('asks only well-formed questions about CSV facts', () => {
    for (const q of file.questions) {
      expect(q.prompt.trim()).not.toBe('');
      expect(q.answer.trim()).not.toBe('');
      expect(q.factIds.length).toBeGreaterThan(0);
      expect(q.id.startsWith(`${q.factIds[0]}:`)).toBe(true);
      if (q.kind === 'choice') {
        expect(q.options).toContain(q.answer);
        expect(new Set(q.options).size).toBe(q.options.length);
        expect(q.options.length).toBeGreaterThanOrEqual(3);
      }
    }
    for (const fact of deck.facts) {
      const kinds = file.questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(kinds).toContain('flashcard');
      expect(kinds).toContain('typed');
    }
    // Siblings' answers of the same kind serve as the wrong options.
    const carbon = file.questions.find(
      (q) => q.kind === 'choice' && q.prompt === 'Which element has atomic number 6?'
    );
    expect(carbon?.kind === 'choice' && carbon.options.length).toBeGreaterThanOrEqual(3);
    const year = file.questions.find((q) => q.kind === 'numeric');
    expect(year).toMatchObject({ answer: '1869', value: 1869, unit: 'year' });
  });

  it('makes no true/false or cloze from a default statement, but does from a written one', () => {
    const carbon = plain(deck, 'Which element has atomic number 6?');
    for (const fact of deck.facts) {
      if (fact.conflict || fact.id === carbon.id) {
        continue;
      }
      expect(fact.statement).toBe(defaultStatement(fact.prompt, fact.answer));
      const kinds = file.questions.filter((q) => q.factIds[0] === fact.id).map((q) => q.kind);
      expect(kinds).not.toContain('truefalse');
      expect(kinds).not.toContain('cloze');
    }
    const written = file.questions.filter((q) => q.factIds[0] === carbon.id);
    expect(written.find((q) => q.kind === 'cloze')).toMatchObject({
      before: '',
      after: ' has atomic number 6.',
      answer: 'Carbon'
    });
    expect(written.filter((q) => q.kind === 'truefalse').map((q) => q.answer)).toEqual([
      'True',
      'False'
    ]);
  });

  it("names a teacher's sources in conflict questions without an empty year", () => {
    const rivers = compileOwnDeck(deckOf(parseOwnYaml(RIVERS_YAML)));
    const conflict = rivers.questions.filter((q) => q.conflict);
    expect(conflict.length).toBeGreaterThan(0);
    const texts = conflict.flatMap((q) => [
      q.prompt,
      q.answer,
      q.explanation,
      ...(q.kind === 'match' ? q.pairs.map((p) => p.left) : [])
    ]);
    expect(texts.join(' ')).not.toContain('()');
    expect(texts.join(' ')).toContain('According to School atlas:');
  });
});

describe('ownDeckSchema', () => {
  const csvDeck = deckOf(parseOwnCsv(CHEMISTRY_CSV, 'Chemistry basics'));
  const yamlDeck = deckOf(parseOwnYaml(RIVERS_YAML));
  const roundTrip = (deck: OwnDeck): Record<string, unknown> => JSON.parse(JSON.stringify(deck));
  const accepts = (value: unknown) => v.safeParse(ownDeckSchema, value).success;

  it('accepts a parsed deck carried through JSON, unchanged', () => {
    for (const deck of [csvDeck, yamlDeck]) {
      const parsed = v.safeParse(ownDeckSchema, roundTrip(deck));
      expect(parsed.success).toBe(true);
      expect(parsed.output).toEqual(deck);
    }
  });

  it('refuses a tampered fact id, a missing topic, a too-long field and a javascript: url', () => {
    const tamperedId = roundTrip(csvDeck) as unknown as OwnDeck;
    tamperedId.facts[0]!.id = 'own-00000000-what-is-the-chemical-symbol-for';
    expect(accepts(tamperedId)).toBe(false);

    const builtInId = roundTrip(csvDeck) as unknown as OwnDeck;
    builtInId.facts[0]!.id = 'diplomatic-relations-1950';
    expect(accepts(builtInId)).toBe(false);

    const missingTopic = roundTrip(csvDeck) as unknown as OwnDeck;
    missingTopic.topics = missingTopic.topics.filter((t) => t.id !== 'reactions');
    expect(accepts(missingTopic)).toBe(false);

    const tooLong = roundTrip(csvDeck) as unknown as OwnDeck;
    tooLong.facts[0]!.prompt = 'x'.repeat(OWN_LIMITS.maxFieldChars + 1);
    expect(accepts(tooLong)).toBe(false);

    const script = roundTrip(yamlDeck) as unknown as OwnDeck;
    script.sources[0]!.url = 'javascript:alert(1)';
    expect(accepts(script)).toBe(false);

    const missingSource = roundTrip(yamlDeck) as unknown as OwnDeck;
    missingSource.sources = missingSource.sources.filter((s) => s.id !== 'encyclopedia');
    expect(accepts(missingSource)).toBe(false);

    const blank = roundTrip(csvDeck) as unknown as OwnDeck;
    blank.title = '   ';
    expect(accepts(blank)).toBe(false);

    const tooMany = roundTrip(csvDeck) as unknown as OwnDeck;
    tooMany.facts = Array.from({ length: OWN_LIMITS.maxFacts + 1 }, (_, i) => ({
      ...(tooMany.facts[0] as PlainFact),
      id: `${tooMany.id}-fact-${i}`
    }));
    expect(accepts(tooMany)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: true })),
        (value) => {
          v.safeParse(ownDeckSchema, value);
        }
      ),
      { seed: 42, numRuns: 200 }
    );
  });

  it('never throws on random mutations of a valid deck', () => {
    const base = roundTrip(yamlDeck);
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
      else if (node && typeof node === 'object') {
        for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
      }
    };
    walk(base, []);
    const replacement = fc.oneof(
      fc.jsonValue(),
      fc.anything(),
      fc.constant(undefined),
      fc.string(),
      fc.constantFrom('', ' ', 'own-00000000', 'javascript:alert(1)', '__proto__')
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 4 }),
        (mutations) => {
          const deck = roundTrip(yamlDeck);
          for (const [index, value] of mutations) {
            const path = paths[index % paths.length] ?? [];
            if (path.length === 0) continue;
            let parent: unknown = deck;
            for (const key of path.slice(0, -1)) {
              parent = (parent as Record<string | number, unknown> | undefined)?.[key];
            }
            if (parent && typeof parent === 'object') {
              const key = path.at(-1) as string | number;
              if (value === undefined) delete (parent as Record<string | number, unknown>)[key];
              else (parent as Record<string | number, unknown>)[key] = value;
            }
          }
          v.safeParse(ownDeckSchema, deck);
        }
      ),
      { seed: 42, numRuns: 200 }
    );
  });
});

describe('pickOwnFacts', () => {
  it('keeps the chosen facts in deck order with only the topics and sources they use', () => {
    const deck = deckOf(parseOwnYaml(RIVERS_YAML));
    const [nile, danube, dam, rhine] = deck.facts.map((f) => f.id);
    const picked = pickOwnFacts(deck, [danube!, nile!, 'not-a-fact']);
    expect(picked.id).toBe(deck.id);
    expect(picked.facts.map((f) => f.id)).toEqual([nile, danube]);
    expect(picked.topics.map((t) => t.id)).toEqual(['africa', 'europe']);
    expect(picked.sources.map((s) => s.id)).toEqual(['atlas']);
    expect(v.safeParse(ownDeckSchema, picked).success).toBe(true);

    const conflictOnly = pickOwnFacts(deck, [rhine!, dam!]);
    expect(conflictOnly.sources.map((s) => s.id)).toEqual(['atlas', 'encyclopedia']);
  });
});

describe('the examples the builder shows', () => {
  it('read without problems, in both formats', () => {
    for (const example of [OWN_CSV_EXAMPLE, OWN_YAML_EXAMPLE]) {
      const result = parseOwnDeckText(example);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });
});
