/**
 * Every name the learner's collection knows (each deck's, kept when it was installed), as
 * one list for grading: a typed answer with a typo is refused when it is as close to any
 * of them as to the answer (quiz/grade.ts).
 */
import type { SourcedeckDatabase } from '$lib/db/db';

/** The names of every installed deck, without repeats. Works inside a transaction. */
export async function knownNames(db: SourcedeckDatabase): Promise<string[]> {
  const names = new Set<string>();
  for (const record of await db.names.toArray()) for (const name of record.names) names.add(name);
  return [...names];
}
