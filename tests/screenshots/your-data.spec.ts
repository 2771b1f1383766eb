import { expect, test } from '@playwright/test';
import { answerByKeyboard, openToday } from '../e2e/helpers';

test.use({ timezoneId: 'UTC' });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`your data: backup and export (${colorScheme})`, async ({ page }) => {
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openToday(page);
    await page.getByRole('link', { name: 'Start studying' }).click();
    for (let i = 0; i < 3; i++) await answerByKeyboard(page);

    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Your data' });
    const downloading = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Back up' }).click();
    await downloading;
    await expect(section.getByRole('status')).toContainText('Saved');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `docs/screenshots/backup-${colorScheme}.png` });

    await page.goto('/decks/cold-war-alliance');
    const exportSection = page.getByRole('region', { name: 'Take it elsewhere' });
    const ankiFile = page.waitForEvent('download');
    await exportSection.getByRole('button', { name: 'Download for Anki' }).click();
    await ankiFile;
    await expect(exportSection.getByRole('status')).toContainText('Saved');
    // The section ends the page: scrolled to the end, the navigation bar does not cover it.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, document.body.scrollHeight);
    });
    await exportSection.screenshot({ path: `docs/screenshots/export-${colorScheme}.png` });
  });
}
