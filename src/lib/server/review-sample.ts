/**
 * A fixed-seed sample of the built collection for a reader's review: choice questions with
 * their wrong options, and false true/false statements. Each question is ranked by a hash
 * of the seed and its id, so the sample does not shift when other questions change.
 */
import { hashString } from '$lib/deck/rng';
import type { Question } from '$lib/deck/types';
import { builtInCollection } from './collection';

function drawn(questions: Question[], seed: string, count: number): Question[] {
  return questions
    .map((q) => ({ q, rank: hashString(`${seed}|${q.id}`) }))
    .sort((a, b) => a.rank - b.rank || (a.q.id < b.q.id ? -1 : 1))
    .slice(0, count)
    .map(({ q }) => q);
}

export function sampleForReview(seed: string, choices: number, statements: number): string {
  const all = [...builtInCollection().decks.values()].flatMap((deck) => deck.questions);
  const lines: string[] = [`Sample drawn with seed "${seed}".`, '', '## Choice questions', ''];
  drawn(
    all.filter((q) => q.kind === 'choice'),
    seed,
    choices
  ).forEach((q, i) => {
    if (q.kind !== 'choice') return;
    const wrong = q.options.filter((o) => o !== q.answer).join(' · ');
    lines.push(`C${i + 1}. \`${q.id}\` ${q.prompt}`, `    answer: ${q.answer} | wrong: ${wrong}`);
  });
  lines.push('', '## False statements', '');
  drawn(
    all.filter((q) => q.kind === 'truefalse' && q.answer === 'False'),
    seed,
    statements
  ).forEach((q, i) => {
    if (q.kind !== 'truefalse') return;
    lines.push(`F${i + 1}. \`${q.id}\` ${q.statement}`);
  });
  return lines.join('\n') + '\n';
}
