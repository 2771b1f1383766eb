import { expect, test } from '@playwright/test';
import { seed } from '../e2e/stats-profile';

test.use({ timezoneId: 'UTC' });

// The statistics screen over a seeded profile of 1,000 answers, for the README.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`statistics (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await seed(page);
    await page.goto('/stats?period=90');
    await expect(page.getByTestId('log-loss')).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/stats-${colorScheme}.png` });
  });
}
