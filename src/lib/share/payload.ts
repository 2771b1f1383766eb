/**
 * Payloads that travel outside the app (an assignment in a link, a student's report):
 * versioned, compressed, checksummed text, decoded defensively. Pure apart from the
 * standard Compression Streams, which browsers and Node share.
 *
 * Format: `sd1.<kind>.<checksum>.<data>`: `kind` is `a` (assignment) or `r` (report),
 * `checksum` the FNV-1a hash of the compressed bytes in 8 hex digits, `data` the
 * deflate-raw compressed JSON in base64url.
 */
import * as v from 'valibot';
import { hashString } from '$lib/deck/rng';
import { decodePercent } from './fragment';
import { transform } from './streams';

export const PAYLOAD_VERSION = 'sd1';
export type PayloadKind = 'a' | 'r';

/** Longest payload text accepted (a link fragment or a pasted text). */
export const MAX_PAYLOAD_CHARS = 64_000;
/** Largest decompressed JSON accepted, in bytes: a bomb stops here. */
export const MAX_JSON_BYTES = 1_000_000;

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function checksum(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return hashString(text).toString(16).padStart(8, '0');
}

export async function encodePayload(kind: PayloadKind, value: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const compressed = (await transform(
    json,
    new CompressionStream('deflate-raw'),
    Number.MAX_SAFE_INTEGER
  ))!;
  return `${PAYLOAD_VERSION}.${kind}.${checksum(compressed)}.${toBase64Url(compressed)}`;
}

/** The version prefix of a payload (`sd1.`, or a later version's), not inside a word. */
const VERSION_PREFIX = /(^|[^A-Za-z0-9])sd\d+\./;

/**
 * Takes the payload out of a pasted link (`...#sd1...` or `?p=sd1...`), a link's fragment
 * or a bare payload: the text from the first version prefix on (after the `#` when there
 * is one), or the text itself when it has none.
 */
export function extractPayload(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  const fragment = hash >= 0 ? trimmed.slice(hash + 1) : trimmed;
  const found = VERSION_PREFIX.exec(fragment);
  return found ? fragment.slice(found.index + found[1]!.length) : fragment;
}

const VERSION_NUMBER = Number(PAYLOAD_VERSION.slice(2));

/** What a reader of a broken link can do about it: the teacher sends assignments, students reports. */
function damaged(kind: PayloadKind): string {
  return kind === 'a'
    ? 'This assignment link is damaged or incomplete: part of it is missing or changed. Copy the whole link again, or ask your teacher to send it again.'
    : 'This report is damaged or incomplete: part of it is missing or changed. Copy the whole link (or use the whole file) again, or ask the student to send the report again.';
}

/**
 * Decodes and validates a payload from anything a user can hand in: a link's raw `#`
 * fragment (percent-escapes and all), a pasted link or text, a file's contents. Never
 * throws: anything wrong (truncated, tampered, foreign, too large, of another kind or
 * shape) gives `{ ok: false, error }` in words the reader can act on. Only a version
 * field holding a later version number than this app reads is called "newer"; a cut-back
 * prefix, random text or an unknown kind is damaged.
 */
export async function decodePayload<T>(
  text: string,
  kind: PayloadKind,
  schema: v.GenericSchema<unknown, T>
): Promise<Decoded<T>> {
  const what = kind === 'a' ? 'assignment' : 'report';
  const tooLarge = {
    ok: false,
    error: `This ${what} is too large to be a Sourcedeck ${what}.`
  } as const;
  try {
    const raw = String(text);
    // Escapes make a text at most three times longer: anything beyond is refused unread.
    if (raw.length > MAX_PAYLOAD_CHARS * 3) return tooLarge;
    const payload = extractPayload(decodePercent(raw));
    if (payload.length > MAX_PAYLOAD_CHARS) return tooLarge;
    if (payload.length === 0) {
      return {
        ok: false,
        error:
          kind === 'a'
            ? 'There is no assignment in this link. Open the whole link your teacher sent, or paste it here.'
            : 'There is no report in this link. Open the whole link the student sent, on the device where the assignment was made.'
      };
    }
    const parts = payload.split('.');
    const version = /^sd([1-9]\d{0,5})$/.exec(parts[0] ?? '');
    if (version && Number(version[1]) > VERSION_NUMBER) {
      return {
        ok: false,
        error: `This ${what} was made by a newer version of Sourcedeck. Update the app and try again.`
      };
    }
    if (parts.length !== 4 || parts[0] !== PAYLOAD_VERSION)
      return { ok: false, error: damaged(kind) };
    const [, payloadKind, sum, data] = parts as [string, string, string, string];
    if (payloadKind !== kind) {
      if (payloadKind === 'a') {
        return {
          ok: false,
          error: 'This is an assignment, not a report. A student opens it to accept the assignment.'
        };
      }
      if (payloadKind === 'r') {
        return {
          ok: false,
          error:
            'This is a report, not an assignment. The teacher imports it on the device where the assignment was made, in Teach.'
        };
      }
      return { ok: false, error: damaged(kind) };
    }
    const bytes = fromBase64Url(data);
    if (!bytes || bytes.length === 0 || checksum(bytes) !== sum)
      return { ok: false, error: damaged(kind) };
    let json: Uint8Array | null;
    try {
      json = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
    } catch {
      return { ok: false, error: damaged(kind) };
    }
    if (!json) return tooLarge;
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch {
      return { ok: false, error: damaged(kind) };
    }
    const result = v.safeParse(schema, value);
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
      return {
        ok: false,
        error: `This ${what} is not valid${path ? ` (${path})` : ''}: ${issue?.message ?? 'unexpected content'}.`
      };
    }
    return { ok: true, value: result.output };
  } catch {
    return { ok: false, error: damaged(kind) };
  }
}

/** Where an assignment link and a report link open. */
export const ASSIGNMENT_PATH = '/assignment';
export const REPORT_PATH = '/report';

/** A link to `path` on `origin` carrying `payload` after the `#`, so no server ever sees it. */
export function linkTo(origin: string, path: string, payload: string): string {
  return `${origin}${path}#${payload}`;
}
