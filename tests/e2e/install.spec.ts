import { expect, test, type Page } from '@playwright/test';
import type { DeckIndex } from '../../src/lib/deck/types';
import {
  deleteAppDatabase,
  phone,
  readStore,
  reloadOffline,
  waitForServiceWorkerControl
} from './helpers';

test.use({ viewport: phone });

/** The decks and the number of cards the app's database holds. */
async function stored(page: Page) {
  const decks = await readStore<{ id: string; updatedAt: number }>(page, 'decks');
  return { decks, cards: (await readStore(page, 'cards')).length };
}

test('a first visit installs every deck with progress, and a reload half-way loses nothing', async ({
  page
}) => {
  const index = (await (await page.request.get('/decks/index.json')).json()) as DeckIndex;
  const total = index.decks.length;
  const facts = index.decks.reduce((n, d) => n + d.factCount, 0);
  const held = index.decks[3]!.id;

  // The fourth deck's file is held back, so the install stops half-way where the test sees it.
  let release = () => {};
  const holding = new Promise<void>((resolve) => (release = resolve));
  await page.context().route(`**/decks/${held}.json`, async (route) => {
    await holding;
    // The reload may have cancelled the request meanwhile.
    await route.continue().catch(() => undefined);
  });

  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText(`Preparing decks… 3 of ${total}`);
  const before = await stored(page);
  expect(before.decks.map((d) => d.id).sort()).toEqual(
    index.decks
      .slice(0, 3)
      .map((d) => d.id)
      .sort()
  );

  // The learner reloads while the install waits: what was written stays, the rest follows.
  await page.context().unroute(`**/decks/${held}.json`);
  release();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your study' })).toBeVisible({
    timeout: 30_000
  });
  // The setup offers every deck only once the install is finished.
  await expect(
    page.getByRole('group', { name: 'What to study' }).getByRole('checkbox')
  ).toHaveCount(total, { timeout: 30_000 });
  const after = await stored(page);
  expect(after.decks.map((d) => d.id).sort()).toEqual(index.decks.map((d) => d.id).sort());
  expect(after.cards).toBe(facts);
  // The decks written before the reload were not written again.
  for (const deck of before.decks) {
    expect(after.decks.find((d) => d.id === deck.id)?.updatedAt).toBe(deck.updatedAt);
  }
  await page.getByRole('button', { name: /^Skip/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '20 cards to study' })).toBeVisible();
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('with the network gone, the install runs from what the service worker keeps', async ({
    page,
    context
  }) => {
    const index = (await (await page.request.get('/decks/index.json')).json()) as DeckIndex;
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your study' })).toBeVisible({
      timeout: 30_000
    });
    // The learner's storage is emptied (a browser may clear it); then the network goes.
    await deleteAppDatabase(page);
    await reloadOffline(page, context);
    await expect(
      page.getByRole('group', { name: 'What to study' }).getByRole('checkbox')
    ).toHaveCount(index.decks.length, { timeout: 30_000 });
    expect((await stored(page)).cards).toBe(index.decks.reduce((n, d) => n + d.factCount, 0));
    await page.getByRole('button', { name: /^Skip/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '20 cards to study' })).toBeVisible();
  });
});
