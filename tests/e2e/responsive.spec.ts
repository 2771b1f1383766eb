import { expect, test } from '@playwright/test';
import type { DeckIndex } from '../../src/lib/deck/types';
import { phone } from './helpers';

test.use({ viewport: phone });

test('the page answers a click on the navigation within 100 ms while a first visit installs the decks', async ({
  page
}) => {
  // A mid-range phone: the CPU four times slower.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // A probe records how long each press waited for the main thread.
  await page.addInitScript(() => {
    const delays: number[] = [];
    (window as unknown as { inputDelays: number[] }).inputDelays = delays;
    addEventListener('pointerdown', (event) => delays.push(performance.now() - event.timeStamp), {
      capture: true
    });
  });
  // The last deck's file waits for the click, so the click surely lands during the install.
  const index = (await (await page.request.get('/decks/index.json')).json()) as DeckIndex;
  const last = `**/decks/${index.decks.at(-1)!.id}.json`;
  let release = () => {};
  const clicked = new Promise<void>((resolve) => (release = resolve));
  await page.context().route(last, async (route) => {
    await clicked;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByRole('status')).toContainText('Preparing decks…');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  release();
  // The screen the click asked for came.
  await expect(page.getByRole('heading', { level: 1, name: 'Decks' })).toBeVisible();
  const delays = await page.evaluate(
    () => (window as unknown as { inputDelays: number[] }).inputDelays
  );
  expect(delays).toHaveLength(1);
  expect(delays[0]).toBeLessThan(100);
  // And the install went on to the end.
  await page.waitForFunction(() => performance.getEntriesByName('sd:decks-install-end').length > 0);
});
