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

// The optimiser on the same profile, its fit done: the log loss before and after.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`optimiser (${colorScheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await seed(page);
    await page.goto('/stats?period=90');
    const section = page.getByTestId('optimise-scheduler');
    await section.getByRole('button', { name: 'Fit my parameters' }).click();
    await expect(section.getByTestId('logloss-after')).toBeVisible({ timeout: 150_000 });
    await page
      .locator('nav.app-nav')
      .evaluate((nav) => ((nav as HTMLElement).style.display = 'none'));
    await section.screenshot({ path: `docs/screenshots/optimise-${colorScheme}.png` });
  });
}
