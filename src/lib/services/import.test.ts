import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, type Grade } from 'ts-fsrs';
import { SourcedeckDatabase, type AnswerLogRecord } from '$lib/db/db';
import type { ImportResult } from '$lib/deck/import/types';
import { DEFAULT_DECK_SETTINGS } from '$lib/srs/types';
import { commitImport, importDeckId, previewImport } from './import';
import { DAY, START, dropDatabase, makeClock } from './study-fixture';
import { startSession } from './session';
import { ankiExportInput } from './anki-export';

let counter = 0;
const open: SourcedeckDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await dropDatabase(db);
});
function fresh() {
  const db = new SourcedeckDatabase(`import-${counter++}`);
  open.push(db);
  return db;
}

const capitals = ['Paris', 'Rome', 'Madrid', 'Berlin', 'Vienna', 'Lisbon'];
const countries = ['France', 'Italy', 'Spain', 'Germany', 'Austria', 'Portugal'];

/** A file's notes: six capitals (one with 5 Anki reviews, one suspended), a cloze and a true/false. */
function result(): ImportResult {
  return {
    title: 'Capitals',
    notes: [
      ...capitals.map((city, i) => ({
        form: 'card' as const,
        key: `guid${i}:0`,
        prompt: `Capital of ${countries[i]}?`,
        answer: city,
        topic: i < 3 ? 'South' : 'North',
        ...(i === 0 && {
          history: [1, 3, 3, 2, 3].map((rating, n) => ({
            at: START - (20 - n * 4) * DAY,
            rating: rating as 1 | 2 | 3 | 4,
            durationMs: 4000,
            type: (n === 0 ? 'learn' : 'review') as 'learn' | 'review'
          }))
        }),
        ...(i === 5 && { suspended: true })
      })),
      {
        form: 'cloze',
        key: 'guid9:0',
        before: 'The Danube flows through ',
        answer: 'Vienna',
        after: '.'
      },
      { form: 'truefalse', key: 'q3', statement: 'Berlin is a capital.', answer: true }
    ],
    skipped: [{ what: '2 audio files', why: 'sounds are not played' }],
    warnings: []
  };
}

describe('importing a file', () => {
  it('previews the notes, their questions and history before writing anything', async () => {
    const db = fresh();
    const { preview } = await previewImport(db, result(), 'anki', 'capitals.apkg', START);
    expect(preview).toMatchObject({
      title: 'Capitals',
      deckId: importDeckId('capitals.apkg', 'anki'),
      updates: false,
      notes: 8,
      reviews: 5,
      cardsWithHistory: 1,
      suspended: 1,
      skipped: [{ what: '2 audio files', why: 'sounds are not played' }]
    });
    // Six capitals: each can borrow three others as wrong options.
    expect(preview.questions).toMatchObject({
      flashcard: 7,
      typed: 6,
      choice: 6,
      cloze: 1,
      truefalse: 1
    });
    expect(preview.sample[0]).toEqual({ prompt: 'Capital of France?', answer: 'Paris' });
    expect(await db.decks.count()).toBe(0);
  });

  it('writes the deck and continues each card from the history, as FSRS run over it would', async () => {
    const db = fresh();
    const { imported } = await previewImport(db, result(), 'anki', 'capitals.apkg', START);
    const outcome = await commitImport(db, imported, 'My capitals', START, makeClock());
    expect(outcome).toMatchObject({ notes: 8, reviews: 5 });
    const deck = await db.decks.get(outcome.deckId);
    expect(deck).toMatchObject({ title: 'My capitals', builtIn: false, origin: 'import' });
    expect(await db.facts.where('deckId').equals(outcome.deckId).count()).toBe(8);

    // The same history through ts-fsrs directly, with the app's default options.
    const engine = fsrs(
      generatorParameters({
        request_retention: DEFAULT_DECK_SETTINGS.retention,
        enable_fuzz: false,
        enable_short_term: true,
        learning_steps: DEFAULT_DECK_SETTINGS.learningSteps,
        relearning_steps: DEFAULT_DECK_SETTINGS.relearningSteps
      })
    );
    let card = createEmptyCard(new Date(START));
    for (const [n, rating] of [1, 3, 3, 2, 3].entries())
      card = engine.next(card, new Date(START - (20 - n * 4) * DAY), rating as Grade).card;
    const paris = (await db.cards.where('deckId').equals(outcome.deckId).toArray()).find(
      (c) => c.memory.reps > 0
    )!;
    expect(paris.memory.stability).toBeCloseTo(card.stability, 8);
    expect(paris.memory.difficulty).toBeCloseTo(card.difficulty, 8);
    expect(paris.due).toBe(card.due.getTime());
    const log = (await db.log.toArray()) as AnswerLogRecord[];
    expect(log).toHaveLength(5);
    expect(log.every((r) => r.imported && r.given === null)).toBe(true);
  });

  it('keeps a suspended card out of study, and importing the same file again adds nothing', async () => {
    const db = fresh();
    const clock = makeClock(START);
    const first = await previewImport(db, result(), 'anki', 'capitals.apkg', START);
    const { deckId } = await commitImport(db, first.imported, 'Capitals', START, clock);
    const suspended = (await db.cards.where('deckId').equals(deckId).toArray()).filter(
      (c) => c.suspended
    );
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.retired).toBe(1);
    const session = await startSession(db, [deckId], clock);
    expect(session.planned.concat(session.current ? [session.current.factId] : [])).not.toContain(
      suspended[0]!.factId
    );

    const again = await previewImport(db, result(), 'anki', 'capitals.apkg', START + DAY);
    expect(again.preview.updates).toBe(true);
    const before = { log: await db.log.toArray(), cards: await db.cards.toArray() };
    const outcome = await commitImport(db, again.imported, 'Capitals', START + DAY, clock);
    expect(outcome.reviews).toBe(0);
    expect(await db.log.toArray()).toEqual(before.log);
    expect((await db.cards.toArray()).map((c) => c.memory)).toEqual(
      before.cards.map((c) => c.memory)
    );
  });

  it('writes nothing when the transaction fails half-way', async () => {
    const db = fresh();
    const { imported } = await previewImport(db, result(), 'anki', 'capitals.apkg', START);
    db.log.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(commitImport(db, imported, 'Capitals', START, makeClock())).rejects.toThrow();
    expect(await db.decks.count()).toBe(0);
    expect(await db.facts.count()).toBe(0);
    expect(await db.cards.count()).toBe(0);
  });

  it('refuses a file with nothing to study, saying what was skipped', async () => {
    const empty: ImportResult = {
      title: 'x',
      notes: [],
      skipped: [{ what: 'essay question on line 3', why: 'essays need a teacher to mark them' }],
      warnings: []
    };
    await expect(previewImport(fresh(), empty, 'gift', 'quiz.gift', START)).rejects.toThrow(
      /essay question on line 3/
    );
  });
});

describe('an imported deck exported again for Anki', () => {
  it('carries each card’s picture with its note', async () => {
    const db = fresh();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 5]);
    const withPicture = result();
    withPicture.notes[1] = {
      ...withPicture.notes[1]!,
      image: { name: 'rome.png', type: 'image/png', data: png }
    } as ImportResult['notes'][number];
    const { imported } = await previewImport(db, withPicture, 'anki', 'capitals.apkg', START);
    const { deckId } = await commitImport(db, imported, 'Capitals', START, makeClock());
    const input = await ankiExportInput(db, deckId, START + DAY);
    const pictured = input.facts.filter((f) => f.picture);
    expect(pictured).toHaveLength(1);
    expect(pictured[0]!.prompt).toContain('Capital of Italy?');
    expect(pictured[0]!.picture!.type).toBe('image/png');
    expect([...pictured[0]!.picture!.data]).toEqual([...png]);
  });
});
