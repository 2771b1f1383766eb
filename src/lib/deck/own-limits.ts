/**
 * Sizes an own deck may have. They keep an assignment link (which carries the whole deck)
 * and the generator's work bounded, and are generous for a class's worth of facts.
 */
export const OWN_LIMITS: Readonly<{
  maxChars: number;
  maxFacts: number;
  maxTopics: number;
  maxSources: number;
  /** Prompts, statements, explanations, notes, labels, descriptions, source titles. */
  maxFieldChars: number;
  /** Answers, variants, distractors: an answer is meant to be short. */
  maxAnswerChars: number;
  /** The deck's and the topics' titles. */
  maxTitleChars: number;
  /** Variants, distractors, citations and claims of one fact. */
  maxListItems: number;
  /** Any id, the `own-xxxxxxxx-` prefix of fact ids included. */
  maxIdChars: number;
}> = Object.freeze({
  maxChars: 200_000,
  maxFacts: 300,
  maxTopics: 30,
  maxSources: 30,
  maxFieldChars: 500,
  maxAnswerChars: 160,
  maxTitleChars: 120,
  maxListItems: 12,
  maxIdChars: 80
});
