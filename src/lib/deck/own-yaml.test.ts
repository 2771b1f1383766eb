import { describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH, parseOwnYaml, tooDeepAt } from './own-yaml';
import { RIVERS_YAML, deckOf, plain, problemsOf } from './fixtures/own-files';

/** Replaces one line of a YAML text, to make a single mistake at a known line. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('parseOwnYaml', () => {
  it('reads a deck with sources, citations and a conflict, filling in what a teacher left out', () => {
    const result = parseOwnYaml(RIVERS_YAML);
    const deck = deckOf(result);
    expect(deck).toMatchObject({
      title: 'Rivers of the world',
      description: 'Where some great rivers flow.',
      topics: [
        { id: 'africa', title: 'Africa' },
        { id: 'europe', title: 'Europe' }
      ],
      sources: [
        { id: 'atlas', title: 'School atlas', url: 'https://example.org/atlas' },
        { id: 'encyclopedia', title: "Children's encyclopedia" }
      ]
    });
    expect(deck.facts.map((f) => f.id)).toEqual([
      `${deck.id}-nile-cairo`,
      `${deck.id}-into-which-sea-does-the-danube`,
      `${deck.id}-in-which-year-did-the-aswan`,
      `${deck.id}-how-long-is-the-rhine`
    ]);
    expect(plain(deck, 'Which river flows through Cairo?')).toMatchObject({
      kind: 'place',
      importance: 2,
      statement: 'Which river flows through Cairo? Nile.',
      citations: [{ source: 'atlas', para: 3 }]
    });
    expect(plain(deck, 'Into which sea does the Danube flow?')).toMatchObject({
      kind: 'term',
      era: '1992-2010',
      importance: 3,
      statement: 'The Danube flows into the Black Sea.'
    });
    // `answer: 1970` is a number in YAML: it becomes text, and a year makes a date fact.
    expect(plain(deck, 'In which year did the Aswan High Dam open?')).toMatchObject({
      kind: 'date',
      answer: '1970',
      value: { year: 1970 }
    });
    const rhine = deck.facts[3];
    expect(rhine?.conflict && rhine.claims.map((c) => c.answer)).toEqual(['1,230 km', '1,320 km']);
    expect(result.ok && result.warnings).toEqual([
      {
        line: 24,
        factId: '#3',
        message: 'cites no source: learners will not see where it comes from'
      }
    ]);
  });

  it('gathers the topics from the facts when the deck lists none', () => {
    const deck = deckOf(
      parseOwnYaml(`title: Mountains
facts:
  - { prompt: Which is the highest mountain in Africa?, answer: Kilimanjaro, topic: high-peaks }
  - { prompt: In which country is Mont Blanc's summit area?, answer: France and Italy, topic: alps-and-pyrenees }
  - { prompt: Which range holds Aconcagua?, answer: The Andes }
`)
    );
    expect(deck.topics).toEqual([
      { id: 'high-peaks', title: 'High peaks' },
      { id: 'alps-and-pyrenees', title: 'Alps and pyrenees' },
      { id: 'general', title: 'General' }
    ]);
  });

  it('points at the line of a wrong kind', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 14, '    kind: river')));
    expect(problems).toEqual([
      {
        line: 14,
        field: 'kind',
        factId: 'nile-cairo',
        message:
          'must be one of date, number, person, place, organization, event, term, cause, claim'
      }
    ]);
  });

  it('points at the line of an unknown field', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 21, '    colour: blue')));
    expect(problems).toEqual([
      { line: 21, field: 'colour', factId: '#2', message: 'unknown field (check its spelling)' }
    ]);
  });

  it('points at the line of a citation to a source the deck does not list', () => {
    const problems = problemsOf(
      parseOwnYaml(withLine(RIVERS_YAML, 23, '    citations: [{ source: globe }]'))
    );
    expect(problems).toEqual([
      {
        line: 23,
        field: 'citations.1.source',
        factId: '#2',
        message: '"globe" is not one of the sources (atlas, encyclopedia)'
      }
    ]);
  });

  it("points at the line of a topic that is not one of the deck's topics", () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 26, '    topic: asia')));
    expect(problems).toEqual([
      {
        line: 26,
        field: 'topic',
        factId: '#3',
        message: `"asia" is not one of the deck's topics (africa, europe)`
      }
    ]);
  });

  it('points a missing answer at the fact it belongs to', () => {
    const problems = problemsOf(
      parseOwnYaml(withLine(RIVERS_YAML, 13, '    note: It flows north.'))
    );
    expect(problems).toEqual([
      { line: 11, field: 'answer', factId: 'nile-cairo', message: 'is missing' }
    ]);
  });

  it('points at the line of a YAML syntax error', () => {
    const problems = problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 18, '    answer: Black: Sea')));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(18);
    expect(problems[0]?.message).toMatch(/^YAML syntax:/);
  });

  it('refuses a document that is not a deck, and a format other than 1', () => {
    expect(problemsOf(parseOwnYaml('- just a list'))[0]).toMatchObject({ line: 1 });
    expect(problemsOf(parseOwnYaml(withLine(RIVERS_YAML, 1, 'format: 2')))).toEqual([
      { line: 1, field: 'format', message: 'must be 1' }
    ]);
  });

  describe('nesting', () => {
    const TOO_DEEP = /^lists and mappings are nested more than 20 levels deep here/;

    it('says in words, at its line and at once, that a thousand nested brackets are too deep', () => {
      const text = `title: Deep\nfacts: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
      const started = performance.now();
      const problems = problemsOf(parseOwnYaml(text));
      expect(performance.now() - started).toBeLessThan(100);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(TOO_DEEP) });
      expect(problems[0]?.message).not.toMatch(/call stack/i);
    });

    it('finds deep nesting written with indentation, dashes, braces or tags as well', () => {
      let indented = 'title: Deep\nfacts:\n';
      for (let level = 1; level <= 40; level++) indented += `${' '.repeat(level * 2)}a:\n`;
      // The root mapping is the first level and line n the (n - 1)th: line 22 is the 21st.
      expect(problemsOf(parseOwnYaml(indented))).toEqual([
        { line: 22, message: expect.stringMatching(TOO_DEEP) }
      ]);
      expect(tooDeepAt(`facts:\n  - ${'- '.repeat(30)}x\n`)).toBe(2);
      expect(tooDeepAt(`title: x\nfacts: ${'{a: '.repeat(30)}\n`)).toBe(2);
      expect(tooDeepAt(`facts: ${'[!t &a '.repeat(30)}\n`)).toBe(1);
      expect(tooDeepAt('facts: [\n'.repeat(1) + '  [\n'.repeat(30))).toBe(20);
    });

    it('does not count brackets in quoted, plain, commented or block text', () => {
      const text = [
        'title: "Brackets [[[[[[[[[[[[[[[[[[[[[[[[ in a title"',
        "description: 'and {{{{{{{{{{{{{{{{{{{{{{{{{ here, it''s fine'",
        'facts:',
        '  - prompt: What does a[b[c[d[e[f[g[h[i[j[k[l[m[n[o[p[q[r[s[t[u[v mean?',
        '    answer: Nothing # [[[[[[[[[[[[[[[[[[[[[[[[[[[[',
        '    explanation: |',
        '      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
        '      {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{',
        '    statement: Brackets mean nothing here.'
      ].join('\n');
      expect(tooDeepAt(text)).toBeNull();
      expect(deckOf(parseOwnYaml(text)).facts).toHaveLength(1);
    });

    it('leaves every built-in deck file, and a conflict with claims and citations, well inside the limit', () => {
      const files = import.meta.glob('/decks/**/*.yaml', {
        query: '?raw',
        import: 'default',
        eager: true
      });
      expect(Object.keys(files).length).toBeGreaterThan(5);
      for (const [path, text] of Object.entries(files)) {
        expect(tooDeepAt(text as string, 9), path).toBeNull();
      }
      expect(tooDeepAt(RIVERS_YAML, 9)).toBeNull();
      expect(MAX_YAML_DEPTH).toBeGreaterThanOrEqual(2 * 9);
    });
  });
});
