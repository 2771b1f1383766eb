import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DeckFile, Question } from '../../src/lib/deck/types';

test.use({ timezoneId: 'UTC', viewport: { width: 390, height: 844 } });
const DAY1 = new Date('2026-11-23T09:00:00Z');

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** Every question of some built-in decks, found by what the learner reads. */
async function questionsOf(page: Page, deckIds: string[]): Promise<Question[]> {
  const decks = await Promise.all(
    deckIds.map(
      async (id) => (await (await page.request.get(`/decks/${id}.json`)).json()) as DeckFile
    )
  );
  return decks.flatMap((d) => d.questions);
}

test('the first run asks what to study and how much, and Today and the first answers follow it', async ({
  page
}) => {
  test.setTimeout(60_000);
  await page.clock.install({ time: DAY1 });
  await page.goto('/');
  // The first visit installs the decks first.
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your study' })).toBeVisible({
    timeout: 30_000
  });
  await expect(page.getByRole('checkbox', { name: /The Cold War alliance/ })).toBeChecked();
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // Nothing is wider than a small phone.
  await page.setViewportSize({ width: 360, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true
  );
  await page.setViewportSize({ width: 390, height: 844 });

  // Each goal says what it costs in time.
  await expect(page.getByRole('radio', { name: /^10 about 5 min on the first day/ })).toBeVisible();

  const decks = page.getByRole('group', { name: 'What to study' });
  for (const box of await decks.getByRole('checkbox').all()) await box.uncheck();
  await page.getByRole('button', { name: 'Start with this plan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Choose at least one deck to study.');

  await decks.getByRole('checkbox', { name: /The Cold War alliance/ }).check();
  await decks.getByRole('checkbox', { name: /Wartime aid/ }).check();
  await page.getByRole('radio', { name: /^10 / }).check();
  await page.getByRole('button', { name: 'Start with this plan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '10 cards to study' })).toBeVisible();
  await expect(page.getByText('0 to review, 10 new')).toBeVisible();
  const rows = page.locator('.decks > li');
  await expect(rows).toHaveCount(2);
  await expect(
    page.getByText('Studying 2 decks of your choice, 10 new facts a day.')
  ).toBeVisible();

  // A reload keeps the plan.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '10 cards to study' })).toBeVisible();

  // New facts start with recognising: a fast right answer is proposed Good, never Easy,
  // and brings the card back within the day.
  const questions = await questionsOf(page, ['cold-war-alliance', 'wartime-aid']);
  await page.getByRole('link', { name: 'Start studying' }).click();
  let checked = 0;
  for (let i = 0; i < 10 && checked < 2; i++) {
    const view = page.locator('[data-kind]');
    await expect(view).toBeVisible();
    const kind = await view.getAttribute('data-kind');
    const prompt = (await view.locator('.prompt').first().textContent())!.trim();
    const question = questions.find(
      (q) => (q.kind === 'truefalse' ? q.statement : q.prompt) === prompt && q.kind === kind
    );
    expect(question, `a question of the chosen decks: ${prompt}`).toBeDefined();
    expect(['choice', 'truefalse']).toContain(kind);
    await page.clock.runFor(1_500);
    await page
      .getByRole('group', { name: 'Options' })
      .getByRole('button', { name: question!.answer, exact: true })
      .click();
    await expect(page.getByText('Correct', { exact: true })).toBeVisible();
    const good = page.getByRole('button', { name: /^Good/ });
    await expect(good).toHaveAttribute('aria-pressed', 'true');
    await expect(good).toContainText('(proposed)');
    await expect(good).toContainText(/\d+ (min|h)/);
    await expect(page.getByText('Good: recognising is easier than recalling.')).toBeVisible();
    if (kind === 'truefalse') checked++;
    await page.getByRole('button', { name: /Continue/ }).click();
  }
});

test('Settings changes the plan later, and skipping the setup keeps every deck', async ({
  page
}) => {
  await page.clock.install({ time: DAY1 });
  await page.goto('/');
  await page.getByRole('button', { name: /^Skip/ }).click({ timeout: 20_000 });
  const heading = page.getByRole('heading', { level: 1, name: /cards to study/ });
  await expect(heading).toBeVisible();
  await expect(page.getByText(/, 20 new/)).toBeVisible();
  // The Skip button sits at the bottom of a long form: Today starts from its top.
  await expect(heading).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.goto('/settings');
  const plan = page.getByRole('region', { name: 'Study plan' });
  await plan.getByRole('radio', { name: /^5 / }).check();
  await plan.getByRole('button', { name: 'Save the plan' }).click();
  await expect(plan.getByRole('status')).toHaveText('Saved: every deck, 5 new facts a day.');
  expect(await violations(page)).toEqual([]);
  await page.goto('/');
  await expect(page.getByText(/, 5 new/)).toBeVisible();
});
