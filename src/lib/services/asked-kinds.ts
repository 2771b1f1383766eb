/**
 * The kinds of question an assignment's facts are really asked in, for the screens that
 * list them (the teacher's share page, the student's preview): read from the questions
 * generated for those facts, so a kind ticked in an older link that no fact can be asked
 * in is not promised.
 */
import { askedKinds, kindsByFact, parseQuestionId, producedKinds } from '$lib/deck/kinds';
import type { QuestionKind } from '$lib/deck/types';
import type { SourcedeckDatabase } from '$lib/db/db';
import type { Assignment } from '$lib/share/assignment';

/**
 * A teacher's own facts are made into questions here (the generator loads for it); a
 * built-in deck's are read from the installed deck. Call it outside a transaction.
 */
export async function assignmentKinds(
  db: SourcedeckDatabase,
  assignment: Assignment
): Promise<QuestionKind[]> {
  let questions;
  if (assignment.own) {
    const { compileOwnDeck } = await import('$lib/deck/own-compile');
    questions = compileOwnDeck(assignment.own).questions;
  } else {
    // Keys only: a question's id names its fact and kind.
    const ids = await db.questions.where('factId').anyOf(assignment.facts).primaryKeys();
    questions = ids.flatMap((id) => {
      const parsed = parseQuestionId(id);
      return parsed ? [parsed] : [];
    });
  }
  const byFact = kindsByFact(questions);
  return askedKinds(
    assignment.kinds,
    producedKinds(assignment.facts, (id) => byFact.get(id))
  );
}
