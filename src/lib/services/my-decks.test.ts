import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourcedeckDatabase } from '$lib/db/db';
import { DATE_MESSAGE } from '$lib/deck/fields';
import type { MyDeckSource } from '$lib/deck/mine';
import { emptyDraft, type MyFactDraft } from '$lib/deck/mine-draft';
import { OWN_LIMITS } from '$lib/deck/own';
import type { DeckFile } from '$lib/deck/types';
import { installDeck } from './install-decks';
import {
  createMyDeck,
  deleteMyDeck,
  renameMyDeck,
  restoreMyFact,
  retireMyFact,
  saveMyFact,
  type MyDeckChange,
  type MyDeckView
} from './my-decks';
import { listMyDecks, readMyDeck, storedDeck } from './stored-decks';
import { answerCurrent, continueSession, startSession } from './session';
import { saveStudyPlan } from './study-plan';
import {
  DAY,
  START,
  deck as miniDeck,
  dropDatabase,
  makeClock,
  openStudyDatabase,
  type TestClock
} from './study-fixture';

/** Set by a test to make the next compile fail, or return a broken deck file. */
const sabotage = vi.hoisted(() => ({ mode: null as null | 'throw' | 'broken' }));
vi.mock('$lib/deck/mine', async (importOriginal) => {
  const actual = await importOriginal<typeof import('$lib/deck/mine')>();
  return {
    ...actual,
    compileMyDeck: (deck: MyDeckSource): DeckFile => {
      const file = actual.compileMyDeck(deck);
      if (sabotage.mode === 'throw') throw new Error('the generator failed');
      // A fact without an id: installDeck writes the deck record, then its facts fail.
      if (sabotage.mode === 'broken')
        return { ...file, facts: [{ ...file.facts[0]!, id: undefined as unknown as string }] };
      return file;
    }
  };
});

let db: SourcedeckDatabase;
let clock: TestClock;
beforeEach(async () => {
  db = await openStudyDatabase();
  clock = makeClock();
  sabotage.mode = null;
});
afterEach(() => dropDatabase(db));

/** A fixed sequence standing in for Math.random: ids are predictable. */
const seeded = (digits: number[]) => {
  let i = 0;
  return () => (digits[i++ % digits.length] ?? 0) / 16;
};

function fact(prompt: string, answer: string, more: Partial<MyFactDraft> = {}): MyFactDraft {
  return {
    ...emptyDraft('Treaties'),
    prompt,
    answer,
    source: {
      title: 'History of the Pacific',
      author: 'A. Author',
      date: '2001',
      url: 'https://example.org/pacific',
      para: '3'
    },
    ...more
  };
}

const FIVE = [
  fact('In what year was the Treaty of San Francisco signed?', '1951'),
  fact('Which city hosted the 1954 conference on Indochina?', 'Geneva', { variants: 'Genève' }),
  fact('How many countries signed the Treaty of San Francisco?', '49'),
  fact('Who led the Viet Minh delegation at Geneva?', 'Pham Van Dong', {
    statement: 'Pham Van Dong led the Viet Minh delegation at Geneva.',
    topic: 'People'
  }),
  fact('On what date was the Korean armistice signed?', '1953-07-27', {
    explanation: 'It ended the fighting but no peace treaty followed.'
  })
];

function viewOf(result: MyDeckChange): MyDeckView {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.view;
}

async function newDeck(title = 'Pacific treaties'): Promise<string> {
  const made = await createMyDeck(db, { title, description: '' }, clock, seeded([10, 11, 2, 3]));
  if (!made.ok) throw new Error('not created');
  return made.id;
}

async function deckWithFive(): Promise<{ id: string; view: MyDeckView }> {
  const id = await newDeck();
  let view: MyDeckView | null = null;
  for (const draft of FIVE) {
    view = viewOf(await saveMyFact(db, id, draft, null, clock));
    clock.advance(60_000);
  }
  return { id, view: view! };
}

/** Answers every card of a session over `deckId`, Good, ten seconds apart. */
async function studyAll(deckId: string): Promise<number> {
  let session = await startSession(db, [deckId], clock);
  let answered = 0;
  while (session.current) {
    await answerCurrent(db, { rating: 3, given: null, correct: null, durationMs: 5000 }, clock);
    clock.advance(10_000);
    session = await continueSession(db, clock);
    answered++;
  }
  return answered;
}

describe('creating a deck of one’s own', () => {
  it('makes an empty deck written here, with a mine- id, listed apart from the built-in ones', async () => {
    const id = await newDeck();
    expect(id).toBe('mine-ab23ab23');
    expect(await listMyDecks(db)).toEqual([
      { id, title: 'Pacific treaties', facts: 0, origin: 'mine' }
    ]);
    const record = await db.decks.get(id);
    expect(record).toMatchObject({ builtIn: false, origin: 'mine', order: 1000 });
  });

  it('adds the new deck to a study plan that names its decks, so Today shows it', async () => {
    await saveStudyPlan(db, { decks: ['mini'] });
    const id = await newDeck();
    expect((await db.settings.get('studyPlan'))?.value).toMatchObject({ decks: ['mini', id] });
  });

  it('refuses a blank or too long title in the teacher’s words, and writes nothing', async () => {
    expect(await createMyDeck(db, { title: '  ', description: '' }, clock)).toEqual({
      ok: false,
      problems: { title: 'must not be empty' }
    });
    const long = 'x'.repeat(OWN_LIMITS.maxTitleChars + 1);
    expect(await createMyDeck(db, { title: long, description: '' }, clock)).toEqual({
      ok: false,
      problems: { title: `is too long: at most ${OWN_LIMITS.maxTitleChars} characters` }
    });
    expect(await listMyDecks(db)).toEqual([]);
  });
});

describe('writing facts', () => {
  it('adds five facts, each with its card, its questions and its source', async () => {
    const { id, view } = await deckWithFive();
    expect(view.deck.facts.map((f) => f.id)).toEqual([
      `${id}-in-what-year-was-the-treaty-of-san-francisco-signed`,
      `${id}-which-city-hosted-the-1954-conference-on-indochina`,
      `${id}-how-many-countries-signed-the-treaty-of-san-francisco`,
      `${id}-who-led-the-viet-minh-delegation-at-geneva`,
      `${id}-on-what-date-was-the-korean-armistice-signed`
    ]);
    expect(view.deck.facts.map((f) => f.kind)).toEqual(['date', 'term', 'number', 'term', 'date']);
    expect(view.deck.facts[0]).toMatchObject({
      importance: 2,
      value: { year: 1951 },
      statement: 'In what year was the Treaty of San Francisco signed? 1951.',
      citations: [{ source: 'history-of-the-pacific', para: 3 }]
    });
    expect(view.deck.facts[1]?.variants).toEqual(['Genève']);
    expect(view.deck.facts[4]?.value).toEqual({ date: '1953-07-27' });
    expect(view.deck.topics.map((t) => t.title)).toEqual(['Treaties', 'People']);
    expect(view.deck.sources).toEqual([
      {
        id: 'history-of-the-pacific',
        title: 'History of the Pacific',
        authors: ['A. Author'],
        outlet: '',
        date: '2001',
        url: 'https://example.org/pacific'
      }
    ]);
    expect(await db.cards.where('deckId').equals(id).count()).toBe(5);
    const questions = await db.questions.where('deckId').equals(id).toArray();
    // Every fact gets questions; only the one with a statement of its own gets true/false.
    expect(new Set(questions.map((q) => q.factId)).size).toBe(5);
    expect(questions.filter((q) => q.kind === 'truefalse').map((q) => q.factId)).toEqual([
      `${id}-who-led-the-viet-minh-delegation-at-geneva`
    ]);
    expect((await listMyDecks(db))[0]?.facts).toBe(5);
  });

  it('gives two facts whose prompts start with the same twelve words different ids', async () => {
    const id = await newDeck();
    const start = 'Which of the two rivers that meet at the city of Lyon is';
    await saveMyFact(db, id, fact(`${start} the longer one?`, 'The Rhône'), null, clock);
    const view = viewOf(
      await saveMyFact(db, id, fact(`${start} the shorter one?`, 'The Saône'), null, clock)
    );
    expect(view.deck.facts.map((f) => f.id.slice(id.length + 1))).toEqual([
      'which-of-the-two-rivers-that-meet-at-the-city-of-lyon',
      'which-of-the-two-rivers-that-meet-at-the-city-of-lyon-2'
    ]);
  });

  it('keeps an edited fact’s id, card and history, and makes its questions again', async () => {
    const { id, view } = await deckWithFive();
    expect(await studyAll(id)).toBeGreaterThanOrEqual(5);
    const target = view.deck.facts[1]!;
    const card = await db.cards.get(target.id);
    const answers = await db.log.where('factId').equals(target.id).count();
    expect(answers).toBeGreaterThan(0);

    clock.advance(DAY);
    const edited = viewOf(
      await saveMyFact(
        db,
        id,
        fact('Which Swiss city hosted the 1954 conference on Indochina?', 'Geneva'),
        target.id,
        clock
      )
    );
    expect(edited.deck.facts.map((f) => f.id)).toEqual(view.deck.facts.map((f) => f.id));
    expect(edited.deck.facts[1]?.prompt).toBe(
      'Which Swiss city hosted the 1954 conference on Indochina?'
    );
    expect(await db.cards.get(target.id)).toEqual(card);
    expect(await db.log.where('factId').equals(target.id).count()).toBe(answers);
    const typed = await db.questions.get(`${target.id}:typed:0`);
    expect(typed?.prompt).toContain('Swiss');
  });

  it('retires a fact with its history kept and out of the queue, and brings it back as it was', async () => {
    const { id, view } = await deckWithFive();
    await studyAll(id);
    const target = view.deck.facts[2]!;
    const card = await db.cards.get(target.id);
    const answers = await db.log.where('factId').equals(target.id).count();

    const retired = viewOf(await retireMyFact(db, id, target.id, clock));
    expect(retired.deck.facts.map((f) => f.id)).not.toContain(target.id);
    expect(retired.retired.map((f) => f.id)).toEqual([target.id]);
    expect(await db.cards.get(target.id)).toEqual({ ...card, retired: 1 });
    expect(await db.log.where('factId').equals(target.id).count()).toBe(answers);
    expect(await db.questions.where('factId').equals(target.id).count()).toBe(0);
    expect((await listMyDecks(db))[0]?.facts).toBe(4);
    // Its source stays while a retired fact cites it.
    expect(retired.deck.sources).toHaveLength(1);

    clock.set(START + 60 * DAY);
    const session = await startSession(db, [id], clock);
    expect([session.current?.factId, ...session.planned, ...session.learning]).not.toContain(
      target.id
    );
    expect((await storedDeck(db, id))?.facts.map((f) => f.id)).not.toContain(target.id);

    const back = viewOf(await restoreMyFact(db, id, target.id, clock));
    expect(back.retired).toEqual([]);
    expect(back.deck.facts.map((f) => f.id)).toContain(target.id);
    expect(await db.cards.get(target.id)).toEqual(card);
  });

  it('never gives a new fact the id, and so the history, of a retired one', async () => {
    const { id, view } = await deckWithFive();
    const first = view.deck.facts[0]!;
    await retireMyFact(db, id, first.id, clock);
    const again = viewOf(await saveMyFact(db, id, FIVE[0]!, null, clock));
    const added = again.deck.facts.at(-1)!;
    expect(added.id).toBe(`${first.id}-2`);
  });

  it('says what is wrong beside each field, in the words of the teacher’s CSV and YAML reader', async () => {
    const id = await newDeck();
    await saveMyFact(db, id, FIVE[0]!, null, clock);
    const before = await db.decks.get(id);
    const result = await saveMyFact(
      db,
      id,
      {
        ...fact(' ', 'x'.repeat(OWN_LIMITS.maxAnswerChars + 1), { variants: 'a; b' }),
        source: { title: '', author: 'Someone', date: '1 May 2001', url: 'ftp://x', para: '0' }
      },
      null,
      clock
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        prompt: 'must not be empty',
        answer: `is too long: at most ${OWN_LIMITS.maxAnswerChars} characters`,
        'source.title': 'must not be empty',
        'source.date': DATE_MESSAGE,
        'source.url': 'must be a web address starting with http:// or https://',
        'source.para': 'must be 1 or more'
      }
    });
    const para = await saveMyFact(
      db,
      id,
      fact('A new prompt?', 'An answer', { source: { ...fact('', '').source, para: 'two' } }),
      null,
      clock
    );
    expect(para).toEqual({ ok: false, problems: { 'source.para': 'must be a number' } });
    const twin = await saveMyFact(
      db,
      id,
      fact('in what year was the treaty of San Francisco signed', '1952'),
      null,
      clock
    );
    expect(twin).toEqual({
      ok: false,
      problems: { prompt: 'repeats the prompt of another fact of this deck' }
    });
    expect(await db.decks.get(id)).toEqual(before);
  });
});

describe('one transaction per change', () => {
  it('writes nothing when the compile fails', async () => {
    const { id } = await deckWithFive();
    const before = {
      deck: await db.decks.get(id),
      facts: await db.facts.where('deckId').equals(id).toArray(),
      cards: await db.cards.where('deckId').equals(id).toArray()
    };
    sabotage.mode = 'throw';
    await expect(saveMyFact(db, id, fact('A sixth fact?', 'Yes'), null, clock)).rejects.toThrow(
      'the generator failed'
    );
    expect({
      deck: await db.decks.get(id),
      facts: await db.facts.where('deckId').equals(id).toArray(),
      cards: await db.cards.where('deckId').equals(id).toArray()
    }).toEqual(before);
  });

  it('takes back the deck record when the install fails half-way', async () => {
    const { id } = await deckWithFive();
    const before = await db.decks.get(id);
    sabotage.mode = 'broken';
    clock.advance(DAY);
    await expect(saveMyFact(db, id, fact('A sixth fact?', 'Yes'), null, clock)).rejects.toThrow();
    expect(await db.decks.get(id)).toEqual(before);
    expect(await db.facts.where('deckId').equals(id).count()).toBe(5);
  });
});

describe('renaming, reading and deleting', () => {
  it('renames a deck and keeps its facts', async () => {
    const { id } = await deckWithFive();
    const view = viewOf(
      await renameMyDeck(
        db,
        id,
        { title: 'Treaties of the 1950s', description: 'For the exam.' },
        clock
      )
    );
    expect(view.deck).toMatchObject({
      title: 'Treaties of the 1950s',
      description: 'For the exam.'
    });
    expect(view.deck.facts).toHaveLength(5);
    expect(await renameMyDeck(db, id, { title: '', description: '' }, clock)).toEqual({
      ok: false,
      problems: { title: 'must not be empty' }
    });
  });

  it('reads a stored deck as the deck pages show a built-in one, with its origin', async () => {
    const { id } = await deckWithFive();
    const file = await storedDeck(db, id);
    expect(file).toMatchObject({
      id,
      title: 'Pacific treaties',
      origin: 'mine',
      editable: true,
      order: 1000
    });
    expect(file?.facts).toHaveLength(5);
    expect(file?.questions.length).toBeGreaterThan(5);
    expect(file?.facts[0]).not.toHaveProperty('deckId');
    expect(await storedDeck(db, 'mini')).toBeNull();
    expect(await storedDeck(db, 'mine-00000000')).toBeNull();
  });

  it('deletes a deck of one’s own with its cards and answers, and nothing else', async () => {
    const { id } = await deckWithFive();
    await studyAll(id);
    const view = await readMyDeck(db, id);
    expect(view?.answers).toBeGreaterThanOrEqual(5);
    const otherCards = await db.cards.where('deckId').equals('mini').count();
    await saveStudyPlan(db, { decks: ['mini', id] });

    expect(await deleteMyDeck(db, id)).toBe(true);
    expect(await db.decks.get(id)).toBeUndefined();
    for (const table of [db.facts, db.questions, db.cards]) {
      expect(await table.where('deckId').equals(id).count()).toBe(0);
    }
    expect(await db.log.count()).toBe(0);
    expect(await db.names.get(id)).toBeUndefined();
    expect(await db.sessions.get('current')).toBeUndefined();
    expect((await db.settings.get('studyPlan'))?.value).toMatchObject({ decks: ['mini'] });
    expect(await db.cards.where('deckId').equals('mini').count()).toBe(otherCards);
    expect(await readMyDeck(db, id)).toBeNull();
  });

  it('does not edit or delete a built-in deck or a teacher’s', async () => {
    const teachers = { ...miniDeck, id: 'own-12345678', facts: [], questions: [] };
    await installDeck(db, teachers, START, false);
    expect(await deleteMyDeck(db, 'mini')).toBe(false);
    expect(await deleteMyDeck(db, 'own-12345678')).toBe(false);
    expect(await saveMyFact(db, 'own-12345678', FIVE[0]!, null, clock)).toEqual({
      ok: false,
      problems: { facts: 'this deck is not one of yours on this device' }
    });
    expect(await listMyDecks(db)).toEqual([
      { id: 'own-12345678', title: 'Mini', facts: 0, origin: 'assignment' }
    ]);
  });
});
