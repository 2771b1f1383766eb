import { expect, test, type Locator, type Page } from '@playwright/test';
import type { DeckFile, DeckIndex } from '../../src/lib/deck/types';

test.use({ timezoneId: 'UTC' });
const DAY1 = new Date('2026-11-23T09:00:00Z');

const viewports = [
  { width: 390, height: 844 },
  { width: 360, height: 640 }
];

/** The built-in deck holding the longest explanation. */
async function deckWithLongestExplanation(page: Page): Promise<string> {
  const index = (await (await page.request.get('/decks/index.json')).json()) as DeckIndex;
  let best = { id: '', length: 0 };
  for (const summary of index.decks) {
    const deck = (await (await page.request.get(`/decks/${summary.id}.json`)).json()) as DeckFile;
    for (const q of deck.questions)
      if (q.explanation.length > best.length) best = { id: deck.id, length: q.explanation.length };
  }
  return best.id;
}

async function inViewport(locator: Locator, height: number) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

for (const viewport of viewports) {
  test(`a study session has the whole phone screen, and Continue is always in view (${viewport.width}×${viewport.height})`, async ({
    page
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    await page.clock.install({ time: DAY1 });
    const deckId = await deckWithLongestExplanation(page);
    await page.goto(`/study?decks=${deckId}`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    let taller = 0;
    for (let i = 0; i < 8; i++) {
      const view = page.locator('[data-kind]');
      await expect(view).toBeVisible({ timeout: 20_000 });
      await expect(nav).toBeHidden();
      await expect(page.getByRole('link', { name: 'Leave' })).toBeVisible();
      const kind = await view.getAttribute('data-kind');
      if (kind === 'choice' || kind === 'truefalse') {
        await page.getByRole('group', { name: 'Options' }).getByRole('button').first().click();
      } else if (kind === 'flashcard') {
        await page.getByRole('button', { name: /^Show answer/ }).click();
        await page.getByRole('button', { name: /^Good/ }).click();
      } else {
        await page.getByRole('textbox').fill('a guess');
        await page.getByRole('textbox').press('Enter');
      }
      const next = page.getByRole('button', { name: /Continue/ });
      await expect(next).toBeVisible();
      await inViewport(next, viewport.height);
      // A graded answer keeps its ratings beside Continue (a flashcard was rated already).
      const ratings = page.getByRole('group', { name: 'How well did you know it?' });
      if (kind !== 'flashcard') await inViewport(ratings, viewport.height);
      if (await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight))
        taller++;
      await next.click();
    }
    // The check meant something: some feedback was longer than the screen.
    expect(taller).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Leave' }).click();
    await expect(nav).toBeVisible();
  });
}
