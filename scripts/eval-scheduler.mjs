// `npm run eval:scheduler`: how well the app's scheduler predicts a real learner. Replays
// the review logs in ../shared/fixtures/revlog/ (card_id, review_rating, review_time,
// review_duration) through the app's own scheduler code (src/lib/srs/scheduler.ts, the
// default deck options) and prints log loss, AUC and RMSE over bins (the srs-benchmark's
// definitions, src/lib/srs/prediction-metrics.ts) on the last 30% of reviews in time order:
// once with the FSRS-6 defaults, once with parameters fitted on the first 70% by the same
// optimiser the app runs in the browser (fsrs-browser: fsrs-rs compiled to WebAssembly).
// Same-day reviews move the memory on but are not scored. Study days start at 4:00 UTC.
// Exits non-zero when the fitted parameters do not beat the defaults on log loss.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFsrsOptimiser } from './fsrs-node.mjs';
import { runTs } from './run-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, '..', 'shared', 'fixtures', 'revlog');
const files = existsSync(folder)
  ? readdirSync(folder).filter((f) => /^review_logs_.*\.csv$/.test(f))
  : [];
if (files.length === 0) {
  console.log(
    `Skipped: no review logs at ../shared/fixtures/revlog/review_logs_*.csv (the shared folder is not beside the project).`
  );
  process.exit(0);
}

const { createScheduler } = await runTs('src/lib/srs/scheduler.ts');
const { studyDay } = await runTs('src/lib/srs/day.ts');
const { DEFAULT_DECK_SETTINGS } = await runTs('src/lib/srs/types.ts');
const { compareParameters } = await runTs('src/lib/srs/optimise.ts');

const DAY_START_HOUR = 4;
const byCard = new Map();
let rows = 0;
for (const file of files) {
  const lines = readFileSync(join(folder, file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file} has no column ${name}`);
    return index;
  };
  const [cardCol, ratingCol, timeCol] = ['card_id', 'review_rating', 'review_time'].map(col);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const rating = Number(cells[ratingCol]);
    const at = Date.parse(cells[timeCol]);
    if (![1, 2, 3, 4].includes(rating) || !Number.isFinite(at)) continue;
    const cardId = `${file}:${cells[cardCol]}`;
    const history = byCard.get(cardId) ?? { cardId, reviews: [] };
    history.reviews.push({ cardId, at, day: studyDay(at, DAY_START_HOUR, 0), rating });
    byCard.set(cardId, history);
    rows++;
  }
}
const histories = [...byCard.values()];
for (const h of histories) h.reviews.sort((a, b) => a.at - b.at);

const optimiser = await loadFsrsOptimiser();
let fitMs = 0;
const fit = (items) => {
  const start = performance.now();
  const weights = optimiser(items);
  fitMs = performance.now() - start;
  return weights;
};

const result = compareParameters({
  histories,
  trainFraction: 0.7,
  fit,
  schedulerFor: (weights) =>
    createScheduler({ ...DEFAULT_DECK_SETTINGS, ...(weights ? { weights } : {}) })
});

const f = (x) => (Number.isFinite(x) ? x.toFixed(4) : '  n/a ');
console.log(
  `${rows.toLocaleString('en')} reviews of ${histories.length.toLocaleString('en')} cards; ` +
    `fitted on the first ${result.trainReviews.toLocaleString('en')} (70%, before ${new Date(result.splitAt).toISOString().slice(0, 10)}) in ${(fitMs / 1000).toFixed(1)} s; ` +
    `${result.after.count.toLocaleString('en')} later reviews on a new day scored.`
);
console.log('');
console.log('| parameters | log loss | AUC    | RMSE(bins) |');
console.log('| ---------- | -------- | ------ | ---------- |');
console.log(
  `| defaults   | ${f(result.before.logLoss)}   | ${f(result.before.auc)} | ${f(result.before.rmseBins)}     |`
);
console.log(
  `| fitted     | ${f(result.after.logLoss)}   | ${f(result.after.auc)} | ${f(result.after.rmseBins)}     |`
);
console.log('');
console.log(`fitted parameters: ${result.weights.join(', ')}`);
if (!result.better) {
  console.error('The fitted parameters do not beat the defaults on log loss.');
  process.exit(1);
}
