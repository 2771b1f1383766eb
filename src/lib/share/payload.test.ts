import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { parseOwnCsv } from '$lib/deck/own-parse';
import { builtInCollection } from '$lib/server/collection';
import { assignmentSchema, type Assignment } from './assignment';
import { hostileFragments, namesNewerVersion } from './fixtures/link-fragments';
import { MAX_PAYLOAD_CHARS, decodePayload, encodePayload } from './payload';
import { qrFor, type QrMatrix } from './qr';

/** Property runs of a few hundred decodes: seconds alone, longer beside the other test files. */
const PROPERTY_TIMEOUT = 60_000;

const assignment: Assignment = {
  v: 1,
  id: 'k3v9q2m7xa1p',
  deck: 'cold-war-alliance',
  title: 'Cold War alliance: first half',
  created: Date.UTC(2026, 10, 20, 9),
  topics: [],
  facts: ['cw-diplomatic-relations-1950', 'cw-ho-chi-minh-visit-1957', 'cw-kim-il-sung-visit-1958'],
  kinds: ['choice', 'typed'],
  due: '2026-12-04',
  goal: { reviews: 2, testScore: 80 },
  className: '10B History',
  teacher: 'Ms Tran'
};

const decode = (text: string) => decodePayload(text, 'a', assignmentSchema);

describe('assignment payloads', () => {
  it('round-trips, also from a whole link', async () => {
    const payload = await encodePayload('a', assignment);
    expect(payload).toMatch(/^sd1\.a\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    expect(await decode(payload)).toEqual({ ok: true, value: assignment });
    expect(await decode(`https://example.org/assignment#${payload}`)).toEqual({
      ok: true,
      value: assignment
    });
  });

  it.each([
    ['', 'There is no assignment in this link'],
    ['hello world', 'damaged or incomplete'],
    ['sd9.a.00000000.AAAA', 'newer version'],
    ['sd2.', 'newer version'],
    ['https://example.org/assignment#sd3.a.00000000.AAAA', 'newer version'],
    ['sd1.r.00000000.AAAA', 'This is a report, not an assignment'],
    ['sd1.a.00000000.@@@@', 'damaged'],
    // A link cut back to its prefix, an unknown kind, a version that never was.
    ['sd1.a.', 'damaged or incomplete'],
    ['sd1.', 'damaged or incomplete'],
    ['https://example.org/assignment#sd1.a.', 'damaged or incomplete'],
    ['sd1.x.00000000.AAAA', 'damaged or incomplete'],
    ['sd0.a.00000000.AAAA', 'damaged or incomplete'],
    ['sd1.a.00000000.AAAA.sd1', 'damaged or incomplete'],
    ['sd1.a.0%.AAAA', 'damaged or incomplete'],
    ['sd1.a.%E0%A4%A.AAAA', 'damaged or incomplete'],
    ['%', 'damaged or incomplete'],
    ['\uD800sd1.a.', 'damaged or incomplete']
  ])('explains what is wrong with %j', async (text, message) => {
    const result = await decode(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
    if (!result.ok && message !== 'newer version') expect(result.error).not.toContain('newer');
  });

  it('says what to do with a damaged link', async () => {
    const result = await decode('sd1.a.');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/Copy the whole link again, or ask your teacher/);
  });

  it('reads a link whose fragment a messenger or the address bar percent-escaped', async () => {
    const payload = await encodePayload('a', assignment);
    const escaped = [...payload]
      .map((c, i) => (i % 3 === 0 ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c))
      .join('');
    expect(await decode(escaped)).toEqual({ ok: true, value: assignment });
    expect(await decode(`https://example.org/assignment#${escaped}`)).toEqual({
      ok: true,
      value: assignment
    });
  });

  it(
    'never throws on a hostile fragment, and calls only a later version number newer',
    async () => {
      const payload = await encodePayload('a', assignment);
      await fc.assert(
        fc.asyncProperty(hostileFragments(payload), async (text) => {
          const result = await decode(text);
          if (result.ok) {
            // Only escapes that spell the genuine payload's own characters read back.
            expect(result.value).toEqual(assignment);
            return;
          }
          expect(result.error.length).toBeGreaterThan(20);
          if (!namesNewerVersion(text)) expect(result.error).not.toContain('newer');
        }),
        { numRuns: 400, seed: 23 }
      );
    },
    PROPERTY_TIMEOUT
  );

  it('refuses a payload that decodes but breaks the schema, naming the field', async () => {
    const payload = await encodePayload('a', {
      ...assignment,
      goal: { reviews: 2, testScore: 180 }
    });
    const result = await decode(payload);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain('goal.testScore');
  });

  it('refuses oversized text and decompression bombs', async () => {
    expect((await decode(`sd1.a.00000000.${'A'.repeat(MAX_PAYLOAD_CHARS)}`)).ok).toBe(false);
    const bomb = await encodePayload('a', { ...assignment, title: 'x'.repeat(2_000_000) });
    const result = await decode(bomb);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain('too large');
  });

  it('never throws on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const result = await decode(text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300, seed: 42 }
    );
  });

  it('never accepts a truncated payload and never throws on one', async () => {
    const payload = await encodePayload('a', assignment);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: payload.length - 1 }), async (cut) => {
        expect((await decode(payload.slice(0, cut))).ok).toBe(false);
      }),
      { numRuns: 200, seed: 7 }
    );
  });

  it('never accepts a changed character as something else, and never throws', async () => {
    const payload = await encodePayload('a', assignment);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: payload.length - 1 }),
        fc.constantFrom(...'abcdefABCDEF0123456789-_.xyz'.split('')),
        async (at, char) => {
          const mutated = payload.slice(0, at) + char + payload.slice(at + 1);
          const result = await decode(mutated);
          // Either refused, or (the same character put back) exactly the original.
          if (result.ok) expect(result.value).toEqual(assignment);
        }
      ),
      { numRuns: 300, seed: 11 }
    );
  });

  it('puts a 30-fact assignment link in one QR code that scans back to the same link', async () => {
    const sizes: Record<number, string> = {};
    let scanned = '';
    for (const n of [10, 30, 100]) {
      // Real fact ids of the built-in collection.
      const facts = [...builtInCollection().decks.values()]
        .flatMap((d) => d.facts.map((f) => f.id))
        .slice(0, n);
      const link = `https://sourcedeck.example/assignment#${await encodePayload('a', { ...assignment, facts })}`;
      const qr = qrFor(link);
      sizes[n] =
        `${link.length} characters (${qr ? `QR version ${qr.version}-${qr.ecc}` : 'too large for a QR code'})`;
      if (n === 30) {
        expect(qr).not.toBeNull();
        scanned = scan(qr!);
        expect(scanned).toBe(link);
      }
    }
    console.log(
      `Assignment link: 10 facts ${sizes[10]}; 30 facts ${sizes[30]}; 100 facts ${sizes[100]}`
    );
    expect(scanned).not.toBe('');
  });

  it("states the link size of an assignment that carries a teacher's own facts", async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `What is the chemical symbol of element number ${i + 1}?,Symbol ${i + 1},Elements,Textbook chapter ${1 + (i % 3)}`
    );
    const parsed = parseOwnCsv(['prompt,answer,topic,source', ...rows].join('\n'), 'Elements');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const own = parsed.deck;
    const link = `https://sourcedeck.example/assignment#${await encodePayload('a', {
      ...assignment,
      deck: own.id,
      facts: own.facts.map((f) => f.id),
      own
    })}`;
    const qr = qrFor(link);
    console.log(
      `Assignment link with 30 own facts (CSV, about 85 characters a row): ${link.length} characters (${qr ? `QR version ${qr.version}-${qr.ecc}` : 'too large for a QR code'})`
    );
    expect((await decode(link)).ok).toBe(true);
  });

  it('offers no QR code for a link longer than a QR code holds', () => {
    expect(qrFor(`https://sourcedeck.example/assignment#${'x'.repeat(3000)}`)).toBeNull();
    expect(qrFor('https://sourcedeck.example/assignment#short')?.ecc).toBe('M');
  });
});

/** Draws the code 4 pixels a module and reads it with an independent decoder. */
function scan(qr: QrMatrix): string {
  const scale = 4;
  const side = qr.size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dark = qr.rows[Math.floor(y / scale)]![Math.floor(x / scale)];
      const at = (y * side + x) * 4;
      pixels.fill(dark ? 0 : 255, at, at + 3);
      pixels[at + 3] = 255;
    }
  }
  return jsQR(pixels, side, side)?.data ?? '';
}
