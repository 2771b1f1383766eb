/**
 * The progress report a student sends back for an assignment. It travels as a payload
 * (kind `r`), so it is checked as strictly as anything else that comes from outside: every
 * field is limited, and the per-fact figures are tuples rather than objects because a
 * report link has to stay short enough to paste, mail or show as a QR code.
 */
import * as v from 'valibot';
import { kebabId } from '$lib/deck/fields';
import { decodePayload, encodePayload, type Decoded } from './payload';

/** Latest instant a JavaScript Date can represent. */
const MAX_TIME = 8.64e15;
const MAX_REVIEWS = 100_000;

const factId = kebabId(80);
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TIME));
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

/** `[factId, reviews, correct, last]`; `last` is the last answer: 0 wrong, 1 right, null none. */
const factEntry = v.pipe(
  v.strictTuple([factId, count(MAX_REVIEWS), count(MAX_REVIEWS), v.nullable(v.picklist([0, 1]))]),
  v.check(([, reviews, correct]) => correct <= reviews, 'more correct answers than reviews')
);

export const reportSchema = v.strictObject({
  /** Format of this record. */
  v: v.literal(1),
  /** The assignment's id. */
  assignment: v.pipe(v.string(), v.regex(/^[a-z0-9]{6,24}$/)),
  /** The assignment's title, so a report can be read without the assignment at hand. */
  title: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(120)),
  className: v.pipe(v.string(), v.nonEmpty(), v.maxLength(80)),
  /** The name the student typed. */
  student: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(80)),
  /** When the report was made, ms since the epoch. */
  at: time,
  /** When the student accepted the assignment. */
  accepted: time,
  /** Time spent answering (study and tests), ms. */
  timeMs: count(1e10),
  /** Due date, YYYY-MM-DD. */
  due: v.pipe(v.string(), v.isoDate()),
  goal: v.strictObject({
    reviews: count(20),
    testScore: count(100)
  }),
  facts: v.pipe(
    v.array(factEntry),
    v.maxLength(500),
    v.check(
      (facts) => new Set(facts.map(([id]) => id)).size === facts.length,
      'a fact appears twice'
    )
  ),
  tests: v.pipe(
    v.array(
      v.strictObject({
        at: time,
        score: count(100),
        questions: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200))
      })
    ),
    v.maxLength(50)
  )
});

export type Report = v.InferOutput<typeof reportSchema>;
export type ReportFact = Report['facts'][number];

/**
 * Encodes a report as a payload. The report is validated first (rejecting with a `ValiError`
 * if it breaks the schema), so a student never sends a report the teacher would refuse.
 */
export async function encodeReport(report: Report): Promise<string> {
  return encodePayload('r', v.parse(reportSchema, report));
}

/** Decodes a report link, file or pasted text. Never throws. */
export function decodeReport(text: string): Promise<Decoded<Report>> {
  return decodePayload(text, 'r', reportSchema);
}
