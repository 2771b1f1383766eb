import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { answerByKeyboard, skipSetup } from '../e2e/helpers';

const mixed = resolve('../shared/fixtures/anki/mixed-legacy-2.apkg');

test.use({ timezoneId: 'UTC' });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`import preview (${colorScheme})`, async ({ page }) => {
    test.skip(!existsSync(mixed), 'the shared fixtures are not beside the project');
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/');
    await skipSetup(page);
    await page.goto('/decks/import');
    await page.screenshot({ path: `docs/screenshots/import-${colorScheme}.png` });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'mixed-legacy-2.apkg',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(mixed)
    });
    const preview = page.getByRole('region', { name: 'What will be imported' });
    await expect(preview).toBeVisible();
    // The bar at the bottom would lie across an element's picture.
    await page
      .locator('nav.app-nav')
      .evaluate((nav) => ((nav as HTMLElement).style.display = 'none'));
    await preview.screenshot({ path: `docs/screenshots/import-preview-${colorScheme}.png` });
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`an imported Image Occlusion card (${colorScheme})`, async ({ page }) => {
    test.skip(!existsSync(mixed), 'the shared fixtures are not beside the project');
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/');
    await skipSetup(page);
    await page.goto('/decks/import');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'mixed-legacy-2.apkg',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(mixed)
    });
    const preview = page.getByRole('region', { name: 'What will be imported' });
    await preview.getByRole('button', { name: /^Import \d+ cards$/ }).click();
    await page.getByRole('link', { name: 'Study it now' }).click();
    // Answer through the session until a picture comes.
    const picture = page.getByRole('img', { name: /^Picture from the imported card/ });
    for (let i = 0; i < 40; i++) {
      await page.locator('[data-kind]').waitFor();
      if (await picture.isVisible()) break;
      await answerByKeyboard(page);
    }
    await expect(picture).toBeVisible();
    await expect(page.locator('figure svg .target')).toHaveCount(1);
    await page.screenshot({ path: `docs/screenshots/occlusion-${colorScheme}.png` });
    await page.keyboard.press('Space');
    await expect(page.locator('figure svg .target')).toHaveCount(0);
    await page.screenshot({ path: `docs/screenshots/occlusion-answer-${colorScheme}.png` });
  });
}
