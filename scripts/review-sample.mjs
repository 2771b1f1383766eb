// `npm run decks:sample`: a fixed-seed random sample of the built collection's choice
// questions and false statements, for a careful reader to judge (docs/reviews/).
// The same seed always draws the same questions; a question removed or changed leaves the
// rest of the sample where it was.
import { runTs } from './run-ts.mjs';

const { sampleForReview } = await runTs('src/lib/server/review-sample.ts');
const seed = process.argv[2] ?? 'review-2026-12';
process.stdout.write(sampleForReview(seed, 100, 50));
