/**
 * A deck as an Anki package (`.apkg`): a zip holding `collection.anki2`, an SQLite
 * database in Anki's schema 11 (the one every Anki since 2.1 imports), the pictures shown
 * with the prompts, and the media map naming them. One note per fact, of a note type of our own with the fields Prompt, Answer,
 * Explanation and Source; one card per note; the topic and the deck as tags; and every
 * answer the learner kept as a `revlog` row, so that Anki's FSRS can compute the memory
 * states from the same history.
 *
 * The SQLite engine (sql.js) is passed in: the browser loads its WASM in a worker, only
 * when exporting; tests pass Node's. Pure: no storage, no DOM.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';
import type { Database, SqlJsStatic } from 'sql.js';
import type { MemoryState, Rating } from '$lib/srs/types';
import { CardState } from '$lib/srs/types';

/** One fact as it goes into Anki: plain text, turned into HTML here. */
export interface AnkiExportFact {
  id: string;
  prompt: string;
  answer: string;
  explanation: string;
  /** Where the fact is written, in words ("Title, Outlet, 2019, paragraph 4"). */
  source: string;
  topic: string;
  /**
   * A picture shown with the prompt (an imported card's): it goes into the package's media
   * and the Prompt field shows it, as Anki's own notes do.
   */
  picture?: { type: string; data: Uint8Array };
}

/** One kept answer (an undone one is left out before it gets here). */
export interface AnkiExportReview {
  factId: string;
  at: number;
  rating: Rating;
  durationMs: number;
  before: MemoryState;
  after: MemoryState;
}

export interface AnkiExportInput {
  deckId: string;
  deckTitle: string;
  facts: AnkiExportFact[];
  /** The learner's card per fact id; a fact without one is new. */
  memory: Map<string, MemoryState>;
  reviews: AnkiExportReview[];
  /** Epoch ms: the time of the export. */
  now: number;
}

/** The note type's id: fixed, so a second export updates the same note type in Anki. */
export const NOTE_TYPE_ID = 1_733_000_000_001;
export const NOTE_TYPE_NAME = 'Sourcedeck fact';
export const FIELD_NAMES = ['Prompt', 'Answer', 'Explanation', 'Source'] as const;
const DAY_MS = 86_400_000;
/** Anki caps a review's recorded time; 60 s is its default. */
const MAX_ANSWER_MS = 60_000;

/** Text as Anki's HTML fields hold it: escaped, with line breaks as `<br>`. */
export function fieldHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n/g, '<br>');
}

/** A tag as Anki writes one: no spaces (Anki splits tags on them), `::` allowed for a hierarchy. */
export function ankiTag(text: string): string {
  return (
    text
      .trim()
      .replace(/\s+/g, '_')
      .replace(/[^\p{L}\p{N}_:-]/gu, '') || 'untitled'
  );
}

/** A 10-character note guid from the fact id: the same fact always gives the same note. */
async function guidOf(factId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', strToU8(factId)));
  const alphabet =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
  let guid = '';
  for (let i = 0; i < 10; i += 1) guid += alphabet[digest[i]! % alphabet.length];
  return guid;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/bmp': 'bmp'
};

/**
 * A picture's file name in the package, from its bytes: the same picture always gets the
 * same name (Anki keeps one copy however often it is exported) and two pictures never
 * share one. The extension tells Anki what kind of picture it is.
 */
export async function pictureName(picture: { type: string; data: Uint8Array }): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', picture.data.slice()));
  const hex = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `sourcedeck-${hex}.${EXTENSIONS[picture.type] ?? 'img'}`;
}

/** Anki's field checksum: the first 8 hex digits of the SHA-1 of the first field's text. */
async function checksum(text: string): Promise<number> {
  const digest = new DataView(await crypto.subtle.digest('SHA-1', strToU8(text)));
  return digest.getUint32(0);
}

/** An interval as a revlog row writes it: days when positive, seconds when negative (learning). */
function revlogInterval(state: MemoryState, at: number): number {
  if (state.state === CardState.Review) return Math.max(1, Math.round(state.scheduledDays));
  if (state.state === CardState.New) return 0;
  return -Math.max(1, Math.round((state.due - at) / 1000));
}

/** Anki's review kind of an answer: 0 learn, 1 review, 2 relearn. */
function revlogType(before: MemoryState): number {
  if (before.state === CardState.Review) return 1;
  if (before.state === CardState.Relearning) return 2;
  return 0;
}

/** Anki's schema 11 tables and indexes, as Anki 2.1 writes them. */
export const ANKI_SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
  factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

const CSS = `.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; line-height: 1.5; }
.explanation { margin-top: 1em; }
.source { margin-top: 1em; font-size: 0.8em; opacity: 0.75; }`;

function noteType(deckAnkiId: number, modSeconds: number) {
  const field = (name: string, ord: number) => ({
    name,
    ord,
    sticky: false,
    rtl: false,
    font: 'Arial',
    size: 20,
    description: '',
    plainText: false,
    collapsed: false,
    excludeFromSearch: false
  });
  return {
    id: NOTE_TYPE_ID,
    name: NOTE_TYPE_NAME,
    type: 0,
    mod: modSeconds,
    usn: -1,
    sortf: 0,
    did: deckAnkiId,
    tmpls: [
      {
        name: 'Recall',
        ord: 0,
        qfmt: '{{Prompt}}',
        afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}\n\n{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}\n{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        bqfmt: '',
        bafmt: '',
        did: null,
        bfont: '',
        bsize: 0
      }
    ],
    flds: FIELD_NAMES.map(field),
    css: CSS,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'any', [0]]],
    tags: [],
    vers: []
  };
}

function deckEntry(id: number, name: string, modSeconds: number) {
  return {
    id,
    name,
    mod: modSeconds,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0
  };
}

const DECK_CONFIG = {
  id: 1,
  name: 'Default',
  mod: 0,
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 }
};

/** A positive id in Anki's style (epoch ms), from a name: stable across exports of the same deck. */
function stableId(text: string, floor: number): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return floor + ((hash >>> 0) % 1_000_000_000);
}

/** Writes the collection into an open, empty database. */
async function fill(
  db: Database,
  input: AnkiExportInput,
  pictureNames: Map<string, string>
): Promise<{ notes: number; reviews: number }> {
  const { now } = input;
  const modSeconds = Math.floor(now / 1000);
  const deckAnkiId = stableId(input.deckId, 1_500_000_000_000);
  const firstAnswer = input.reviews.reduce((min, r) => Math.min(min, r.at), now);
  // The collection's creation day: Anki counts a review card's due day from it.
  const crt = Math.floor((Math.floor(firstAnswer / DAY_MS) * DAY_MS) / 1000);
  db.exec(ANKI_SCHEMA_11);
  db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    crt,
    now,
    now,
    JSON.stringify({
      nextPos: input.facts.length + 1,
      estTimes: true,
      activeDecks: [deckAnkiId],
      sortType: 'noteFld',
      timeLim: 0,
      sortBackwards: false,
      addToCur: true,
      curDeck: deckAnkiId,
      newSpread: 0,
      dueCounts: true,
      curModel: NOTE_TYPE_ID,
      collapseTime: 1200,
      schedVer: 2,
      sched2021: true
    }),
    JSON.stringify({ [NOTE_TYPE_ID]: noteType(deckAnkiId, modSeconds) }),
    JSON.stringify({
      1: deckEntry(1, 'Default', modSeconds),
      [deckAnkiId]: deckEntry(deckAnkiId, input.deckTitle, modSeconds)
    }),
    JSON.stringify({ 1: DECK_CONFIG }),
    '{}'
  ]);

  const deckTag = ankiTag(input.deckTitle);
  const cardIds = new Map<string, number>();
  const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
  const insertCard = db.prepare(
    'INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)'
  );
  try {
    // Ids are epoch ms in Anki; consecutive ones from the export time keep them unique.
    let id = now - input.facts.length - 1;
    let position = 0;
    for (const fact of input.facts) {
      id += 1;
      const fields = [fact.prompt, fact.answer, fact.explanation, fact.source].map(fieldHtml);
      const picture = pictureNames.get(fact.id);
      if (picture) fields[0] += `<br><img src="${fieldHtml(picture)}">`;
      const tags = ` ${[deckTag, `topic::${ankiTag(fact.topic)}`].join(' ')} `;
      insertNote.run([
        id,
        await guidOf(fact.id),
        NOTE_TYPE_ID,
        modSeconds,
        tags,
        fields.join('\x1f'),
        fact.prompt,
        await checksum(fact.prompt),
        ''
      ]);
      cardIds.set(fact.id, id);
      const memory = input.memory.get(fact.id);
      position += 1;
      insertCard.run(cardColumns(id, deckAnkiId, modSeconds, memory, position, crt));
    }
  } finally {
    insertNote.free();
    insertCard.free();
  }

  const insertReview = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
  let reviews = 0;
  try {
    let lastId = 0;
    for (const review of [...input.reviews].sort((a, b) => a.at - b.at)) {
      const cid = cardIds.get(review.factId);
      if (cid === undefined) continue;
      // A revlog id is the answer's time in ms and must be unique: two answers in the same
      // millisecond take the next free one.
      const revId = Math.max(review.at, lastId + 1);
      lastId = revId;
      insertReview.run([
        revId,
        cid,
        review.rating,
        revlogInterval(review.after, review.at),
        revlogInterval(review.before, review.at),
        review.after.state === CardState.Review ? 2500 : 0,
        Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(review.durationMs))),
        revlogType(review.before)
      ]);
      reviews += 1;
    }
  } finally {
    insertReview.free();
  }
  return { notes: input.facts.length, reviews };
}

/** A card row's scheduling columns from the learner's memory of the fact. */
function cardColumns(
  id: number,
  did: number,
  modSeconds: number,
  memory: MemoryState | undefined,
  position: number,
  crt: number
): (number | string)[] {
  // id, nid, did, mod, type, queue, due, ivl, factor, reps, lapses, left, data
  if (!memory || memory.state === CardState.New)
    return [id, id, did, modSeconds, 0, 0, position, 0, 0, 0, 0, 0, '{}'];
  const data = JSON.stringify({
    s: Number(memory.stability.toFixed(4)),
    d: Number(memory.difficulty.toFixed(4))
  });
  if (memory.state === CardState.Review) {
    const dueDay = Math.max(0, Math.floor((memory.due - crt * 1000) / DAY_MS));
    const ivl = Math.max(1, Math.round(memory.scheduledDays));
    return [id, id, did, modSeconds, 2, 2, dueDay, ivl, 2500, memory.reps, memory.lapses, 0, data];
  }
  // Learning and relearning: due is an epoch second; `left` says one step to go, today.
  const type = memory.state === CardState.Learning ? 1 : 3;
  return [
    id,
    id,
    did,
    modSeconds,
    type,
    1,
    Math.floor(memory.due / 1000),
    0,
    2500,
    memory.reps,
    memory.lapses,
    1001,
    data
  ];
}

/**
 * The `.apkg` file's bytes. Throws when the SQLite engine does (out of memory); nothing
 * else is written anywhere.
 */
export async function buildApkg(
  input: AnkiExportInput,
  sql: SqlJsStatic
): Promise<{ bytes: Uint8Array; notes: number; reviews: number }> {
  const db = new sql.Database();
  try {
    const pictureNames = new Map<string, string>();
    for (const fact of input.facts)
      if (fact.picture) pictureNames.set(fact.id, await pictureName(fact.picture));
    const counts = await fill(db, input, pictureNames);
    const collection = db.export();
    // Anki's media layout: the files numbered 0, 1, 2… and a map from number to name. A
    // picture several notes show is stored once; pictures are compressed already.
    const files: Zippable = { 'collection.anki2': collection };
    const names: Record<string, string> = {};
    const stored = new Set<string>();
    for (const fact of input.facts) {
      const name = pictureNames.get(fact.id);
      if (!fact.picture || !name || stored.has(name)) continue;
      stored.add(name);
      const number = String(stored.size - 1);
      names[number] = name;
      files[number] = [fact.picture.data, { level: 0 }];
    }
    files.media = strToU8(JSON.stringify(names));
    const bytes = zipSync(files, { level: 6, mtime: new Date(input.now) });
    return { bytes, ...counts };
  } finally {
    db.close();
  }
}

/** The file name of a deck's package: its id and the date. */
export function apkgFileName(deckId: string, now: number): string {
  return `${deckId}-${new Date(now).toISOString().slice(0, 10)}.apkg`;
}
