/**
 * The questions about one plain fact: flashcard, typed answer, multiple choice, true or
 * false, fill the gap and number entry, each when the fact lends itself to it. Pure.
 */
import { AUTHORED_ONLY_KINDS, findDistractors } from './distractors';
import { rngFor, type Context } from './generate-context';
import { TYPED_MAX_LENGTH } from './kinds';
import { normalizeText } from './normalize';
import { shuffle } from './rng';
import {
  FACT_KINDS,
  type ChoiceQuestion,
  type ClozeQuestion,
  type Fact,
  type NumericQuestion,
  type PlainFact,
  type Question,
  type TrueFalseQuestion
} from './types';

/** Every kind but judgements and reasons: answers a learner can recall and type. */
const RECALL_KINDS = new Set<string>(FACT_KINDS.filter((kind) => !AUTHORED_ONLY_KINDS.has(kind)));

function explanationOf(fact: Fact): string {
  return fact.explanation ?? fact.statement;
}

export function factQuestions(fact: PlainFact, context: Context): Question[] {
  const base = {
    factIds: [fact.id],
    explanation: explanationOf(fact),
    citations: fact.citations
  };
  const questions: Question[] = [
    {
      ...base,
      id: `${fact.id}:flashcard:0`,
      kind: 'flashcard',
      prompt: fact.prompt,
      answer: fact.answer
    }
  ];

  if (RECALL_KINDS.has(fact.kind) && fact.answer.length <= TYPED_MAX_LENGTH) {
    questions.push({
      ...base,
      id: `${fact.id}:typed:0`,
      kind: 'typed',
      prompt: fact.prompt,
      answer: fact.answer,
      accepted: fact.variants
    });
  }

  const distractors = findDistractors(fact, context, 3);
  if (distractors.length >= 2) {
    const choice: ChoiceQuestion = {
      ...base,
      id: `${fact.id}:choice:0`,
      kind: 'choice',
      prompt: fact.prompt,
      answer: fact.answer,
      options: shuffle([fact.answer, ...distractors], rngFor(context, fact.id, 'choice'))
    };
    questions.push(choice);
  }

  const inStatement = fact.statement.indexOf(fact.answer);
  const judge = 'True or false?';
  questions.push({
    ...base,
    id: `${fact.id}:truefalse:true`,
    kind: 'truefalse',
    prompt: `${judge} ${fact.statement}`,
    statement: fact.statement,
    options: ['True', 'False'],
    answer: 'True'
  } satisfies TrueFalseQuestion);
  // The first swap that does not happen to be some other fact's true statement.
  // A swap at the start of the sentence starts it with a capital, as the true one does.
  const falseStatement =
    inStatement < 0 || fact.noFalseStatement
      ? undefined
      : distractors
          .map((d) =>
            sentenceCase(
              withoutDoubleArticle(fact.statement.slice(0, inStatement), d) +
                fact.statement.slice(inStatement + fact.answer.length)
            )
          )
          .find((sentence) => !context.truth.isStatedFact(sentence));
  if (falseStatement) {
    questions.push({
      ...base,
      id: `${fact.id}:truefalse:false`,
      kind: 'truefalse',
      prompt: `${judge} ${falseStatement}`,
      statement: falseStatement,
      options: ['True', 'False'],
      answer: 'False',
      explanation: `False: ${fact.statement} ${fact.explanation ?? ''}`.trim()
    } satisfies TrueFalseQuestion);
  }

  if (inStatement >= 0 && fact.answer.length <= fact.statement.length * 0.6) {
    questions.push({
      ...base,
      id: `${fact.id}:cloze:0`,
      kind: 'cloze',
      prompt: 'Fill in the gap.',
      answer: fact.answer,
      before: fact.statement.slice(0, inStatement),
      after: fact.statement.slice(inStatement + fact.answer.length),
      accepted: fact.variants
    } satisfies ClozeQuestion);
  }

  const numeric = numericOf(fact);
  if (numeric && answerShowsNumber(fact.answer, numeric.value)) {
    questions.push({
      ...base,
      id: `${fact.id}:numeric:0`,
      kind: 'numeric',
      prompt:
        numeric.unit === 'year'
          ? `${fact.prompt} Give the year.`
          : `${fact.prompt} Give the number.`,
      answer: fact.answer,
      value: numeric.value,
      unit: numeric.unit
    } satisfies NumericQuestion);
  }
  return questions;
}

/** The answer text states the number itself ("50,000 rubles"), not a word for it ("second"). */
function answerShowsNumber(answer: string, value: number): boolean {
  return normalizeText(answer).split(' ').includes(String(value));
}

function numericOf(fact: PlainFact): { value: number; unit: string } | null {
  const value = fact.value;
  if (!value) return null;
  if ('number' in value) return { value: value.number, unit: value.unit };
  if ('year' in value) return { value: value.year, unit: 'year' };
  if ('date' in value) return { value: Number(value.date.slice(0, 4)), unit: 'year' };
  return null;
}

/** `before` then `swapped`, with one "the" where both bring one ("the the Group of 77"). */
function withoutDoubleArticle(before: string, swapped: string): string {
  return /\bthe $/i.test(before) && /^the /i.test(swapped)
    ? before + swapped.slice(4)
    : before + swapped;
}

function sentenceCase(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
