import { expect, test } from '@playwright/test';
import { answerByKeyboard, keptAnswers, openToday, phone, readStore } from './helpers';

test.use({ viewport: phone });

type LogRow = { type: string; id: number; undoes?: number };

test('a full device during an answer says so, writes nothing, and the answer can be given again', async ({
  page
}) => {
  // The device fills up on demand: every IndexedDB write then fails as a full disk does.
  await page.addInitScript(() => {
    const flag = window as unknown as { storageFull: boolean };
    flag.storageFull = false;
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (flag.storageFull)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return (original as (...a: unknown[]) => IDBRequest).apply(this, args);
      } as never;
    }
  });
  await openToday(page);
  await page.getByRole('link', { name: 'Start studying' }).click();
  await answerByKeyboard(page);
  const before = keptAnswers(await readStore<LogRow>(page, 'log'));
  expect(before).toHaveLength(1);

  await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = true));
  const question = page.locator('[data-kind]');
  const kind = await question.getAttribute('data-kind');
  if (kind === 'flashcard') {
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
  } else if (kind === 'choice' || kind === 'truefalse') await page.keyboard.press('a');
  else {
    await page.getByRole('textbox', { name: 'Your answer' }).fill('no idea');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('alert')).toContainText('out of storage space');

  // Space is freed; the learner reloads: the first answer is there, the second never half-written.
  await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = false));
  await page.reload();
  await expect(page.locator('[data-kind]')).toBeVisible();
  expect(keptAnswers(await readStore<LogRow>(page, 'log'))).toEqual(before);
  await answerByKeyboard(page);
  expect(keptAnswers(await readStore<LogRow>(page, 'log'))).toHaveLength(2);
});
