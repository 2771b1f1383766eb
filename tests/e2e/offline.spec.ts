import { expect, test } from '@playwright/test';
import { reloadOffline, waitForServiceWorkerControl } from './helpers';

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('the shell keeps working offline after one visit', async ({ page, context }) => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await reloadOffline(page, context);

    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

    // Moving around works offline, by link and by typing an address.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await page.goto('/decks');
    await expect(page.getByRole('heading', { name: 'Decks', level: 1 })).toBeVisible();
  });
});

test.describe('control: service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the same offline reload fails without the service worker', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    // This is the failure the service worker exists to prevent.
    await expect(reloadOffline(page, context)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });
});
