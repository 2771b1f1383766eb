/**
 * The questions about a fact on which sources differ: what they say, what each one says,
 * and which source says what. Pure.
 */
import { findDistractors } from './distractors';
import { rngFor, uniqueCitations, type Context } from './generate-context';
import { normalizeText } from './normalize';
import { shuffle } from './rng';
import type {
  ChoiceQuestion,
  Citation,
  ConflictFact,
  Fact,
  MatchQuestion,
  Question
} from './types';

function citationsOf(fact: Fact): Citation[] {
  return fact.conflict ? uniqueCitations(fact.claims.flatMap((c) => c.citations)) : fact.citations;
}

function sourceName(context: Context, id: string): string {
  const source = context.sources.get(id);
  if (!source) return id;
  const year = source.date.slice(0, 4);
  const who =
    source.short ?? (source.authors.length ? source.authors.join(' and ') : source.outlet);
  // A teacher's own source may have no date.
  return year ? `${who} (${year})` : who;
}

function claimSources(context: Context, citations: Citation[]): string {
  const names = [...new Set(citations.map((c) => sourceName(context, c.source)))];
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
    : (names[0] ?? '');
}

export function conflictQuestions(fact: ConflictFact, context: Context): Question[] {
  const summary = fact.claims
    .map((claim) => `${claimSources(context, claim.citations)}: ${claim.answer}`)
    .join('; ');
  const explanation = `Sources differ. ${summary}. ${fact.explanation ?? ''}`.trim();
  const base = { factIds: [fact.id], explanation, conflict: true as const };
  const questions: Question[] = [
    {
      ...base,
      id: `${fact.id}:flashcard:0`,
      kind: 'flashcard',
      prompt: `${fact.prompt} What do the sources say?`,
      answer: `Sources differ. ${summary}.`,
      citations: citationsOf(fact)
    }
  ];

  // "According to X, ...?" for each claim whose sources no other claim shares.
  const answers = fact.claims.map((claim) => claim.answer);
  fact.claims.forEach((claim, index) => {
    const own = new Set(claim.citations.map((c) => c.source));
    const shared = fact.claims.some(
      (other, j) => j !== index && other.citations.some((c) => own.has(c.source))
    );
    if (shared) return;
    const options = [...new Set(answers)];
    if (options.length < 3) {
      const extra = findDistractors(
        {
          ...fact,
          conflict: false,
          answer: claim.answer,
          variants: [],
          citations: claim.citations,
          value: claim.value
        },
        context,
        3
      ).filter((d) => !fact.claims.some((c) => normalizeText(c.answer) === normalizeText(d)));
      options.push(...extra.slice(0, 3 - options.length));
    }
    if (options.length < 3) return;
    questions.push({
      ...base,
      id: `${fact.id}:choice:claim-${index + 1}`,
      kind: 'choice',
      prompt: `According to ${claimSources(context, claim.citations)}: ${fact.prompt}`,
      answer: claim.answer,
      options: shuffle(options, rngFor(context, fact.id, 'claim', String(index))),
      citations: claim.citations
    } satisfies ChoiceQuestion);
  });

  // Match each source to what it says.
  const pairs = fact.claims.map((claim, index) => ({
    factId: `${fact.id}#${index + 1}`,
    left: claimSources(context, claim.citations),
    right: claim.answer
  }));
  if (new Set(pairs.map((p) => p.left)).size === pairs.length) {
    questions.push({
      ...base,
      id: `${fact.id}:match:sources`,
      kind: 'match',
      prompt: `Sources differ: ${fact.prompt} Match each source to what it says.`,
      answer: pairs.map((p) => `${p.left}: ${p.right}`).join('; '),
      pairs,
      options: shuffle(
        pairs.map((p) => p.right),
        rngFor(context, fact.id, 'match')
      ),
      citations: citationsOf(fact)
    } satisfies MatchQuestion);
  }
  return questions;
}
