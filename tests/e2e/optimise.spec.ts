import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { simulateLearner } from '../../src/lib/srs/synthetic-learner';
import { openToday, readStore } from './helpers';

test.use({ timezoneId: 'UTC' });

const DAY = 86_400_000;
/** Monday 23 November 2026, 9:00 UTC; the simulated learner studied from 40 days before. */
const NOW = Date.UTC(2026, 10, 23, 9, 0);

type Fact = { id: string; deckId: string };
type Card = Record<string, unknown> & { factId: string; memory: { stability: number } };

/** Writes the seeded profile, or puts one card back and ends the session, in one transaction. */
async function write(
  page: Page,
  arg: { rows: unknown[]; cards: unknown[]; days: number[] } | { card: Card }
) {
  await page.evaluate(async (arg) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sourcedeck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['log', 'cards', 'settings', 'sessions'], 'readwrite');
      if ('card' in arg) {
        tx.objectStore('cards').put(arg.card);
        tx.objectStore('sessions').clear();
      } else {
        for (const row of arg.rows) tx.objectStore('log').add(row);
        for (const card of arg.cards) tx.objectStore('cards').put(card);
        tx.objectStore('settings').put({ key: 'studyDays', value: arg.days });
        tx.objectStore('settings').put({
          key: 'studyPlan',
          value: { newPerDay: 0, decks: null, setUp: true }
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, arg);
}

/**
 * 1,000 answers of a simulated learner who forgets faster than FSRS's defaults say, on 150
 * facts of the built-in decks; no new cards a day, and one card in review due now: the card
 * a study session shows.
 */
async function seedProfile(page: Page): Promise<Card> {
  const facts = await readStore<Fact>(page, 'facts');
  const log = simulateLearner({ reviews: 1_000, start: NOW - 40 * DAY, seed: 'e2e' });
  expect(log.answers.at(-1)!.at).toBeLessThan(NOW - DAY);
  const rows = log.answers.map((a) => ({
    type: 'answer',
    factId: facts[a.card]!.id,
    deckId: facts[a.card]!.deckId,
    questionId: `${facts[a.card]!.id}:flashcard:0`,
    kind: 'flashcard',
    rating: a.rating,
    given: null,
    correct: null,
    durationMs: 5000,
    at: a.at,
    day: a.day,
    before: a.before,
    after: a.after
  }));
  const stored = await readStore<Card>(page, 'cards');
  const byFact = new Map(stored.map((c) => [c.factId, c]));
  // The card in review whose stability is nearest ten days is due now, reviewed ten days
  // ago (its intervals count in days, so a change of parameters shows); the others wait.
  const chosen = log.cards
    .map((memory, k) => ({ memory, k }))
    .filter(({ memory }) => memory.state === 2)
    .sort((a, b) => Math.abs(a.memory.stability - 10) - Math.abs(b.memory.stability - 10))[0]!.k;
  const cards = log.cards.map((memory, k) => {
    const mine = k === chosen;
    const due = mine ? NOW - 3_600_000 : NOW + 300 * DAY;
    return {
      ...byFact.get(facts[k]!.id)!,
      memory: { ...memory, due, ...(mine ? { lastReview: NOW - 10 * DAY } : {}) },
      due,
      state: memory.state
    };
  });
  const days = [...new Set(log.answers.map((a) => a.day))];
  await write(page, { rows, cards, days });
  return cards[chosen]!;
}

/** Puts the card back as seeded and ends any session, so the next one shows it afresh. */
async function resetCard(page: Page, card: Card) {
  await write(page, { card });
}

/** Opens a study session, answers the one card shown and reads the intervals on its rating buttons. */
async function ratingIntervals(page: Page): Promise<string[]> {
  await page.goto('/study');
  const question = page.locator('[data-kind]');
  await question.waitFor();
  const kind = await question.getAttribute('data-kind');
  if (kind === 'flashcard') await page.keyboard.press('Space');
  else if (kind === 'choice' || kind === 'truefalse') await page.keyboard.press('a');
  else {
    await page.getByRole('textbox', { name: 'Your answer' }).fill('no idea');
    await page.keyboard.press('Enter');
  }
  const buttons = page
    .getByRole('group', { name: 'How well did you know it?' })
    .getByRole('button');
  await expect(buttons).toHaveCount(4);
  return buttons.locator('.when').allTextContents();
}

test('the optimiser fits parameters in a worker while the page answers clicks, adopting changes the intervals and Undo restores them', async ({
  page
}) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: NOW });
  // Each press records how long it waited for the main thread, and whether a fit was running.
  await page.addInitScript(() => {
    const presses: { delay: number; fitting: boolean }[] = [];
    (window as unknown as { presses: typeof presses }).presses = presses;
    addEventListener(
      'pointerdown',
      (event) =>
        presses.push({
          delay: performance.now() - event.timeStamp,
          fitting: document.querySelector('[data-testid="optimise-scheduler"] progress') !== null
        }),
      { capture: true }
    );
  });
  await openToday(page);
  const card = await seedProfile(page);

  const before = await ratingIntervals(page);

  await page.goto('/stats');
  const section = page.getByTestId('optimise-scheduler');
  await expect(section.getByTestId('review-count')).toHaveText(/1,00[01] answers so far/);
  await expect(section).toContainText('FSRS’s default parameters');

  // Cancel stops the worker and changes nothing.
  await section.getByRole('button', { name: 'Fit my parameters' }).click();
  await section.getByRole('button', { name: 'Cancel' }).click();
  await expect(section.getByRole('status')).toHaveText('Cancelled: nothing was changed.');
  await expect(section.locator('progress')).toHaveCount(0);

  // A phone's CPU, four times slower: the fit takes long enough to click during it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await section.getByRole('button', { name: 'Fit my parameters' }).click();
  await expect(section.locator('progress')).toBeVisible();
  await expect(section).toContainText('Fitting parameters', { timeout: 60_000 });
  // Click again and again until the fit ends, so that some clicks surely land during it.
  const heading = page.getByRole('heading', { level: 1, name: 'All your decks' });
  while ((await section.locator('progress').count()) > 0) await heading.click();
  const presses = await page.evaluate(
    () => (window as unknown as { presses: { delay: number; fitting: boolean }[] }).presses
  );
  const during = presses.filter((press) => press.fitting);
  expect(during.length).toBeGreaterThan(0);
  for (const press of during) expect(press.delay).toBeLessThan(100);

  // Before and after, on the newest 20% of answers.
  const after = section.getByTestId('logloss-after');
  await expect(after).toBeVisible({ timeout: 90_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const lossBefore = Number(await section.getByTestId('logloss-before').textContent());
  const lossAfter = Number(await after.textContent());
  expect(lossAfter).toBeLessThan(lossBefore);
  // Both figures, Adopt and Keep, readable in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include('[data-testid="optimise-scheduler"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  }
  await section.getByRole('button', { name: 'Adopt' }).click();
  await expect(section.getByRole('status')).toContainText('Adopted');
  await expect(section).toContainText('parameters fitted to your answers');
  const settings = await readStore<{ key: string; value: { weights: number[] | null } }>(
    page,
    'settings'
  );
  const adopted = settings.find((s) => s.key === 'schedulerParameters')!.value.weights!;
  expect(adopted).toHaveLength(21);

  await resetCard(page, card);
  const fitted = await ratingIntervals(page);
  expect(fitted).not.toEqual(before);

  await page.goto('/stats');
  await section.getByRole('button', { name: 'Undo' }).click();
  await expect(section.getByRole('status')).toContainText('Undone');
  await expect(section).toContainText('FSRS’s default parameters');
  await expect(section.getByRole('button', { name: 'Undo' })).toHaveCount(0);

  await resetCard(page, card);
  expect(await ratingIntervals(page)).toEqual(before);

  // The optimiser's WebAssembly is precached, so a fit works offline after one visit.
  expect(await (await page.request.get('/sw.js')).text()).toContain('fsrs_browser_bg');
});
