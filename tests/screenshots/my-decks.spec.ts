import { expect, test, type Page } from '@playwright/test';
import { openToday } from '../e2e/helpers';

test.use({ timezoneId: 'UTC' });

const FACTS = [
  ['What is the chemical symbol for gold?', 'Au'],
  ['What is the chemical symbol for iron?', 'Fe'],
  ['In what year did Mendeleev publish his periodic table?', '1869']
] as const;

/** A deck written by hand, three facts from one source; returns its editor's address. */
async function writeDeck(page: Page): Promise<string> {
  await page.goto('/decks/mine/new');
  await page.getByLabel('Title').fill('Chemistry basics');
  await page.getByLabel(/^Description/).fill('The elements and their symbols, for Friday’s test.');
  await page.getByRole('button', { name: 'Create the deck' }).click();
  const form = page.getByRole('region', { name: 'Add a fact' });
  await expect(form).toBeVisible();
  for (const [i, [prompt, answer]] of FACTS.entries()) {
    await form.getByLabel('Prompt').fill(prompt);
    await form.getByRole('textbox', { name: 'Answer', exact: true }).fill(answer);
    await form.getByLabel('Topic').fill(i === 2 ? 'History' : 'Elements');
    if (i === 0) {
      const source = form.getByRole('group', { name: 'Source' });
      await source.getByLabel('Title').fill('Chemistry, chapter 2');
      await source.getByLabel('Author').fill('R. Chang');
      await source.getByLabel('Date').fill('2010');
    }
    await expect(form.getByRole('article').first()).toBeVisible();
    await form.getByRole('button', { name: 'Add the fact' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible();
  }
  return new URL(page.url()).pathname;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`my decks and the deck editor (${colorScheme})`, async ({ page }) => {
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openToday(page);
    const editor = await writeDeck(page);

    await page.goto('/decks');
    await expect(page.getByRole('region', { name: 'My decks' }).getByRole('listitem')).toHaveCount(
      1
    );
    await page.screenshot({ path: `docs/screenshots/my-decks-${colorScheme}.png` });

    // The editor as a fact is being written: its fields, a rule's message and the questions.
    await page.goto(editor);
    const form = page.getByRole('region', { name: 'Add a fact' });
    await form.getByLabel('Prompt').fill('What is the chemical symbol for tin?');
    await form.getByRole('textbox', { name: 'Answer', exact: true }).fill('Sn');
    await form.getByLabel(/^Statement/).fill('The chemical symbol for tin is Sn.');
    await form.getByLabel('Topic').fill('Elements');
    await form
      .getByRole('group', { name: 'Source' })
      .getByLabel('Title')
      .fill('Chemistry, chapter 2');
    await form.getByLabel('Paragraph').fill('4');
    await expect(form.getByRole('article').first()).toBeVisible();
    // From the source to the questions it makes, as a phone shows them.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.getElementById('fact-source-title')?.closest('fieldset')?.scrollIntoView();
    });
    await page.screenshot({ path: `docs/screenshots/deck-editor-${colorScheme}.png` });
  });
}
