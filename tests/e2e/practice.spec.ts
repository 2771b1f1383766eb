import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

test.use({ timezoneId: 'UTC' });
const DAY1 = new Date('2026-11-23T09:00:00Z');

/** Presses Tab until `target` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

test('a full practice test by keyboard alone, then its review and history after a reload', async ({
  page
}) => {
  test.setTimeout(90_000);
  await page.clock.install({ time: DAY1 });
  await page.goto('/practice');
  // A first visit installs the decks before the list shows.
  await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked({
    timeout: 30_000
  });
  expect(await violations(page)).toEqual([]);
  await tabTo(page, page.getByRole('button', { name: 'Start' }));
  await page.keyboard.press('Enter');

  for (let i = 0; i < 10; i++) {
    await expect(page.getByText(`Question ${i + 1} of 10`)).toBeVisible();
    if (i === 0) expect(await violations(page)).toEqual([]);
    const kind = await page.locator('[data-kind]').getAttribute('data-kind');
    if (kind === 'choice' || kind === 'truefalse') {
      await tabTo(page, page.getByRole('group', { name: 'Options' }).getByRole('button').first());
      await page.keyboard.press('Enter');
    } else if (kind === 'order') {
      await tabTo(page, page.getByRole('button', { name: 'Check order' }));
      await page.keyboard.press('Enter');
    } else if (kind === 'match') {
      const options = page.getByRole('group', { name: 'Matches' }).getByRole('button');
      const count = await options.count();
      for (let k = 0; k < count; k++) {
        await tabTo(page, options.nth(k));
        await page.keyboard.press('Enter');
      }
      await tabTo(page, page.getByRole('button', { name: 'Check matches' }));
      await page.keyboard.press('Enter');
    } else {
      await page.keyboard.type('a guess');
      await page.keyboard.press('Enter');
    }
  }
  await expect(page.getByRole('heading', { level: 1, name: /^Your score: \d+%$/ })).toBeVisible();
  const review = page.getByRole('listitem').filter({ hasText: 'Right answer:' });
  await expect(review).toHaveCount(10);
  await expect(review.first()).toContainText(/paragraph \d+/);
  expect(await violations(page)).toEqual([]);

  const send = page.getByRole('button', { name: 'Send missed facts to review' });
  if (await send.isVisible()) {
    await tabTo(page, send);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'will come first' })).toBeVisible();
  }

  const score = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/\d+%/)![0];
  await page.reload();
  const history = page.getByRole('region', { name: 'Earlier results' });
  await expect(history.getByRole('listitem').first()).toContainText(score);
  await expect(history.getByRole('listitem').first()).toContainText('10 questions');
});

test('a timeline round by keyboard and by drag, scored by ordered pairs', async ({ page }) => {
  await page.clock.install({ time: DAY1 });
  await page.goto('/practice/timeline');
  // A first visit installs the decks before the list shows.
  await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked({
    timeout: 30_000
  });
  await page.getByRole('button', { name: 'Start' }).click();
  const list = page.getByRole('list', { name: 'Events, earliest first' });
  await expect(list).toBeVisible();
  expect(await violations(page)).toEqual([]);
  const labels = () => list.locator('[aria-roledescription="sortable item"]').allTextContents();

  // Keyboard: Alt+Down moves the focused event one place later, and says so.
  const before = await labels();
  await list.locator('[aria-roledescription="sortable item"]').first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(labels).toEqual([before[1], before[0], ...before.slice(2)]);
  await expect(
    page.getByRole('status').filter({ hasText: `${before[0]}: now 2 of` })
  ).toBeAttached();

  // Drag: the last event dropped on the first place.
  const items = list.getByRole('listitem');
  await items.last().dragTo(items.first());
  const afterDrag = await labels();
  expect(afterDrag[0]).toBe(before.at(-1));

  await page.getByRole('button', { name: 'Check order' }).click();
  await expect(page.getByText('Question 2 of 5')).toBeVisible();
  await page.getByRole('button', { name: 'Finish now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Your score: \d+%$/ })).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Right answer:' }).first()
  ).toContainText(/(\d+)%/);
  expect(await violations(page)).toEqual([]);
});

test('a match round against the clock, pairs by pointer', async ({ page }) => {
  await page.clock.install({ time: DAY1 });
  await page.goto('/practice/match');
  // A first visit installs the decks before the list shows.
  await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked({
    timeout: 30_000
  });
  await page.getByLabel('Time limit').selectOption('2');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^[12]:\d\d$/);
  expect(await violations(page)).toEqual([]);
  const items = page.getByRole('group', { name: 'Items' }).getByRole('button');
  const options = page.getByRole('group', { name: 'Matches' }).getByRole('button');
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    await items.nth(i).click();
    await options.nth(i).click();
    await expect(items.nth(i)).toContainText('→');
  }
  await page.getByRole('button', { name: 'Check matches' }).click();
  await expect(page.getByText('Question 2 of 5')).toBeVisible();

  // The next round by keyboard: the first item starts chosen; Enter on a match pairs it
  // and moves on to the next unpaired item.
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    await tabTo(page, options.nth(i));
    await page.keyboard.press('Enter');
  }
  for (let i = 0; i < count; i++) await expect(items.nth(i)).toContainText('→');
  await expect(page.getByRole('status').filter({ hasText: 'paired with' })).toBeAttached();
  await tabTo(page, page.getByRole('button', { name: 'Check matches' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Question 3 of 5')).toBeVisible();

  // The clock runs out: the round ends by itself and is scored.
  await page.clock.runFor(2 * 60_000 + 1000);
  await expect(page.getByRole('heading', { level: 1, name: /^Your score: \d+%$/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Right answer:' })).toHaveCount(5);
});

test('Start waits for the decks on a slow first visit, so it never finds none chosen', async ({
  page
}) => {
  // Hold the decks back until the screen has been checked: the first visit is still
  // installing them when the setup form shows.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/decks/index.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/practice/match');
  await expect(page.getByRole('heading', { level: 1, name: 'Match' })).toBeVisible();
  const start = page.getByRole('button', { name: 'Start' });
  await expect(page.getByRole('status').filter({ hasText: 'Loading the decks…' })).toBeVisible();
  await expect(start).toHaveCount(0);
  release();
  await expect(start).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked();
  await start.click();
  await expect(page.getByText('Question 1 of')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
