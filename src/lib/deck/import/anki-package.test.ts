import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { decompressZstd, readAnkiPackage, type AnkiCollection } from './anki-package';
import { ankiToImport, imageType, type AnkiImportResult } from './anki-notes';
import { ImportError, type CardNote, type ClozeNote, type ImportedNote } from './types';
import { ANKI_SCHEMA_11 } from '$lib/share/anki-export';

const fixtureDir = resolve('../shared/fixtures/anki');
const haveFixtures = existsSync(fixtureDir);
if (!haveFixtures)
  console.warn(
    `Skipping the Anki fixture tests: ${fixtureDir} is absent (the shared folder is not beside the project).`
  );
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(fixtureDir, name)));

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

// ---------------------------------------------------------------------------------------
// Small writers for test packages: protobuf, zstd (raw blocks only) and SQLite collections.

function varint(value: number): number[] {
  const out: number[] = [];
  let n = value;
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** One protobuf field: a number as a varint, a string or bytes length-delimited. */
function pbField(field: number, value: number | string | Uint8Array): number[] {
  if (typeof value === 'number') return [...varint(field * 8), ...varint(value)];
  const bytes = typeof value === 'string' ? strToU8(value) : value;
  return [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
}

function pb(...fields: number[][]): Uint8Array {
  return new Uint8Array(fields.flat());
}

/** A zstd frame of raw (stored) blocks: valid zstd without a compressor. */
function zstdStored(data: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024;
  const parts: Uint8Array[] = [new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  let at = 0;
  do {
    const size = Math.min(BLOCK, data.length - at);
    const header = (size << 3) | (at + size >= data.length ? 1 : 0);
    parts.push(new Uint8Array([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]));
    parts.push(data.subarray(at, at + size));
    at += size;
  } while (at < data.length);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Schema 18's own tables; written with NOCASE, then turned into Anki's `unicase`. */
const SCHEMA_18_EXTRA = `
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL COLLATE NOCASE, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL, usn integer NOT NULL,
  config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
`;

interface TestNoteType {
  id: number;
  name: string;
  kind?: 'normal' | 'cloze';
  stockKind?: number;
  fields: string[];
  templates: [question: string, answer: string][];
}

interface TestCard {
  id: number;
  ord: number;
  deck?: number;
  queue?: number;
  /** [epoch ms, ease, type, time ms] */
  reviews?: [number, number, number, number][];
}

interface TestNote {
  id: number;
  guid: string;
  noteType: number;
  fields: string[];
  tags?: string;
  cards: TestCard[];
}

interface TestCollection {
  noteTypes: TestNoteType[];
  decks: { id: number; name: string }[];
  notes: TestNote[];
  schema?: number;
}

const BASIC: TestNoteType = {
  id: 100,
  name: 'Basic',
  fields: ['Front', 'Back'],
  templates: [['{{Front}}', '{{FrontSide}}<hr id=answer>{{Back}}']]
};

/** Inserts the notes, cards and revlog rows of a test collection. */
function insertNotes(db: import('sql.js').Database, collection: TestCollection): void {
  for (const note of collection.notes) {
    db.run('INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, 0, 0, 0, "")', [
      note.id,
      note.guid,
      note.noteType,
      note.tags ?? '',
      note.fields.join('\u001f')
    ]);
    for (const card of note.cards) {
      db.run(
        'INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 2, ?, 0, 1, 2500, 1, 0, 0, 0, 0, 0, "")',
        [card.id, note.id, card.deck ?? 1, card.ord, card.queue ?? 2]
      );
      for (const [at, ease, type, time] of card.reviews ?? [])
        db.run('INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, 2500, ?, ?)', [
          at,
          card.id,
          ease,
          time,
          type
        ]);
    }
  }
}

/** An SQLite collection in schema 11: note types and decks as JSON in `col`. */
function schema11(sql: SqlJsStatic, collection: TestCollection): Uint8Array {
  const db = new sql.Database();
  db.run(ANKI_SCHEMA_11);
  const models = Object.fromEntries(
    collection.noteTypes.map((type) => [
      String(type.id),
      {
        id: type.id,
        name: type.name,
        type: type.kind === 'cloze' ? 1 : 0,
        ...(type.stockKind && { originalStockKind: type.stockKind }),
        flds: type.fields.map((name, ord) => ({ name, ord })),
        tmpls: type.templates.map(([qfmt, afmt], ord) => ({
          name: `Card ${ord + 1}`,
          ord,
          qfmt,
          afmt
        }))
      }
    ])
  );
  const decks = Object.fromEntries(
    collection.decks.map((deck) => [String(deck.id), { id: deck.id, name: deck.name, dyn: 0 }])
  );
  db.run('INSERT INTO col VALUES (1, 0, 0, 0, ?, 0, 0, 0, "{}", ?, ?, "{}", "{}")', [
    collection.schema ?? 11,
    JSON.stringify(models),
    JSON.stringify(decks)
  ]);
  insertNotes(db, collection);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** An SQLite collection in schema 18: tables with protobuf settings and `COLLATE unicase`. */
function schema18(sql: SqlJsStatic, collection: TestCollection): Uint8Array {
  const db = new sql.Database();
  db.run(ANKI_SCHEMA_11 + SCHEMA_18_EXTRA);
  db.run('INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, "", "", "", "", "")');
  for (const type of collection.noteTypes) {
    const config = pb(
      pbField(1, type.kind === 'cloze' ? 1 : 0),
      pbField(3, '.card {}'),
      ...(type.stockKind ? [pbField(9, type.stockKind)] : [])
    );
    db.run('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)', [type.id, type.name, config]);
    type.fields.forEach((name, ord) =>
      db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [
        type.id,
        ord,
        name,
        pb(pbField(3, 'Arial'))
      ])
    );
    type.templates.forEach(([question, answer], ord) =>
      db.run('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)', [
        type.id,
        ord,
        `Card ${ord + 1}`,
        pb(pbField(1, question), pbField(2, answer))
      ])
    );
  }
  for (const deck of collection.decks)
    db.run('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)', [
      deck.id,
      deck.name.split('::').join('\u001f'),
      pb(pbField(1, 1)),
      pb(pbField(1, pb(pbField(1, 1))))
    ]);
  insertNotes(db, collection);
  db.run('PRAGMA writable_schema = ON');
  db.run(
    "UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase') WHERE sql LIKE '%COLLATE NOCASE%'"
  );
  db.run('PRAGMA writable_schema = OFF');
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A legacy package (version 2): `collection.anki21`, `meta`, a JSON media map and the files. */
function legacyPackage(collection: Uint8Array, media: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Zippable = {
    'collection.anki21': collection,
    meta: [pb(pbField(1, 2)), { level: 0 }]
  };
  const map: Record<string, string> = {};
  Object.entries(media).forEach(([name, data], index) => {
    map[String(index)] = name;
    files[String(index)] = [data, { level: 0 }];
  });
  files.media = strToU8(JSON.stringify(map));
  return zipSync(files);
}

/** A latest package (version 3): zstd collection, protobuf media list, zstd media files. */
function latestPackage(collection: Uint8Array, media: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Zippable = {
    meta: [pb(pbField(1, 3)), { level: 0 }],
    'collection.anki21b': [zstdStored(collection), { level: 0 }]
  };
  const entries = Object.entries(media).map(([name, data], index) => {
    files[String(index)] = [zstdStored(data), { level: 0 }];
    return pbField(
      1,
      pb(pbField(1, name), pbField(2, data.length), pbField(3, new Uint8Array(20)))
    );
  });
  files.media = [zstdStored(pb(...entries)), { level: 0 }];
  return zipSync(files);
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const SVG = strToU8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function byKey(result: AnkiImportResult): Map<string, ImportedNote> {
  return new Map(result.notes.map((note) => [note.key, note]));
}

function card(notes: Map<string, ImportedNote>, key: string): CardNote {
  const note = notes.get(key);
  expect(note?.form, key).toBe('card');
  return note as CardNote;
}

function cloze(notes: Map<string, ImportedNote>, key: string): ClozeNote {
  const note = notes.get(key);
  expect(note?.form, key).toBe('cloze');
  return note as ClozeNote;
}

/** Every text of every note: for checks that no markup is left. */
function allText(result: AnkiImportResult): string {
  return JSON.stringify(
    result.notes.map(({ key: _key, image: _image, history: _history, ...rest }) => rest)
  );
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected an ImportError');
}

// ---------------------------------------------------------------------------------------

describe.skipIf(!haveFixtures)('Anki packages made by Anki (fixtures)', () => {
  let mixed: AnkiCollection;
  let result: AnkiImportResult;
  let notes: Map<string, ImportedNote>;
  beforeAll(() => {
    mixed = readAnkiPackage(fixture('mixed-legacy-2.apkg'), SQL, 'mixed-legacy-2.apkg');
    result = ankiToImport(mixed);
    notes = byKey(result);
  });

  it('reads mixed-legacy-2.apkg: 8 notes, 13 cards, 26 review rows, six note types', () => {
    expect(mixed.version).toBe('legacy-2');
    expect(mixed.collectionFile).toBe('collection.anki21');
    expect(mixed.schema).toBe(11);
    expect(mixed.notes).toHaveLength(8);
    expect(mixed.cards).toHaveLength(13);
    expect(mixed.revlog).toHaveLength(26);
    const types = [...mixed.noteTypes.values()];
    expect(types.map((type) => `${type.name}: ${type.kind}`).sort()).toEqual([
      'Basic (and reversed card): normal',
      'Basic (optional reversed card): normal',
      'Basic (type in the answer): normal',
      'Basic: normal',
      'Cloze: cloze',
      'Image Occlusion: cloze'
    ]);
    expect(types.find((type) => type.name === 'Image Occlusion')?.stockKind).toBe(6);
    expect(mixed.media.names()).toEqual(['paste-ab21b25dd3e4ba4af2a1d8bdfa4c47455e53abac.jpg']);
    expect(result.counts).toEqual({
      notes: 8,
      cards: 13,
      reviews: 26,
      imported: 13,
      history: 26,
      skippedCards: 0
    });
    expect(result.title).toBe('Test - Mixed Types');
  });

  it('makes Basic, its reversed cards and type-in-the-answer into cards', () => {
    expect(card(notes, 'OM@n*is5-c:0')).toMatchObject({
      prompt: 'This note is of type "Basic"',
      answer: 'This is the "Back" field of type "Basic".'
    });
    const forward = card(notes, 'AY~Y<|>p34:0');
    const reversed = card(notes, 'AY~Y<|>p34:1');
    expect(forward.prompt).toBe('This note is of type "Basic (and reversed card)".');
    expect(reversed).toMatchObject({ prompt: forward.answer, answer: forward.prompt });
    // The optional reversed card exists in this note (its Add Reverse field is filled).
    const optional = card(notes, 'j6q=an8F(W:1');
    expect(optional.prompt).toBe(
      'This is the "Back" field of type "Basic (optional reversed card)".'
    );
    expect(optional.answer).toBe('This note is of type "Basic (optional reversed card)".');
    expect(JSON.stringify(optional)).not.toContain('Add Reverse');
    expect(card(notes, 'IaU)4A?1O*:0')).toMatchObject({
      prompt: 'This note is of type "Basic (type in the answer)".',
      answer: 'This is the "Back" side of type "Basic (type in the answer)".',
      typed: true
    });
    expect(card(notes, 'OM@n*is5-c:0').typed).toBeUndefined();
  });

  it('makes a cloze note into one note per number, with its hint, Back Extra and a shared c1', () => {
    const first = cloze(notes, 'cYo+,.?%Nh:0');
    expect(first).toMatchObject({
      before: 'In a cloze, some ',
      answer: 'fields',
      after: ' are hidden.',
      explanation: 'This is the "Back Extra" field of a cloze card.'
    });
    expect(cloze(notes, 'cYo+,.?%Nh:1')).toMatchObject({
      before: 'In a cloze, some fields are ',
      answer: 'hidden',
      after: '.'
    });
    expect(cloze(notes, 'eQG652IV..:0')).toMatchObject({
      answer: 'hints',
      hint: '(something that helps)'
    });
    const shared = cloze(notes, 'n[.vJJO[sU:0');
    expect(shared.answer).toBe('cloze');
    expect(shared.after).toBe(' and any other [...] can share a single reference.');
    expect(shared.explanation).toContain('the first cloze and any other cloze can share');
    expect(result.notes.filter((note) => note.key.startsWith('n[.vJJO[sU:'))).toHaveLength(1);
  });

  it('reads each Image Occlusion card with the picture, its shapes and the gap it asks for', () => {
    const cards = result.notes.filter((note) => note.key.startsWith('NPfQUC${7[:'));
    expect(cards.map((note) => note.key).sort()).toEqual([
      'NPfQUC${7[:0',
      'NPfQUC${7[:1',
      'NPfQUC${7[:2'
    ]);
    for (const note of cards) {
      if (note.form !== 'occlusion')
        throw new Error(`expected an occlusion card, got ${note.form}`);
      expect(note.image.name).toBe('paste-ab21b25dd3e4ba4af2a1d8bdfa4c47455e53abac.jpg');
      expect(note.image.type).toBe('image/jpeg');
      expect(note.image.data.length).toBe(10701);
      expect(note.prompt).toBe('What is under the highlighted shape?');
      expect(note.history).toHaveLength(2);
      // The fixture's rectangle (c1), ellipse (c2), polygon (c3) and a label always shown (c0).
      expect(note.occlusion.shapes.map((s) => `${s.ordinal}:${s.shape}`)).toEqual([
        '1:rect',
        '2:ellipse',
        '3:polygon',
        '0:text'
      ]);
      const target = Number(note.key.split(':').at(-1)) + 1;
      expect(note.occlusion.target).toBe(target);
      expect(note.answer).toBe(`Shape ${target} of 3, uncovered on the picture`);
    }
    expect(result.warnings).toEqual([
      '3 Image Occlusion cards imported as flashcards: the picture with its shapes drawn over it, and the asked shape uncovered with the answer.'
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('keeps each card’s review log, oldest first, with ratings, durations and kinds', () => {
    const first = notes.get('cYo+,.?%Nh:0')!;
    expect(first.history).toEqual([
      { at: 1755502051870, rating: 3, durationMs: 6425, type: 'learn' },
      { at: 1755502066000, rating: 3, durationMs: 1083, type: 'learn' }
    ]);
    for (const note of result.notes) {
      expect(note.history?.length).toBe(2);
      const times = note.history!.map((review) => review.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(result.notes.some((note) => note.suspended)).toBe(false);
  });

  it('leaves no markup in any text', () => {
    const text = allText(result);
    expect(text).not.toMatch(/<|>|&nbsp;|\{\{c\d/);
  });

  it('reads the empty legacy package and the collection package with its six stock note types', () => {
    const apkg = readAnkiPackage(fixture('empty-legacy-2.apkg'), SQL, 'empty-legacy-2.apkg');
    expect(apkg.version).toBe('legacy-2');
    expect(apkg.notes).toHaveLength(0);
    expect(apkg.cards).toHaveLength(0);
    expect([...apkg.decks.values()].map((deck) => deck.name)).toEqual(['Default']);
    const empty = ankiToImport(apkg);
    expect(empty.notes).toEqual([]);
    expect(empty.title).toBe('empty-legacy-2');

    const colpkg = readAnkiPackage(fixture('empty-legacy-2.colpkg'), SQL, 'empty-legacy-2.colpkg');
    expect(colpkg.notes).toHaveLength(0);
    const types = [...colpkg.noteTypes.values()];
    expect(types.map((type) => type.name).sort()).toEqual([
      'Basic',
      'Basic (and reversed card)',
      'Basic (optional reversed card)',
      'Basic (type in the answer)',
      'Cloze',
      'Image Occlusion'
    ]);
    expect(types.map((type) => type.stockKind).sort()).toEqual([1, 1, 2, 3, 5, 6]);
    const basic = types.find((type) => type.name === 'Basic')!;
    expect(basic.fields).toEqual(['Front', 'Back']);
    expect(basic.templates[0]?.question).toBe('{{Front}}');
    expect(ankiToImport(colpkg).counts.notes).toBe(0);
  });

  it('reads the newest package: zstd SQLite in schema 18, protobuf meta and media list', () => {
    const latest = readAnkiPackage(fixture('empty-latest.apkg'), SQL, 'empty-latest.apkg');
    expect(latest.version).toBe('latest');
    expect(latest.collectionFile).toBe('collection.anki21b');
    expect(latest.schema).toBe(18);
    expect(latest.notes).toHaveLength(0);
    expect(latest.cards).toHaveLength(0);
    // This export carries no note type (its fields and templates rows belong to none).
    expect(latest.noteTypes.size).toBe(0);
    expect([...latest.decks.values()]).toEqual([{ id: 1, name: 'Default', filtered: false }]);
    expect(latest.media.names()).toEqual([]);
    expect(ankiToImport(latest)).toMatchObject({ title: 'empty-latest', notes: [] });
  });

  it('refuses the stub collection.anki2 on its own: its real collection is missing', () => {
    const files = unzipSync(fixture('empty-latest.apkg'));
    const stubOnly = zipSync({ 'collection.anki2': files['collection.anki2']! });
    expect(refusal(() => readAnkiPackage(stubOnly, SQL, 'x.apkg'))).toMatch(
      /newer Anki .* only holds the note asking to update/
    );
  });

  it('survives 1,200 mutated packages: a result or an ImportError, nothing else', () => {
    const packages = [
      fixture('mixed-legacy-2.apkg'),
      fixture('empty-latest.apkg'),
      fixture('empty-legacy-2.colpkg')
    ];
    const inner = unzipSync(packages[0]!);
    const sqlite = inner['collection.anki21']!;
    const latestInner = unzipSync(packages[1]!);
    const latestSqlite = decompressZstd(latestInner['collection.anki21b']!, 1 << 24, 'test');
    const rezip = (collection: Uint8Array, latest: boolean) =>
      latest
        ? zipSync({
            ...latestInner,
            'collection.anki21b': [zstdStored(collection), { level: 0 }]
          })
        : zipSync({ ...inner, 'collection.anki21': [collection, { level: 0 }] });
    // The head (SQLite's header and schema, a zip's first entry), anywhere, and the tail
    // (a zip's central directory).
    const position = (length: number) =>
      fc.oneof(
        fc.nat({ max: Math.min(length, 8192) - 1 }),
        fc.nat({ max: length - 1 }),
        fc.integer({ min: -600, max: -1 })
      );
    const flips = (length: number) =>
      fc.array(fc.tuple(position(length), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 12
      });
    const flip = (bytes: Uint8Array, changes: [number, number][]) => {
      const copy = bytes.slice();
      for (const [at, xor] of changes) {
        const i = (at + copy.length) % copy.length;
        copy[i] = copy[i]! ^ xor;
      }
      return copy;
    };
    const updates = [
      'UPDATE col SET models = ?',
      'UPDATE col SET decks = ?',
      'UPDATE col SET ver = ?',
      'UPDATE notes SET flds = ? WHERE id = (SELECT min(id) FROM notes)',
      'UPDATE notes SET mid = ? WHERE id = (SELECT max(id) FROM notes)',
      'UPDATE notes SET tags = ?',
      'UPDATE cards SET ord = ? WHERE id = (SELECT min(id) FROM cards)',
      'UPDATE cards SET nid = ? WHERE id = (SELECT max(id) FROM cards)',
      'UPDATE cards SET queue = ?',
      'UPDATE revlog SET ease = ? WHERE id % 3 = 0',
      'UPDATE revlog SET type = ?',
      'UPDATE revlog SET id = ? WHERE id = (SELECT min(id) FROM revlog)'
    ];
    const sqlValue = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(
        '{"1":{"id":1,"name":"X","type":1,"flds":[{"name":"Text"}],"tmpls":[{"qfmt":"{{cloze:Text}}"}]}}',
        '{{c1::a{{c2::b}}}}\u001f<img src="paste-ab21b25dd3e4ba4af2a1d8bdfa4c47455e53abac.jpg">',
        '[sound:a.mp3]<img src=x onerror=alert(1)><script>alert(1)</script>'
      )
    );
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('zip-flip' as const),
        source: fc.nat({ max: packages.length - 1 }),
        changes: flips(75_000)
      }),
      fc.record({
        kind: fc.constant('zip-cut' as const),
        source: fc.nat({ max: packages.length - 1 }),
        length: fc.nat({ max: 80_000 })
      }),
      fc.record({
        kind: fc.constant('sqlite-flip' as const),
        latest: fc.boolean(),
        changes: flips(sqlite.length)
      }),
      fc.record({
        kind: fc.constant('sqlite-cut' as const),
        latest: fc.boolean(),
        length: fc.nat({ max: sqlite.length })
      }),
      fc.record({
        kind: fc.constant('sql' as const),
        statement: fc.nat({ max: updates.length - 1 }),
        value: sqlValue
      })
    );
    let results = 0;
    let refused = 0;
    fc.assert(
      fc.property(mutation, (m) => {
        let bytes: Uint8Array;
        if (m.kind === 'zip-flip') bytes = flip(packages[m.source]!, m.changes);
        else if (m.kind === 'zip-cut') bytes = packages[m.source]!.slice(0, m.length);
        else if (m.kind === 'sqlite-flip') {
          const source = m.latest ? latestSqlite : sqlite;
          bytes = rezip(flip(source, m.changes), m.latest);
        } else if (m.kind === 'sqlite-cut') {
          const source = m.latest ? latestSqlite : sqlite;
          bytes = rezip(source.slice(0, m.length % (source.length + 1)), m.latest);
        } else {
          const db = new SQL.Database(sqlite);
          try {
            db.run(updates[m.statement]!, [m.value]);
            bytes = rezip(db.export(), false);
          } catch {
            // The update broke a constraint: nothing to read.
            return;
          } finally {
            db.close();
          }
        }
        try {
          const collection = readAnkiPackage(bytes, SQL, 'fuzz.apkg');
          const read = ankiToImport(collection);
          expect(read.notes.length).toBeLessThanOrEqual(collection.cards.length);
          results += 1;
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          refused += 1;
        }
      }),
      { seed: 20261203, numRuns: 1200 }
    );
    expect(results + refused).toBeGreaterThan(1100);
    expect(results).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  }, 180_000);
});

describe('Anki packages built here', () => {
  it('reads tags, subdeck topics, suspension, manual reschedules and the title', () => {
    const collection: TestCollection = {
      noteTypes: [BASIC],
      decks: [
        { id: 1, name: 'Default' },
        { id: 2, name: 'Geography::Capitals' },
        { id: 3, name: 'Geography' }
      ],
      notes: [
        {
          id: 1,
          guid: 'g1',
          noteType: 100,
          fields: ['Capital of <b>France</b>?', 'Paris'],
          tags: ' europe  capitals::eu ',
          cards: [
            {
              id: 11,
              ord: 0,
              deck: 2,
              queue: -1,
              reviews: [
                [1_700_000_300_000, 0, 4, 0],
                [1_700_000_000_000, 1, 0, 8000],
                [1_700_000_100_000, 3, 1, 4000],
                [1_700_000_200_000, 2, 2, 3000],
                [1_700_000_250_000, 4, 3, 2000],
                [1_700_000_260_000, 9, 1, 2000]
              ]
            }
          ]
        },
        {
          id: 2,
          guid: 'g2',
          noteType: 100,
          fields: ['Largest ocean?', 'Pacific'],
          cards: [{ id: 21, ord: 0, deck: 3 }]
        }
      ]
    };
    const read = readAnkiPackage(legacyPackage(schema11(SQL, collection)), SQL, 'geo.apkg');
    const result = ankiToImport(read);
    const notes = byKey(result);
    expect(result.title).toBe('Geography');
    expect(card(notes, 'g1:0')).toEqual({
      form: 'card',
      key: 'g1:0',
      prompt: 'Capital of *France*?',
      answer: 'Paris',
      topic: 'Capitals',
      tags: ['europe', 'capitals::eu'],
      suspended: true,
      history: [
        { at: 1_700_000_000_000, rating: 1, durationMs: 8000, type: 'learn' },
        { at: 1_700_000_100_000, rating: 3, durationMs: 4000, type: 'review' },
        { at: 1_700_000_200_000, rating: 2, durationMs: 3000, type: 'relearn' },
        { at: 1_700_000_250_000, rating: 4, durationMs: 2000, type: 'filtered' },
        { at: 1_700_000_300_000, rating: 3, durationMs: 0, type: 'manual' }
      ]
    });
    expect(card(notes, 'g2:0').topic).toBeUndefined();
    expect(result.counts).toMatchObject({ notes: 2, cards: 2, reviews: 6, history: 5 });

    // Cards in decks of different tops: the title is the file name.
    const spread = {
      ...collection,
      decks: [...collection.decks.slice(0, 2), { id: 3, name: 'History' }]
    };
    const other = ankiToImport(
      readAnkiPackage(legacyPackage(schema11(SQL, spread)), SQL, 'my decks.v2.apkg')
    );
    expect(other.title).toBe('my decks.v2');
  });

  it('keeps a question’s picture only when it is a real picture under 1 MB; sounds and videos are counted', () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(PNG);
    const collection: TestCollection = {
      noteTypes: [BASIC],
      decks: [{ id: 1, name: 'Default' }],
      notes: [
        ['ok', '<img src="flag.png"> Which flag?', 'France [sound:fr.mp3]'],
        ['svg', '<img src="drawing.svg">Which drawing?', 'A tree'],
        ['big', '<img src="big.png">Which map?', 'Europe'],
        ['missing', '<img src="gone.jpg">Which bird?', 'A robin'],
        ['web', '<img src="https://example.com/x.png">Which site?', 'Example'],
        ['renamed', '<img src="flag.svg.png">Fake picture?', 'Yes'],
        ['answer', 'Which river?', 'The Seine <img src="river.png"> [sound:seine.mp3]'],
        ['media', '[sound:a.mp3][sound:clip.mp4] Listen', 'Heard [sound:a.mp3]'],
        ['empty', '[sound:only.mp3]', 'Nothing to read']
      ].map(([guid, front, back], i) => ({
        id: i + 1,
        guid: guid!,
        noteType: 100,
        fields: [front!, back!],
        cards: [{ id: 100 + i, ord: 0 }]
      }))
    };
    const media = {
      'flag.png': PNG,
      'drawing.svg': SVG,
      'big.png': big,
      'flag.svg.png': SVG,
      'river.png': PNG
    };
    for (const build of [legacyPackage, latestPackage]) {
      const collectionBytes =
        build === legacyPackage ? schema11(SQL, collection) : schema18(SQL, collection);
      const read = readAnkiPackage(build(collectionBytes, media), SQL, 'media.apkg');
      const result = ankiToImport(read);
      const notes = byKey(result);
      expect(card(notes, 'ok:0')).toMatchObject({
        prompt: 'Which flag?',
        answer: 'France',
        image: { name: 'flag.png', type: 'image/png', data: PNG }
      });
      for (const key of ['svg:0', 'big:0', 'missing:0', 'web:0', 'renamed:0', 'answer:0'])
        expect(card(notes, key).image, key).toBeUndefined();
      expect(card(notes, 'answer:0').answer).toBe('The Seine');
      expect(card(notes, 'media:0')).toMatchObject({ prompt: 'Listen', answer: 'Heard' });
      expect(notes.has('empty:0')).toBe(false);
      expect(result.skipped).toEqual([
        { what: '4 audio files', why: 'sounds are not played' },
        { what: '1 video file', why: 'videos are not played' },
        { what: '2 pictures', why: 'they are not PNG, JPEG, GIF or WebP pictures' },
        { what: '1 picture', why: 'they are larger than 1 MB' },
        { what: '1 picture', why: 'they are not in the package' },
        { what: '1 picture', why: 'they are on the web or embedded, not in the package' },
        {
          what: '1 picture',
          why: 'they are on the answer side, and only a picture with the question is kept'
        },
        { what: '1 card', why: 'their question is empty' }
      ]);
      expect(result.counts).toMatchObject({ notes: 9, cards: 9, imported: 8, skippedCards: 1 });
    }
  });

  it('reads a schema 18 collection: note types, fields and templates from their protobuf settings', () => {
    const collection: TestCollection = {
      noteTypes: [
        {
          id: 7,
          name: 'Vocabulary',
          fields: ['Word', 'Meaning', 'Notes', 'Type'],
          templates: [
            ['{{Word}}', '{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{hint:Notes}}'],
            ['{{Meaning}}\n{{type:Word}}', '{{Meaning}}<hr>{{type:Word}}']
          ]
        },
        {
          id: 8,
          name: 'My cloze',
          kind: 'cloze',
          fields: ['Passage', 'Source'],
          templates: [['{{cloze:Passage}}', '{{cloze:Passage}}<br>{{Source}}']]
        },
        {
          id: 9,
          name: 'Diagram',
          fields: ['Picture', 'Label'],
          templates: [['{{#Picture}}<div class=x></div>{{/Picture}}', '{{Label}}']]
        }
      ],
      decks: [{ id: 5, name: 'Languages::French::Verbs' }],
      notes: [
        {
          id: 1,
          guid: 'v',
          noteType: 7,
          fields: ['aller', 'to go', 'irregular', 'verb'],
          cards: [
            { id: 1, ord: 0, deck: 5 },
            { id: 2, ord: 1, deck: 5 }
          ]
        },
        {
          id: 2,
          guid: 'c',
          noteType: 8,
          fields: ['Je {{c1::vais}} à {{c2::Paris::city}}.', 'Manual'],
          cards: [
            { id: 3, ord: 0, deck: 5 },
            { id: 4, ord: 1, deck: 5 },
            { id: 5, ord: 5, deck: 5 }
          ]
        },
        {
          id: 3,
          guid: 'd',
          noteType: 9,
          fields: ['A diagram', 'Label'],
          cards: [{ id: 6, ord: 0, deck: 5 }]
        }
      ]
    };
    const read = readAnkiPackage(latestPackage(schema18(SQL, collection)), SQL, 'fr.apkg');
    expect(read.version).toBe('latest');
    expect(read.schema).toBe(18);
    expect(read.noteTypes.get(8)).toMatchObject({ kind: 'cloze', fields: ['Passage', 'Source'] });
    expect(read.noteTypes.get(7)?.templates[1]).toEqual({
      ord: 1,
      name: 'Card 2',
      question: '{{Meaning}}\n{{type:Word}}',
      answer: '{{Meaning}}<hr>{{type:Word}}'
    });
    expect(read.decks.get(5)?.name).toBe('Languages::French::Verbs');
    const result = ankiToImport(read);
    const notes = byKey(result);
    expect(result.title).toBe('Languages');
    expect(card(notes, 'v:0')).toMatchObject({
      prompt: 'aller',
      answer: 'to go',
      explanation: 'irregular',
      topic: 'Verbs'
    });
    expect(card(notes, 'v:1')).toMatchObject({ prompt: 'to go', answer: 'aller', typed: true });
    expect(cloze(notes, 'c:0')).toMatchObject({
      before: 'Je ',
      answer: 'vais',
      explanation: 'Manual'
    });
    expect(cloze(notes, 'c:1')).toMatchObject({ answer: 'Paris', hint: 'city' });
    expect(notes.has('c:5')).toBe(false);
    expect(card(notes, 'd:0')).toMatchObject({ prompt: 'A diagram', answer: 'Label' });
    expect(result.warnings).toEqual([
      '1 "Diagram" note imported with the first field that has text as the question and the other fields as the answer, since this app does not know that note type.'
    ]);
    expect(result.skipped).toEqual([
      { what: '1 card', why: 'their cloze gap is empty or missing' }
    ]);
  });

  it('reads an Anki 2.0 package: collection.anki2 without meta', () => {
    const collection: TestCollection = {
      noteTypes: [BASIC],
      decks: [{ id: 1, name: 'Default' }],
      notes: [{ id: 1, guid: 'old', noteType: 100, fields: ['Q', 'A'], cards: [{ id: 1, ord: 0 }] }]
    };
    const read = readAnkiPackage(
      zipSync({ 'collection.anki2': schema11(SQL, collection), media: strToU8('{}') }),
      SQL,
      'old.apkg'
    );
    expect(read).toMatchObject({ version: 'legacy-1', collectionFile: 'collection.anki2' });
    expect(ankiToImport(read).notes).toMatchObject([{ key: 'old:0', prompt: 'Q', answer: 'A' }]);
  });

  it('turns hostile field HTML into plain text', () => {
    const hostile =
      '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a>' +
      '<iframe src="javascript:alert(3)"></iframe><svg onload=alert(4)><circle/></svg>' +
      '<div style="background:url(javascript:alert(5))" onmouseover="alert(6)">hover</div>';
    const collection: TestCollection = {
      noteTypes: [BASIC],
      decks: [{ id: 1, name: '<b>Deck</b>*' }],
      notes: [
        {
          id: 1,
          guid: 'h',
          noteType: 100,
          fields: [hostile, `Answer ${hostile}`],
          cards: [{ id: 1, ord: 0 }]
        }
      ]
    };
    const result = ankiToImport(
      readAnkiPackage(legacyPackage(schema11(SQL, collection)), SQL, 'hostile.apkg')
    );
    const note = card(byKey(result), 'h:0');
    expect(note.prompt).toBe('click\nhover');
    expect(note.answer).toBe('Answer click\nhover');
    const text = allText(result);
    expect(text).not.toMatch(/alert|javascript|onerror|onload|onmouseover|style|</i);
    expect(note.image).toBeUndefined();
    expect(result.title).toBe('<b>Deck</b>\\*');
    expect(result.skipped).toContainEqual({
      what: '1 picture',
      why: 'they are not in the package'
    });
  });

  it('refuses what is not an Anki package it can read, with a message that says why', () => {
    const basic: TestCollection = { noteTypes: [BASIC], decks: [], notes: [] };
    expect(refusal(() => readAnkiPackage(strToU8('front,back\n'), SQL, 'a.apkg'))).toMatch(
      /not an Anki package: .* not one/
    );
    expect(
      refusal(() => readAnkiPackage(zipSync({ 'notes.txt': strToU8('x') }), SQL, 'a.apkg'))
    ).toMatch(/holds no collection/);
    expect(
      refusal(() =>
        readAnkiPackage(legacyPackage(schema11(SQL, { ...basic, schema: 19 })), SQL, 'a.apkg')
      )
    ).toMatch(/newer Anki \(collection schema 19\)/);
    expect(
      refusal(() =>
        readAnkiPackage(
          zipSync({ meta: pb(pbField(1, 4)), 'collection.anki21': schema11(SQL, basic) }),
          SQL,
          'a.apkg'
        )
      )
    ).toMatch(/newer Anki \(package version 4\)/);
    expect(
      refusal(() =>
        readAnkiPackage(legacyPackage(strToU8('not SQLite at all '.repeat(100))), SQL, 'a.apkg')
      )
    ).toMatch(/damaged: its collection cannot be read/);
    const whole = schema11(SQL, {
      ...basic,
      notes: Array.from({ length: 300 }, (_, i) => ({
        id: i + 1,
        guid: `n${i}`,
        noteType: 100,
        fields: [`Front ${i} `.repeat(20), 'Back'],
        cards: [{ id: i + 1, ord: 0 }]
      }))
    });
    expect(
      refusal(() => readAnkiPackage(legacyPackage(whole.slice(0, 9000)), SQL, 'a.apkg'))
    ).toMatch(/damaged/);
    expect(
      refusal(() =>
        readAnkiPackage(
          zipSync({ meta: pb(pbField(1, 3)), 'collection.anki21b': strToU8('not zstd') }),
          SQL,
          'a.apkg'
        )
      )
    ).toMatch(/damaged: its collection \(collection\.anki21b\) is not zstd data/);
  });

  it('refuses a zstd bomb before decompressing it', () => {
    // 5,000 RLE blocks of 128 kB each: 20 kB that would become 640 MB.
    const blocks = 5000;
    const frame = new Uint8Array(6 + blocks * 4);
    frame.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]);
    for (let i = 0; i < blocks; i += 1) {
      const header = ((128 * 1024) << 3) | (1 << 1) | (i === blocks - 1 ? 1 : 0);
      frame.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0], 6 + i * 4);
    }
    const started = performance.now();
    expect(refusal(() => decompressZstd(frame, 500 * 1024 * 1024, 'its collection'))).toMatch(
      /its collection would decompress to more than 500 MB/
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(decompressZstd(zstdStored(strToU8('hello')), 100, 'x')).toEqual(strToU8('hello'));
  });

  it('knows pictures by their first bytes', () => {
    expect(imageType(PNG)).toBe('image/png');
    expect(imageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageType(strToU8('GIF89a...'))).toBe('image/gif');
    expect(imageType(strToU8('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(imageType(SVG)).toBeUndefined();
    expect(imageType(new Uint8Array(0))).toBeUndefined();
  });
});
