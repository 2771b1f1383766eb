import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileOwnDeck } from '$lib/deck/own-compile';
import { START, deck, makeClock, resetAppDatabase } from '$lib/services/study-fixture';
import { emptyDraft } from '$lib/deck/mine-form';
import { myDecks } from '$lib/services/my-decks';
import { classes } from '$lib/services/teaching';
import { AssignmentBuilder } from './teach.svelte';

const ORIGIN = 'https://sourcedeck.example';

/** Four facts as a spreadsheet exports them, with no statement column. */
const CSV = [
  'prompt,answer',
  'What is the chemical symbol for gold?,Au',
  'What is the chemical symbol for iron?,Fe',
  'What is the chemical symbol for sodium?,Na',
  'What is the chemical symbol for tin?,Sn'
].join('\n');

beforeEach(() => resetAppDatabase());

async function loaded(): Promise<AssignmentBuilder> {
  const builder = new AssignmentBuilder(makeClock(START));
  await builder.load();
  return builder;
}

async function ownFacts(text: string): Promise<AssignmentBuilder> {
  const builder = await loaded();
  builder.source = 'own';
  await builder.readOwn(text);
  return builder;
}

function available(builder: AssignmentBuilder) {
  return Object.fromEntries(builder.kindChoices.map((c) => [c.kind, c.reason ?? 'offered']));
}

describe('the assignment builder', () => {
  it('keeps own facts pasted and a title typed while a first visit installs the decks', async () => {
    // The paste is read before the decks have installed and load() ends.
    const builder = new AssignmentBuilder(makeClock(START));
    builder.source = 'own';
    await builder.readOwn(CSV);
    expect(builder.title).toBe('My facts');
    await builder.load();
    expect(builder.title).toBe('My facts');
    expect(builder.count).toBe(4);

    const other = new AssignmentBuilder(makeClock(START));
    other.title = 'Week 3 revision';
    await other.load();
    expect(other.deckId).toBe(deck.id);
    expect(other.title).toBe('Week 3 revision');
    // A deck chosen later replaces a title the builder filled in, not one the teacher typed.
    const fresh = await loaded();
    expect(fresh.title).toBe(deck.title);
  });

  it("is not ready, so the screen holds the deck fields' places, until the decks are read", async () => {
    const builder = new AssignmentBuilder(makeClock(START));
    const loading = builder.load();
    expect(builder.ready).toBe(false);
    expect(builder.available).toEqual([]);
    await loading;
    expect(builder.ready).toBe(true);
    expect(builder.available.length).toBeGreaterThan(0);
  });

  it('says at once, by the input, that a paste or a file is empty or only blank', async () => {
    const builder = await loaded();
    builder.source = 'own';
    const reading = builder.readOwn('');
    // Before the reader has loaded: there is nothing to wait for.
    expect(builder.emptyMessage).toBe(
      'The box is empty: paste the rows of your spreadsheet, the header row first, or a YAML deck.'
    );
    await reading;
    await builder.readOwn(' \n\t\n  ');
    expect(builder.emptyMessage).toBe(
      'Only spaces and blank lines are pasted: there are no facts in them. Paste the rows of your spreadsheet, the header row first, or a YAML deck.'
    );
    expect(builder.ownEmpty?.from).toBe('paste');
    await builder.readOwn('', 'facts.csv');
    expect(builder.ownEmpty?.from).toBe('file');
    expect(builder.emptyMessage).toBe(
      'The file “facts.csv” is empty (0 bytes): there are no facts in it. Choose another file, or paste your facts.'
    );
    await builder.readOwn('\n\n   \n', 'facts.yaml');
    expect(builder.emptyMessage).toBe(
      'The file “facts.yaml” has only spaces and blank lines: there are no facts in it. Choose another file, or paste your facts.'
    );
    expect(builder.own).toBeNull();
    expect(builder.ownProblems).toEqual([]);
    await builder.readOwn(CSV);
    expect(builder.emptyMessage).toBeNull();
    expect(builder.own?.facts).toHaveLength(4);
  });

  it('points Make at the mistakes in pasted facts rather than asking for facts', async () => {
    const builder = await ownFacts('prompt,answer\nWhat is H2O?,Water\nWhat is NaCl?,\n');
    expect(builder.ownProblems).toHaveLength(1);
    // Nothing is said beside the fields before Make is pressed.
    expect(builder.errorFor('facts')).toBeNull();
    expect(await builder.create(ORIGIN)).toBeNull();
    expect(builder.errorFor('facts')).toBe(
      'Your facts have one thing to fix, listed below: fix it first.'
    );
    expect(builder.firstInvalid).toBe('facts');
    await builder.readOwn('prompt,answer\nWhat is H2O?,\nWhat is NaCl?,\n');
    expect(builder.errorFor('facts')).toBe(
      'Your facts have 2 things to fix, listed below: fix them first.'
    );
    await builder.readOwn('');
    expect(builder.errorFor('facts')).toBe(builder.emptyMessage);
    await builder.readOwn('', 'empty.csv');
    expect(builder.errorFor('facts')).toBe('Paste or upload your facts first.');
    expect(await classes.classList()).toEqual([]);
  });

  it('says beside each required field what it lacks, on a device with no earlier assignment', async () => {
    const builder = await loaded();
    expect(builder.className).toBe('');
    builder.title = '  ';
    expect(await builder.create(ORIGIN)).toBeNull();
    expect(builder.fieldErrors).toEqual({
      title: 'Give the assignment a title.',
      className: 'Name the class.',
      teacher: 'Give your name as the teacher.'
    });
    expect(builder.firstInvalid).toBe('title');
    expect(builder.error).toBeNull();
    builder.title = 'Week 1';
    builder.className = '10B';
    // The messages follow the fields as they are filled in.
    expect(builder.errorFor('className')).toBeNull();
    expect(builder.firstInvalid).toBe('teacher');
    builder.teacher = 'Ms Tran';
    expect(await builder.create(ORIGIN)).toEqual(expect.any(String));
    expect(await classes.classList()).toHaveLength(1);
  });

  it('starts the next assignment with an empty class, the earlier ones only suggested', async () => {
    const first = await loaded();
    first.className = '10B Science';
    first.teacher = 'Ms Tran';
    expect(await first.create(ORIGIN)).toEqual(expect.any(String));
    const second = await loaded();
    expect(second.className).toBe('');
    expect(second.classNames).toEqual(['10B Science']);
    expect(second.teacher).toBe('Ms Tran');
    expect(await second.create(ORIGIN)).toBeNull();
    expect(second.errorFor('className')).toBe('Name the class.');
  });

  it('offers only the kinds the generator makes for the chosen facts, with what the others need', async () => {
    const builder = await ownFacts(CSV);
    expect(available(builder)).toEqual({
      flashcard: 'offered',
      choice: 'offered',
      truefalse: 'needs statements',
      typed: 'offered',
      cloze: 'needs statements that contain the answer',
      numeric: 'needs answers that are numbers or years'
    });
    // The same as the questions made for these facts.
    const made = new Set(compileOwnDeck(builder.own!).questions.map((q) => q.kind));
    for (const choice of builder.kindChoices) expect(choice.available).toBe(made.has(choice.kind));
    // Ticked by default, true/false and fill the gap are not sent.
    expect(builder.kinds).toContain('truefalse');
    expect(builder.chosenKinds).toEqual(['flashcard', 'choice', 'typed']);

    // With statements, and a year, they are offered.
    await builder.readOwn(
      [
        'prompt,answer,statement',
        'What is the chemical symbol for gold?,Au,The chemical symbol for gold is Au.',
        'What is the chemical symbol for iron?,Fe,The chemical symbol for iron is Fe.',
        'What is the chemical symbol for tin?,Sn,The chemical symbol for tin is Sn.',
        'When was the periodic table published?,1869,The periodic table was published in 1869.'
      ].join('\n')
    );
    expect(builder.own?.facts).toHaveLength(4);
    expect(builder.kindChoices.every((c) => c.available)).toBe(true);
    expect(builder.chosenKinds).toEqual(['flashcard', 'choice', 'truefalse', 'typed', 'cloze']);
  });

  it('refuses kinds the facts cannot be asked in, and sends a typed-only choice as it is', async () => {
    const builder = await ownFacts(CSV);
    builder.kinds = ['truefalse', 'cloze'];
    builder.className = '10B';
    builder.teacher = 'Ms Tran';
    expect(await builder.create(ORIGIN)).toBeNull();
    expect(builder.errorFor('kinds')).toBe(
      'These facts cannot be asked in the kinds ticked: choose another kind.'
    );
    builder.setKind('truefalse', false);
    builder.setKind('cloze', false);
    builder.setKind('typed', true);
    const id = await builder.create(ORIGIN);
    expect(id).toEqual(expect.any(String));
    expect((await classes.classView(id!, makeClock(START)))?.sent?.assignment.kinds).toEqual([
      'typed'
    ]);
  });

  it('judges a built-in deck by the installed questions of the facts chosen', async () => {
    const builder = await loaded();
    expect(builder.deckId).toBe(deck.id);
    const madeFor = (ids: string[]) =>
      new Set(deck.questions.filter((q) => ids.includes(q.factIds[0]!)).map((q) => q.kind));
    for (const count of [builder.available.length, 1]) {
      builder.count = count;
      const made = madeFor(builder.chosen.map((f) => f.id));
      expect(builder.kindChoices.map((c) => c.available)).toEqual(
        builder.kindChoices.map((c) => made.has(c.kind))
      );
    }
    // The mini deck's most important fact has no number to enter.
    expect(builder.kindChoices.find((c) => c.kind === 'numeric')).toEqual({
      kind: 'numeric',
      available: false,
      reason: 'needs answers that are numbers or years'
    });
  });

  it('assigns a deck of one’s own with its facts written in the app, as an own deck in the link', async () => {
    const clock = makeClock(START);
    const made = await myDecks.createMyDeck({ title: 'Symbols', description: '' }, clock);
    if (!made.ok) throw new Error('not created');
    for (const [prompt, answer] of [
      ['What is the chemical symbol for gold?', 'Au'],
      ['What is the chemical symbol for iron?', 'Fe']
    ] as const) {
      await myDecks.saveMyFact(made.id, { ...emptyDraft(), prompt, answer }, null, clock);
    }
    const builder = await loaded();
    expect(builder.myDecks).toEqual([{ id: made.id, title: 'Symbols', written: 2, imported: 0 }]);
    builder.source = 'mine';
    await builder.chooseMyDeck(made.id);
    expect(builder.title).toBe('Symbols');
    expect(builder.available).toHaveLength(2);
    expect(available(builder).flashcard).toBe('offered');
    builder.className = '10B';
    builder.teacher = 'Ms Lee';
    const draft = builder.draft();
    expect(draft?.deck).toMatch(/^own-[0-9a-f]{8}$/);
    expect(draft?.own?.facts.map((f) => ('answer' in f ? f.answer : null))).toEqual(['Au', 'Fe']);
    expect(await builder.create(ORIGIN)).toEqual(expect.any(String));
  });
});
