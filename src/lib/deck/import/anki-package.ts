/**
 * An Anki package (`.apkg` for decks, `.colpkg` for a whole collection) read into plain
 * records: note types, decks, notes, cards, review log and the media list. What they become
 * as notes of our own is decided in `anki-notes.ts`; this module only reads.
 *
 * A package is a zip (read with the limits of `zip.ts`) holding one SQLite collection:
 * - `collection.anki21b` (package version 3, Anki 2.1.50+): SQLite in schema 18 compressed
 *   with zstd; note types, their fields and templates, and decks are in tables of their own
 *   whose settings are protobuf messages; the media list is a zstd-compressed protobuf, and
 *   every media file is zstd-compressed too;
 * - `collection.anki21` (version 2) or `collection.anki2` (version 1): SQLite in schema 11,
 *   note types and decks as JSON in the `col` row; the media list is JSON.
 * The version is in `meta` (a protobuf), or, in older packages without it, is known by
 * which file is there. A newer Anki also writes a `collection.anki2` that only holds a note
 * asking to update Anki: it is never read as the collection when a real one is there.
 *
 * The SQLite engine (sql.js) is passed in: the browser loads its WASM in a worker; tests
 * pass Node's. Pure: no storage, no DOM.
 */
import { Decompress } from 'fzstd';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { ImportError } from './types';
import { NOT_A_ZIP, openZip, ZIP_LIMITS, type ZipReader } from './zip';

/** Which kind of package it was: the three versions of Anki's `meta`. */
export type AnkiPackageVersion = 'legacy-1' | 'legacy-2' | 'latest';

/** One card template of a note type: a question and an answer format. */
export interface AnkiTemplate {
  ord: number;
  name: string;
  /** The question format (`{{Front}}`). */
  question: string;
  /** The answer format (`{{FrontSide}}<hr id=answer>{{Back}}`). */
  answer: string;
}

export interface AnkiNoteType {
  id: number;
  name: string;
  /** `cloze` makes one card per cloze number; `normal` one card per template. */
  kind: 'normal' | 'cloze';
  /**
   * The stock note type it was made from (Anki 2.1.62+; 0 when unknown): 1 Basic,
   * 2 Basic (and reversed card), 3 Basic (optional reversed card), 4 Basic (type in the
   * answer), 5 Cloze, 6 Image Occlusion.
   */
  stockKind: number;
  /** Field names, in field order. */
  fields: string[];
  /** Templates, in template order (a cloze note type has one). */
  templates: AnkiTemplate[];
}

export interface AnkiDeck {
  id: number;
  /** The full name, levels joined with `::` (`Languages::French`). */
  name: string;
  /** A filtered deck (its cards' home deck is their `originalDeckId`). */
  filtered: boolean;
}

export interface AnkiNote {
  id: number;
  guid: string;
  noteTypeId: number;
  /** Tags, split on spaces. */
  tags: string[];
  /** Field contents (HTML), in field order. */
  fields: string[];
}

export interface AnkiCard {
  id: number;
  noteId: number;
  deckId: number;
  /** The home deck of a card in a filtered deck; 0 otherwise. */
  originalDeckId: number;
  /** Its template number (for a cloze, the cloze number minus one). */
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** -1 suspended, -2 and -3 buried, 0 new, 1 and 3 learning, 2 review. */
  queue: number;
}

/** One row of Anki's review log. */
export interface AnkiReview {
  /** Epoch ms of the answer (the row id). */
  id: number;
  cardId: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual reschedule. */
  ease: number;
  /** Milliseconds spent on the answer. */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
}

/** The package's media files, each read from the zip only when asked for. */
export interface AnkiMedia {
  /** The names of the media files the package lists. */
  names(): string[];
  /** The size of a file in bytes, as the package declares it; undefined when it is not in the package. */
  size(name: string): number | undefined;
  /**
   * The bytes of a file, or undefined when it is not in the package. Throws `ImportError`
   * when it is damaged or larger than `maxBytes`.
   */
  read(name: string, maxBytes?: number): Uint8Array | undefined;
}

export interface AnkiCollection {
  /** The name of the file it was read from. */
  fileName: string;
  version: AnkiPackageVersion;
  /** The SQLite schema version (11 to 18). */
  schema: number;
  /** Which file in the zip held the collection. */
  collectionFile: string;
  noteTypes: Map<number, AnkiNoteType>;
  decks: Map<number, AnkiDeck>;
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiReview[];
  media: AnkiMedia;
  /** Problems met on the way that did not stop the reading (a damaged media list). */
  warnings: string[];
}

/** The newest SQLite schema this reader knows (Anki 2.1.50 to today). */
export const NEWEST_SCHEMA = 18;
/** The oldest: Anki 2.0 and 2.1 write 11; before that, Anki 1 had another format. */
export const OLDEST_SCHEMA = 11;

const COLLECTION_FILES: Record<AnkiPackageVersion, string> = {
  'legacy-1': 'collection.anki2',
  'legacy-2': 'collection.anki21',
  latest: 'collection.anki21b'
};
const VERSIONS: Record<number, AnkiPackageVersion> = { 1: 'legacy-1', 2: 'legacy-2', 3: 'latest' };
/** The first words of the note a newer Anki leaves in `collection.anki2` for older versions. */
const PLACEHOLDER_TEXT = 'Please update to the latest Anki version';
const FIELD_SEPARATOR = '\u001f';

// ---------------------------------------------------------------------------------------
// Protobuf: only what Anki's small messages need (varints and length-delimited fields).

/** One field of a protobuf message: a number for varints and fixed-size values, bytes for the rest. */
type ProtoValue = number | Uint8Array;

/** The fields of a protobuf message by number, each with every value it was given, in order. */
function readProto(bytes: Uint8Array, what: string): Map<number, ProtoValue[]> {
  const fields = new Map<number, ProtoValue[]>();
  let at = 0;
  const bad = () => new ImportError(`This Anki package is damaged: ${what} cannot be read.`);
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i += 1) {
      if (at >= bytes.length) throw bad();
      const byte = bytes[at] as number;
      at += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw bad();
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: ProtoValue;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw bad();
      value = bytes.subarray(at, at + length);
      at += length;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at + size > bytes.length) throw bad();
      value = 0;
      for (let i = size - 1; i >= 0; i -= 1) value = value * 256 + (bytes[at + i] as number);
      at += size;
    } else throw bad();
    if (field === 0) throw bad();
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

/** The last value of a varint field (protobuf: the last one wins), or 0. */
function protoNumber(message: Map<number, ProtoValue[]>, field: number): number {
  const value = message.get(field)?.at(-1);
  return typeof value === 'number' ? value : 0;
}

function protoBytes(message: Map<number, ProtoValue[]>, field: number): Uint8Array | undefined {
  const value = message.get(field)?.at(-1);
  return value instanceof Uint8Array ? value : undefined;
}

const utf8 = new TextDecoder('utf-8');

function protoString(message: Map<number, ProtoValue[]>, field: number): string {
  const bytes = protoBytes(message, field);
  return bytes ? utf8.decode(bytes) : '';
}

// ---------------------------------------------------------------------------------------
// Zstandard, bounded: the frames are walked first, so a frame that would need a huge
// window or decompress past the limit is refused before any memory is taken for it.

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_MAX_WINDOW = 128 * 1024 * 1024;
const ZSTD_MAX_BLOCK = 128 * 1024;

function u32le(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

/**
 * Decompresses zstd data (one or more frames) of at most `maxBytes`; `what` names it in
 * messages. Throws `ImportError` when the data is not zstd, is damaged, or would pass the limit.
 */
export function decompressZstd(data: Uint8Array, maxBytes: number, what: string): Uint8Array {
  const damaged = (detail: string) =>
    new ImportError(`This Anki package is damaged: ${what} ${detail}.`);
  const tooLarge = () =>
    new ImportError(
      `This Anki package is refused: ${what} would decompress to more than ${Math.round(maxBytes / 1024 / 1024)} MB.`
    );
  // Walk the frames: header sizes and block sizes give an upper bound of the output.
  let at = 0;
  let bound = 0;
  while (at < data.length) {
    if (at + 8 > data.length) throw damaged('is cut short');
    const magic = u32le(data, at);
    if (magic >>> 4 === 0x184d2a5) {
      at += 8 + u32le(data, at + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw damaged('is not zstd data');
    const descriptor = data[at + 4] as number;
    if (descriptor & 0x08) throw damaged('has a bad frame header');
    const single = (descriptor >> 5) & 1;
    let p = at + 5;
    let window = 0;
    if (!single) {
      const w = data[p] as number;
      p += 1;
      const base = 2 ** (10 + (w >> 3));
      window = base + (base / 8) * (w & 7);
    }
    p += [0, 1, 2, 4][descriptor & 3] as number;
    const sizeBytes = [single, 2, 4, 8][descriptor >> 6] as number;
    let contentSize = -1;
    if (sizeBytes > 0) {
      if (p + sizeBytes > data.length) throw damaged('is cut short');
      contentSize = 0;
      for (let i = sizeBytes - 1; i >= 0; i -= 1)
        contentSize = contentSize * 256 + (data[p + i] as number);
      if (sizeBytes === 2) contentSize += 256;
      p += sizeBytes;
    }
    if (single) window = contentSize;
    if (window > ZSTD_MAX_WINDOW && window > maxBytes) throw tooLarge();
    if (contentSize > maxBytes) throw tooLarge();
    const blockMax = Math.min(Math.max(window, 1), ZSTD_MAX_BLOCK);
    for (;;) {
      if (p + 3 > data.length) throw damaged('is cut short');
      const header =
        (data[p] as number) | ((data[p + 1] as number) << 8) | ((data[p + 2] as number) << 16);
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      p += 3;
      if (type === 0) {
        p += size;
        bound += size;
      } else if (type === 1) {
        p += 1;
        bound += size;
      } else if (type === 2) {
        p += size;
        bound += blockMax;
      } else throw damaged('has a bad block');
      if (bound > maxBytes + ZSTD_MAX_BLOCK) throw tooLarge();
      if (header & 1) break;
    }
    if ((descriptor >> 2) & 1) p += 4;
    if (p > data.length) throw damaged('is cut short');
    at = p;
  }
  // Then decompress, counting what comes out.
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  });
  try {
    stream.push(data, true);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw damaged(`cannot be decompressed (${error instanceof Error ? error.message : error})`);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// SQLite values, read defensively: a damaged or hostile file may hold any type anywhere.

function num(value: SqlValue | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'string') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
  }
  return 0;
}

function text(value: SqlValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof Uint8Array) return utf8.decode(value);
  return '';
}

function blob(value: SqlValue | undefined): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return new Uint8Array(0);
}

/** Calls `each` for every row of a query, without holding all rows at once. */
function eachRow(db: Database, sql: string, each: (row: SqlValue[]) => void): void {
  const statement = db.prepare(sql);
  try {
    while (statement.step()) each(statement.get());
  } finally {
    statement.free();
  }
}

function tableNames(db: Database): Set<string> {
  const names = new Set<string>();
  eachRow(db, "SELECT name FROM sqlite_master WHERE type = 'table'", (row) =>
    names.add(text(row[0]))
  );
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON from the collection; `what` names it in the message when it cannot. */
function parseJson(source: string, what: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    throw new ImportError(`This Anki package is damaged: its ${what} cannot be read.`);
  }
}

function jsonNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() && Number.isFinite(Number(value)))
    return Number(value);
  return 0;
}

function jsonString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Note types from schema 11's `col.models` JSON. */
function noteTypesFromJson(source: string): Map<number, AnkiNoteType> {
  const parsed = parseJson(source || '{}', 'note types');
  if (!isRecord(parsed))
    throw new ImportError('This Anki package is damaged: its note types cannot be read.');
  const noteTypes = new Map<number, AnkiNoteType>();
  for (const [key, raw] of Object.entries(parsed)) {
    if (!isRecord(raw)) continue;
    const id = jsonNumber(raw.id) || jsonNumber(key);
    const fields = (Array.isArray(raw.flds) ? raw.flds : [])
      .filter(isRecord)
      .map((field, index) => ({
        ord: typeof field.ord === 'number' ? field.ord : index,
        name: jsonString(field.name)
      }))
      .sort((a, b) => a.ord - b.ord)
      .map((field) => field.name);
    const templates = (Array.isArray(raw.tmpls) ? raw.tmpls : [])
      .filter(isRecord)
      .map((template, index) => ({
        ord: typeof template.ord === 'number' ? template.ord : index,
        name: jsonString(template.name),
        question: jsonString(template.qfmt),
        answer: jsonString(template.afmt)
      }))
      .sort((a, b) => a.ord - b.ord);
    noteTypes.set(id, {
      id,
      name: jsonString(raw.name),
      kind: jsonNumber(raw.type) === 1 ? 'cloze' : 'normal',
      stockKind: jsonNumber(raw.originalStockKind),
      fields,
      templates
    });
  }
  return noteTypes;
}

/** Note types from schema 18's `notetypes`, `fields` and `templates` tables. */
function noteTypesFromTables(db: Database): Map<number, AnkiNoteType> {
  const noteTypes = new Map<number, AnkiNoteType>();
  eachRow(db, 'SELECT id, name, config FROM notetypes', (row) => {
    const config = readProto(blob(row[2]), 'a note type');
    const id = num(row[0]);
    noteTypes.set(id, {
      id,
      name: text(row[1]),
      kind: protoNumber(config, 1) === 1 ? 'cloze' : 'normal',
      stockKind: protoNumber(config, 9),
      fields: [],
      templates: []
    });
  });
  const fields = new Map<number, { ord: number; name: string }[]>();
  eachRow(db, 'SELECT ntid, ord, name FROM fields', (row) => {
    const id = num(row[0]);
    const list = fields.get(id) ?? [];
    list.push({ ord: num(row[1]), name: text(row[2]) });
    fields.set(id, list);
  });
  for (const [id, list] of fields) {
    const noteType = noteTypes.get(id);
    if (noteType) noteType.fields = list.sort((a, b) => a.ord - b.ord).map((field) => field.name);
  }
  eachRow(db, 'SELECT ntid, ord, name, config FROM templates', (row) => {
    const noteType = noteTypes.get(num(row[0]));
    if (!noteType) return;
    const config = readProto(blob(row[3]), 'a card template');
    noteType.templates.push({
      ord: num(row[1]),
      name: text(row[2]),
      question: protoString(config, 1),
      answer: protoString(config, 2)
    });
  });
  for (const noteType of noteTypes.values()) noteType.templates.sort((a, b) => a.ord - b.ord);
  return noteTypes;
}

function decksFromJson(source: string): Map<number, AnkiDeck> {
  const parsed = parseJson(source || '{}', 'decks');
  const decks = new Map<number, AnkiDeck>();
  if (!isRecord(parsed)) return decks;
  for (const [key, raw] of Object.entries(parsed)) {
    if (!isRecord(raw)) continue;
    const id = jsonNumber(raw.id) || jsonNumber(key);
    decks.set(id, { id, name: jsonString(raw.name), filtered: jsonNumber(raw.dyn) === 1 });
  }
  return decks;
}

function decksFromTable(db: Database): Map<number, AnkiDeck> {
  const decks = new Map<number, AnkiDeck>();
  eachRow(db, 'SELECT id, name, kind FROM decks', (row) => {
    const id = num(row[0]);
    // The kind is a protobuf with a `normal` (1) or a `filtered` (2) message.
    let filtered: boolean;
    try {
      filtered = readProto(blob(row[2]), 'a deck').has(2);
    } catch {
      filtered = false;
    }
    // Schema 18 writes the levels of a deck name separated by \x1f.
    decks.set(id, { id, name: text(row[1]).split(FIELD_SEPARATOR).join('::'), filtered });
  });
  return decks;
}

/**
 * Anki declares some columns with its own collation (`unicase`), which sql.js cannot
 * register: any query that touches such a table fails. The copy in memory is rewritten to
 * use SQLite's NOCASE instead (only ever read, never written back), then opened again.
 */
function withoutUnicase(sql: SqlJsStatic, db: Database): Database {
  let count = 0;
  eachRow(
    db,
    "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%collate unicase%'",
    (row) => (count = num(row[0]))
  );
  if (count === 0) return db;
  db.run('PRAGMA writable_schema = ON');
  db.run(
    "UPDATE sqlite_master SET sql = replace(replace(sql, 'COLLATE unicase', 'COLLATE NOCASE'), 'collate unicase', 'COLLATE NOCASE') WHERE sql LIKE '%collate unicase%'"
  );
  db.run('PRAGMA writable_schema = OFF');
  const rewritten = db.export();
  db.close();
  return new sql.Database(rewritten);
}

interface Contents {
  schema: number;
  noteTypes: Map<number, AnkiNoteType>;
  decks: Map<number, AnkiDeck>;
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiReview[];
}

/** Reads everything needed from an open collection. */
function readContents(sql: SqlJsStatic, opened: Database, collectionFile: string): Contents {
  let db = opened;
  try {
    const tables = tableNames(db);
    for (const table of ['col', 'notes', 'cards'])
      if (!tables.has(table))
        throw new ImportError(
          `This is not an Anki collection: ${collectionFile} has no "${table}" table.`
        );
    let schema = 0;
    let modelsJson = '';
    let decksJson = '';
    eachRow(db, 'SELECT ver, models, decks FROM col LIMIT 1', (row) => {
      schema = num(row[0]);
      modelsJson = text(row[1]);
      decksJson = text(row[2]);
    });
    if (schema > NEWEST_SCHEMA)
      throw new ImportError(
        `This Anki package was made by a newer Anki (collection schema ${schema}); this app reads schemas ${OLDEST_SCHEMA} to ${NEWEST_SCHEMA}. Export it again with "Support older Anki versions" ticked.`
      );
    if (schema < OLDEST_SCHEMA)
      throw new ImportError(
        `This Anki collection is from Anki 1 or is damaged (schema ${schema}); open it in a current Anki and export it again.`
      );
    db = withoutUnicase(sql, db);
    const noteTypes = tables.has('notetypes')
      ? noteTypesFromTables(db)
      : noteTypesFromJson(modelsJson);
    const decks = tables.has('decks') ? decksFromTable(db) : decksFromJson(decksJson);
    const notes: AnkiNote[] = [];
    eachRow(db, 'SELECT id, guid, mid, tags, flds FROM notes', (row) => {
      notes.push({
        id: num(row[0]),
        guid: text(row[1]),
        noteTypeId: num(row[2]),
        tags: text(row[3])
          .split(/\s+/)
          .filter((tag) => tag.length > 0),
        fields: text(row[4]).split(FIELD_SEPARATOR)
      });
    });
    const cards: AnkiCard[] = [];
    eachRow(db, 'SELECT id, nid, did, ord, type, queue, odid FROM cards', (row) => {
      cards.push({
        id: num(row[0]),
        noteId: num(row[1]),
        deckId: num(row[2]),
        ord: num(row[3]),
        type: num(row[4]),
        queue: num(row[5]),
        originalDeckId: num(row[6])
      });
    });
    const revlog: AnkiReview[] = [];
    if (tables.has('revlog'))
      eachRow(db, 'SELECT id, cid, ease, time, type FROM revlog', (row) => {
        revlog.push({
          id: num(row[0]),
          cardId: num(row[1]),
          ease: num(row[2]),
          time: num(row[3]),
          type: num(row[4])
        });
      });
    if (
      collectionFile === COLLECTION_FILES['legacy-1'] &&
      notes.length === 1 &&
      notes[0]?.fields[0]?.startsWith(PLACEHOLDER_TEXT)
    )
      throw new ImportError(
        'This Anki package was made by a newer Anki and its collection is missing: it only holds the note asking to update Anki.'
      );
    return { schema, noteTypes, decks, notes, cards, revlog };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      `This Anki package is damaged: its collection cannot be read (${error instanceof Error ? error.message : error}).`
    );
  } finally {
    db.close();
  }
}

/** The media list: Anki file name → the zip entry holding it, with its declared size. */
function mediaList(
  zip: ZipReader,
  version: AnkiPackageVersion
): Map<string, { entry: string; size: number }> {
  const list = new Map<string, { entry: string; size: number }>();
  if (!zip.has('media')) return list;
  const raw = zip.read('media');
  if (version === 'latest') {
    const message = readProto(
      decompressZstd(raw, ZIP_LIMITS.maxTotalBytes, 'its media list'),
      'its media list'
    );
    (message.get(1) ?? []).forEach((value, index) => {
      if (!(value instanceof Uint8Array)) return;
      const entry = readProto(value, 'its media list');
      const name = protoString(entry, 1);
      const zipName = entry.has(255) ? String(protoNumber(entry, 255)) : String(index);
      if (name && zip.has(zipName)) list.set(name, { entry: zipName, size: protoNumber(entry, 2) });
    });
  } else {
    const parsed = parseJson(utf8.decode(raw), 'media list');
    if (!isRecord(parsed))
      throw new ImportError('This Anki package is damaged: its media list cannot be read.');
    for (const [zipName, name] of Object.entries(parsed)) {
      const entry = zip.entry(zipName);
      if (typeof name === 'string' && name && entry)
        list.set(name, { entry: zipName, size: entry.size });
    }
  }
  return list;
}

function mediaReader(
  zip: ZipReader,
  list: Map<string, { entry: string; size: number }>,
  compressed: boolean
): AnkiMedia {
  return {
    names: () => [...list.keys()],
    size: (name) => list.get(name)?.size,
    read: (name, maxBytes = ZIP_LIMITS.maxTotalBytes) => {
      const file = list.get(name);
      if (!file) return undefined;
      if (file.size > maxBytes)
        throw new ImportError(`The media file "${name}" is larger than ${maxBytes} bytes.`);
      const raw = zip.read(file.entry);
      const bytes =
        compressed && raw.length >= 4 && u32le(raw, 0) === ZSTD_MAGIC
          ? decompressZstd(raw, maxBytes, `the media file "${name}"`)
          : raw;
      if (bytes.length > maxBytes)
        throw new ImportError(`The media file "${name}" is larger than ${maxBytes} bytes.`);
      return bytes;
    }
  };
}

/** The package version from `meta`, or from which collection file is there. */
function packageVersion(zip: ZipReader): AnkiPackageVersion {
  let version: AnkiPackageVersion | undefined;
  if (zip.has('meta')) {
    const number = protoNumber(readProto(zip.read('meta'), 'its version (meta)'), 1);
    version = VERSIONS[number];
    if (!version)
      throw new ImportError(
        `This Anki package was made by a newer Anki (package version ${number}); this app reads versions 1 to 3. Export it again with "Support older Anki versions" ticked.`
      );
  }
  if (version && zip.has(COLLECTION_FILES[version])) return version;
  // No meta, or meta names a file that is not there: the best collection present.
  for (const candidate of ['latest', 'legacy-2', 'legacy-1'] as const)
    if (zip.has(COLLECTION_FILES[candidate])) return candidate;
  throw new ImportError(
    'This zip file is not an Anki package: it holds no collection (collection.anki21b, collection.anki21 or collection.anki2).'
  );
}

/**
 * Reads an Anki package (`.apkg` or `.colpkg`) from its bytes. The collection is read
 * whole; media files stay in the zip until `media.read` asks for one. Throws `ImportError`
 * (with a message for the learner) when the file is not a zip or not an Anki package, is
 * damaged or cut short, or was made by a newer Anki than this reader knows.
 */
export function readAnkiPackage(
  bytes: Uint8Array,
  sql: SqlJsStatic,
  fileName: string
): AnkiCollection {
  let zip: ZipReader;
  try {
    zip = openZip(bytes);
  } catch (error) {
    if (error instanceof ImportError && error.message === NOT_A_ZIP)
      throw new ImportError(
        'This file is not an Anki package: an .apkg or .colpkg file is a zip file, and this is not one.'
      );
    throw error;
  }
  const version = packageVersion(zip);
  const collectionFile = COLLECTION_FILES[version];
  const stored = zip.read(collectionFile);
  const sqlite =
    version === 'latest'
      ? decompressZstd(stored, ZIP_LIMITS.maxTotalBytes, `its collection (${collectionFile})`)
      : stored;
  let db: Database;
  try {
    db = new sql.Database(sqlite);
  } catch (error) {
    throw new ImportError(
      `This Anki package is damaged: its collection cannot be opened (${error instanceof Error ? error.message : error}).`
    );
  }
  const contents = readContents(sql, db, collectionFile);
  const warnings: string[] = [];
  let list = new Map<string, { entry: string; size: number }>();
  try {
    list = mediaList(zip, version);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    warnings.push('The list of media files is damaged: pictures are left out.');
  }
  return {
    fileName,
    version,
    collectionFile,
    ...contents,
    media: mediaReader(zip, list, version === 'latest'),
    warnings
  };
}
