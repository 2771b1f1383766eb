/**
 * The assignment a teacher sends: which facts of which deck, by when, to what goal. It
 * travels in a link, so it is untrusted on the way in: every field has a limit, and a
 * teacher's own deck is carried whole and checked like any other input.
 */
import * as v from 'valibot';
import { kebabId } from '$lib/deck/fields';
import { ownDeckSchema } from '$lib/deck/own';
import { QUESTION_KINDS } from '$lib/deck/types';

const id = kebabId(80);
const name = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(80));

export const ASSIGNMENT_ID = /^[a-z0-9]{6,24}$/;

export const assignmentSchema = v.pipe(
  v.strictObject({
    /** Format of this record. */
    v: v.literal(1),
    id: v.pipe(v.string(), v.regex(ASSIGNMENT_ID)),
    title: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(120)),
    className: name,
    teacher: name,
    /** When the teacher made it, ms since the epoch. */
    created: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15)),
    /** Due date, YYYY-MM-DD: the work is due by the end of that day. */
    due: v.pipe(v.string(), v.isoDate()),
    /** A built-in deck's id, or the id of `own`. */
    deck: id,
    /** Topics chosen (empty: all of the deck); for display, `facts` is what counts. */
    topics: v.pipe(v.array(id), v.maxLength(50)),
    facts: v.pipe(v.array(id), v.minLength(1), v.maxLength(300)),
    kinds: v.pipe(v.array(v.picklist(QUESTION_KINDS)), v.minLength(1), v.maxLength(8)),
    goal: v.strictObject({
      /** Answers of every fact before the due date. */
      reviews: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
      /** Lowest score on a final practice test, 0 to 100 (0: no test needed). */
      testScore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))
    }),
    /** The teacher's own facts, when the deck is not a built-in one. */
    own: v.optional(ownDeckSchema)
  }),
  v.check(
    (a) =>
      !a.own || (a.own.id === a.deck && a.facts.every((f) => a.own!.facts.some((x) => x.id === f))),
    'the facts must be those of the deck it carries'
  ),
  v.check((a) => new Set(a.facts).size === a.facts.length, 'a fact is listed twice')
);

export type Assignment = v.InferOutput<typeof assignmentSchema>;
