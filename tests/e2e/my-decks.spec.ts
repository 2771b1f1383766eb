import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerByKeyboard, keptAnswers, openToday, phone, readStore } from './helpers';

/**
 * My decks: a learner writes a deck by hand on a phone (five facts, the questions they make
 * shown as they type), edits one, retires one, studies the deck and answers its cards; the
 * new screens are clean for axe in light and dark.
 */
test.use({ viewport: phone, timezoneId: 'UTC' });

const SOURCE = {
  title: 'Chemistry, chapter 2',
  author: 'R. Chang',
  date: '2010',
  url: 'https://example.org/chemistry'
};

const FACTS = [
  { prompt: 'What is the chemical symbol for gold?', answer: 'Au', topic: 'Elements' },
  { prompt: 'What is the chemical symbol for iron?', answer: 'Fe', topic: 'Elements' },
  {
    prompt: 'In what year did Mendeleev publish his periodic table?',
    answer: '1869',
    topic: 'History',
    statement: 'Mendeleev published his periodic table in 1869.'
  },
  { prompt: 'What is the chemical symbol for sodium?', answer: 'Na', topic: 'Elements' },
  { prompt: 'How many elements did Mendeleev arrange?', answer: '63', topic: 'History' }
];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** Creates a deck from the Decks screen and returns its editor's address. */
async function createDeck(page: Page, title: string): Promise<string> {
  await page.goto('/decks');
  const mine = page.getByRole('region', { name: 'My decks' });
  await expect(mine.getByRole('link', { name: 'Import cards' })).toHaveAttribute(
    'href',
    '/decks/import'
  );
  await mine.getByRole('link', { name: 'New deck' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New deck' })).toBeVisible();
  await page.getByRole('button', { name: 'Create the deck' }).click();
  await expect(page.getByText('Title: must not be empty')).toBeVisible();
  await expect(page.getByLabel('Title')).toBeFocused();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create the deck' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/decks\/mine\/mine-[0-9a-f]{8}$/);
  return new URL(page.url()).pathname;
}

async function addFact(page: Page, fact: (typeof FACTS)[number], first: boolean) {
  const form = page.getByRole('region', { name: 'Add a fact' });
  await form.getByLabel('Prompt').fill(fact.prompt);
  await form.getByRole('textbox', { name: 'Answer', exact: true }).fill(fact.answer);
  if (fact.statement) await form.getByLabel(/^Statement/).fill(fact.statement);
  await form.getByLabel('Topic').fill(fact.topic);
  if (first) {
    const source = form.getByRole('group', { name: 'Source' });
    await source.getByLabel('Title').fill(SOURCE.title);
    await source.getByLabel('Author').fill(SOURCE.author);
    await source.getByLabel('Date').fill(SOURCE.date);
    await source.getByLabel('Web address').fill(SOURCE.url);
  }
  // The questions the fact will make, before it is added.
  const preview = form.getByRole('region', { name: /The questions it makes/ });
  await expect(preview.getByRole('article', { name: 'Flashcard question' })).toBeVisible();
  await expect(preview.getByText(fact.prompt).first()).toBeVisible();
  await form.getByRole('button', { name: 'Add the fact' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Added “${fact.prompt}”` })
  ).toBeVisible();
  await expect(form.getByLabel('Prompt')).toBeFocused();
  await expect(form.getByLabel('Prompt')).toHaveValue('');
}

test('a learner writes a deck on a phone, edits and retires a fact, and studies it', async ({
  page
}) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
  await openToday(page);
  const editorPath = await createDeck(page, 'Chemistry basics');
  const deckId = editorPath.split('/').pop()!;

  // A mistake is named beside its field, in the teacher's reader's words.
  const form = page.getByRole('region', { name: 'Add a fact' });
  await form.getByRole('button', { name: 'Add the fact' }).click();
  await expect(form.getByText('Prompt: must not be empty')).toBeVisible();
  await expect(form.getByLabel('Prompt')).toBeFocused();
  await form.getByLabel('Date').fill('May 2010');
  await form.getByLabel('Date').blur();
  await expect(form.getByText('Date: must be YYYY, YYYY-MM or YYYY-MM-DD')).toBeVisible();
  await form.getByLabel('Date').fill('');

  for (const [i, fact] of FACTS.entries()) await addFact(page, fact, i === 0);
  const facts = page.getByRole('region', { name: /^Facts/ });
  await expect(facts.getByRole('listitem')).toHaveCount(5);
  // The source and topic stay for the next fact: often the same ones.
  await expect(form.getByLabel('Title')).toHaveValue(SOURCE.title);

  // A statement of one's own brings true or false and fill the gap.
  await form.getByLabel('Prompt').fill('What is the chemical symbol for tin?');
  await form.getByRole('textbox', { name: 'Answer', exact: true }).fill('Sn');
  await form.getByLabel(/^Statement/).fill('The chemical symbol for tin is Sn.');
  const preview = form.getByRole('region', { name: /The questions it makes/ });
  await expect(
    preview.getByRole('article', { name: 'True or false question' }).first()
  ).toBeVisible();
  await expect(
    preview.getByRole('article', { name: 'Fill the gap question' }).first()
  ).toBeVisible();
  await form.getByLabel('Prompt').fill('');
  await form.getByRole('textbox', { name: 'Answer', exact: true }).fill('');
  await form.getByLabel(/^Statement/).fill('');

  // Edit: the fact keeps its place; the form says what it edits.
  const iron = facts.getByRole('listitem').filter({ hasText: 'symbol for iron' });
  await iron.getByRole('button', { name: 'Edit' }).click();
  const editForm = page.getByRole('region', { name: 'Edit a fact' });
  await expect(editForm.getByLabel('Prompt')).toHaveValue(FACTS[1]!.prompt);
  await expect(editForm.getByLabel('Prompt')).toBeFocused();
  await editForm.getByLabel('Other accepted answers').fill('FE; ferrum symbol');
  await editForm.getByLabel('Prompt').fill('What is the chemical symbol for iron (ferrum)?');
  await editForm.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved your changes' })).toBeVisible();
  await expect(facts.getByRole('listitem').nth(1)).toContainText('iron (ferrum)');

  // Retire: it leaves the list for the retired ones, and can come back.
  const sodium = facts.getByRole('listitem').filter({ hasText: 'sodium' });
  await sodium.getByRole('button', { name: 'Retire' }).click();
  await expect(facts.getByRole('listitem')).toHaveCount(4);
  const retired = page.getByRole('region', { name: /Retired facts/ });
  await expect(retired.getByRole('listitem')).toHaveCount(1);
  await expect(retired.getByRole('button', { name: 'Bring back' })).toBeVisible();

  const stored = await readStore<{ id: string; deckId: string; retired: number }>(page, 'facts');
  const mine = stored.filter((f) => f.deckId === deckId);
  expect(mine).toHaveLength(5);
  const sodiumId = mine.find((f) => f.id.includes('sodium'))!.id;
  expect(mine.find((f) => f.id === sodiumId)!.retired).toBe(1);
  expect(mine.filter((f) => f.id.includes('iron'))).toHaveLength(1);

  // The deck page shows it, with Edit and Study; Decks lists it.
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Chemistry basics' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chemistry basics' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit this deck' })).toHaveAttribute(
    'href',
    editorPath
  );
  await expect(page.getByRole('region', { name: 'Sources' })).toContainText(SOURCE.title);
  // Its export works as a built-in deck's does.
  const exports = page.getByRole('region', { name: 'Take it elsewhere' });
  const csv = page.waitForEvent('download');
  await exports.getByRole('button', { name: 'Download as CSV' }).click();
  expect((await csv).suggestedFilename()).toBe(`${deckId}.csv`);
  const anki = page.waitForEvent('download');
  await exports.getByRole('button', { name: 'Download for Anki' }).click();
  await anki;
  await expect(exports.getByRole('status')).toContainText('4 notes');
  await page.goto('/decks');
  const listed = page.getByRole('region', { name: 'My decks' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('4 facts · Written by you');
  await expect(listed.getByRole('link', { name: 'Edit Chemistry basics' })).toHaveAttribute(
    'href',
    editorPath
  );

  // Practice offers it among the decks.
  await page.goto('/practice');
  await expect(page.getByRole('checkbox', { name: 'Chemistry basics' })).toBeVisible();

  // Today lists it; study it from there and answer its cards.
  await page.goto('/');
  const row = page.getByRole('listitem').filter({ hasText: 'Chemistry basics' });
  await expect(row.getByText(/4\s*new/)).toBeVisible();
  await row.getByRole('link', { name: 'Study Chemistry basics' }).click();
  let answered = 0;
  while (answered < 12 && !(await page.getByText('All done for now').isVisible())) {
    await answerByKeyboard(page);
    answered++;
  }
  expect(answered).toBeGreaterThanOrEqual(4);
  const log = keptAnswers(
    await readStore<{ type: string; id: number; undoes?: number; deckId: string; factId: string }>(
      page,
      'log'
    )
  ).filter((r) => r.deckId === deckId);
  expect(new Set(log.map((r) => r.factId)).size).toBe(4);
  expect(log.map((r) => r.factId)).not.toContain(sodiumId);
});

test('the Decks screen does not move when it finds no deck of one’s own', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { cls: number }).cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (!entry.hadRecentInput) (window as unknown as { cls: number }).cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/decks');
  await expect(page.getByRole('region', { name: 'My decks' })).toContainText('None yet.');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.05);
});

test('the new screens are clean for axe, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  await openToday(page);
  const editorPath = await createDeck(page, 'Axe deck');
  await addFact(page, FACTS[0]!, true);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await test.step(`decks (${colorScheme})`, async () => {
      await page.goto('/decks');
      await expect(
        page.getByRole('region', { name: 'My decks' }).getByRole('listitem')
      ).toHaveCount(1);
      expect.soft(await violations(page)).toEqual([]);
    });
    await test.step(`new deck (${colorScheme})`, async () => {
      await page.goto('/decks/mine/new');
      await page.getByRole('button', { name: 'Create the deck' }).click();
      await expect(page.getByText('Title: must not be empty')).toBeVisible();
      expect.soft(await violations(page)).toEqual([]);
    });
    await test.step(`editor (${colorScheme})`, async () => {
      await page.goto(editorPath);
      const form = page.getByRole('region', { name: 'Add a fact' });
      await form.getByLabel('Prompt').fill(FACTS[1]!.prompt);
      await form.getByRole('textbox', { name: 'Answer', exact: true }).fill('Fe');
      await form.getByLabel('Date').fill('soon');
      await form.getByLabel('Date').blur();
      await expect(form.getByText(/^Date: must be/)).toBeVisible();
      await expect(form.getByRole('article').first()).toBeHidden();
      await form.getByLabel('Date').fill('');
      await expect(form.getByRole('article').first()).toBeVisible();
      await page.getByRole('button', { name: 'Delete this deck…' }).click();
      await expect(page.getByRole('group', { name: /Delete “Axe deck”/ })).toBeVisible();
      expect.soft(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Keep it' }).click();
    });
  }
});

test('deleting a deck says what goes with it and takes its history', async ({ page }) => {
  await openToday(page);
  const editorPath = await createDeck(page, 'Short-lived');
  await addFact(page, FACTS[0]!, true);
  const deckId = editorPath.split('/').pop()!;
  await page.getByRole('button', { name: 'Delete this deck…' }).click();
  const confirm = page.getByRole('group', { name: 'Delete “Short-lived”?' });
  await expect(confirm).toContainText('your history with them');
  await confirm.getByRole('button', { name: 'Delete the deck and its history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Decks' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'My decks' })).toContainText('None yet.');
  const cards = await readStore<{ deckId: string }>(page, 'cards');
  expect(cards.filter((c) => c.deckId === deckId)).toEqual([]);
  await page.goto(editorPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
});

test('a teacher assigns a deck of their own, and a student opens its link', async ({
  page,
  browser
}) => {
  test.setTimeout(120_000);
  await openToday(page);
  await createDeck(page, 'Symbols for Friday');
  await addFact(page, FACTS[0]!, true);
  await addFact(page, FACTS[1]!, false);

  await page.goto('/teach/new');
  await page.getByLabel('One of my decks').check();
  await expect(page.getByRole('combobox', { name: 'My deck' })).toHaveValue(/^mine-/);
  await expect(page.getByRole('heading', { name: 'The 2 facts' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
    'Symbols for Friday'
  );
  expect(await violations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Class', exact: true }).fill('10B Science');
  await page.getByRole('textbox', { name: 'Teacher', exact: true }).fill('Ms Tran');
  await page.getByRole('button', { name: 'Make the assignment' }).click();
  await expect(page).toHaveURL(/\/teach\/[a-z0-9]+$/);
  const link = await page.getByLabel(/Assignment link/).inputValue();

  const student = await browser.newPage({ viewport: phone });
  await student.goto(link);
  await expect(student.getByText('Symbols for Friday').first()).toBeVisible({ timeout: 30_000 });
  await student.getByLabel(/Your name/).fill('Ana Lee');
  await student.getByRole('button', { name: 'Accept the assignment' }).click();
  await expect(student).toHaveURL(/\/assignments\/[a-z0-9]+$/);
  await student.close();
});
