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

async function transform(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
  limit: number
): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
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

/** Takes the payload out of a pasted link (`...#sd1...` or `?p=sd1...`) or returns the text. */
export function extractPayload(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.indexOf(`${PAYLOAD_VERSION}.`);
  return at >= 0 ? trimmed.slice(at) : trimmed;
}

/**
 * Decodes and validates a payload. Never throws: anything wrong (truncated, tampered,
 * foreign, too large, of another kind or shape) gives `{ ok: false, error }` in words a
 * learner can act on.
 */
export async function decodePayload<T>(
  text: string,
  kind: PayloadKind,
  schema: v.GenericSchema<unknown, T>
): Promise<Decoded<T>> {
  const what = kind === 'a' ? 'assignment' : 'report';
  try {
    const payload = extractPayload(String(text));
    if (payload.length > MAX_PAYLOAD_CHARS)
      return { ok: false, error: `This ${what} is too large to be a Sourcedeck ${what}.` };
    const parts = payload.split('.');
    if (parts.length !== 4 || parts[0] !== PAYLOAD_VERSION) {
      return parts[0]?.startsWith('sd') && /^sd\d+$/.test(parts[0])
        ? {
            ok: false,
            error: `This ${what} was made by a newer version of Sourcedeck. Update the app and try again.`
          }
        : { ok: false, error: `This is not a Sourcedeck ${what} link or file.` };
    }
    const [, payloadKind, sum, data] = parts as [string, string, string, string];
    if (payloadKind !== kind) {
      return {
        ok: false,
        error:
          payloadKind === 'a' || payloadKind === 'r'
            ? `This is ${payloadKind === 'a' ? 'an assignment' : 'a report'}, not ${kind === 'a' ? 'an assignment' : 'a report'}.`
            : `This is not a Sourcedeck ${what}.`
      };
    }
    const bytes = fromBase64Url(data);
    if (!bytes || bytes.length === 0)
      return { ok: false, error: `This ${what} is damaged: part of it is missing or changed.` };
    if (checksum(bytes) !== sum)
      return { ok: false, error: `This ${what} is damaged: part of it is missing or changed.` };
    let json: Uint8Array | null;
    try {
      json = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
    } catch {
      return { ok: false, error: `This ${what} is damaged and cannot be read.` };
    }
    if (!json) return { ok: false, error: `This ${what} is too large to be a Sourcedeck ${what}.` };
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch {
      return { ok: false, error: `This ${what} is damaged and cannot be read.` };
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
    return { ok: false, error: `This ${what} cannot be read.` };
  }
}

/** Where an assignment link and a report link open. */
export const ASSIGNMENT_PATH = '/assignment';
export const REPORT_PATH = '/report';

/** A link to `path` on `origin` carrying `payload` after the `#`, so no server ever sees it. */
export function linkTo(origin: string, path: string, payload: string): string {
  return `${origin}${path}#${payload}`;
}
