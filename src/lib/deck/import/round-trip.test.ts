/**
 * What this app exports, it imports back: a deck written as an Anki package (with the
 * learner's history) and as CSV comes back as the same facts, and the package's history
 * gives the same memory of every card.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApkg, type AnkiExportReview } from '$lib/share/anki-export';
import { createRng } from '$lib/deck/rng';
import { deckToCsv } from '$lib/deck/export-csv';
import { replayLog } from '$lib/srs/rebuild';
import { createScheduler } from '$lib/srs/scheduler';
import { CardState, DEFAULT_DECK_SETTINGS, type MemoryState, type Rating } from '$lib/srs/types';
import type { DeckFile, PlainFact, ServedFact } from '$lib/deck/types';
import { readAnkiPackage } from './anki-package';
import { ankiToImport } from './anki-notes';
import { guessMapping, readTable, tableToImport } from './text';
import { plainOfSafeText } from './html-text';
import type { CardNote } from './types';

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1, 8);
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const facts: (ServedFact & PlainFact)[] = Array.from({ length: 10 }, (_, i) => ({
  id: `d-fact-${i}`,
  kind: 'term',
  statement: `Fact ${i} is about thing ${i}.`,
  prompt: i === 3 ? 'Which is bigger: 1 < 2 & "3"?' : `What is thing ${i}?`,
  answer: `Thing ${i}`,
  variants: i === 2 ? ['The thing 2'] : [],
  topic: i % 2 ? 'odd' : 'even',
  importance: 2,
  explanation: i === 1 ? 'A line\nand another' : `Because ${i}.`,
  citations: [{ source: 's1', para: i + 1 }]
}));
const deck: Pick<DeckFile, 'facts' | 'sources' | 'topics'> = {
  facts,
  sources: [
    {
      id: 's1',
      title: 'A source',
      authors: ['Ann Author'],
      outlet: 'The Outlet',
      date: '2019-02-08'
    }
  ],
  topics: [
    { id: 'odd', title: 'Odd ones' },
    { id: 'even', title: 'Even ones' }
  ]
};

function history() {
  const scheduler = createScheduler(DEFAULT_DECK_SETTINGS);
  const random = createRng(3);
  const memory = new Map<string, MemoryState>();
  const reviews: AnkiExportReview[] = [];
  for (let day = 0; day < 20; day++)
    for (const fact of facts.slice(0, 6)) {
      const at = START + day * DAY + Number(fact.id.slice(-1)) * 60_000;
      const before = memory.get(fact.id) ?? scheduler.newState(START);
      if (before.state !== CardState.New && before.due > at) continue;
      const rating = (random() < 0.25 ? 1 : 3) as Rating;
      const after = scheduler.review(before, rating, at);
      memory.set(fact.id, after);
      reviews.push({ factId: fact.id, at, rating, durationMs: 5000, before, after });
    }
  return { memory, reviews, scheduler };
}

describe('an exported deck imports back', () => {
  it('from its Anki package: the same prompts, answers and history, and so the same memory', async () => {
    const { memory, reviews, scheduler } = history();
    const { bytes } = await buildApkg(
      {
        deckId: 'd',
        deckTitle: 'Round trip',
        facts: facts.map((f) => ({
          id: f.id,
          prompt: f.prompt,
          answer: f.answer,
          explanation: f.explanation ?? '',
          source: 'A source, paragraph 1',
          topic: f.topic
        })),
        memory,
        reviews,
        now: START + 30 * DAY
      },
      SQL
    );
    const result = ankiToImport(readAnkiPackage(bytes, SQL, 'round-trip.apkg'));
    expect(result.title).toBe('Round trip');
    const notes = result.notes as CardNote[];
    expect(notes.map((n) => plainOfSafeText(n.prompt))).toEqual(facts.map((f) => f.prompt));
    expect(notes.map((n) => plainOfSafeText(n.answer))).toEqual(facts.map((f) => f.answer));
    expect(notes.reduce((n, note) => n + (note.history?.length ?? 0), 0)).toBe(reviews.length);
    for (const [i, note] of notes.entries()) {
      const own = memory.get(facts[i]!.id);
      const replayed = replayLog(scheduler, note.history ?? [], START);
      if (!own) expect(note.history ?? []).toHaveLength(0);
      else {
        expect(replayed.stability).toBeCloseTo(own.stability, 6);
        expect(replayed.difficulty).toBeCloseTo(own.difficulty, 6);
      }
    }
  });

  it('from its Anki package with the pictures shown with the prompts', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
    const { bytes } = await buildApkg(
      {
        deckId: 'd',
        deckTitle: 'Pictures',
        facts: facts.slice(0, 3).map((f, i) => ({
          id: f.id,
          prompt: f.prompt,
          answer: f.answer,
          explanation: '',
          source: '',
          topic: f.topic,
          ...(i !== 1 && { picture: { type: 'image/png', data: png } })
        })),
        memory: new Map(),
        reviews: [],
        now: START
      },
      SQL
    );
    const notes = ankiToImport(readAnkiPackage(bytes, SQL, 'pictures.apkg')).notes as CardNote[];
    expect(notes.map((n) => plainOfSafeText(n.prompt))).toEqual(
      facts.slice(0, 3).map((f) => f.prompt)
    );
    expect(notes.map((n) => n.image?.type ?? null)).toEqual(['image/png', null, 'image/png']);
    expect([...notes[0]!.image!.data]).toEqual([...png]);
  });

  it('from its CSV: the same prompts, answers, variants, explanations and topics', () => {
    const table = readTable(deckToCsv(deck));
    expect(table.header).toBe(true);
    const result = tableToImport(table, guessMapping(table), 'Round trip');
    const notes = result.notes as CardNote[];
    expect(notes.map((n) => plainOfSafeText(n.prompt))).toEqual(facts.map((f) => f.prompt));
    expect(notes.map((n) => plainOfSafeText(n.answer))).toEqual(facts.map((f) => f.answer));
    expect(notes.map((n) => n.variants ?? [])).toEqual(facts.map((f) => f.variants));
    expect(notes.map((n) => plainOfSafeText(n.explanation ?? ''))).toEqual(
      facts.map((f) => f.explanation ?? '')
    );
    expect(notes.map((n) => n.topic)).toEqual(
      facts.map((f) => (f.topic === 'odd' ? 'Odd ones' : 'Even ones'))
    );
  });
});
