import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '$lib/srs/scheduler';
import { replayLog } from '$lib/srs/rebuild';
import { CardState, DEFAULT_DECK_SETTINGS, type MemoryState, type Rating } from '$lib/srs/types';
import { createRng } from '$lib/deck/rng';
import {
  apkgFileName,
  buildApkg,
  FIELD_NAMES,
  NOTE_TYPE_ID,
  pictureName,
  type AnkiExportFact,
  type AnkiExportReview
} from './anki-export';

const ankiFixture = resolve('../shared/fixtures/anki/mixed-legacy-2.apkg');
const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1, 8);

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function facts(n: number): AnkiExportFact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `deck-a-fact-${i}`,
    prompt: i === 0 ? 'Which is bigger: 1 < 2 & "3"?' : `Prompt number ${i}`,
    answer: `Answer ${i}`,
    explanation: i === 1 ? 'First line\nsecond line <b>not bold</b>' : '',
    source: `The Example Times, 2019, paragraph ${i + 1}`,
    topic: i % 2 ? 'Cold war' : 'After 1992'
  }));
}

/** 30 days of seeded study of the first `studied` facts, as the scheduler would have answered. */
function history(studied: number, seed: number) {
  const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);
  const random = createRng(seed);
  const memory = new Map<string, MemoryState>();
  const reviews: AnkiExportReview[] = [];
  for (let day = 0; day < 30; day += 1) {
    for (let f = 0; f < studied; f += 1) {
      const factId = `deck-a-fact-${f}`;
      const at = START + day * DAY + f * 60_000;
      const before = memory.get(factId) ?? scheduler.newState(START);
      if (before.due > at && before.state !== CardState.New) continue;
      const rating = (random() < 0.2 ? 1 : random() < 0.8 ? 3 : 4) as Rating;
      const after = scheduler.review(before, rating, at);
      memory.set(factId, after);
      reviews.push({
        factId,
        at,
        rating,
        durationMs: 4_000 + Math.floor(random() * 90_000),
        before,
        after
      });
    }
  }
  return { memory, reviews, scheduler };
}

function rows(db: Database, sql: string): Record<string, unknown>[] {
  const [result] = db.exec(sql);
  if (!result) return [];
  return result.values.map((values) =>
    Object.fromEntries(result.columns.map((c, i) => [c, values[i]]))
  );
}

function columnsOf(db: Database, table: string): string[] {
  return rows(db, `PRAGMA table_info(${table})`).map((r) => String(r.name));
}

async function exported(n = 12, studied = 8) {
  const { memory, reviews, scheduler } = history(studied, 7);
  const now = START + 30 * DAY;
  const file = await buildApkg(
    { deckId: 'deck-a', deckTitle: 'The Cold War alliance', facts: facts(n), memory, reviews, now },
    SQL
  );
  const zip = unzipSync(file.bytes);
  const db = new SQL.Database(zip['collection.anki2']);
  return { file, zip, db, memory, reviews, scheduler, now };
}

describe('an Anki package of a deck', () => {
  it('is a zip of a schema 11 collection and an empty media map, named by deck and date', async () => {
    const { zip, db, now } = await exported();
    expect(Object.keys(zip).sort()).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(zip.media)).toBe('{}');
    const col = rows(db, 'SELECT * FROM col')[0]!;
    expect(col.ver).toBe(11);
    expect(apkgFileName('deck-a', now)).toBe('deck-a-2026-10-31.apkg');
    const models = JSON.parse(String(col.models));
    const model = models[NOTE_TYPE_ID];
    expect(model.flds.map((f: { name: string }) => f.name)).toEqual([...FIELD_NAMES]);
    expect(model.tmpls).toHaveLength(1);
    const decks = JSON.parse(String(col.decks));
    expect(Object.values(decks).map((d) => (d as { name: string }).name)).toContain(
      'The Cold War alliance'
    );
    db.close();
  });

  it('has one note and one card per fact, with escaped fields and topic and deck tags', async () => {
    const { db } = await exported();
    const notes = rows(db, 'SELECT * FROM notes ORDER BY id');
    expect(notes).toHaveLength(12);
    expect(rows(db, 'SELECT * FROM cards')).toHaveLength(12);
    const [first, second = []] = notes.map((n) => String(n.flds).split('\x1f'));
    expect(first).toEqual([
      'Which is bigger: 1 &lt; 2 &amp; &quot;3&quot;?',
      'Answer 0',
      '',
      'The Example Times, 2019, paragraph 1'
    ]);
    expect(second[2]).toBe('First line<br>second line &lt;b&gt;not bold&lt;/b&gt;');
    expect(String(notes[1]!.tags).trim().split(' ').sort()).toEqual([
      'The_Cold_War_alliance',
      'topic::Cold_war'
    ]);
    expect(new Set(notes.map((n) => n.guid)).size).toBe(12);
    db.close();
  });

  it('carries the pictures shown with prompts as media, each stored once, named by its bytes', async () => {
    const flag = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const river = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
    const withPictures = facts(4).map((fact, i) =>
      i === 0
        ? { ...fact, picture: { type: 'image/png', data: flag } }
        : i === 1
          ? { ...fact, picture: { type: 'image/jpeg', data: river } }
          : i === 2
            ? { ...fact, picture: { type: 'image/png', data: flag } }
            : fact
    );
    const file = await buildApkg(
      {
        deckId: 'deck-a',
        deckTitle: 'Pictures',
        facts: withPictures,
        memory: new Map(),
        reviews: [],
        now: START
      },
      SQL
    );
    const zip = unzipSync(file.bytes);
    const media = JSON.parse(new TextDecoder().decode(zip.media)) as Record<string, string>;
    // The flag shown by two facts is stored once.
    expect(Object.keys(media).sort()).toEqual(['0', '1']);
    const flagName = await pictureName({ type: 'image/png', data: flag });
    const riverName = await pictureName({ type: 'image/jpeg', data: river });
    expect(flagName).toMatch(/^sourcedeck-[0-9a-f]{16}\.png$/);
    expect(riverName).toMatch(/\.jpg$/);
    expect(Object.values(media).sort()).toEqual([flagName, riverName].sort());
    const numberOf = (name: string) => Object.keys(media).find((k) => media[k] === name)!;
    expect([...zip[numberOf(flagName)]!]).toEqual([...flag]);
    expect([...zip[numberOf(riverName)]!]).toEqual([...river]);

    const db = new SQL.Database(zip['collection.anki2']);
    const prompts = rows(db, 'SELECT flds FROM notes ORDER BY id').map(
      (n) => String(n.flds).split('\x1f')[0]
    );
    expect(prompts[0]).toBe(
      `Which is bigger: 1 &lt; 2 &amp; &quot;3&quot;?<br><img src="${flagName}">`
    );
    expect(prompts[1]).toBe(`Prompt number 1<br><img src="${riverName}">`);
    expect(prompts[2]).toBe(`Prompt number 2<br><img src="${flagName}">`);
    expect(prompts[3]).toBe('Prompt number 3');
    // The sort field stays the prompt's text, so Anki's duplicate check is not fooled.
    expect(rows(db, 'SELECT sfld FROM notes ORDER BY id')[1]!.sfld).toBe('Prompt number 1');
    db.close();
  });

  it('gives the same notes the same guids in a second export, so Anki updates them', async () => {
    const a = await exported();
    const b = await exported();
    const guids = (db: Database) =>
      rows(db, 'SELECT guid FROM notes ORDER BY id').map((r) => r.guid);
    expect(guids(b.db)).toEqual(guids(a.db));
    a.db.close();
    b.db.close();
  });

  it('writes one revlog row per kept answer, in time order, with the rating as ease', async () => {
    const { db, reviews } = await exported();
    const log = rows(db, 'SELECT * FROM revlog ORDER BY id');
    expect(log).toHaveLength(reviews.length);
    expect(log.map((r) => r.ease)).toEqual(reviews.map((r) => r.rating));
    expect(log.every((r) => Number(r.time) <= 60_000 && Number(r.time) >= 4_000)).toBe(true);
    expect(log.some((r) => r.type === 0) && log.some((r) => r.type === 1)).toBe(true);
    db.close();
  });

  it('holds history enough for FSRS to reach the same memory of every card', async () => {
    const { db, memory, scheduler } = await exported();
    const cards = rows(
      db,
      'SELECT c.id AS cid, n.flds AS flds, c.type AS type, c.reps AS reps FROM cards c JOIN notes n ON n.id = c.nid'
    );
    const log = rows(db, 'SELECT * FROM revlog ORDER BY id');
    let compared = 0;
    for (const card of cards) {
      const answer = String(card.flds).split('\x1f')[1]!;
      const factId = `deck-a-fact-${answer.replace('Answer ', '')}`;
      const own = memory.get(factId);
      const answers = log
        .filter((r) => r.cid === card.cid)
        .map((r) => ({ at: Number(r.id), rating: Number(r.ease) as Rating }));
      if (!own) {
        expect(answers).toHaveLength(0);
        expect(card.type).toBe(0);
        continue;
      }
      const replayed = replayLog(scheduler, answers, START);
      expect(replayed.stability).toBeCloseTo(own.stability, 6);
      expect(replayed.difficulty).toBeCloseTo(own.difficulty, 6);
      expect(card.reps).toBe(own.reps);
      compared += 1;
    }
    expect(compared).toBe(8);
    db.close();
  });
});

describe.skipIf(!existsSync(ankiFixture))('against a package Anki itself wrote', () => {
  if (!existsSync(ankiFixture))
    console.warn(
      `Skipping the Anki schema comparison: ${ankiFixture} is absent (the shared folder is not beside the project).`
    );

  it('has the same tables with the same columns as Anki 2.1', async () => {
    const anki = new SQL.Database(unzipSync(readFileSync(ankiFixture))['collection.anki21']);
    const { db } = await exported();
    for (const table of ['col', 'notes', 'cards', 'revlog', 'graves'])
      expect(columnsOf(db, table), table).toEqual(columnsOf(anki, table));
    const theirs = JSON.parse(String(rows(anki, 'SELECT models FROM col')[0]!.models));
    const ours = JSON.parse(String(rows(db, 'SELECT models FROM col')[0]!.models));
    const anyModel = Object.values(theirs)[0] as Record<string, unknown>;
    const ourModel = ours[NOTE_TYPE_ID] as Record<string, unknown>;
    for (const key of [
      'id',
      'name',
      'type',
      'mod',
      'usn',
      'sortf',
      'tmpls',
      'flds',
      'css',
      'latexPre',
      'latexPost',
      'req'
    ])
      expect(Object.keys(ourModel), key).toContain(key);
    expect(Object.keys(anyModel)).toEqual(expect.arrayContaining(['tmpls', 'flds', 'css']));
    anki.close();
    db.close();
  });
});
