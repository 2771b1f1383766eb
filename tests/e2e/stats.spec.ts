import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { phone } from './helpers';
import { DAY, DECK_A, DECK_B, NOW, TODAY, expected, putMemory, seed } from './stats-profile';

test.use({ timezoneId: 'UTC', viewport: phone });

test('the statistics screen shows the numbers of a seeded year of study', async ({ page }) => {
  test.setTimeout(120_000);
  const { rows } = await seed(page);
  expect(rows).toHaveLength(1000);

  // Today links to the statistics.
  await page.goto('/');
  await page.getByRole('link', { name: 'Statistics' }).click();
  await expect(page).toHaveURL(/\/stats$/);
  await expect(page.getByRole('heading', { level: 1, name: 'All your decks' })).toBeVisible();

  const month = expected(rows, TODAY - 29);
  await expect(page.getByTestId('total-answers')).toHaveText(String(month.answers));
  expect(month.answers).toBe(310); // 29 days of ten and today's twenty
  await expect(page.getByTestId('streak')).toHaveText('49 days streak; longest 50 days.');
  await expect(
    page.getByText('1,000 answers on 99 days of the last 365; the most on Mon 23 Nov, 20.')
  ).toBeVisible();

  // The forecast: three overdue, two today (one a minute after the day's start, one a
  // minute before the next), one tomorrow (a minute after its start).
  await expect(
    page.getByText('3 overdue. 2 due today, 1 tomorrow, 3 in the next 7 days and 3 in the next 30.')
  ).toBeVisible();

  // True retention by form, and the sentence about recognition.
  const forms = page.getByTestId('retention-forms');
  for (const [name, share] of [
    ['Recognition', month.recognition],
    ['Production', month.production],
    ['Recall', month.recall],
    ['All reviews', month.all]
  ] as const) {
    const row = forms.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row.getByRole('cell')).toHaveText([share.percent, String(share.total)]);
  }
  expect(month.recognition.percent).toBe('90%');
  expect(month.production.percent).toBe('67%');
  await expect(page.getByTestId('flatters')).toContainText(
    `recognition questions far more often than production ones: ${month.recognition.percent} against ${month.production.percent}`
  );
  const decks = page.getByTestId('retention-decks');
  await expect(decks.getByRole('row')).toHaveCount(3);

  // Calibration: every review predicted at 90%, in the last bin.
  const bins = page.getByRole('table', { name: 'Reviews by predicted recall' });
  await expect(bins.getByRole('row', { name: /^90–100%/ }).getByRole('cell')).toHaveText([
    String(month.all.total),
    '90%',
    month.all.percent
  ]);
  await expect(bins.getByRole('row', { name: /^0–10%/ }).getByRole('cell')).toHaveText([
    '0',
    '—',
    '—'
  ]);
  await expect(page.getByTestId('log-loss')).toHaveText(month.logLoss);

  // The whole history: every answer, and every fact learned.
  await page.getByRole('radio', { name: 'All', exact: true }).check();
  await expect(page).toHaveURL(/period=all/);
  const whole = expected(rows, -Infinity);
  await expect(page.getByTestId('total-answers')).toHaveText('1,000');
  await expect(page.getByTestId('total-learned')).toHaveText(String(whole.learned));
  expect(whole.learned).toBe(72);

  // One deck, chosen on the screen.
  await page.getByLabel('Decks').selectOption(DECK_B);
  await expect(page).toHaveURL(new RegExp(`deck=${DECK_B}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Wartime aid' })).toBeVisible();
  await expect(page.getByTestId('total-answers')).toHaveText(
    String(rows.filter((r) => r.deckId === DECK_B).length)
  );
  // Both decks were studied on the same days.
  await expect(page.getByTestId('streak')).toHaveText('49 days streak; longest 50 days.');
  await expect(page.getByText('3 overdue. 2 due today')).toBeVisible();

  // The charts say what they show in words, and the page fits a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a deck links to its statistics, and a fact shows its history', async ({ page }) => {
  test.setTimeout(120_000);
  const { rows } = await seed(page);
  await page.goto(`/decks/${DECK_A}`);
  await page.getByRole('link', { name: 'Statistics' }).click();
  await expect(page).toHaveURL(new RegExp(`/stats\\?deck=${DECK_A}$`));
  await expect(page.getByRole('heading', { level: 1, name: /alliance/i })).toBeVisible();
  const deckRows = rows.filter((r) => r.deckId === DECK_A && r.day > TODAY - 30);
  await expect(page.getByTestId('total-answers')).toHaveText(String(deckRows.length));
  // The deck's own scheduler: its answers alone, following the collection until fitted.
  const scheduler = page.getByRole('region', { name: 'This deck’s scheduler' });
  const deckAnswers = rows.filter((r) => r.deckId === DECK_A).length;
  await expect(scheduler.getByTestId('review-count')).toContainText(
    `${deckAnswers.toLocaleString('en')} answers in this deck so far`
  );
  await expect(scheduler).toContainText(
    'This deck follows the parameters of your whole collection'
  );
  await expect(scheduler.getByRole('button', { name: 'Fit to this deck' })).toBeVisible();

  const factId = rows[0]!.factId;
  const own = rows.filter((r) => r.factId === factId);
  // The card as its last answer left it: stability 10 days, reviewed 10 days before now.
  await putMemory(page, factId, { ...own.at(-1)!.after, lastReview: NOW - 10 * DAY, due: NOW });
  await page.goto(`/decks/${DECK_A}/facts/${factId}`);
  const history = page.getByRole('region', { name: 'Your answers to this fact' });
  await expect(history.getByRole('row')).toHaveCount(own.length + 1);
  // The first answer, when the card was new, as the learner gave it.
  await expect(history.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(
    own[0]!.kind === 'choice'
      ? 'Multiple choice'
      : own[0]!.kind === 'typed'
        ? 'Typed answer'
        : 'Flashcard'
  );
  // Recall after one stability is 90%.
  const memory = page.getByRole('region', { name: 'Your history' }).getByRole('definition');
  await expect(memory.first()).toHaveText('90%');
  await expect(memory.nth(1)).toHaveText('10 days');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the statistics screen (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await seed(page);
    await page.goto('/stats');
    await expect(page.getByTestId('log-loss')).toBeVisible();
    // The tables behind the charts too.
    for (const summary of await page.locator('summary').all()) await summary.click();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
    ).toEqual([]);
  });
}
