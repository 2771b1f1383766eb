/**
 * `npm run decks:check`: validates the built-in collection and prints what it holds.
 * With the source texts beside the project (../shared/sources, or $SOURCES_DIR) it also
 * checks every citation against real paragraphs and every answer against what they say.
 */
import { resolve } from 'node:path';
import { loadCollection } from '$lib/deck/collection';
import { checkChoiceOptions } from '$lib/deck/entities';
import { buildIndex, compileDeck } from '$lib/deck/compile';
import { splitParagraphs } from '$lib/deck/paragraphs';
import { formatProblem } from '$lib/deck/schema';
import { COLLECTION_SEED, readCollectionFiles, readSourceTexts } from './collection';

export function runCheck(log: (line: string) => void = console.log): number {
  const root = resolve('decks');
  const sourcesDir = resolve(process.env.SOURCES_DIR ?? '../shared/sources');
  const raw = readCollectionFiles(root);
  const first = loadCollection(raw);
  const texts = readSourceTexts(first, sourcesDir);
  const loaded = texts ? loadCollection(raw, texts) : first;

  if (!texts) {
    log(
      `Skipped the citation and support checks: the source texts are not at ${sourcesDir}. ` +
        'Put the shared folder beside the project (or set SOURCES_DIR) to run them.'
    );
  }

  const collection = loaded.decks.flatMap((deck) => deck.facts);
  const compiled = loaded.decks.map((deck) =>
    compileDeck(deck, {
      sources: loaded.sources,
      collection,
      seed: COLLECTION_SEED,
      ...(loaded.entities && { entities: loaded.entities })
    })
  );
  const index = buildIndex(compiled);
  if (loaded.entities) {
    const facts = new Map(collection.map((fact) => [fact.id, fact]));
    // A deck's id is its folder's name (loadCollection checks it).
    const fileOf = new Map(
      loaded.decks.flatMap((d) => d.facts.map((f) => [f.id, `decks/${d.meta.id}`] as const))
    );
    loaded.problems.push(
      ...checkChoiceOptions(
        compiled.flatMap((deck) => deck.questions),
        facts,
        loaded.entities,
        (fact) => fileOf.get(fact.id) ?? 'decks'
      )
    );
  }
  const kinds: Record<string, number> = {};
  for (const deck of index.decks) {
    for (const [kind, n] of Object.entries(deck.questionKinds))
      kinds[kind] = (kinds[kind] ?? 0) + n;
  }
  log('');
  log(
    'deck'.padEnd(24) + 'facts'.padStart(6) + 'conflicts'.padStart(10) + 'questions'.padStart(10)
  );
  for (const deck of index.decks) {
    log(
      deck.id.padEnd(24) +
        String(deck.factCount).padStart(6) +
        String(deck.conflictCount).padStart(10) +
        String(deck.questionCount).padStart(10)
    );
  }
  const total = (key: 'factCount' | 'conflictCount' | 'questionCount') =>
    index.decks.reduce((sum, deck) => sum + deck[key], 0);
  log(
    'total'.padEnd(24) +
      String(total('factCount')).padStart(6) +
      String(total('conflictCount')).padStart(10) +
      String(total('questionCount')).padStart(10)
  );
  log(
    `question kinds: ${Object.entries(kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`
  );

  if (texts) {
    const cited = new Set(
      collection.flatMap((fact) =>
        (fact.conflict ? fact.claims.flatMap((c) => c.citations) : fact.citations).map(
          (c) => `${c.source}#${c.para}`
        )
      )
    );
    for (const [id, text] of texts) {
      const paragraphs = splitParagraphs(text);
      const used = paragraphs.filter((_, i) => cited.has(`${id}#${i + 1}`)).length;
      log(`${id}: ${used} of ${paragraphs.length} paragraphs cited`);
    }
  }

  if (loaded.problems.length > 0) {
    log('');
    for (const problem of loaded.problems) log(formatProblem(problem));
    log(`\n${loaded.problems.length} problem(s) in the decks.`);
    return 1;
  }
  log('\nThe decks are clean.');
  return 0;
}
