/**
 * The backup file: everything a learner or teacher keeps on one device, in one file another
 * program can read (docs/backup-format.md). Pure apart from the standard Compression
 * Streams and Web Crypto, which browsers and Node share.
 *
 * A file is gzip-compressed JSON: `{ format, version, app, createdAt, checksum, data }`,
 * where `checksum` is the SHA-256 (hex) of `JSON.stringify(data)` and `data` holds one
 * array per table. Answers in the log are known by a key made of what they are (fact,
 * moment, question, rating), not by this device's row number, so two devices' logs merge.
 */
import * as v from 'valibot';
import { transform } from './streams';

export const BACKUP_FORMAT = 'sourcedeck-backup';
export const BACKUP_VERSION = 1;
/** Largest file read, compressed; and largest JSON it may unpack to (a bomb stops here). */
export const MAX_BACKUP_FILE_BYTES = 100_000_000;
export const MAX_BACKUP_JSON_BYTES = 400_000_000;

export type BackupRecord = Record<string, unknown>;

/** A log row as a backup holds it: the row without its local id, with its key. */
export type BackupLogEntry = BackupRecord & {
  key: string;
  type: 'answer' | 'undo';
  factId: string;
  deckId: string;
  at: number;
  day: number;
  /** On an undo: the key of the answer it takes back. */
  undoesKey?: string;
  /** Among the device's rows of the same moment, this one's place (a re-rating writes several). */
  seq?: number;
};

/** Each row's place among the rows of the same moment, in the order given. */
export function sameMomentOrder(rows: readonly { at: number }[]): number[] {
  const seen = new Map<number, number>();
  return rows.map((row) => {
    const n = seen.get(row.at) ?? 0;
    seen.set(row.at, n + 1);
    return n;
  });
}

/** The tables a backup holds, in the order they are restored. */
export const BACKUP_TABLES = [
  'decks',
  'facts',
  'questions',
  'names',
  'cards',
  'log',
  'settings',
  'practice',
  'assignments',
  'sent',
  'reports',
  'sessions'
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export type BackupData = {
  [T in BackupTable]: T extends 'log' ? BackupLogEntry[] : BackupRecord[];
};

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The app version that wrote it. */
  app: string;
  createdAt: number;
  checksum: string;
  data: BackupData;
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The keys of one device's log rows, given in the order they were written. A key names the
 * event, not a row number: an answer by its fact, moment, question and rating, an undo by
 * its fact and moment, each with a count for repeats (an answer re-rated back and forth
 * keeps its moment). Two devices' rows never share a key; a device's rows keep theirs
 * through a backup and a restore.
 */
export function logKeys(
  rows: readonly {
    type: string;
    factId: string;
    at: number;
    questionId?: unknown;
    rating?: unknown;
  }[]
): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base =
      row.type === 'answer'
        ? `a|${row.factId}|${row.at}|${String(row.questionId)}|${String(row.rating)}`
        : `u|${row.factId}|${row.at}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}|${String(n).padStart(4, '0')}`;
  });
}

const text = v.pipe(v.string(), v.maxLength(100_000));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(500));
const moment = v.pipe(v.number(), v.finite());
const record = v.record(v.string(), v.unknown());
const memory = v.looseObject({
  due: moment,
  stability: moment,
  difficulty: moment,
  state: v.picklist([0, 1, 2, 3]),
  reps: moment,
  lapses: moment
});
const logEntry = v.variant('type', [
  v.looseObject({
    type: v.literal('answer'),
    key: id,
    factId: id,
    deckId: id,
    questionId: id,
    rating: v.picklist([1, 2, 3, 4]),
    at: moment,
    day: moment,
    durationMs: moment,
    given: v.nullable(text),
    before: memory,
    after: memory
  }),
  v.looseObject({
    type: v.literal('undo'),
    key: id,
    undoesKey: id,
    factId: id,
    deckId: id,
    at: moment,
    day: moment
  })
]);
const keyed = (key: string) => v.looseObject({ [key]: id });
const table = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(5_000_000));
const dataSchema = v.object({
  decks: table(v.looseObject({ id, title: text, builtIn: v.boolean(), updatedAt: moment })),
  facts: table(v.looseObject({ id, deckId: id })),
  questions: table(v.looseObject({ id, deckId: id, factId: id })),
  names: table(v.looseObject({ deckId: id, names: v.array(text) })),
  cards: table(v.looseObject({ factId: id, deckId: id, memory, createdAt: moment })),
  log: table(logEntry),
  settings: table(keyed('key')),
  practice: table(v.looseObject({ at: moment, mode: v.picklist(['test', 'timeline', 'match']) })),
  assignments: table(v.looseObject({ id, acceptedAt: moment, assignment: record })),
  sent: table(v.looseObject({ id, assignment: record })),
  reports: table(v.looseObject({ assignment: id, studentKey: id, importedAt: moment })),
  sessions: table(keyed('id'))
});

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Bytes (a picture from an imported card) have no JSON form: a file holds them as
 * `{"$bytes": "<base64>"}`, and reading turns them back into bytes.
 */
function bytesToJson(_key: string, value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  let binary = '';
  for (let i = 0; i < value.length; i += 0x8000)
    binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
  return { $bytes: btoa(binary) };
}

/** Turns every `{"$bytes": …}` in parsed data back into bytes, in place. */
function reviveBytes(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveBytes(value[i]);
    return value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof record.$bytes === 'string') {
      const binary = atob(record.$bytes);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    for (const key of keys) record[key] = reviveBytes(record[key]);
  }
  return value;
}

/** The file for `data`, gzip-compressed. */
export async function encodeBackup(
  data: BackupData,
  meta: { app: string; createdAt: number }
): Promise<Uint8Array> {
  const body = JSON.stringify(data, bytesToJson);
  const checksum = await sha256(body);
  // `data` goes last and verbatim, so a reader can check the sum over exactly these bytes.
  const json = `{"format":"${BACKUP_FORMAT}","version":${BACKUP_VERSION},"app":${JSON.stringify(meta.app)},"createdAt":${meta.createdAt},"checksum":"${checksum}","data":${body}}`;
  return (await transform(
    new TextEncoder().encode(json),
    new CompressionStream('gzip'),
    Number.MAX_SAFE_INTEGER
  ))!;
}

const NOT_A_BACKUP =
  'This file is not a Sourcedeck backup. Choose a file made with “Back up” in Settings.';
const DAMAGED =
  'This backup is damaged: part of it is missing or changed, so nothing was restored. Use another copy of it.';

/**
 * Reads a backup file defensively. Never throws: a file that is not a backup, one from a
 * newer app, a truncated or altered one, or one too large gives `{ ok: false, error }`.
 */
export async function decodeBackup(
  bytes: Uint8Array,
  limits: { maxFileBytes?: number; maxJsonBytes?: number } = {}
): Promise<Read<BackupFile>> {
  const { maxFileBytes = MAX_BACKUP_FILE_BYTES, maxJsonBytes = MAX_BACKUP_JSON_BYTES } = limits;
  try {
    if (bytes.byteLength > maxFileBytes) {
      return { ok: false, error: 'This file is too large to be a Sourcedeck backup.' };
    }
    // gzip starts 1f 8b: anything else was never a backup.
    if (bytes.byteLength < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      return { ok: false, error: NOT_A_BACKUP };
    }
    let json: Uint8Array | null;
    try {
      json = await transform(new Uint8Array(bytes), new DecompressionStream('gzip'), maxJsonBytes);
    } catch {
      return { ok: false, error: DAMAGED };
    }
    if (!json) return { ok: false, error: 'This backup unpacks to more than the app can read.' };
    let file: unknown;
    try {
      file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch {
      return { ok: false, error: DAMAGED };
    }
    const head = v.safeParse(
      v.looseObject({ format: v.literal(BACKUP_FORMAT), version: v.number() }),
      file
    );
    if (!head.success) return { ok: false, error: NOT_A_BACKUP };
    if (head.output.version > BACKUP_VERSION) {
      return {
        ok: false,
        error:
          'This backup was made by a newer version of Sourcedeck. Update the app (reload it while online), then restore again.'
      };
    }
    const whole = v.safeParse(
      v.object({
        format: v.literal(BACKUP_FORMAT),
        version: v.literal(BACKUP_VERSION),
        app: v.pipe(v.string(), v.maxLength(50)),
        createdAt: moment,
        checksum: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
        data: dataSchema
      }),
      file
    );
    if (!whole.success) return { ok: false, error: DAMAGED };
    if (
      (await sha256(JSON.stringify((file as { data: unknown }).data))) !== whole.output.checksum
    ) {
      return { ok: false, error: DAMAGED };
    }
    try {
      reviveBytes((file as { data: unknown }).data);
    } catch {
      return { ok: false, error: DAMAGED };
    }
    return { ok: true, value: file as BackupFile };
  } catch {
    return { ok: false, error: DAMAGED };
  }
}

/** A file name that sorts by date: `sourcedeck-backup-2026-12-03.json.gz`. */
export function backupFileName(createdAt: number): string {
  return `sourcedeck-backup-${new Date(createdAt).toISOString().slice(0, 10)}.json.gz`;
}

/**
 * Two logs as one: every row of either, once (by key), in the order they happened (time,
 * then the order a device wrote rows of the same moment, then key). Merging is order-free and idempotent: merge(a, b) equals merge(b, a), and
 * merging b again changes nothing.
 */
export function mergeLogs(a: readonly BackupLogEntry[], b: readonly BackupLogEntry[]) {
  const byKey = new Map<string, BackupLogEntry>();
  for (const row of [...a, ...b]) if (!byKey.has(row.key)) byKey.set(row.key, row);
  return [...byKey.values()].sort(
    (x, y) =>
      x.at - y.at || (x.seq ?? 0) - (y.seq ?? 0) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
}
