import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SourcedeckDatabase, getSetting, putSetting } from './db';

describe('schema upgrades', () => {
  it('keeps every record from version 1 and fills the study days from the kept answers of the log', async () => {
    const name = 'upgrade-test';
    // A learner's database as version 1 of the app left it.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      decks: 'id',
      facts: 'id, deckId',
      questions: 'id, deckId, factId',
      cards: 'factId, deckId, [deckId+retired+state], [deckId+retired+due]',
      log: '++id, factId, [deckId+day], day',
      settings: 'key',
      sessions: 'id'
    });
    const memory = {
      due: 5,
      stability: 3,
      difficulty: 5,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      state: 2,
      lastReview: 1
    };
    await v1.table('cards').bulkAdd([
      { factId: 'a', deckId: 'd', topic: 't', retired: 0, due: 5, state: 2, memory, createdAt: 0 },
      {
        factId: 'b',
        deckId: 'd',
        topic: 't',
        retired: 0,
        due: 0,
        state: 0,
        memory: { ...memory, state: 0 },
        createdAt: 0
      }
    ]);
    await v1.table('log').bulkAdd([
      { type: 'answer', factId: 'a', deckId: 'd', day: 20000, at: 1 },
      { type: 'answer', factId: 'a', deckId: 'd', day: 20003, at: 2 },
      { type: 'undo', undoes: 2, factId: 'a', deckId: 'd', day: 20003, at: 3 }
    ]);
    await v1.table('settings').put({ key: 'deck:d', value: { newPerDay: 5 } });
    const before = {
      cards: await v1.table('cards').toArray(),
      log: await v1.table('log').toArray(),
      settings: await v1.table('settings').toArray()
    };
    v1.close();

    const db = new SourcedeckDatabase(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.cards.toArray()).toEqual(before.cards);
    expect(await db.log.toArray()).toEqual(before.log);
    expect((await db.settings.get('deck:d'))?.value).toEqual({ newPerDay: 5 });
    // Day 20003's only answer was undone: it is not a study day.
    expect((await db.settings.get('studyDays'))?.value).toEqual([20000]);
    // The new index answers "due reviews of a deck" without reading new cards.
    expect(
      await db.cards
        .where('[deckId+retired+state+due]')
        .between(['d', 0, 2, -Infinity], ['d', 0, 2, 10])
        .count()
    ).toBe(1);
    db.close();
    await db.delete();
  });

  it('keeps practice results from version 3 and finds them by assignment in version 4', async () => {
    const name = 'upgrade-test-3';
    const v3 = new Dexie(name);
    v3.version(3).stores({
      decks: 'id',
      facts: 'id, deckId',
      questions: 'id, deckId, factId',
      cards:
        'factId, deckId, [deckId+retired+state], [deckId+retired+due], [deckId+retired+state+due]',
      log: '++id, factId, [deckId+day], day',
      settings: 'key',
      sessions: 'id',
      practice: '++id, at, mode'
    });
    const result = { mode: 'test', at: 5, deckIds: ['d'], items: [], score: 0.5 };
    await v3.table('practice').add(result);
    const before = await v3.table('practice').toArray();
    v3.close();

    const db = new SourcedeckDatabase(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.practice.toArray()).toEqual(before);
    await db.practice.add({ ...before[0], id: undefined, assignment: 'abc123def456' });
    expect(await db.practice.where('assignment').equals('abc123def456').count()).toBe(1);
    expect(await db.assignments.count()).toBe(0);
    db.close();
    await db.delete();
  });
});

describe('version 5', () => {
  it('gives every deck installed before it the names its facts know, for grading', async () => {
    const name = 'upgrade-test-4';
    const v4 = new Dexie(name);
    v4.version(4).stores({
      decks: 'id',
      facts: 'id, deckId',
      questions: 'id, deckId, factId',
      cards:
        'factId, deckId, [deckId+retired+state], [deckId+retired+due], [deckId+retired+state+due]',
      log: '++id, factId, [deckId+day], day',
      settings: 'key',
      sessions: 'id',
      practice: '++id, at, mode, assignment',
      assignments: 'id, status',
      sent: 'id',
      reports: '[assignment+studentKey], assignment'
    });
    const fact = (
      id: string,
      deckId: string,
      answer: string,
      variants: string[],
      prompt: string
    ) => ({
      id,
      deckId,
      kind: 'person',
      statement: `${answer} is the answer.`,
      prompt,
      topic: 't',
      importance: 2,
      answer,
      variants,
      citations: [],
      retired: 0
    });
    await v4
      .table('facts')
      .bulkAdd([
        fact('a', 'one', 'Kim Yong-il', ['Kim Yong Il'], 'Who led the 2012 delegation?'),
        fact('b', 'two', 'Kim Jong Il', [], 'Who succeeded Kim Il Sung in 1994?')
      ]);
    v4.close();

    const db = new SourcedeckDatabase(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.names.get('one')).toEqual({ deckId: 'one', names: ['kim yong il'] });
    expect((await db.names.get('two'))?.names).toEqual(['kim il sung', 'kim jong il']);
    db.close();
    await db.delete();
  });
});

describe('settings', () => {
  it('reads back what was put, inside a transaction too, and nothing for a key never set', async () => {
    const db = new SourcedeckDatabase('settings-test');
    expect(await getSetting(db, 'studentName')).toBeUndefined();
    await putSetting(db, 'deck:d', { newPerDay: 5 });
    await db.transaction('rw', db.settings, async () => {
      await putSetting(db, 'studyDays', [20000, 20003]);
      expect(await getSetting(db, 'studyDays')).toEqual([20000, 20003]);
    });
    expect(await getSetting(db, 'deck:d')).toEqual({ newPerDay: 5 });
    expect(await db.settings.get('studyDays')).toEqual({ key: 'studyDays', value: [20000, 20003] });
    db.close();
    await db.delete();
  });
});
