// `npm run bench`: how long generating every question of the built-in collection takes in
// Node (budget: 200 ms for the whole collection). Prints median, p95 and the budget check.
import { readFileSync } from 'node:fs';
import { runTs } from './run-ts.mjs';

const { readCollectionFiles } = await runTs('src/lib/server/collection.ts');
const { loadCollection } = await runTs('src/lib/deck/collection.ts');
const { compileDeck } = await runTs('src/lib/deck/compile.ts');

const budgetMs = JSON.parse(readFileSync('size-budget.json', 'utf8')).generateCollectionMs;
const loaded = loadCollection(readCollectionFiles('decks'));
const collection = loaded.decks.flatMap((deck) => deck.facts);

function generateAll() {
  let questions = 0;
  for (const deck of loaded.decks) {
    questions += compileDeck(deck, { sources: loaded.sources, collection, seed: 'bench' }).questions
      .length;
  }
  return questions;
}

// The first run pays for cold caches and an unwarmed JIT, as a teacher's first deck would.
const firstStart = performance.now();
generateAll();
const first = performance.now() - firstStart;
for (let i = 0; i < 5; i++) generateAll();
const runs = [];
let questions = 0;
for (let i = 0; i < 30; i++) {
  const start = performance.now();
  questions = generateAll();
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)];
const p95 = runs[Math.floor(runs.length * 0.95)];
console.log(
  `Generated ${questions} questions from ${collection.length} facts in ${loaded.decks.length} decks.`
);
console.log(
  `whole collection: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, budget ${budgetMs} ms`
);
console.log(`first run (cold): ${first.toFixed(1)} ms`);
if (median > budgetMs || first > budgetMs) {
  console.error('Over budget.');
  process.exit(1);
}
