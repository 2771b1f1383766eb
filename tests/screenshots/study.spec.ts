import { expect, test } from '@playwright/test';

test.use({ timezoneId: 'UTC' });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`study session (${colorScheme})`, async ({ page }) => {
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/study?decks=cold-war-alliance');
    const option = page.locator('[data-kind] .option').first();
    await expect(option).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/study-question-${colorScheme}.png` });
    await option.click();
    await expect(page.getByRole('button', { name: /Continue/ })).toBeVisible();
    // The screen as the learner sees it: the ratings and Continue stay at the bottom while
    // the feedback scrolls under them (a full-page capture would float them mid-page).
    await page.screenshot({ path: `docs/screenshots/study-feedback-${colorScheme}.png` });
  });
}
