/**
 * The assignment a teacher sends: which facts of which deck, by when, to what goal.
 * Validated on the way in with strict limits on every field.
 */
import * as v from 'valibot';

const id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(80));
const name = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(80));

export const assignmentSchema = v.strictObject({
  /** Format of this record. */
  v: v.literal(1),
  deck: id,
  title: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(120)),
  facts: v.pipe(v.array(id), v.minLength(1), v.maxLength(500)),
  kinds: v.pipe(
    v.array(
      v.picklist([
        'flashcard',
        'typed',
        'choice',
        'truefalse',
        'cloze',
        'numeric',
        'order',
        'match'
      ])
    ),
    v.maxLength(8)
  ),
  /** Due date, YYYY-MM-DD. */
  due: v.pipe(v.string(), v.isoDate()),
  goal: v.strictObject({
    /** Reviews of every fact before the due date. */
    reviews: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
    /** Lowest score on a final practice test, 0 to 100. */
    testScore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))
  }),
  className: name,
  teacher: name
});

export type Assignment = v.InferOutput<typeof assignmentSchema>;
