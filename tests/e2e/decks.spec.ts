import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { DeckFile } from '../../src/lib/deck/types';
import { openToday, reloadOffline, waitForServiceWorkerControl } from './helpers';

async function browseSearchAndOpenAFact(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Decks' })).toBeVisible();
  const decks = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
  expect(await decks.count()).toBeGreaterThanOrEqual(8);

  await page.getByRole('link', { name: 'Wartime aid and the North Korean pilots' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Wartime aid and the North Korean pilots' })
  ).toBeVisible();
  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources.getByText('Lye Liang Fook and Ha Hoang Hop')).toBeVisible();
  await expect(
    sources.getByText('ISEAS Perspective, ISEAS - Yusof Ishak Institute, 26 March 2019')
  ).toBeVisible();

  await page.getByRole('link', { name: 'Browse the facts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Facts' })).toBeVisible();
  const count = page.getByRole('status').filter({ hasText: 'facts' });
  const total = Number((await count.textContent())!.match(/\d+/)![0]);

  // Search ignores case and accents; the count and the address follow the filters.
  const search = page.getByRole('searchbox', { name: 'Search the facts' });
  await search.fill('KIM IL SUNG');
  await expect(count).toHaveText(new RegExp(`^\\d+ of ${total} facts`));
  await expect(page).toHaveURL(/q=KIM\+IL\+SUNG/);
  const matched = await count.textContent();
  await search.fill('kím íl súng');
  await expect(count).toHaveText(matched!);
  await search.fill('zzzz');
  await expect(page.getByText('No fact matches.')).toBeVisible();
  const results = page.getByRole('list').last().getByRole('link');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('checkbox', { name: 'Only where sources differ' }).check();
  await expect(count).toHaveText(new RegExp(`^\\d+ of ${total} facts`));
  for (const item of await results.all())
    await expect(item.getByText('Sources differ')).toBeVisible();

  await results.filter({ hasText: 'pilots' }).first().click();
  await expect(page.getByText('The sources do not agree. Each says:')).toBeVisible();
  await expect(page.getByText(/Paragraph \d+/).first()).toBeVisible();
  const questions = page.getByRole('region', { name: /Questions from this fact/ });
  await expect(questions.getByRole('article').first()).toBeVisible();
  await expect(questions.getByText(/^According to /).first()).toBeVisible();
}

test('a learner browses the decks, searches the facts and opens one with its citations and questions', async ({
  page
}) => {
  await openToday(page);
  await browseSearchAndOpenAFact(page);
});

test.describe('with the service worker', () => {
  // Offline after one visit is the service worker's work.
  test.use({ serviceWorkers: 'allow' });
  test('the same works offline after one visit', async ({ page, context }) => {
    await openToday(page);
    await waitForServiceWorkerControl(page);
    await reloadOffline(page, context);
    await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
    await browseSearchAndOpenAFact(page);
    // A deep link typed while offline is served by the worker too.
    await page.goto('/decks/cold-war-alliance/facts?topic=diplomacy');
    await expect(page.getByRole('combobox', { name: 'Topic' })).toHaveValue('diplomacy');
  });
});

test('a plain fact shows its answer, its sources with paragraphs and every question made from it', async ({
  page
}) => {
  await page.goto('/decks/cold-war-alliance/facts/cw-diplomatic-relations-1950');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('January 1950');
  const sources = page.getByRole('region', { name: 'Where this is written' });
  await expect(sources.getByRole('listitem')).not.toHaveCount(0);
  await expect(sources.getByText('Paragraph 12')).toBeVisible();
  const questions = page.getByRole('region', { name: /Questions from this fact/ });
  for (const kind of [
    'Flashcard',
    'Typed answer',
    'Multiple choice',
    'True or false',
    'Fill the gap',
    'Number entry'
  ]) {
    await expect(
      questions.getByRole('article', { name: `${kind} question` }).first()
    ).toBeVisible();
  }
});

test('an unknown deck or fact gets a clear message', async ({ page }) => {
  await page.goto('/decks/no-such-deck');
  await expect(page.getByRole('alert')).toContainText('There is no deck');
  await page.goto('/decks/cold-war-alliance/facts/not-a-fact');
  await expect(page.getByRole('alert')).toContainText('has no fact');
});

test('a deck downloads as a CSV file with every fact and its sources', async ({ page }) => {
  await page.goto('/decks/wartime-aid');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('wartime-aid.csv');
  const text = readFileSync(await download.path(), 'utf8');
  const deck = (await (await page.request.get('/decks/wartime-aid.json')).json()) as DeckFile;
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe(
    'id,prompt,answer,variants,statement,explanation,topic,source,paragraph,other sources'
  );
  for (const fact of deck.facts) expect(text).toContain(fact.id);
  expect(text).toContain('Sources disagree.');
});
