import { expect, test, type Page } from '@playwright/test';
import type { DeckFile } from '../../src/lib/deck/types';

test.use({ timezoneId: 'UTC' });
const DAY1 = new Date('2026-11-23T09:00:00Z');

const viewports = [
  { width: 390, height: 844 },
  { width: 360, height: 640 }
];

/** The typed questions of a built-in deck by prompt, with the right answer. */
async function typedAnswers(page: Page, deckId: string): Promise<Map<string, string>> {
  const deck = (await (await page.request.get(`/decks/${deckId}.json`)).json()) as DeckFile;
  return new Map(deck.questions.filter((q) => q.kind === 'typed').map((q) => [q.prompt, q.answer]));
}

/** Starts a typed-answer practice test of one topic of one deck, all its facts. */
async function startTypedTest(page: Page, deckTitle: string, topicTitle: string) {
  await page.goto('/practice');
  const decks = page.getByRole('group', { name: 'Decks' });
  await expect(decks.getByRole('checkbox').first()).toBeVisible();
  for (const box of await decks.getByRole('checkbox').all()) await box.uncheck();
  await decks.getByRole('checkbox', { name: deckTitle }).check();
  await page.getByText('Topics (all unless you choose)').click();
  await page.getByRole('checkbox', { name: topicTitle }).check();
  const kinds = page.getByRole('group', { name: 'Questions' });
  for (const box of await kinds.getByRole('checkbox').all()) await box.uncheck();
  await kinds.getByRole('checkbox', { name: 'Typed answer' }).check();
  await page.getByLabel('How many').selectOption('20');
  await page.getByRole('button', { name: 'Start' }).click();
}

for (const viewport of viewports) {
  test(`typed answers naming another person are wrong, a mistyped "the" is not (${viewport.width}×${viewport.height})`, async ({
    page
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    await page.clock.install({ time: DAY1 });

    // Kim Yong-il and Kim Yong Nam are in one deck; Kim Jong Il and Kim Jong Nam in others.
    const confusions = new Map([
      ['Kim Yong-il', 'Kim Jong Il'],
      ['Kim Yong Nam', 'Kim Jong Nam']
    ]);
    await runTest(
      page,
      'development-model',
      'Vietnam as a development model',
      'Delegations and study visits',
      (right) => confusions.get(right) ?? right
    );
    const review = page.getByRole('listitem').filter({ hasText: 'Right answer:' });
    for (const [right, given] of confusions) {
      const item = review.filter({ hasText: `Your answer: ${given}` });
      await expect(item).toContainText(`Right answer: ${right}`);
      await expect(item).toContainText('Typed answer · 0%');
    }
    const count = await review.count();
    await expect(page.getByText(`${count - 2} of ${count} fully right`)).toBeVisible();

    // The mausoleum with "the" mistyped is right.
    await runTest(
      page,
      'hanoi-summit-2019',
      "The 2019 Hanoi summit and Kim Jong-un's visit",
      "Kim's official friendship visit",
      (right) => (right === 'the Ho Chi Minh Mausoleum' ? 'het Ho Chi Minh Mausoleum' : right)
    );
    const mausoleum = page
      .getByRole('listitem')
      .filter({ hasText: 'Your answer: het Ho Chi Minh Mausoleum' });
    await expect(mausoleum).toContainText('Typed answer · 100%');
    await expect(page.getByRole('heading', { level: 1, name: 'Your score: 100%' })).toBeVisible();
  });
}

async function runTest(
  page: Page,
  deckId: string,
  deckTitle: string,
  topicTitle: string,
  answerFor: (right: string) => string
) {
  const answers = await typedAnswers(page, deckId);
  await startTypedTest(page, deckTitle, topicTitle);
  const counter = page.getByText(/^Question \d+ of \d+$/);
  await expect(counter).toBeVisible();
  const total = Number((await counter.textContent())!.match(/of (\d+)/)![1]);
  for (let i = 0; i < total; i++) {
    await expect(page.getByText(`Question ${i + 1} of ${total}`)).toBeVisible();
    const prompt = (await page.locator('[data-kind] h2').first().textContent())!.trim();
    const right = answers.get(prompt);
    expect(right, `a typed question of the deck: ${prompt}`).toBeDefined();
    await page.getByRole('textbox').fill(answerFor(right!));
    await page.getByRole('textbox').press('Enter');
  }
  await expect(page.getByRole('heading', { level: 1, name: /^Your score: \d+%$/ })).toBeVisible();
}
