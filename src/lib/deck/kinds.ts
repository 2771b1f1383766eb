/**
 * The kinds of question a teacher can assign, and which of them a set of facts can be
 * asked in. What can be asked is read from the questions the generator made for those
 * facts, never decided apart from it; what is written here is only how to say, to a
 * teacher, what a missing kind would need. Pure: small enough for the builder to load.
 */
import { QUESTION_KINDS, type Question, type QuestionKind } from './types';

/** The longest answer a learner is asked to type; a longer one is asked in other forms. */
export const TYPED_MAX_LENGTH = 40;

/** The kinds a teacher may ask for, in the order the builder lists them. */
export const ASSIGNABLE_KINDS = [
  'flashcard',
  'choice',
  'truefalse',
  'typed',
  'cloze',
  'numeric'
] as const satisfies readonly QuestionKind[];

export type AssignableKind = (typeof ASSIGNABLE_KINDS)[number];

/** What a fact needs before the generator makes a question of the kind, said to a teacher. */
export const KIND_NEEDS: Record<AssignableKind, string> = {
  flashcard: 'needs at least one fact',
  choice: 'needs wrong answers to offer: more facts of the same kind, or distractors',
  truefalse: 'needs statements',
  typed: `needs answers of ${TYPED_MAX_LENGTH} characters or fewer`,
  cloze: 'needs statements that contain the answer',
  numeric: 'needs answers that are numbers or years'
};

/**
 * The kinds of question made for each fact, by fact id: what a study session can ask of
 * it (a session shows a fact the questions whose first fact it is).
 */
export function kindsByFact(
  questions: readonly Pick<Question, 'kind' | 'factIds'>[]
): Map<string, QuestionKind[]> {
  const out = new Map<string, QuestionKind[]>();
  for (const question of questions) {
    const factId = question.factIds[0];
    if (factId === undefined) continue;
    const kinds = out.get(factId) ?? [];
    if (!kinds.includes(question.kind)) kinds.push(question.kind);
    out.set(factId, kinds);
  }
  return out;
}

/**
 * The fact and kind a question id names. Ids are `<first fact id>:<kind>:<variant>` (see
 * the generator; fact ids never hold a colon), so the kinds of a whole deck can be known
 * from its question keys without reading the questions. Null for any other shape.
 */
export function parseQuestionId(id: string): Pick<Question, 'kind' | 'factIds'> | null {
  const [factId, kind] = id.split(':');
  if (!factId || !(QUESTION_KINDS as readonly string[]).includes(kind ?? '')) return null;
  return { factIds: [factId], kind: kind as QuestionKind };
}

/** The kinds at least one of the facts can be asked in, given each fact's kinds. */
export function producedKinds(
  factIds: readonly string[],
  kindsOf: (factId: string) => readonly QuestionKind[] | undefined
): Set<QuestionKind> {
  const out = new Set<QuestionKind>();
  for (const id of factIds) for (const kind of kindsOf(id) ?? []) out.add(kind);
  return out;
}

export interface KindChoice {
  kind: AssignableKind;
  /** Whether the facts chosen can be asked in this kind. */
  available: boolean;
  /** Why not, when they cannot. */
  reason: string | null;
}

/**
 * Each assignable kind, offered when at least one chosen fact has a question of it. With no
 * facts chosen yet (`produced` null) every kind is offered: there is nothing to judge by.
 */
export function kindChoices(produced: ReadonlySet<QuestionKind> | null): KindChoice[] {
  return ASSIGNABLE_KINDS.map((kind) => {
    const available = produced === null || produced.has(kind);
    return { kind, available, reason: available ? null : KIND_NEEDS[kind] };
  });
}

/**
 * The kinds of an assignment its facts are really asked in, in its own order; all of them
 * when nothing is known of the facts' questions (a deck this device does not have).
 */
export function askedKinds(
  kinds: readonly QuestionKind[],
  produced: ReadonlySet<QuestionKind>
): QuestionKind[] {
  if (produced.size === 0) return [...kinds];
  return kinds.filter((kind) => produced.has(kind));
}
