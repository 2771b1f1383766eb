import { expect, test } from '@playwright/test';

test.use({ timezoneId: 'UTC' });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`practice modes (${colorScheme})`, async ({ page }) => {
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const shot = (name: string, fullPage = false) =>
      page.screenshot({ path: `docs/screenshots/${name}-${colorScheme}.png`, fullPage });

    await page.goto('/practice');
    await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked();
    await shot('practice-setup');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText('Question 1 of 10')).toBeVisible();
    await shot('practice-question');
    await page.getByRole('button', { name: 'Finish now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Your score/ })).toBeVisible();
    await shot('practice-results');

    await page.goto('/practice/timeline');
    await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('list', { name: 'Events, earliest first' })).toBeVisible();
    await shot('timeline');

    await page.goto('/practice/match');
    await expect(page.getByRole('checkbox', { name: 'The Cold War alliance' })).toBeChecked();
    await page.getByRole('button', { name: 'Start' }).click();
    const first = page.getByRole('group', { name: 'Matches' }).getByRole('button').first();
    await first.click();
    await shot('match');
  });
}
